import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { START_CHAT_REQUEST_JSON_SCHEMA } from '../../lambdas/chat-start/request';
import { CHAT_ORIGIN } from '../config/schema';
import { ConnectFunction } from './connect-function';
import { IConnectInstance } from './connect-instance';

/** The stage the chat API is deployed to; part of the URL the widget calls. */
export const CHAT_API_STAGE = 'v1';
/** The path of the start-chat method. */
export const CHAT_API_PATH = 'chat';

/** Properties of {@link WebChatApi}. */
export interface WebChatApiProps {
  /** The instance chats start in. */
  readonly instance: IConnectInstance;
  /** ARN of the contact flow chats start in (the jurisdiction's chat-inbound flow). */
  readonly chatFlowArn: string;
  /** Customer-managed key of the API's access logs and the function's logs. */
  readonly logKey: kms.IKey;
  /** HTTPS origins of the web sites allowed to start chats (CORS and the instance's approved origins). */
  readonly allowedOrigins: readonly string[];
  /** Languages a chat may start in (BCP 47, e.g. `en-US`). */
  readonly languages: readonly string[];
  /**
   * Topics a chat may start on, each with the ARN of its queue, or `''` to route by language.
   * @default - no topic is accepted
   */
  readonly topics?: ReadonlyMap<string, string>;
  /**
   * Stage throttling: steady-state requests per second.
   * @default 10
   */
  readonly rateLimit?: number;
  /**
   * Stage throttling: burst of requests.
   * @default 20
   */
  readonly burstLimit?: number;
  /**
   * AWS WAF rate-based rule: requests one client IP may make in 5 minutes.
   * @default 100
   */
  readonly wafRequestsPer5Minutes?: number;
  /**
   * Reserved concurrency of the start-chat function.
   * @default - unreserved (the account pool)
   */
  readonly reservedConcurrency?: number;
  /**
   * Days the API access logs and the function's logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The regional API a citizen's browser starts a web chat through: API Gateway REST (regional
 * endpoint, request body validated against a model, stage throttling, JSON access logs to a
 * KMS-encrypted log group, X-Ray), protected by an AWS WAF web ACL (a rate-based rule per client
 * IP and the AWS managed common and known-bad-inputs rule groups), in front of the `chat-start`
 * function, which may call `connect:StartChatContact` on this instance's chat flow only. CORS and
 * the instance's `AWS::Connect::ApprovedOrigin`s come from the same origin list.
 */
export class WebChatApi extends Construct {
  /** The REST API. */
  public readonly api: apigateway.RestApi;
  /** The start-chat function. */
  public readonly handler: ConnectFunction;
  /** The web ACL in front of the API's stage. */
  public readonly webAcl: wafv2.CfnWebACL;
  /** The access log group of the stage. */
  public readonly accessLogs: logs.LogGroup;
  /** The instance chats start in. */
  public readonly instance: IConnectInstance;
  /** The URL the widget posts to (`https://<id>.execute-api.<region>.amazonaws.com/v1/chat`). */
  public readonly startChatUrl: string;

  constructor(scope: Construct, id: string, props: WebChatApiProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.allowedOrigins.length === 0) problems.push('allowedOrigins must list at least one HTTPS origin');
    for (const origin of props.allowedOrigins) if (!CHAT_ORIGIN.test(origin)) problems.push(`allowedOrigins: ${JSON.stringify(origin)} is not an HTTPS origin such as "https://example.gov"`);
    if (props.languages.length === 0) problems.push('languages must list at least one language');
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    const stack = Stack.of(this);
    this.instance = props.instance;
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    const topics = props.topics ?? new Map<string, string>();

