import { Duration, RemovalPolicy, Size, Stack, Token } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AGENT_EVENT_COLUMNS, CONTACT_RECORD_COLUMNS, DATE_PARTITIONS, SURVEY_COLUMNS, TableColumn } from '../analytics/tables';
import { TABLES, cxQueries } from '../analytics/queries';
import { BUCKET_BASELINE } from './bucket-baseline';
import { CONTACT_RECORDS_PREFIX } from './contact-record-delivery';

/** Where survey-capture writes answers (`surveys/year=YYYY/month=MM/day=DD/<contactId>.json`). */
export const SURVEYS_PREFIX = 'surveys/';
/** Where agent events land when {@link ContactAnalyticsProps.agentEvents} is set. */
export const AGENT_EVENTS_PREFIX = 'agent-events/';

/** Firehose's layout, matching the partition projection template below. */
const DATE_LAYOUT = 'year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/';
const OPENX_JSON = 'org.openx.data.jsonserde.JsonSerDe';
/** Where the results bucket's server access logs land in the access-log bucket. */
const RESULTS_LOG_PREFIX = 'athena-results/';

/** Agent events delivered to S3. */
export interface AgentEventsDeliveryProps {
  /** The Kinesis stream Amazon Connect writes agent events to. */
  readonly stream: kinesis.IStream;
  /** Customer-managed key of the delivery error log group. */
  readonly logKey: kms.IKey;
}

/** Properties of {@link ContactAnalytics}. */
export interface ContactAnalyticsProps {
  /** The contact records bucket: CTRs under `ctr/`, survey answers under `surveys/`. */
  readonly bucket: s3.IBucket;
  /** Customer-managed key of the bucket's objects; also encrypts query results and agent-event objects. */
  readonly dataKey: kms.IKey;
  /**
   * Glue database name, also the Athena workgroup name: lower case letters, digits and
   * underscores, starting with a letter (analysts type it in queries, so it is not generated).
   */
  readonly databaseName: string;
  /** A contact answered within this many seconds meets the service level (`analytics.serviceLevelSeconds`). */
  readonly serviceLevelSeconds: number;
  /** Athena cancels a query that would scan more than this many megabytes (`analytics.bytesScannedCutoffMb`, at least 10). */
  readonly bytesScannedCutoffMb: number;
  /**
   * Deliver agent events from the stream to `agent-events/` with a Glue table.
   * @default - no agent-event delivery or table
   */
  readonly agentEvents?: AgentEventsDeliveryProps;
  /**
   * Bucket the results bucket writes S3 server access logs to.
   * @default - no server access logs for the results bucket
   */
  readonly accessLogs?: s3.IBucket;
  /**
   * Days query results are kept.
   * @default 30
   */
  readonly resultsRetentionDays?: number;
  /**
   * Days of partitions each saved query scans.
   * @default 30
   */
  readonly lookbackDays?: number;
  /**
   * First year partition projection generates; years before it are not queryable.
   * @default 2025
   */
  readonly firstYear?: number;
  /**
   * Days the agent-event delivery error log is kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Makes contact records, survey answers and (optionally) agent events queryable: a Glue
 * database with tables that use partition projection (no crawler), an Athena workgroup that
 * enforces KMS-encrypted results in a dedicated bucket and a bytes-scanned cutoff, and the
 * saved CX metric queries of lib/analytics/queries.ts.
 */
export class ContactAnalytics extends Construct {
  /** The Glue database. */
  public readonly database: glue.CfnDatabase;
  /** Name of the Glue database (and of the workgroup). */
  public readonly databaseName: string;
  /** Table over contact records. */
  public readonly contactRecordsTable: glue.CfnTable;
  /** Table over survey answers. */
  public readonly surveysTable: glue.CfnTable;
  /** Table over agent events, when delivered. */
  public readonly agentEventsTable?: glue.CfnTable;
  /** The delivery stream of agent events, when delivered. */
  public readonly agentEventsDelivery?: firehose.DeliveryStream;
  /** The Athena workgroup. */
  public readonly workGroup: athena.CfnWorkGroup;
  /** Bucket holding query results. */
  public readonly resultsBucket: s3.Bucket;
  /** The saved queries, by query id. */
  public readonly namedQueries: Record<string, athena.CfnNamedQuery> = {};

