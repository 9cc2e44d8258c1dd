import type { GuardException, StackKind } from './guard';

/**
 * Every AWS Control Tower proactive-control (cfn-guard) failure the kit accepts, one entry per
 * (stack, rule, resource), with the reason an auditor reads. `.ci/cfn-guard.sh` fails on any
 * failure not listed here. Logical ids are the same in every jurisdiction.
 *
 * Two kinds of entry:
 * - FALSE POSITIVE: the resource does what the control asks, with a value imported from the
 *   stateful stack (`Fn::ImportValue`); the rules accept only a literal, `Ref` or `Fn::GetAtt`
 *   to a resource of the same template.
 * - ACCEPTED: the control does not fit the resource; the reason says why and what covers the risk.
 */

const IMPORTED_LOGS_KEY =
  "FALSE POSITIVE (CT.CLOUDWATCH.PR.3): KmsKeyId is the jurisdiction's logs key (customer-managed, rotated) imported from the " +
  'stateful stack with Fn::ImportValue; the rule only recognises a literal ARN or a Ref/GetAtt to a key in the same template.';

const NO_VPC =
  'ACCEPTED (CT.LAMBDA.PR.3): the function calls only AWS service endpoints (DynamoDB, SSM, S3, the Amazon Connect API) over ' +
  'IAM-authenticated TLS and accepts no network connections; no private resource needs a VPC, and VPC attachment would add ' +
  'cold-start latency inside the 8-second flow budget (same as the cdk-nag NIST.800.53.R5-LambdaInsideVPC acknowledgement).';

const NO_EVENT_CONSUMER =
  'ACCEPTED (CT.S3.PR.4): no process consumes object events from this bucket; access is recorded by S3 server access logs and ' +
  'CloudTrail, and a notification target would be a new component to secure and retain. Turn on EventBridge notifications ' +
  'when the agency adds a consumer (e.g. records-management ingestion).';

const ACCESS_LOGS_SSE_S3 =
  'ACCEPTED (CT.S3.PR.10): Amazon S3 delivers server access logs only to buckets encrypted with SSE-S3; SSE-KMS is not supported ' +
  'for a log target bucket. The logs hold request metadata, not contact data (same as the cdk-nag NIST.800.53.R5-S3DefaultEncryptionKMS acknowledgement).';

const ACCESS_LOGS_NOT_LOGGED =
  'ACCEPTED (CT.S3.PR.2): this is the server access log target of every bucket of the jurisdiction; logging it to itself would ' +
  'log its own log deliveries without end, and a second log bucket would only move the question.';

const ACCESS_LOGS_NO_OBJECT_LOCK =
  'ACCEPTED (CT.S3.PR.9): the access log bucket keeps request metadata on a lifecycle expiry (retention.accessLogsDays); it is ' +
  'versioned, private and TLS-only. Contact data buckets (recordings, reports, contact records) do use Object Lock.';

const RESULTS_LOGGING_IMPORTED =
  'FALSE POSITIVE (CT.S3.PR.2): LoggingConfiguration names the access log bucket imported from the stateful stack with ' +
  'Fn::ImportValue (prefix athena-results/); the rule only recognises a literal name or a Ref to a bucket in the same template.';

const RESULTS_NO_OBJECT_LOCK =
  'ACCEPTED (CT.S3.PR.9): Athena query results are temporary copies that expire after 30 days and can be re-run from the ' +
  'source records, which are under Object Lock; locking results would keep deleted query output for the lock period.';

const IMPORTED_WORKGROUP_KEY =
  'FALSE POSITIVE (CT.ATHENA.PR.2): results are encrypted with SSE_KMS and the streams key (customer-managed), imported from the ' +
  'stateful stack with Fn::ImportValue; the rule only recognises a literal ARN or a Ref/GetAtt to a key in the same template.';

const CHAT_EXECUTION_LOGS =
  'ACCEPTED (CT.APIGATEWAY.PR.1): execution logging needs the account-wide API Gateway CloudWatch role and writes to an ' +
  'API-Gateway-named log group without a customer-managed key or retention. The web chat stage writes access logs (request id, ' +
  'time, source IP, route, status, latency, WAF status) to a KMS-encrypted log group instead (same as the cdk-nag ' +
  'NIST.800.53.R5-APIGWExecutionLoggingEnabled acknowledgement).';

const PROMPT_AUDIO_NO_OBJECT_LOCK =
  'ACCEPTED (CT.S3.PR.9): the prompt bucket holds copies of recorded announcements and hold music (no caller data) whose source ' +
  "is the agency's config repository; each deploy uploads them under a new content-hash prefix and removes the old one, which " +
  'Object Lock would forbid. It is versioned, private, TLS-only and encrypted with its own customer-managed key.';