    this.handler = new ConnectFunction(this, 'Handler', {
      handlerName: 'chat-start',
      description: 'Starts a web chat on the chat flow for a browser on an approved web site',
      instance: props.instance,
      logKey: props.logKey,
      logRetention: retention,
      invokedByConnect: false,
      reservedConcurrency: props.reservedConcurrency,
      timeout: Duration.seconds(10),
      environment: {
        INSTANCE_ID: props.instance.instanceId,
        // The flow's id is the last part of its ARN (instance/<id>/contact-flow/<flow id>).
        CONTACT_FLOW_ID: Fn.select(3, Fn.split('/', props.chatFlowArn)),
        ALLOWED_ORIGINS: JSON.stringify(props.allowedOrigins),
        CHAT_LANGUAGES: JSON.stringify(props.languages),
        CHAT_TOPICS: stack.toJsonString(Object.fromEntries(topics)),
      },
    });
    // StartChatContact authorizes the contact flow it starts and the contact it creates
    // (Service Authorization Reference, Amazon Connect): this flow and this instance's contacts only.
    this.handler.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['connect:StartChatContact'],
        resources: [props.chatFlowArn, `${props.instance.instanceArn}/contact/*`],
      }),
    );

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { encryptionKey: props.logKey, retention, removalPolicy: RemovalPolicy.RETAIN });

    this.api = new apigateway.RestApi(this, 'Resource', {
      description: 'Starts Amazon Connect web chats for the jurisdiction web sites',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Execution logs need an account-wide API Gateway role and go to a log group without a CMK;
      // the access logs below record every request instead.
      cloudWatchRole: false,
      deployOptions: {
        stageName: CHAT_API_STAGE,
        throttlingRateLimit: props.rateLimit ?? 10,
        throttlingBurstLimit: props.burstLimit ?? 20,
        tracingEnabled: true,
        metricsEnabled: true,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogs),
        // No user, caller or body fields: the request id, time, route, status and source IP.
        accessLogFormat: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.resourcePath',
            status: '$context.status',
            length: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            wafStatus: '$context.waf.status',
            error: '$context.error.messageString',
          }),
        ),
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: ['POST', 'OPTIONS'],
        allowHeaders: ['Content-Type'],
        maxAge: Duration.minutes(10),
      },
    });

    const model = this.api.addModel('StartChatModel', {
      contentType: 'application/json',
      description: 'Start-chat request: display name, language, optional topic and page path',
      schema: { schema: apigateway.JsonSchemaVersion.DRAFT4, ...(START_CHAT_REQUEST_JSON_SCHEMA as unknown as apigateway.JsonSchema) },
    });
    const validator = this.api.addRequestValidator('BodyValidator', { validateRequestBody: true, validateRequestParameters: true });
    const method = this.api.root.addResource(CHAT_API_PATH).addMethod('POST', new apigateway.LambdaIntegration(this.handler.function, { proxy: true, allowTestInvoke: false }), {
      requestModels: { 'application/json': model },
      requestValidator: validator,
    });
    // The invoke permission names this API's POST /chat (SourceArn); the account as well, so the
    // permission reads as scoped without resolving the ARN (Control Tower CT.LAMBDA.PR.2).
    for (const child of method.node.children) {
      if (child instanceof lambda.CfnPermission) child.sourceAccount = stack.account;
    }

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: 'Rate limit and managed protections for the web chat API',
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: 'WebChatApi' },
      rules: [
        {
          name: 'RatePerClientIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.wafRequestsPer5Minutes ?? 100, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: 'WebChatRatePerClientIp' },
        },
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', { resourceArn: this.api.deploymentStage.stageArn, webAclArn: this.webAcl.attrArn });

    // Amazon Connect accepts chat widget traffic only from approved origins: the same list as CORS.
    const origins = new Construct(this, 'ApprovedOrigins');
    props.allowedOrigins.forEach((origin) => {
      new connect.CfnApprovedOrigin(origins, origin.replace(/^https:\/\//, '').replace(/[^A-Za-z0-9-]/g, '-'), {
        instanceId: props.instance.instanceArn,
        origin,
      });
    });

    this.startChatUrl = this.api.urlForPath(`/${CHAT_API_PATH}`);
  }
}

function managedRuleGroup(name: string, priority: number): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name },
  };
}
