import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cxQueries } from '../../lib/analytics/queries';
import { CONTACT_RECORD_COLUMNS } from '../../lib/analytics/tables';
import { ContactAnalytics, ContactAnalyticsProps } from '../../lib/constructs/contact-analytics';
import { kitApp } from '../helpers/examples';

/** A stack with a records bucket, a data key and optionally an agent-event stream. */
function givenAnalytics(overrides: Partial<ContactAnalyticsProps> = {}, agentEvents = false) {
  const stack = new Stack(kitApp(), 'Analytics', { env: { account: '111111111111', region: 'us-gov-west-1' } });
  const dataKey = new kms.Key(stack, 'DataKey', { enableKeyRotation: true });
  const bucket = new s3.Bucket(stack, 'Records', { encryptionKey: dataKey });
  const stream = new kinesis.Stream(stack, 'AgentStream', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: dataKey });
  const analytics = new ContactAnalytics(stack, 'ContactAnalytics', {
    bucket,
    dataKey,
    databaseName: 'pinecrest_benefits',
    serviceLevelSeconds: 60,
    bytesScannedCutoffMb: 10_240,
    ...(agentEvents ? { agentEvents: { stream, logKey: dataKey } } : {}),
    ...overrides,
  });
  return { stack, analytics, template: Template.fromStack(stack), bucketName: stack.resolve(bucket.bucketName), keyArn: stack.resolve(dataKey.keyArn) };
}

const PROJECTION = {
  'projection.enabled': 'true',
  'projection.year.type': 'integer',
  'projection.year.range': '2025,2075',
  'projection.month.type': 'integer',
  'projection.month.range': '1,12',
  'projection.month.digits': '2',
  'projection.day.type': 'integer',
  'projection.day.range': '1,31',
  'projection.day.digits': '2',
};

