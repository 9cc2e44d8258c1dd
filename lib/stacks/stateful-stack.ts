import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import type { JurisdictionConfig } from '../config/schema';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { AgentEventStream } from '../constructs/agent-event-stream';
import { ConnectInstance, IdentityManagement } from '../constructs/connect-instance';
import { ContactRecordDelivery } from '../constructs/contact-record-delivery';
import { DataKey } from '../constructs/data-key';
import { DataTable } from '../constructs/data-table';
import { InstanceStorage } from '../constructs/instance-storage';
import { PromptBucket } from '../constructs/prompt-bucket';
import { RecordsBucket } from '../constructs/records-bucket';
import { TableBackups } from '../constructs/table-backups';

/** Properties of {@link StatefulStack}. */
export interface StatefulStackProps extends StackProps {
  /** The jurisdiction this stack belongs to. */
  readonly config: JurisdictionConfig;
}

/**
 * Everything that holds data: keys, buckets, streams, the Amazon Connect instance and its
 * storage configurations. Termination protection is on and every resource is retained;
 * the construct ids here are part of the contract (test/stacks/stateful-ids.spec.ts pins
 * the resulting logical ids), because renaming one would replace a resource holding records.
 */
export class StatefulStack extends Stack {
  /** The Amazon Connect instance. */
  public readonly instance: ConnectInstance;
  /** Key for call recordings, chat transcripts and Contact Lens output. */
  public readonly recordingsKey: DataKey;
  /** Key for scheduled reports. */
  public readonly reportsKey: DataKey;
  /** Key for agent events, contact trace records and their bucket. */
  public readonly streamsKey: DataKey;
  /** Key for CloudWatch Logs log groups. */
  public readonly logsKey: DataKey;
  /** Target of all server access logs. */
  public readonly accessLogsBucket: AccessLogBucket;
  /** Call recordings, chat transcripts, Contact Lens output. */
  public readonly recordingsBucket: RecordsBucket;
  /** Scheduled reports. */
  public readonly reportsBucket: RecordsBucket;
  /** Contact trace records delivered by Firehose (and, later, analytics data). */
  public readonly contactRecordsBucket: RecordsBucket;
  /** Agent event stream. */
  public readonly agentEvents: AgentEventStream;
  /** Contact trace record delivery. */
  public readonly contactRecords: ContactRecordDelivery;
  /** Instance storage configurations. */
  public readonly storage: InstanceStorage;
  /** Key for the DynamoDB tables of caller data. */
  public readonly tablesKey: DataKey;
  /** Case statuses the self-service lookup reads (written by the agency's case system). */
  public readonly casesTable: DataTable;
  /** Salted verification secrets and attempt counters (written by the agency's case system). */
  public readonly verificationTable: DataTable;
  /** Post-contact survey answers, expiring after the configured days. */
  public readonly surveyTable: DataTable;
  /** Daily backups of the three tables. */
  public readonly tableBackups: TableBackups;
  /** Lets the survey function add answers under `surveys/` of the contact records bucket, nothing else. */
  public readonly surveyWriterPolicy: iam.ManagedPolicy;
  /** The closure switch staff set to close the lines without a deploy. */
  public readonly closureParameter: ssm.StringParameter;
  /**
   * Recorded prompt audio (no caller data), if `prompts.files` lists any. Here rather than with
   * the prompts: a bucket and a key must outlive any one deploy of the replaceable stack.
   */
  public readonly promptBucket?: PromptBucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    // Log delivery must be granted by bucket policy (scoped to the source bucket and account),
    // not the LogDeliveryWrite ACL that BUCKET_OWNER_ENFORCED forbids; pinned here so the stack
    // builds the same in any app, whatever its cdk.json says.
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const { config } = props;
    const retention = config.retention;

    this.instance = new ConnectInstance(this, 'Instance', {
      alias: config.instance.alias,
      identityManagement: IdentityManagement[config.instance.identityManagement],
      inboundCalls: config.instance.inboundCalls,
      outboundCalls: config.instance.outboundCalls,
      contactLens: config.features.contactLens,
      earlyMedia: config.instance.earlyMedia,
      autoResolveBestVoices: config.instance.autoResolveBestVoices,
    });

