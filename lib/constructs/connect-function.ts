import * as path from 'path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { IConnectInstance } from './connect-instance';
import { handlerCode } from './handler-code';

/** Folder holding one sub-folder per handler (`lambdas/<name>/index.ts`). */
export const LAMBDAS_DIR = path.join(__dirname, '..', '..', 'lambdas');

/** The longest Amazon Connect waits for a flow's Lambda (`InvocationTimeLimitSeconds` is 1 to 8). */
export const CONNECT_MAX_SECONDS = 8;

/**
 * esbuild options shared by every handler. They are identical on purpose: NodejsFunction
 * bundles each distinct configuration once, so per-function differences would multiply
 * synth time. Per-jurisdiction values go in environment variables, never in `define`.
 */
/** The runtime every contact-flow function runs on. */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_24_X;

export const BUNDLING: nodejs.BundlingOptions = Object.freeze({
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node24',
  format: nodejs.OutputFormat.CJS,
  // The Node.js runtime ships AWS SDK v3; bundling it would add ~500 KB per function.
  externalModules: ['@aws-sdk/*'],
  forceDockerBundling: false,
});

/** Properties of {@link ConnectFunction}. */
export interface ConnectFunctionProps {
  /** Handler folder under lambdas/, e.g. `case-status`. */
  readonly handlerName: string;
  /** What the function does, for the console and auditors. */
  readonly description: string;
  /** The Amazon Connect instance the function serves. */
  readonly instance: IConnectInstance;
  /** Customer-managed key for the function's log group. */
  readonly logKey: kms.IKey;
  /**
   * Environment variables (typed values are the caller's job; everything here is a string).
   * @default - only the Powertools settings
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Function timeout. Flows wait at most 8 seconds, so longer makes no sense for flow Lambdas.
   * @default Duration.seconds(8)
   */
  readonly timeout?: Duration;
  /**
   * Memory in MB (CPU scales with it).
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Reserved concurrency, to cap the function or guarantee it capacity.
   * @default - unreserved (shares the account's pool)
   */
  readonly reservedConcurrency?: number;
  /**
   * Days the function's logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Let the instance invoke the function and register it (integration association), so flows
   * can call it. Lex code hooks are invoked by Lex, not by a flow, and set this to false.
   * @default true
   */
  readonly invokedByConnect?: boolean;
}

/**
 * A Lambda function for Amazon Connect: bundled locally by esbuild's API in process (no Docker,
 * cached across runs: see handler-code.ts), minified with
 * source maps, arm64, Node.js 24, X-Ray tracing, its own KMS-encrypted log group with
 * retention, a role with nothing but what is granted to it, a resource policy that lets only
 * this account's instance invoke it, and the instance's integration association.
 */
export class ConnectFunction extends Construct {
  /** The function. */
  public readonly function: nodejs.NodejsFunction;
  /** Its log group. */
  public readonly logGroup: logs.LogGroup;
  /** Its execution role. */
  public readonly role: iam.Role;
  /**
   * The instance's integration association of the function: flows that invoke it must be created
   * after it (see `ContactFlowsProps.integrations`). Undefined when `invokedByConnect` is false.
   */
  public readonly association?: connect.CfnIntegrationAssociation;

  constructor(scope: Construct, id: string, props: ConnectFunctionProps) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.seconds(CONNECT_MAX_SECONDS);
    if (!/^[a-z][a-z0-9-]*$/.test(props.handlerName)) {
      throw new Error(`${this.node.path}: handlerName ${JSON.stringify(props.handlerName)} must be a lower-case folder name under lambdas/`);
    }

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An explicit role instead of the AWSLambdaBasicExecutionRole managed policy: logging rights
    // come from the log group grant below and cover this one log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.handlerName} Amazon Connect function`,
    });

    const entry = path.join(LAMBDAS_DIR, props.handlerName, 'index.ts');
    const projectRoot = path.join(LAMBDAS_DIR, '..');
    const runtime = HANDLER_RUNTIME;
    this.function = new nodejs.NodejsFunction(this, 'Resource', {
      entry,
      ...handlerCode(this, { entry, exportName: 'handler', projectRoot, bundling: BUNDLING, runtime }),
      projectRoot,
      depsLockFilePath: path.join(LAMBDAS_DIR, '..', 'package-lock.json'),
      description: props.description,
      runtime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout,
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      reservedConcurrentExecutions: props.reservedConcurrency,
      bundling: BUNDLING,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.handlerName,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        // Stack traces in the logs point at the TypeScript source.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });
    this.logGroup.grantWrite(this.role);

    if (props.invokedByConnect ?? true) {
      this.function.addPermission('AllowConnectInstance', {
        principal: new iam.ServicePrincipal('connect.amazonaws.com'),
        action: 'lambda:InvokeFunction',
        sourceArn: props.instance.instanceArn,
        sourceAccount: Stack.of(this).account,
      });
      this.association = new connect.CfnIntegrationAssociation(this, 'Association', {
        instanceId: props.instance.instanceArn,
        integrationType: 'LAMBDA_FUNCTION',
        integrationArn: this.function.functionArn,
      });
    }
  }
}
