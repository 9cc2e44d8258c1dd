import { exampleConfig, sharedExamples, templateOf } from '../helpers/examples';

/**
 * Pins the logical ids of every data-holding resource. If this test fails, a change would make
 * CloudFormation replace a key, bucket, stream or the instance itself (with RETAIN, the old one
 * is orphaned and the stack points at an empty new one). Rename construct ids only with a
 * migration plan, never to make this test pass.
 */
const PINNED: Record<string, string> = {
  InstanceC1063A87: 'AWS::Connect::Instance',
  RecordingsKeyA9A4D792: 'AWS::KMS::Key',
  ReportsKey4E25D21C: 'AWS::KMS::Key',
  StreamsKey33CDC7D7: 'AWS::KMS::Key',
  LogsKey195F8DFC: 'AWS::KMS::Key',
  TablesKeyBC2F25C7: 'AWS::KMS::Key',
  CasesTable4F61F58E: 'AWS::DynamoDB::Table',
  VerificationTableA6FD9CB2: 'AWS::DynamoDB::Table',
  SurveyTable951720CB: 'AWS::DynamoDB::Table',
  ClosureParameterED20496C: 'AWS::SSM::Parameter',
  TableBackupsVault62109BDB: 'AWS::Backup::BackupVault',
  AccessLogsBucketFA218D2A: 'AWS::S3::Bucket',
  RecordingsBucket21D2DBAE: 'AWS::S3::Bucket',
  ReportsBucketD96E5BEC: 'AWS::S3::Bucket',
  ContactRecordsBucket8749B4EB: 'AWS::S3::Bucket',
  AgentEvents609C151D: 'AWS::Kinesis::Stream',
  ContactRecordsC9914C30: 'AWS::KinesisFirehose::DeliveryStream',
  ContactRecordsErrorLogsE196C48F: 'AWS::Logs::LogGroup',
  StorageCALLRECORDINGSD90F5A36: 'AWS::Connect::InstanceStorageConfig',
  StorageCHATTRANSCRIPTSDDD16F6D: 'AWS::Connect::InstanceStorageConfig',
  StorageSCHEDULEDREPORTS86CE4000: 'AWS::Connect::InstanceStorageConfig',
  StorageCONTACTTRACERECORDS8942E558: 'AWS::Connect::InstanceStorageConfig',
  StorageAGENTEVENTSA2272A76: 'AWS::Connect::InstanceStorageConfig',
};

/** Pinned too in a jurisdiction with recorded prompts (prompts.files): the audio bucket and its key. */
const PINNED_WITH_PROMPTS: Record<string, string> = {
  PromptBucketKey3E2F42F2: 'AWS::KMS::Key',
  PromptBucketA7D7B967: 'AWS::S3::Bucket',
};

const STATEFUL_TYPES = new Set(Object.values(PINNED));

describe.each(['pinecrest-benefits', 'riverton-311'] as const)('stateful logical ids (%s)', (id) => {
  const config = exampleConfig(id);
  const pinned = config.prompts.files.length > 0 ? { ...PINNED, ...PINNED_WITH_PROMPTS } : PINNED;
  // The stateful stack as the app deploys it (with the exports the other stacks of the jurisdiction read).
  const resources = templateOf(sharedExamples()[id].stateful).toJSON().Resources as Record<string, { Type: string }>;

  test('keeps every pinned logical id with its resource type', () => {
    const actual = Object.fromEntries(Object.keys(pinned).map((logicalId) => [logicalId, resources[logicalId]?.Type]));
    expect(actual).toEqual(pinned);
  });

  test('has no data-holding resource that is not pinned', () => {
    const unpinned = Object.entries(resources)
      .filter(([logicalId, r]) => STATEFUL_TYPES.has(r.Type) && !(logicalId in pinned))
      .map(([logicalId]) => logicalId);
    expect(unpinned).toEqual([]);
  });
});
