import { CfnElement, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { REGION_CAPABILITIES } from '../config/regions';
import type { IConnectInstance } from '../constructs/connect-instance';
import type { RecordedPrompts } from '../constructs/recorded-prompts';
import type { ConnectFunction } from '../constructs/connect-function';
import type { AnalyticsStack } from '../stacks/analytics-stack';
import type { ContactCenterStack } from '../stacks/contact-center-stack';
import type { StatefulStack } from '../stacks/stateful-stack';

/** The context key that changes the CDK bootstrap qualifier (and so the asset bucket's name). */
const BOOTSTRAP_QUALIFIER_CONTEXT = '@aws-cdk/core:bootstrapQualifier';

/**
 * Every cdk-nag finding the kit acknowledges, with the reason an auditor reads.
 * This is the only file that acknowledges findings; each one names the construct it
 * applies to, never a whole stack, so a new resource with the same finding still fails.
 */

/** One acknowledged finding. */
export interface Acknowledgement {
  /** Rule id as cdk-nag reports it, e.g. `NIST.800.53.R5-S3BucketReplicationEnabled` or `AwsSolutions-IAM5[Action::s3:List*]`. */
  readonly id: string;
  /** Why the finding is acceptable, for the auditor. */
  readonly reason: string;
}

/** Findings shared by every records bucket. */
export const RECORDS_BUCKET: readonly Acknowledgement[] = [
  {
    id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
    reason:
      'Amazon Connect in AWS GovCloud runs only in us-gov-west-1. Records are protected in-region by versioning and ' +
      'Object Lock (default retention from the records schedule) with 11 nines of durability across three Availability ' +
      'Zones; cross-region replication to us-gov-east-1 needs a destination bucket and key in that region, which the agency ' +
      'provisions outside this kit if its contingency plan (CP-9) requires a second region.',
  },
];

/** Findings on the server access log bucket. */
export const ACCESS_LOG_BUCKET: readonly Acknowledgement[] = [
  ...RECORDS_BUCKET,
  {
    id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
    reason:
      'Amazon S3 delivers server access logs only to buckets encrypted with SSE-S3 (AES-256); SSE-KMS is not supported ' +
      'for a log target bucket. The logs hold request metadata, not contact data, and the bucket is private, TLS-only and versioned.',
  },
];

/** Findings on the agent event stream. */
export const AGENT_EVENT_STREAM: readonly Acknowledgement[] = [
  {
    id: 'AwsSolutions-KDS3',
    reason:
      'A customer-managed key is required: agent events are federal records and SC-12/SC-28 call for keys the agency ' +
      'controls and can revoke; the extra KMS cost at one shard is small.',
  },
];

const FIREHOSE_POLICY_REASON =
  'Policy written by the CDK Firehose construct for a role that only firehose.amazonaws.com can assume; ';

/** Findings on the IAM policies of the contact trace record Firehose. */
export const CONTACT_RECORD_DELIVERY_DESTINATION_POLICY = (bucketLogicalId: string): readonly Acknowledgement[] => [
  {
    id: 'NIST.800.53.R5-IAMNoInlinePolicy',
    reason: `${FIREHOSE_POLICY_REASON}it is attached to that one role and grants access to one bucket, one key and one log group.`,
  },
  ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
    id: `AwsSolutions-IAM5[Action::${action}]`,
    reason: `${FIREHOSE_POLICY_REASON}the ${action} action family is the set Firehose needs to write and retry multipart objects, on the contact records bucket only.`,
  })),
  {
    id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
    reason: `${FIREHOSE_POLICY_REASON}Firehose writes objects under date-partitioned keys it generates, so object ARNs in that one bucket are matched with /*.`,
  },
  ...KMS_FAMILY_ACTIONS('Firehose encrypts delivered objects with the contact records key'),
];

/** Findings on the Firehose service role (stream encryption). */
export const CONTACT_RECORD_DELIVERY_SERVICE_POLICY: readonly Acknowledgement[] = [
  {
    id: 'NIST.800.53.R5-IAMNoInlinePolicy',
    reason: `${FIREHOSE_POLICY_REASON}it lets Firehose use the streams key for server-side encryption of the delivery stream, nothing else.`,
  },
  ...KMS_FAMILY_ACTIONS('Firehose encrypts buffered records with the streams key'),
];

function KMS_FAMILY_ACTIONS(use: string): Acknowledgement[] {
  return ['kms:GenerateDataKey*', 'kms:ReEncrypt*'].map((action) => ({
    id: `AwsSolutions-IAM5[Action::${action}]`,
    reason: `${use}; ${action} covers the data-key variants KMS requires for envelope encryption, on that single key ARN.`,
  }));
}

