import { Match } from 'aws-cdk-lib/assertions';
import { type ExampleId, exampleConfig, sharedExamples, templateOf } from '../helpers/examples';

/** An example's stateful stack as the app deploys it, its template and its config. */
function synth(id: ExampleId) {
  const stack = sharedExamples()[id].stateful;
  return { stack, template: templateOf(stack), config: exampleConfig(id) };
}

const pinecrest = synth('pinecrest-benefits');
const riverton = synth('riverton-311');

describe('StatefulStack', () => {
  test('has termination protection on', () => {
    expect(pinecrest.stack.terminationProtection).toBe(true);
  });

  test('retains every resource on delete and on replacement', () => {
    // GIVEN the synthesized stateful stack
    const resources = pinecrest.template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
    // THEN no resource lacks Retain
    const notRetained = Object.entries(resources)
      .filter(([, r]) => r.DeletionPolicy !== 'Retain' || r.UpdateReplacePolicy !== 'Retain')
      .map(([id, r]) => `${id} (${r.Type})`);
    // Roles, policies, aliases, log streams and backup plans hold no data; everything else must be retained.
    const holdsNoData = /AWS::IAM::|AWS::Logs::LogStream|AWS::S3::BucketPolicy|AWS::KMS::Alias|AWS::Backup::BackupPlan|AWS::Backup::BackupSelection/;
    expect(notRetained.filter((r) => !holdsNoData.test(r))).toEqual([]);
    for (const type of ['AWS::DynamoDB::Table', 'AWS::SSM::Parameter', 'AWS::Connect::Instance', 'AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::Kinesis::Stream', 'AWS::KinesisFirehose::DeliveryStream', 'AWS::Connect::InstanceStorageConfig', 'AWS::Logs::LogGroup']) {
      pinecrest.template.allResources(type, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  describe('keys', () => {
    test('creates five customer-managed keys with rotation, and a sixth for prompt audio when prompts are listed', () => {
      riverton.template.resourceCountIs('AWS::KMS::Key', 5);
      pinecrest.template.resourceCountIs('AWS::KMS::Key', 6);
      pinecrest.template.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true, RotationPeriodInDays: 365, PendingWindowInDays: 30 });
    });

    test('names each key by purpose under the jurisdiction alias prefix', () => {
      for (const alias of ['recordings', 'reports', 'streams', 'logs', 'tables']) {
        pinecrest.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/pinecrest-benefits/${alias}` });
      }
    });

    test("lets the instance's service-linked role generate data keys on the streams key through Kinesis only", () => {
      // Who may use which key is evaluated in test/stacks/key-policies.test.ts; this pins the statement.
      pinecrest.template.hasResourceProperties('AWS::KMS::Key', {
        Description: 'Agent events and contact trace records',
        KeyPolicy: {
          Statement: Match.arrayWith([
            {
              Sid: 'AllowConnectInstanceStreaming',
              Effect: 'Allow',
              Principal: { AWS: { 'Fn::GetAtt': ['InstanceC1063A87', 'ServiceRole'] } },
              Action: 'kms:GenerateDataKey',
              Resource: '*',
              Condition: {
                StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': 'kinesis.us-gov-west-1.amazonaws.com' },
                ArnLike: { 'kms:EncryptionContext:aws:kinesis:arn': 'arn:aws-us-gov:kinesis:us-gov-west-1:111111111111:stream/*' },
              },
            },
          ]),
        },
      });
    });

    test('lets CloudWatch Logs use the logs key only for log groups of this account and region', () => {
      pinecrest.template.hasResourceProperties('AWS::KMS::Key', {
        Description: 'CloudWatch Logs log groups',
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Sid: 'AllowCloudWatchLogs',
              Principal: { Service: 'logs.us-gov-west-1.amazonaws.com' },
              Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws-us-gov:logs:us-gov-west-1:111111111111:log-group:*' } },
            }),
          ]),
        },
      });
    });
  });

  describe('buckets', () => {
    test('creates the access-log bucket and three records buckets, and a prompt audio bucket when prompts are listed', () => {
      riverton.template.resourceCountIs('AWS::S3::Bucket', 4);
      pinecrest.template.resourceCountIs('AWS::S3::Bucket', 5);
    });

    test('blocks public access and versions every bucket', () => {
      pinecrest.template.allResourcesProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    });

    test('denies non-TLS and pre-1.2 TLS requests on every bucket', () => {
      const policies = pinecrest.template.findResources('AWS::S3::BucketPolicy');
      expect(Object.keys(policies)).toHaveLength(5);
      for (const policy of Object.values(policies)) {
        const statements = (policy as { Properties: { PolicyDocument: { Statement: Array<Record<string, unknown>> } } }).Properties.PolicyDocument.Statement;
        expect(statements).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
          ]),
        );
      }
    });

    test('encrypts the recordings bucket with the recordings key and S3 Bucket Keys', () => {
      pinecrest.template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['RecordingsKeyA9A4D792', 'Arn'] } } },
          ],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogsBucketFA218D2A' }, LogFilePrefix: 'recordings/' },
      });
    });

    test('locks recordings for seven years in COMPLIANCE mode and archives them after 90 days (Pinecrest)', () => {
      pinecrest.template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: { LogFilePrefix: 'recordings/' },
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2555 } } },
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'records-schedule',
              Status: 'Enabled',
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
              Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
              ExpirationInDays: 2556,
              NoncurrentVersionExpiration: { NoncurrentDays: 2556 },
            },
          ],
        },
      });
    });

    test('locks recordings for one year in GOVERNANCE mode without archiving (Riverton)', () => {
      riverton.template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: { LogFilePrefix: 'recordings/' },
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } },
        LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'records-schedule', ExpirationInDays: 366, Transitions: Match.absent() })] },
      });
    });

    test('encrypts the access-log bucket with SSE-S3, without Object Lock, expiring logs on schedule', () => {
      pinecrest.template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        ObjectLockEnabled: Match.absent(),
        LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'expire-access-logs', ExpirationInDays: 730 })] },
      });
    });

    test('lets only S3 log delivery from this account write access logs', () => {
      pinecrest.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: 'AccessLogsBucketFA218D2A' },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:PutObject',
              Condition: {
                ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['RecordingsBucket21D2DBAE', 'Arn'] } },
                StringEquals: { 'aws:SourceAccount': '111111111111' },
              },
            }),
          ]),
        },
      });
    });
  });

  describe('Amazon Connect instance', () => {
    test('configures identity, channels, flow logs, Contact Lens and voices from config (Pinecrest)', () => {
      pinecrest.template.hasResourceProperties('AWS::Connect::Instance', {
        InstanceAlias: 'pinecrest-benefits-cc',
        IdentityManagementType: 'SAML',
        Attributes: {
          InboundCalls: true,
          OutboundCalls: true,
          ContactflowLogs: true,
          ContactLens: true,
          EarlyMedia: true,
          AutoResolveBestVoices: true,
          UseCustomTTSVoices: false,
        },
      });
    });

    test('uses Connect-managed identities and no outbound calls where configured (Riverton)', () => {
      riverton.template.hasResourceProperties('AWS::Connect::Instance', {
        InstanceAlias: 'riverton-311-cc',
        IdentityManagementType: 'CONNECT_MANAGED',
        Attributes: Match.objectLike({ InboundCalls: true, OutboundCalls: false, ContactflowLogs: true }),
      });
    });
  });

  describe('storage configurations', () => {
    test('sends the five kinds of instance data to customer-controlled storage', () => {
      pinecrest.template.resourceCountIs('AWS::Connect::InstanceStorageConfig', 5);
    });

    test.each([
      ['CALL_RECORDINGS', 'RecordingsBucket21D2DBAE', 'RecordingsKeyA9A4D792', 'connect/call-recordings'],
      ['CHAT_TRANSCRIPTS', 'RecordingsBucket21D2DBAE', 'RecordingsKeyA9A4D792', 'connect/chat-transcripts'],
      ['SCHEDULED_REPORTS', 'ReportsBucketD96E5BEC', 'ReportsKey4E25D21C', 'connect/reports'],
    ])('stores %s in S3 encrypted with the matching key', (type, bucket, key, prefix) => {
      pinecrest.template.hasResourceProperties('AWS::Connect::InstanceStorageConfig', {
        InstanceArn: { 'Fn::GetAtt': ['InstanceC1063A87', 'Arn'] },
        ResourceType: type,
        StorageType: 'S3',
        S3Config: { BucketName: { Ref: bucket }, BucketPrefix: prefix, EncryptionConfig: { EncryptionType: 'KMS', KeyId: { 'Fn::GetAtt': [key, 'Arn'] } } },
      });
    });

    test('sends contact trace records to the Firehose', () => {
      pinecrest.template.hasResourceProperties('AWS::Connect::InstanceStorageConfig', {
        ResourceType: 'CONTACT_TRACE_RECORDS',
        StorageType: 'KINESIS_FIREHOSE',
        KinesisFirehoseConfig: { FirehoseArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ContactRecords'), 'Arn'] } },
      });
    });

    test('sends agent events to the Kinesis stream', () => {
      pinecrest.template.hasResourceProperties('AWS::Connect::InstanceStorageConfig', {
        ResourceType: 'AGENT_EVENTS',
        StorageType: 'KINESIS_STREAM',
        KinesisStreamConfig: { StreamArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AgentEvents'), 'Arn'] } },
      });
    });
  });

  describe('tables', () => {
    test.each([
      ['CasesTable4F61F58E', 'caseNumber', undefined],
      ['VerificationTableA6FD9CB2', 'caseNumber', undefined],
      ['SurveyTable951720CB', 'contactId', 'expiresAt'],
    ])('%s is on-demand, encrypted with the tables key, recoverable and protected from deletion', (logicalId, key, ttl) => {
      const table = pinecrest.template.toJSON().Resources[logicalId];
      expect(table.Properties).toEqual(
        expect.objectContaining({
          KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': ['TablesKeyBC2F25C7', 'Arn'] }, SSEEnabled: true, SSEType: 'KMS' },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      );
      expect(table.Properties.TimeToLiveSpecification).toEqual(ttl ? { AttributeName: ttl, Enabled: true } : undefined);
    });

    test('backs the three tables up daily into a vault encrypted with the tables key, kept 35 days', () => {
      pinecrest.template.hasResourceProperties('AWS::Backup::BackupVault', {
        EncryptionKeyArn: { 'Fn::GetAtt': ['TablesKeyBC2F25C7', 'Arn'] },
      });
      pinecrest.template.hasResourceProperties('AWS::Backup::BackupPlan', {
        BackupPlan: {
          BackupPlanRule: [
            Match.objectLike({ RuleName: 'daily', ScheduleExpression: 'cron(0 5 * * ? *)', Lifecycle: { DeleteAfterDays: 35 } }),
          ],
        },
      });
      pinecrest.template.hasResourceProperties('AWS::Backup::BackupSelection', {
        BackupSelection: Match.objectLike({
          Resources: [
            { 'Fn::GetAtt': ['CasesTable4F61F58E', 'Arn'] },
            { 'Fn::GetAtt': ['VerificationTableA6FD9CB2', 'Arn'] },
            { 'Fn::GetAtt': ['SurveyTable951720CB', 'Arn'] },
          ],
        }),
      });
    });

    test('creates the closure switch open, under a name staff can find', () => {
      pinecrest.template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: '/pinecrest-benefits/contact-center/closure',
        Type: 'String',
        Value: JSON.stringify({
          closed: false,
          reason: 'OTHER',
          message: { 'en-US': 'Our offices are closed today.', 'es-US': 'Nuestras oficinas están cerradas hoy.' },
        }),
      });
    });
  });

  describe('streams', () => {
    test('encrypts the agent event stream with the streams key and keeps events for the configured hours', () => {
      pinecrest.template.hasResourceProperties('AWS::Kinesis::Stream', {
        ShardCount: 1,
        RetentionPeriodHours: 168,
        StreamEncryption: { EncryptionType: 'KMS', KeyId: { 'Fn::GetAtt': ['StreamsKey33CDC7D7', 'Arn'] } },
      });
    });

    test('delivers contact trace records newline-delimited, compressed, encrypted and partitioned by date', () => {
      pinecrest.template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
        DeliveryStreamType: 'DirectPut',
        DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: { 'Fn::GetAtt': ['StreamsKey33CDC7D7', 'Arn'] } },
        ExtendedS3DestinationConfiguration: Match.objectLike({
          BucketARN: { 'Fn::GetAtt': ['ContactRecordsBucket8749B4EB', 'Arn'] },
          CompressionFormat: 'GZIP',
          Prefix: 'ctr/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/',
          ErrorOutputPrefix: 'ctr-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/',
          BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 64 },
          EncryptionConfiguration: { KMSEncryptionConfig: { AWSKMSKeyARN: { 'Fn::GetAtt': ['StreamsKey33CDC7D7', 'Arn'] } } },
          CloudWatchLoggingOptions: Match.objectLike({ Enabled: true }),
          // one record per line: the contact_records SerDe reads JSON lines
          ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [] }] },
        }),
      });
    });

    test('encrypts the Firehose error log group with the logs key', () => {
      pinecrest.template.hasResourceProperties('AWS::Logs::LogGroup', {
        KmsKeyId: { 'Fn::GetAtt': ['LogsKey195F8DFC', 'Arn'] },
        RetentionInDays: 365,
      });
    });
  });
});