describe('ContactAnalytics', () => {
  const { template, bucketName, keyArn } = givenAnalytics();

  test('creates one Glue database named from the props and no crawler', () => {
    template.resourceCountIs('AWS::Glue::Database', 1);
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'pinecrest_benefits' } });
    template.resourceCountIs('AWS::Glue::Crawler', 0);
  });

  test('reads contact records as GZIP JSON under ctr/ with date partition projection', () => {
    // THEN the CTR table points at ctr/, is compressed, uses the OpenX SerDe and projects year/month/day
    template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: 'pinecrest_benefits',
      TableInput: {
        Name: 'contact_records',
        TableType: 'EXTERNAL_TABLE',
        PartitionKeys: [
          { Name: 'year', Type: 'string' },
          { Name: 'month', Type: 'string' },
          { Name: 'day', Type: 'string' },
        ].map((k) => Match.objectLike(k)),
        Parameters: {
          classification: 'json',
          compressionType: 'gzip',
          ...PROJECTION,
          'storage.location.template': { 'Fn::Join': ['', ['s3://', bucketName, '/ctr/year=${year}/month=${month}/day=${day}/']] },
        },
        StorageDescriptor: Match.objectLike({
          Location: { 'Fn::Join': ['', ['s3://', bucketName, '/ctr/']] },
          Compressed: true,
          InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', Parameters: { 'case.insensitive': 'TRUE' } },
        }),
      },
    });
  });

  test('defines the CTR fields the metrics need with their nested types', () => {
    // THEN the CTR table columns are exactly the schema list, lower-cased
    const tables = template.findResources('AWS::Glue::Table', { Properties: { TableInput: { Name: 'contact_records' } } });
    const columns = Object.values(tables)[0].Properties.TableInput.StorageDescriptor.Columns as Array<{ Name: string; Type: string }>;
    expect(columns.map((c) => c.Name)).toEqual(CONTACT_RECORD_COLUMNS.map((c) => c.name.toLowerCase()));
    const type = (name: string) => columns.find((c) => c.Name === name)!.Type;
    expect(type('queue')).toBe('struct<Name:string,ARN:string,EnqueueTimestamp:string,DequeueTimestamp:string,Duration:int>');
    expect(type('attributes')).toBe('map<string,string>');
    expect(type('agent')).toContain('ConnectedToAgentTimestamp:string,AgentInteractionDuration:int,CustomerHoldDuration:int');
    expect(type('agent')).toContain('AfterContactWorkDuration:int');
    expect(type('recording')).toBe('struct<Location:string,Status:string,Type:string,DeletionReason:string>');
    expect(type('contactlens')).toContain('RedactionConfiguration:struct<Behavior:string,Policy:string,MaskMode:string>');
    for (const name of ['contactid', 'channel', 'initiationmethod', 'initiationtimestamp', 'disconnecttimestamp', 'connectedtosystemtimestamp', 'disconnectreason', 'previouscontactid', 'initialcontactid', 'transfercompletedtimestamp', 'recordings']) {
      expect(columns.map((c) => c.Name)).toContain(name);
    }
  });

  test('reads survey answers as plain JSON lines under surveys/ with the same projection', () => {
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: {
        Name: 'survey_responses',
        Parameters: {
          classification: 'json',
          ...PROJECTION,
          'storage.location.template': { 'Fn::Join': ['', ['s3://', bucketName, '/surveys/year=${year}/month=${month}/day=${day}/']] },
        },
        StorageDescriptor: Match.objectLike({
          Location: { 'Fn::Join': ['', ['s3://', bucketName, '/surveys/']] },
          Compressed: false,
          Columns: ['contactid', 'initialcontactid', 'channel', 'queue', 'language', 'satisfaction', 'trust', 'ease', 'answeredat'].map((Name) => Match.objectLike({ Name })),
        }),
      },
    });
  });

  test('enforces workgroup settings, the bytes-scanned cutoff and KMS-encrypted results', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'pinecrest_benefits',
      State: 'ENABLED',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        RequesterPaysEnabled: false,
        BytesScannedCutoffPerQuery: 10_737_418_240,
        EngineVersion: { SelectedEngineVersion: 'AUTO' },
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^ContactAnalyticsResultsBucket') }, '/results/']] },
          ExpectedBucketOwner: '111111111111',
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: keyArn },
        },
      },
    });
  });

  test('keeps results in a retained, versioned, KMS-encrypted, TLS-only bucket that expires them after 30 days', () => {
    template.hasResource('AWS::S3::Bucket', {
      UpdateReplacePolicy: 'Retain',
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: [{ Id: 'expire-query-results', Status: 'Enabled', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
        },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^ContactAnalyticsResultsBucket') },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('saves every CX query in the workgroup against the database', () => {
    // THEN there is one named query per query definition with its exact SQL
    const queries = cxQueries({ database: 'pinecrest_benefits', serviceLevelSeconds: 60, lookbackDays: 30 });
    template.resourceCountIs('AWS::Athena::NamedQuery', queries.length);
    for (const query of queries) {
      template.hasResourceProperties('AWS::Athena::NamedQuery', {
        Database: 'pinecrest_benefits',
        WorkGroup: { Ref: Match.stringLikeRegexp('^ContactAnalyticsWorkGroup') },
        Name: query.name,
        Description: query.description,
        QueryString: query.sql,
      });
    }
  });

  test('creates no agent-event delivery unless asked', () => {
    template.resourceCountIs('AWS::KinesisFirehose::DeliveryStream', 0);
    template.resourceCountIs('AWS::Glue::Table', 2);
  });

  test('pins the logical ids of the database, tables, workgroup and results bucket', () => {
    expect(Object.keys(template.findResources('AWS::Glue::Database'))).toEqual(['ContactAnalyticsFF458800']);
    expect(Object.keys(template.findResources('AWS::Glue::Table')).sort()).toEqual(['ContactAnalyticsContactRecordsTable15A55CDA', 'ContactAnalyticsSurveysTable95D0D7B2']);
    expect(Object.keys(template.findResources('AWS::Athena::WorkGroup'))).toEqual(['ContactAnalyticsWorkGroup380688D0']);
    expect(Object.keys(template.findResources('AWS::S3::Bucket'))).toContain('ContactAnalyticsResultsBucketE36B36D1');
  });
});

describe('ContactAnalytics with agent events', () => {
  const { template, bucketName, keyArn } = givenAnalytics({}, true);

  test('delivers the stream to agent-events/ as GZIP, KMS-encrypted, newline-delimited objects', () => {
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AgentStream'), 'Arn'] } },
      ExtendedS3DestinationConfiguration: Match.objectLike({
        Prefix: 'agent-events/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/',
        ErrorOutputPrefix: 'agent-events-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/',
        CompressionFormat: 'GZIP',
        EncryptionConfiguration: { KMSEncryptionConfig: { AWSKMSKeyARN: keyArn } },
        BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 64 },
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [{ ParameterName: 'Delimiter', ParameterValue: '\\n' }] }] },
        CloudWatchLoggingOptions: Match.objectLike({ Enabled: true }),
      }),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: keyArn, RetentionInDays: 365 });
  });

  test('adds an agent-events table over agent-events/', () => {
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: 'agent_events',
        Parameters: Match.objectLike({ compressionType: 'gzip', 'storage.location.template': { 'Fn::Join': ['', ['s3://', bucketName, '/agent-events/year=${year}/month=${month}/day=${day}/']] } }),
      }),
    });
  });
});

describe('ContactAnalytics props', () => {
  test('fail with every problem at once', () => {
    // GIVEN an invalid database name, service level and cutoff
    // THEN construction fails naming all three
    expect(() => givenAnalytics({ databaseName: 'Pinecrest-Benefits', serviceLevelSeconds: 0, bytesScannedCutoffMb: 5 })).toThrow(
      'ContactAnalytics: databaseName: "Pinecrest-Benefits" is not allowed (lower case letters, digits and underscores, starting with a letter, at most 128 characters); ' +
        'serviceLevelSeconds: 0 is not allowed (a whole number from 1 to 3600); ' +
        'bytesScannedCutoffMb: 5 is not allowed (a whole number from 10 to 7000000000)',
    );
  });

  test('write results access logs under athena-results/ when a log bucket is given', () => {
    // GIVEN an access log bucket
    const stack = new Stack(kitApp(), 'Logs', { env: { account: '111111111111', region: 'us-gov-west-1' } });
    const accessLogs = new s3.Bucket(stack, 'AccessLogs');
    const dataKey = new kms.Key(stack, 'DataKey');
    new ContactAnalytics(stack, 'ContactAnalytics', { bucket: accessLogs, dataKey, databaseName: 'riverton_311', serviceLevelSeconds: 30, bytesScannedCutoffMb: 100, accessLogs, resultsRetentionDays: 7 });
    // THEN the results bucket logs to it and expires results after 7 days
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogs') }, LogFilePrefix: 'athena-results/' },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 7 })] },
    });
  });
});