  constructor(scope: Construct, id: string, props: ContactAnalyticsProps) {
    super(scope, id);
    validate(props);
    const resultsRetentionDays = props.resultsRetentionDays ?? 30;
    const firstYear = props.firstYear ?? 2025;
    this.databaseName = props.databaseName;

    this.resultsBucket = new s3.Bucket(this, 'ResultsBucket', {
      ...BUCKET_BASELINE,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      bucketKeyEnabled: true,
      lifecycleRules: [
        {
          id: 'expire-query-results',
          expiration: Duration.days(resultsRetentionDays),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    if (props.accessLogs) this.logResultsAccess(props.accessLogs);

    this.database = new glue.CfnDatabase(this, 'Resource', {
      catalogId: Stack.of(this).account,
      databaseInput: {
        name: props.databaseName,
        description: 'Amazon Connect contact records, survey answers and agent events (gov-contact-center-kit).',
      },
    });

    const table = (tableId: string, name: string, prefix: string, columns: readonly TableColumn[], description: string, gzip: boolean): glue.CfnTable => {
      const location = `s3://${props.bucket.bucketName}/${prefix}`;
      const t = new glue.CfnTable(this, tableId, {
        catalogId: Stack.of(this).account,
        databaseName: props.databaseName,
        tableInput: {
          name,
          description,
          tableType: 'EXTERNAL_TABLE',
          partitionKeys: DATE_PARTITIONS.map(glueColumn),
          parameters: {
            classification: 'json',
            ...(gzip ? { compressionType: 'gzip' } : {}),
            // Partition projection: Athena computes partitions from these rules, so no crawler
            // and no MSCK REPAIR (https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html).
            'projection.enabled': 'true',
            'projection.year.type': 'integer',
            'projection.year.range': `${firstYear},${firstYear + 50}`,
            'projection.month.type': 'integer',
            'projection.month.range': '1,12',
            'projection.month.digits': '2',
            'projection.day.type': 'integer',
            'projection.day.range': '1,31',
            'projection.day.digits': '2',
            'storage.location.template': `${location}year=\${year}/month=\${month}/day=\${day}/`,
          },
          storageDescriptor: {
            location,
            columns: columns.map(glueColumn),
            inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
            compressed: gzip,
            serdeInfo: { serializationLibrary: OPENX_JSON, parameters: { 'case.insensitive': 'TRUE' } },
          },
        },
      });
      t.node.addDependency(this.database);
      return t;
    };

    this.contactRecordsTable = table('ContactRecordsTable', TABLES.contactRecords, CONTACT_RECORDS_PREFIX, CONTACT_RECORD_COLUMNS, 'Amazon Connect contact records (CTRs), GZIP JSON delivered by Firehose.', true);
    this.surveysTable = table('SurveysTable', TABLES.surveys, SURVEYS_PREFIX, SURVEY_COLUMNS, 'Post-contact survey answers (OMB A-11 §280), JSON lines written by survey-capture.', false);

    if (props.agentEvents) {
      const errorLogGroup = new logs.LogGroup(this, 'AgentEventsErrorLogs', {
        encryptionKey: props.agentEvents.logKey,
        retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.agentEventsDelivery = new firehose.DeliveryStream(this, 'AgentEventsDelivery', {
        source: new firehose.KinesisStreamSource(props.agentEvents.stream),
        destination: new firehose.S3Bucket(props.bucket, {
          dataOutputPrefix: `${AGENT_EVENTS_PREFIX}${DATE_LAYOUT}`,
          errorOutputPrefix: `agent-events-errors/!{firehose:error-output-type}/${DATE_LAYOUT}`,
          compression: firehose.Compression.GZIP,
          encryptionKey: props.dataKey,
          bufferingInterval: Duration.seconds(300),
          bufferingSize: Size.mebibytes(64),
          loggingConfig: new firehose.EnableLogging(errorLogGroup),
        }),
      });
      // Agent events arrive without a trailing newline; the JSON SerDe reads one object per line
      // (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-new-line-delimiter.html).
      (this.agentEventsDelivery.node.defaultChild as firehose.CfnDeliveryStream).addPropertyOverride(
        'ExtendedS3DestinationConfiguration.ProcessingConfiguration',
        { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [{ ParameterName: 'Delimiter', ParameterValue: '\\n' }] }] },
      );
      this.agentEventsTable = table('AgentEventsTable', TABLES.agentEvents, AGENT_EVENTS_PREFIX, AGENT_EVENT_COLUMNS, 'Amazon Connect agent events, GZIP JSON delivered by Firehose.', true);
    }

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: props.databaseName,
      description: 'CX metrics over contact records and survey answers (gov-contact-center-kit).',
      state: 'ENABLED',
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffMb * 1024 * 1024,
        engineVersion: { selectedEngineVersion: 'AUTO' },
        resultConfiguration: {
          outputLocation: this.resultsBucket.s3UrlForObject('results/'),
          expectedBucketOwner: Stack.of(this).account,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: props.dataKey.keyArn },
        },
      },
    });

    const queries = cxQueries({ database: props.databaseName, serviceLevelSeconds: props.serviceLevelSeconds, lookbackDays: props.lookbackDays ?? 30 });
    for (const query of queries) {
      const named = new athena.CfnNamedQuery(this, query.id, {
        database: props.databaseName,
        workGroup: this.workGroup.ref,
        name: query.name,
        description: query.description,
        queryString: query.sql,
      });
      named.node.addDependency(this.database);
      this.namedQueries[query.id] = named;
    }
  }