const PROMPT_UPLOAD_NO_VPC =
  "ACCEPTED (CT.LAMBDA.PR.3): aws-s3-deployment's upload function runs only while CloudFormation deploys recorded prompts and " +
  'calls only the S3 and KMS APIs over IAM-authenticated TLS (same as the cdk-nag NIST.800.53.R5-LambdaInsideVPC acknowledgement).';

/** The kit's Lambda functions and their log groups, by logical id prefix (same in every jurisdiction). */
const FUNCTIONS = [
  'FunctionscallerverificationA517F7CC',
  'Functionscasestatus0F079438',
  'FunctionscontactcenterstatusF3E5D662',
  'FunctionslexfulfillmentBEE1F899',
  'Functionssurveycapture2D508AD4',
  'PhoneNumberProviderOnEventDE8BC123',
  'PhoneNumberProviderIsCompleteB4FAB880',
  'PhoneNumberProviderframeworkonEvent041AA51F',
  'PhoneNumberProviderframeworkisComplete01267BE6',
  'PhoneNumberProviderframeworkonTimeoutF45D96CA',
  'WebChatHandler9DB38990',
];
const FUNCTION_LOG_GROUPS = [
  'FunctionscallerverificationLogs5419FBB3',
  'FunctionscasestatusLogs3B8A1D9A',
  'FunctionscontactcenterstatusLogsEDCB9B57',
  'FunctionslexfulfillmentLogs91133157',
  'FunctionssurveycaptureLogs6F62B8E6',
  'PhoneNumberProviderLogsF667A516',
  'PhoneNumberProviderFrameworkLogsE72F914C',
  'WebChatHandlerLogsF459ED65',
  'WebChatAccessLogsE8A47850',
];

const entries = (stack: StackKind, rule: string, resources: readonly string[], reason: string): GuardException[] =>
  resources.map((resource) => ({ stack, rule, resource, reason }));

/** The listed exceptions. */
export const GUARD_EXCEPTIONS: readonly GuardException[] = [
  // stateful stack
  ...entries('stateful', 's3_bucket_default_encryption_kms_check', ['AccessLogsBucketFA218D2A'], ACCESS_LOGS_SSE_S3),
  ...entries('stateful', 's3_bucket_logging_enabled_check', ['AccessLogsBucketFA218D2A'], ACCESS_LOGS_NOT_LOGGED),
  ...entries('stateful', 's3_bucket_object_lock_enabled_check', ['AccessLogsBucketFA218D2A'], ACCESS_LOGS_NO_OBJECT_LOCK),
  ...entries(
    'stateful',
    's3_event_notifications_enabled_check',
    ['AccessLogsBucketFA218D2A', 'RecordingsBucket21D2DBAE', 'ReportsBucketD96E5BEC', 'ContactRecordsBucket8749B4EB'],
    NO_EVENT_CONSUMER,
  ),
  // Recorded prompts (only in jurisdictions with prompts.files, e.g. pinecrest-benefits)
  ...entries('stateful', 's3_bucket_object_lock_enabled_check', ['PromptBucketA7D7B967'], PROMPT_AUDIO_NO_OBJECT_LOCK),
  ...entries('stateful', 's3_event_notifications_enabled_check', ['PromptBucketA7D7B967'], NO_EVENT_CONSUMER),
  ...entries('contact-center', 'lambda_inside_vpc_check', ['CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiB5F7BD223'], PROMPT_UPLOAD_NO_VPC),
  ...entries('contact-center', 'cloudwatch_log_group_encrypted_check', ['PromptsUploadLogsEB19DA8B'], IMPORTED_LOGS_KEY),
  // contact-center stack
  ...entries('contact-center', 'lambda_inside_vpc_check', FUNCTIONS, NO_VPC),
  ...entries('contact-center', 'cloudwatch_log_group_encrypted_check', FUNCTION_LOG_GROUPS, IMPORTED_LOGS_KEY),
  ...entries('contact-center', 'api_gw_v1_execution_logging_enabled_check', ['WebChatDeploymentStagev17D6AF68F'], CHAT_EXECUTION_LOGS),
  // analytics stack
  ...entries('analytics', 'athena_workgroup_results_encrypted_at_rest_kms_check', ['ContactAnalyticsWorkGroup380688D0'], IMPORTED_WORKGROUP_KEY),
  ...entries('analytics', 'cloudwatch_log_group_encrypted_check', ['ContactAnalyticsAgentEventsErrorLogs791DB4AA'], IMPORTED_LOGS_KEY),
  ...entries('analytics', 's3_bucket_logging_enabled_check', ['ContactAnalyticsResultsBucketE36B36D1'], RESULTS_LOGGING_IMPORTED),
  ...entries('analytics', 's3_bucket_object_lock_enabled_check', ['ContactAnalyticsResultsBucketE36B36D1'], RESULTS_NO_OBJECT_LOCK),
  ...entries('analytics', 's3_event_notifications_enabled_check', ['ContactAnalyticsResultsBucketE36B36D1'], NO_EVENT_CONSUMER),
];