    // Amazon Connect writes recordings, transcripts and reports through its service-linked role
    // under a grant it creates on the key when the storage configuration is associated (Amazon
    // Connect admin guide, "Key management"), so those keys name no Connect principal.
    this.recordingsKey = new DataKey(this, 'RecordingsKey', {
      purpose: 'Call recordings, chat transcripts and Contact Lens output',
      alias: `${config.id}/recordings`,
      usableVia: ['s3'],
    });
    this.reportsKey = new DataKey(this, 'ReportsKey', { purpose: 'Scheduled reports', alias: `${config.id}/reports`, usableVia: ['s3'] });
    this.streamsKey = new DataKey(this, 'StreamsKey', {
      purpose: 'Agent events and contact trace records',
      alias: `${config.id}/streams`,
      usableVia: ['s3', 'kinesis'],
    });
    // Agent events: Connect puts records on the encrypted stream itself, which needs the key policy.
    // Contact records: the Firehose encrypts with a grant of its own; Connect needs no key right.
    this.streamsKey.allowConnectStreaming(this.instance);
    this.logsKey = new DataKey(this, 'LogsKey', { purpose: 'CloudWatch Logs log groups', alias: `${config.id}/logs` });
    this.logsKey.allowCloudWatchLogs();

    this.accessLogsBucket = new AccessLogBucket(this, 'AccessLogsBucket', { retentionDays: retention.accessLogsDays });
    const accessLogs = this.accessLogsBucket.bucket;
    this.recordingsBucket = new RecordsBucket(this, 'RecordingsBucket', {
      encryptionKey: this.recordingsKey.key,
      accessLogs,
      accessLogsPrefix: 'recordings/',
      schedule: retention.recordings,
    });
    this.reportsBucket = new RecordsBucket(this, 'ReportsBucket', {
      encryptionKey: this.reportsKey.key,
      accessLogs,
      accessLogsPrefix: 'reports/',
      schedule: retention.reports,
    });
    this.contactRecordsBucket = new RecordsBucket(this, 'ContactRecordsBucket', {
      encryptionKey: this.streamsKey.key,
      accessLogs,
      accessLogsPrefix: 'contact-records/',
      schedule: retention.contactRecords,
    });

    this.agentEvents = new AgentEventStream(this, 'AgentEvents', {
      encryptionKey: this.streamsKey.key,
      retentionHours: retention.agentEventsHours,
    });
    this.contactRecords = new ContactRecordDelivery(this, 'ContactRecords', {
      bucket: this.contactRecordsBucket.bucket,
      encryptionKey: this.streamsKey.key,
      logKey: this.logsKey.key,
    });

    this.tablesKey = new DataKey(this, 'TablesKey', {
      purpose: 'Case, verification and survey tables',
      alias: `${config.id}/tables`,
      usableVia: ['dynamodb', 'backup'],
    });
    this.casesTable = new DataTable(this, 'CasesTable', { partitionKey: 'caseNumber', encryptionKey: this.tablesKey.key });
    this.verificationTable = new DataTable(this, 'VerificationTable', { partitionKey: 'caseNumber', encryptionKey: this.tablesKey.key });
    this.surveyTable = new DataTable(this, 'SurveyTable', {
      partitionKey: 'contactId',
      encryptionKey: this.tablesKey.key,
      timeToLiveAttribute: 'expiresAt',
    });
    this.tableBackups = new TableBackups(this, 'TableBackups', {
      tables: [this.casesTable.table, this.verificationTable.table, this.surveyTable.table],
      encryptionKey: this.tablesKey.key,
    });
    // A managed policy here, next to the bucket, rather than a grant in the contact-center stack:
    // the object ARN stays a local reference, and the function role only attaches it.
    this.surveyWriterPolicy = new iam.ManagedPolicy(this, 'SurveyWriterPolicy', {
      description: 'Write post-contact survey answers under surveys/ of the contact records bucket',
      statements: [
        new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.contactRecordsBucket.bucket.arnForObjects('surveys/*')] }),
        new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Encrypt'], resources: [this.streamsKey.key.keyArn] }),
      ],
    });
    // Staff overwrite the value to close the lines (see lambdas/contact-center-status/README.md).
    // CloudFormation writes it only on creation: the template value never changes, so a deploy
    // never reopens lines staff closed.
    this.closureParameter = new ssm.StringParameter(this, 'ClosureParameter', {
      parameterName: `/${config.id}/contact-center/closure`,
      description: 'Emergency or holiday closure of the phone lines; JSON read by the contact-center-status function',
      stringValue: JSON.stringify({
        closed: false,
        reason: 'OTHER',
        message: { 'en-US': 'Our offices are closed today.', 'es-US': 'Nuestras oficinas están cerradas hoy.' },
      }),
    });
    this.closureParameter.applyRemovalPolicy(RemovalPolicy.RETAIN);

    if (config.prompts.files.length > 0) {
      this.promptBucket = new PromptBucket(this, 'PromptBucket', { instance: this.instance, keyAlias: `${config.id}/prompts`, accessLogs });
    }

    this.storage = new InstanceStorage(this, 'Storage', {
      instance: this.instance,
      recordings: { bucket: this.recordingsBucket.bucket, key: this.recordingsKey.key },
      reports: { bucket: this.reportsBucket.bucket, key: this.reportsKey.key },
      contactRecords: this.contactRecords.deliveryStream,
      agentEvents: this.agentEvents.stream,
    });
  }
}