  /**
   * Server access logs of the results bucket go to the stateful stack's access-log bucket. Set
   * through `serverAccessLogsBucket`, aws-cdk-lib grants S3 log delivery there with no
   * `aws:SourceArn`/`aws:SourceAccount` condition whenever the two buckets are in different
   * stacks (a condition naming this bucket would make the stacks depend on each other). The
   * grant is written here instead, limited to this account's buckets, as the other log grants are.
   */
  private logResultsAccess(accessLogs: s3.IBucket): void {
    (this.resultsBucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: accessLogs.bucketName,
      logFilePrefix: RESULTS_LOG_PREFIX,
    };
    accessLogs.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [accessLogs.arnForObjects(`${RESULTS_LOG_PREFIX}*`)],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
  }
}

function glueColumn(column: TableColumn): glue.CfnTable.ColumnProperty {
  return { name: column.name.toLowerCase(), type: column.type, comment: column.comment };
}

/** Checks the props, collecting every problem before throwing once. */
function validate(props: ContactAnalyticsProps): void {
  const problems: string[] = [];
  if (Token.isUnresolved(props.databaseName)) problems.push('databaseName must be a literal: the saved queries name it');
  else if (!/^[a-z][a-z0-9_]{0,127}$/.test(props.databaseName)) {
    problems.push(`databaseName: "${props.databaseName}" is not allowed (lower case letters, digits and underscores, starting with a letter, at most 128 characters)`);
  }
  const integer = (name: string, value: number | undefined, min: number, max: number): void => {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name}: ${value} is not allowed (a whole number from ${min} to ${max})`);
  };
  integer('serviceLevelSeconds', props.serviceLevelSeconds, 1, 3600);
  integer('bytesScannedCutoffMb', props.bytesScannedCutoffMb, 10, 7_000_000_000);
  integer('resultsRetentionDays', props.resultsRetentionDays, 1, 3650);
  integer('lookbackDays', props.lookbackDays, 1, 3650);
  integer('firstYear', props.firstYear, 2017, 2100);
  if (problems.length > 0) throw new Error(`ContactAnalytics: ${problems.join('; ')}`);
}