/** Findings on the AWS Backup plan's service role. */
export const TABLE_BACKUP_ROLE: readonly Acknowledgement[] = [
  {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    reason:
      'The role is assumed only by backup.amazonaws.com for this backup selection; AWSBackupServiceRolePolicyForBackup is the ' +
      'AWS-maintained policy AWS Backup requires to snapshot DynamoDB tables and is updated by AWS as the service changes.',
  },
];

/** Findings on the survey writer policy. */
export const SURVEY_WRITER_POLICY = (bucketLogicalId: string): readonly Acknowledgement[] => [
  {
    id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/surveys/*]`,
    reason:
      'The survey function writes one object per contact under surveys/year=/month=/day=/<contactId>.json; the wildcard is ' +
      'limited to that prefix of the contact records bucket, and the action to s3:PutObject.',
  },
];

/** Findings on every Lambda function of the kit (see ConnectFunction). */
export const CONNECT_FUNCTION: readonly Acknowledgement[] = [
  {
    id: 'NIST.800.53.R5-LambdaDLQ',
    reason:
      'Amazon Connect and Amazon Lex invoke these functions synchronously; a dead-letter queue only receives failed asynchronous ' +
      'invocations and would never be used. Each failure is answered with a fallback the flow branches on and counted in CloudWatch metrics.',
  },
  {
    id: 'NIST.800.53.R5-LambdaInsideVPC',
    reason:
      'The functions call only AWS service endpoints (DynamoDB, SSM, S3) over IAM-authenticated TLS and accept no network ' +
      'connections; no private resource needs a VPC, and VPC attachment would add cold-start latency inside the 8-second flow budget.',
  },
  {
    id: 'NIST.800.53.R5-IAMNoInlinePolicy',
    reason:
      "The role's policy is generated from grants on single resources (one table, key, parameter or log group), belongs to this " +
      'one role, and is reviewed in the template with it.',
  },
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
  },
];

/** A function without reserved concurrency (the config leaves it to the account pool). */
export const UNRESERVED_FUNCTION: readonly Acknowledgement[] = [
  {
    id: 'NIST.800.53.R5-LambdaConcurrency',
    reason:
      'The jurisdiction config sets no reserved concurrency (functions.reservedConcurrency): reserving capacity in a small ' +
      'account can starve other functions or fail the deploy. Concurrency is watched with CloudWatch metrics; set the value to cap it.',
  },
];

const DEPLOY_TIME =
  'Runs only while CloudFormation creates, updates or deletes a phone number (the custom-resource provider), never on a call path; ';

/** Findings on the phone-number custom-resource provider (handler, Provider framework, waiter). */
export function phoneNumberProviderFindings(ids: {
  onEvent: string;
  isComplete: string;
  frameworkIsComplete: string;
  frameworkOnTimeout: string;
  phoneNumbersArn: string;
}): Acknowledgement[] {
  return [
    {
      id: 'NIST.800.53.R5-LambdaConcurrency',
      reason: `${DEPLOY_TIME}reserving concurrency could throttle the framework while several numbers deploy at once.`,
    },
    {
      id: 'NIST.800.53.R5-LambdaDLQ',
      reason: `${DEPLOY_TIME}invoked synchronously by the Provider framework or its waiter; every failure is returned to CloudFormation as the status reason.`,
    },
    { id: 'NIST.800.53.R5-LambdaInsideVPC', reason: `${DEPLOY_TIME}the functions call only the Amazon Connect, Lambda and Step Functions APIs.` },
    {
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason: `${DEPLOY_TIME}each policy is generated for one role of the provider, scoped to its functions, log groups and the instance's numbers.`,
    },
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray and CloudWatch Logs delivery actions of the handler and the waiter state machine support no resource-level permissions.' },
    ...[ids.onEvent, ids.isComplete, ids.frameworkIsComplete, ids.frameworkOnTimeout].map((logicalId) => ({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason: 'The Provider framework grants invoke on its own functions including their versions and aliases (the :* suffix); no other function is named.',
    })),
    {
      id: `AwsSolutions-IAM5[Resource::${ids.phoneNumbersArn}]`,
      reason:
        'Amazon Connect assigns a phone number id only when the number is claimed, so the statements name this account and region\'s phone-number/* ARNs and ' +
        'scope them by condition: ClaimPhoneNumber only for this instance and only tagging the number gcck:claimed-by and gcck:stack = this stack id; ' +
        'describe, bind, unbind and untag only numbers tagged gcck:stack = this stack id (bind and unbind also only in this instance); ' +
        'ReleasePhoneNumber only numbers tagged gcck:claimed-by = this stack id, a key TagResource and UntagResource may not name, so the role cannot release a number the stack did not claim. ' +
        'SearchAvailablePhoneNumbers and ListPhoneNumbersV2 support no condition keys and only read.',
    },
  ];
}

const PROMPT_UPLOAD =
  'Runs only while CloudFormation deploys recorded prompts (aws-s3-deployment copying the audio asset to the prompt bucket), never on a call path; ';

/**
 * Findings on the recorded prompts' upload (aws-s3-deployment's function and the role it is given).
 * @param ids the asset bucket ARN and the prompt bucket ARN as cdk-nag prints them
 */
export function promptUploadFindings(ids: { assetBucketArn: string; promptBucketArn: string }): { role: Acknowledgement[]; function: Acknowledgement[] } {
  const grants = 'Actions granted by aws-s3-deployment (Bucket.grantRead on the asset, grantReadWrite on the destination and its key); ';
  return {
    role: [
      { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: `${PROMPT_UPLOAD}the policy belongs to this one role and names only the audio asset, the prompt bucket, its key and the function's log group.` },
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${grants}the role may use them only on the two buckets and the prompt key (kms: through S3 only, per the key policy).`,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::${ids.assetBucketArn}/*]`,
        reason: `${PROMPT_UPLOAD}reads the zipped audio from the CDK bootstrap asset bucket; the object key is chosen at deploy time, so the statement names the bucket's objects.`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::${ids.promptBucketArn}/*]`,
        reason: `${PROMPT_UPLOAD}writes and prunes the audio objects of the prompt bucket, which holds nothing else.`,
      },
    ],
    function: [
      { id: 'AwsSolutions-L1', reason: `${PROMPT_UPLOAD}its runtime (Python 3.13) is chosen by aws-cdk-lib's BucketDeployment and moves with aws-cdk-lib upgrades.` },
      { id: 'NIST.800.53.R5-LambdaConcurrency', reason: `${PROMPT_UPLOAD}one invocation per deploy.` },
      { id: 'NIST.800.53.R5-LambdaDLQ', reason: `${PROMPT_UPLOAD}invoked synchronously by CloudFormation, which receives every failure as the status reason.` },
      { id: 'NIST.800.53.R5-LambdaInsideVPC', reason: `${PROMPT_UPLOAD}it calls only the S3 and KMS APIs.` },
    ],
  };
}

/** Findings on the recorded prompt audio bucket (PromptBucket). */
export const PROMPT_BUCKET: readonly Acknowledgement[] = [
  {
    id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
    reason:
      'The bucket holds copies of recorded prompt audio (announcements, hold music; no caller data) whose source is the agency\'s ' +
      'config repository; Amazon Connect keeps its own copy once a prompt is created. A lost object is restored by the next deploy.',
  },
];

/** Findings on a Lex bot's role. */
export const LEX_BOT_ROLE: readonly Acknowledgement[] = [
  { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'polly:SynthesizeSpeech, the only action of the bot role, supports no resource-level permissions.' },
  { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: 'One statement (polly:SynthesizeSpeech) for a role only lexv2.amazonaws.com of this account can assume.' },
];

/** Findings on the Athena results bucket. */
export const ATHENA_RESULTS_BUCKET: readonly Acknowledgement[] = [
  {
    id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
    reason:
      'Athena query results are temporary copies that expire after 30 days and can be re-run from the source records, which ' +
      'keep their own retention; Amazon Connect in GovCloud is single-region (us-gov-west-1).',
  },
];

/** Findings on the agent-event Firehose (Kinesis stream source, S3 destination). */
export const AGENT_EVENT_DELIVERY = (bucketArnExport: string): readonly Acknowledgement[] => [
  {
    id: 'AwsSolutions-KDF1',
    reason:
      'Firehose cannot turn on its own server-side encryption when a Kinesis data stream is the source; the records stay encrypted ' +
      'with the streams key in the stream and with the same key in S3.',
  },
  {
    id: 'NIST.800.53.R5-IAMNoInlinePolicy',
    reason: `${FIREHOSE_POLICY_REASON}it grants reading one stream and writing one bucket with one key.`,
  },
  ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
    id: `AwsSolutions-IAM5[Action::${action}]`,
    reason: `${FIREHOSE_POLICY_REASON}the ${action} action family is the set Firehose needs to write and retry multipart objects, on the contact records bucket only (Object Lock keeps deletes from taking effect).`,
  })),
  {
    id: `AwsSolutions-IAM5[Resource::${bucketArnExport}/*]`,
    reason: `${FIREHOSE_POLICY_REASON}Firehose writes objects under agent-events/ with date-partitioned keys it generates, in that one bucket.`,
  },
  ...KMS_FAMILY_ACTIONS('Firehose encrypts delivered agent events with the streams key'),
];

/** Findings on the web chat API (see WebChatApi), by construct. */
export const WEB_CHAT_API = {
  stage: [
    {
      id: 'NIST.800.53.R5-APIGWCacheEnabledAndEncrypted',
      reason:
        'The only method starts a new chat and answers with a one-time participant token for that citizen: a cached answer would hand ' +
        'one citizen\'s chat to another. No response is cached, so there is no cache data to encrypt.',
    },
    {
      id: 'NIST.800.53.R5-APIGWExecutionLoggingEnabled',
      reason:
        'Execution logs need the account-wide API Gateway CloudWatch role and go to an API-Gateway-named log group that has no customer-managed ' +
        'key and no retention. The stage writes access logs (request id, time, source IP, route, status, latency, WAF status) to a KMS-encrypted ' +
        'log group with the jurisdiction\'s retention, and the function logs each outcome.',
    },
    {
      id: 'AwsSolutions-APIG6',
      reason: 'See NIST.800.53.R5-APIGWExecutionLoggingEnabled: access logs to a KMS-encrypted log group instead of execution logs.',
    },
    {
      id: 'NIST.800.53.R5-APIGWSSLEnabled',
      reason:
        'The backend is a Lambda function invoked by API Gateway through IAM (a resource policy naming this API), not an HTTP endpoint, so ' +
        'there is no backend to present a client certificate to.',
    },
  ],
  method: [
    {
      id: 'AwsSolutions-APIG4',
      reason:
        'Members of the public start chats without an account, as they would phone the agency. The method is limited instead by the approved ' +
        'origins (checked by the function and by Amazon Connect), the request model, stage throttling and the AWS WAF rate-based rule; the ' +
        'token it returns only joins the chat it started.',
    },
    { id: 'AwsSolutions-COG4', reason: 'See AwsSolutions-APIG4: citizens have no user pool accounts; the method is public by design.' },
  ],
  webAcl: [
    {
      id: 'NIST.800.53.R5-WAFv2LoggingEnabled',
      reason:
        'AWS WAF logs to CloudWatch Logs only into a log group with a fixed aws-waf-logs- name, which a replaceable stack cannot keep across ' +
        'replacement. The web ACL publishes per-rule CloudWatch metrics and sampled requests, and the API access logs record each request\'s ' +
        'source IP and WAF status.',
    },
  ],
  contacts: (resource: string): Acknowledgement[] => [
    {
      id: `AwsSolutions-IAM5[Resource::${resource}/contact/*]`,
      reason:
        'StartChatContact authorizes the contact it creates, whose id Amazon Connect assigns: the wildcard is limited to contacts of this one ' +
        'instance, and the statement names the chat flow itself.',
    },
  ],
} as const;

/** Applies a list of acknowledgements to one construct. */
export function acknowledge(construct: IConstruct, acknowledgements: readonly Acknowledgement[]): void {
  for (const { id, reason } of acknowledgements) Validations.of(construct).acknowledge({ id, reason });
}

/** Acknowledges a Lambda function's findings. */
export function acknowledgeFunctionFindings(fn: ConnectFunction): void {
  acknowledge(fn, CONNECT_FUNCTION);
  if ((fn.function.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions === undefined) acknowledge(fn, UNRESERVED_FUNCTION);
}

/** Acknowledges the contact-center stack's findings, construct by construct. */
export function acknowledgeContactCenterFindings(stack: ContactCenterStack): void {
  for (const fn of stack.functions?.byName.values() ?? []) acknowledgeFunctionFindings(fn);
  for (const bot of stack.bots.values()) acknowledge(bot.role, LEX_BOT_ROLE);
  if (stack.webChat) {
    const { webChat } = stack;
    acknowledgeFunctionFindings(webChat.handler);
    acknowledge(webChat.api.deploymentStage, WEB_CHAT_API.stage);
    for (const method of webChat.api.methods) if (method.httpMethod === 'POST') acknowledge(method, WEB_CHAT_API.method);
    acknowledge(webChat.webAcl, WEB_CHAT_API.webAcl);
    acknowledge(webChat.handler.role, WEB_CHAT_API.contacts(nagResourceName(stack.resolve(importedFrom(stack, webChat.instance)))));
  }
  if (stack.prompts) acknowledgePromptUpload(stack, stack.prompts);
  const provider = [...stack.phoneNumbers.values()][0]?.provider;
  if (provider) {
    const logicalId = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
    const framework = provider.provider.node;
    acknowledge(
      provider,
      phoneNumberProviderFindings({
        onEvent: logicalId(provider.onEventFunction),
        isComplete: logicalId(provider.isCompleteFunction),
        frameworkIsComplete: logicalId(framework.findChild('framework-isComplete')),
        frameworkOnTimeout: logicalId(framework.findChild('framework-onTimeout')),
        phoneNumbersArn: stack.resolve(provider.phoneNumbersArn),
      }),
    );
  }
}

/** Acknowledges the findings of the recorded prompts' upload: on its role, and on aws-s3-deployment's singleton function. */
function acknowledgePromptUpload(stack: ContactCenterStack, prompts: RecordedPrompts): void {
  const qualifier = String(stack.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER);
  const partition = REGION_CAPABILITIES[stack.region as keyof typeof REGION_CAPABILITIES]?.partition ?? '<AWS::Partition>';
  const bucket = prompts.bucket;
  const findings = promptUploadFindings({
    assetBucketArn: `arn:${partition}:s3:::cdk-${qualifier}-assets-${stack.account}-${stack.region}`,
    promptBucketArn: nagResourceName(stack.resolve(Stack.of(bucket) === stack ? bucket.bucketArn : Stack.of(bucket).exportValue(bucket.bucketArn))),
  });
  acknowledge(prompts.uploadRole, findings.role);
  const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (handler) acknowledge(handler, findings.function);
}

/** Acknowledges the analytics stack's findings, construct by construct. */
export function acknowledgeAnalyticsFindings(stack: AnalyticsStack, bucketArnExport: string): void {
  if (!stack.analytics) return;
  acknowledge(stack.analytics.resultsBucket, ATHENA_RESULTS_BUCKET);
  if (stack.analytics.agentEventsDelivery) acknowledge(stack.analytics.agentEventsDelivery, AGENT_EVENT_DELIVERY(bucketArnExport));
}

/** Acknowledges the stateful stack's findings, construct by construct. */
export function acknowledgeStatefulFindings(stack: StatefulStack): void {
  acknowledge(stack.accessLogsBucket.bucket, ACCESS_LOG_BUCKET);
  for (const records of [stack.recordingsBucket, stack.reportsBucket, stack.contactRecordsBucket]) acknowledge(records.bucket, RECORDS_BUCKET);
  acknowledge(stack.agentEvents.stream, AGENT_EVENT_STREAM);
  const delivery = stack.contactRecords.deliveryStream.node;
  const bucketLogicalId = stack.getLogicalId(stack.contactRecordsBucket.bucket.node.defaultChild as never);
  acknowledge(delivery.findChild('S3 Destination Role'), CONTACT_RECORD_DELIVERY_DESTINATION_POLICY(bucketLogicalId));
  acknowledge(delivery.findChild('Service Role'), CONTACT_RECORD_DELIVERY_SERVICE_POLICY);
  acknowledge(stack.tableBackups.plan.node.findChild('Tables'), TABLE_BACKUP_ROLE);
  acknowledge(stack.surveyWriterPolicy, SURVEY_WRITER_POLICY(bucketLogicalId));
  if (stack.promptBucket) acknowledge(stack.promptBucket.bucket, PROMPT_BUCKET);
}

/**
 * The instance ARN as the contact-center template will hold it: when the instance lives in
 * another stack, the same `Fn::ImportValue` CDK generates for the reference (`exportValue` gives
 * the export the name the automatic reference would get), so the finding id can be named.
 */
function importedFrom(stack: Stack, instance: IConnectInstance): string {
  if (!Construct.isConstruct(instance)) return instance.instanceArn;
  const producer = Stack.of(instance);
  return producer === stack ? instance.instanceArn : producer.exportValue(instance.instanceArn);
}

/** How cdk-nag prints a resolved ARN in a finding id: an import by its export name, an attribute as `<LogicalId.Arn>`. */
function nagResourceName(resolved: unknown): string {
  const value = resolved as Record<string, unknown>;
  if (typeof resolved === 'string') return resolved;
  if (typeof value['Fn::ImportValue'] === 'string') return value['Fn::ImportValue'];
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  if (typeof value.Ref === 'string') return `<${value.Ref}>`;
  return JSON.stringify(resolved);
}
