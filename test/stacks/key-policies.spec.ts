import { KEY_ADMIN_ACTIONS, KEY_USE_ACTIONS } from '../../lib/constructs/data-key';
import { sharedExamples, templateOf } from '../helpers/examples';
import { evaluate, KmsRequest, resolver } from '../helpers/key-policy';

/**
 * Who may use each customer-managed key, decided by evaluating the synthesized key policies
 * (test/helpers/key-policy.ts) for the requests each data path makes.
 */
const ACCOUNT = '111111111111';
const REGION = 'us-gov-west-1';
const SLR = `arn:aws-us-gov:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_AbCdEf0123456789`;
const STREAM = `arn:aws-us-gov:kinesis:${REGION}:${ACCOUNT}:stream/pinecrest-benefits-stateful-AgentEvents609C151D-x1y2z3`;
const role = (name: string) => ({ arn: `arn:aws-us-gov:iam::${ACCOUNT}:role/${name}`, account: ACCOUNT });
const via = (service: string) => ({ 'kms:ViaService': `${service}.${REGION}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT });

const stacks = sharedExamples()['pinecrest-benefits'];
const resolve = resolver({ partition: 'aws-us-gov', region: REGION, account: ACCOUNT }, {
  'InstanceC1063A87.ServiceRole': SLR,
  'InstanceC1063A87.Arn': `arn:aws-us-gov:connect:${REGION}:${ACCOUNT}:instance/6a0e1b3c-0000-4000-8000-000000000001`,
});

type KeyResource = { Type: string; Properties: { Description: string; KeyPolicy: { Statement: Array<Record<string, unknown>> } } };
const keys: Record<string, KeyResource> = {};
for (const stack of [stacks.stateful, stacks.contactCenter, stacks.analytics]) {
  for (const [logicalId, resource] of Object.entries(templateOf(stack).toJSON().Resources as Record<string, KeyResource>)) {
    if (resource.Type === 'AWS::KMS::Key') keys[logicalId] = resource;
  }
}
const policy = (logicalId: string) => resolve(keys[logicalId].Properties.KeyPolicy) as Parameters<typeof evaluate>[0];
const decide = (logicalId: string, request: KmsRequest) => evaluate(policy(logicalId), request);

const RECORDINGS = 'RecordingsKeyA9A4D792';
const REPORTS = 'ReportsKey4E25D21C';
const STREAMS = 'StreamsKey33CDC7D7';
const LOGS = 'LogsKey195F8DFC';
const TABLES = 'TablesKeyBC2F25C7';
const ALARMS = 'MonitoringKey29D756EB';
/** Recorded prompt audio (no caller data): only with prompts.files, as in Pinecrest. */
const PROMPTS = 'PromptBucketKey3E2F42F2';
const ALL_KEYS = [RECORDINGS, REPORTS, STREAMS, LOGS, TABLES, ALARMS];

describe('key policies', () => {
  test('covers the six customer-managed keys of a jurisdiction, and the prompt audio key of one with prompts', () => {
    expect(Object.keys(keys).sort()).toEqual([...ALL_KEYS, PROMPTS].sort());
  });

  test('lets Amazon Connect decrypt prompt audio only through S3, and use the prompt key for nothing else', () => {
    const connect = { service: 'connect.amazonaws.com' };
    expect(decide(PROMPTS, { principal: connect, action: 'kms:Decrypt', context: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } })).toBe('allow');
    expect(decide(PROMPTS, { principal: connect, action: 'kms:Decrypt', context: {} })).toBe('implicit-deny');
    expect(decide(PROMPTS, { principal: connect, action: 'kms:Encrypt', context: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } })).toBe('implicit-deny');
    // The account's IAM principals (the upload role) use it through S3 only, as every data key.
    expect(decide(PROMPTS, { principal: role('upload'), iamAllows: true, action: 'kms:GenerateDataKey', context: via('s3') })).toBe('allow');
    expect(decide(PROMPTS, { principal: role('upload'), iamAllows: true, action: 'kms:Decrypt', context: { 'kms:CallerAccount': ACCOUNT } })).toBe('implicit-deny');
  });

  describe('Amazon Connect streaming agent events (issue item 2)', () => {
    const connectPuts = (context: Record<string, string>): KmsRequest => ({
      principal: { arn: SLR, account: ACCOUNT },
      iamAllows: false, // AmazonConnectServiceLinkedRolePolicy grants no use of customer keys
      action: 'kms:GenerateDataKey',
      context,
    });

    test("lets the instance's service-linked role generate data keys for its stream through Kinesis", () => {
      expect(decide(STREAMS, connectPuts({ ...via('kinesis'), 'kms:EncryptionContext:aws:kinesis:arn': STREAM }))).toBe('allow');
    });

    test('refuses that role outside Kinesis, for another account, or for a stream elsewhere', () => {
      expect(decide(STREAMS, connectPuts({ 'kms:CallerAccount': ACCOUNT, 'kms:EncryptionContext:aws:kinesis:arn': STREAM }))).toBe('implicit-deny');
      expect(decide(STREAMS, connectPuts({ ...via('kinesis'), 'kms:CallerAccount': '222222222222', 'kms:EncryptionContext:aws:kinesis:arn': STREAM }))).toBe('implicit-deny');
      const otherRegion = STREAM.replace(REGION, 'us-gov-east-1');
      expect(decide(STREAMS, connectPuts({ ...via('kinesis'), 'kms:EncryptionContext:aws:kinesis:arn': otherRegion }))).toBe('implicit-deny');
    });

    test("refuses another instance's service-linked role", () => {
      const other = { ...connectPuts({ ...via('kinesis'), 'kms:EncryptionContext:aws:kinesis:arn': STREAM }), principal: role('aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_Other') };
      expect(decide(STREAMS, other)).toBe('implicit-deny');
    });

    test('names the role by the instance attribute, with kms:GenerateDataKey only', () => {
      const statement = keys[STREAMS].Properties.KeyPolicy.Statement.find((s) => s.Sid === 'AllowConnectInstanceStreaming');
      expect(statement).toEqual(
        expect.objectContaining({ Principal: { AWS: { 'Fn::GetAtt': ['InstanceC1063A87', 'ServiceRole'] } }, Action: 'kms:GenerateDataKey', Effect: 'Allow' }),
      );
    });

    test('names no connect.amazonaws.com service principal on any caller-data key: Connect uses its role, with grants for S3', () => {
      const services = ALL_KEYS.flatMap((id) => keys[id].Properties.KeyPolicy.Statement.map((s) => JSON.stringify(s.Principal)));
      expect(services.filter((p) => p.includes('connect.amazonaws.com'))).toEqual([]);
    });

    test.each([RECORDINGS, REPORTS])('lets the storage association create the grant Connect uses on %s', (key) => {
      // AssociateInstanceStorageConfig (run by CloudFormation's role) makes Connect create a grant for its role.
      const request: KmsRequest = { principal: role('cdk-deploy'), iamAllows: true, action: 'kms:CreateGrant', context: { 'kms:GrantIsForAWSResource': true } };
      expect(decide(key, request)).toBe('allow');
    });
  });

  describe('least privilege (issue item 6)', () => {
    const admin = (action: string, context: Record<string, string | boolean> = {}): KmsRequest => ({ principal: role('KeyAdmins'), iamAllows: true, action, context });

    test.each(ALL_KEYS)('%s: no IAM principal can create a grant that is not for an AWS resource', (key) => {
      expect(decide(key, admin('kms:CreateGrant'))).toBe('explicit-deny');
      expect(decide(key, admin('kms:CreateGrant', { 'kms:GrantIsForAWSResource': false }))).toBe('explicit-deny');
    });

    test.each(ALL_KEYS)('%s: an AWS service may create a grant for a resource it integrates', (key) => {
      expect(decide(key, admin('kms:CreateGrant', { 'kms:GrantIsForAWSResource': true }))).toBe('allow');
    });

    test.each(ALL_KEYS)('%s: an administrator manages the key but cannot decrypt or encrypt with it directly', (key) => {
      for (const action of ['kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:DescribeKey']) expect(decide(key, admin(action))).toBe('allow');
      for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom']) expect(decide(key, admin(action, { 'kms:CallerAccount': ACCOUNT }))).toBe('implicit-deny');
    });

    test.each(ALL_KEYS)('%s: separates administration from use and keeps CT.KMS.PR.3\'s deny statement', (key) => {
      const statements = keys[key].Properties.KeyPolicy.Statement;
      const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
      expect(bySid.KeyAdministration.Action).toEqual([...KEY_ADMIN_ACTIONS]);
      expect(bySid.KeyUseThroughAwsServices?.Action ?? [...KEY_USE_ACTIONS]).toEqual([...KEY_USE_ACTIONS]);
      expect(bySid.DenyGrantsNotForAwsServices).toEqual({
        Sid: 'DenyGrantsNotForAwsServices',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      });
      expect(statements.some((s) => s.Action === 'kms:*' || (Array.isArray(s.Action) && s.Action.includes('kms:*')))).toBe(false);
    });

    // Every data path of the kit, with the request it makes: none may break.
    const iamVia = (name: string, action: string, service: string, extra: Record<string, string> = {}): KmsRequest => ({
      principal: role(name),
      iamAllows: true,
      action,
      context: { ...via(service), ...extra },
    });
    test.each<[string, string, KmsRequest]>([
      ['contact-records Firehose writes SSE-KMS objects', STREAMS, iamVia('ContactRecordsS3DestinationRole', 'kms:GenerateDataKey', 's3')],
      ['agent-events Firehose reads the encrypted stream', STREAMS, iamVia('AgentEventsDeliveryServiceRole', 'kms:Decrypt', 'kinesis', { 'kms:EncryptionContext:aws:kinesis:arn': STREAM })],
      ['agent-events Firehose writes SSE-KMS objects', STREAMS, iamVia('AgentEventsDeliveryS3DestinationRole', 'kms:GenerateDataKey', 's3')],
      ['survey-capture writes answers to the contact records bucket', STREAMS, iamVia('FunctionssurveycaptureRole', 'kms:GenerateDataKey', 's3')],
      ['an analyst reads contact records and encrypted results in Athena', STREAMS, iamVia('Analyst', 'kms:Decrypt', 's3')],
      ['staff play a recording from the bucket', RECORDINGS, iamVia('RecordsOfficer', 'kms:Decrypt', 's3')],
      ['staff read a scheduled report', REPORTS, iamVia('Supervisor', 'kms:Decrypt', 's3')],
      ['case-status reads a case', TABLES, iamVia('FunctionscasestatusRole', 'kms:Decrypt', 'dynamodb')],
      ['caller-verification updates attempts', TABLES, iamVia('FunctionscallerverificationRole', 'kms:GenerateDataKey', 'dynamodb')],
      ['AWS Backup copies a table into the vault', TABLES, iamVia('TableBackupsRole', 'kms:Decrypt', 'backup')],
      ['the case system writes cases', TABLES, iamVia('AgencyCaseSystem', 'kms:Encrypt', 'dynamodb')],
      [
        'CloudWatch Logs encrypts a log group',
        LOGS,
        { principal: { service: `logs.${REGION}.amazonaws.com` }, action: 'kms:GenerateDataKey', context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws-us-gov:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/x` } },
      ],
      [
        'CloudWatch alarms publish to the encrypted topic',
        ALARMS,
        { principal: { service: 'cloudwatch.amazonaws.com' }, action: 'kms:GenerateDataKey', context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws-us-gov:cloudwatch:${REGION}:${ACCOUNT}:alarm:x` } },
      ],
    ])('keeps working: %s', (_, key, request) => {
      expect(decide(key, request)).toBe('allow');
    });

    test('gives the logs key to CloudWatch Logs only: no IAM principal can use it, even through a service', () => {
      expect(decide(LOGS, iamVia('Anyone', 'kms:Decrypt', 's3'))).toBe('implicit-deny');
      expect(keys[LOGS].Properties.KeyPolicy.Statement.map((s) => s.Sid)).toEqual(['KeyAdministration', 'AllowGrantsForAwsResources', 'DenyGrantsNotForAwsServices', 'AllowCloudWatchLogs']);
    });

    test('lets each key be used through IAM only via the services that hold its data', () => {
      const services = (key: string) => {
        const statement = keys[key].Properties.KeyPolicy.Statement.find((s) => s.Sid === 'KeyUseThroughAwsServices') as { Condition: { StringEquals: Record<string, unknown> } } | undefined;
        return statement ? statement.Condition.StringEquals['kms:ViaService'] : [];
      };
      const region = (names: string[]) => names.map((n) => `${n}.${REGION}.amazonaws.com`);
      expect(Object.fromEntries(ALL_KEYS.map((k) => [k, resolve(services(k))]))).toEqual({
        [RECORDINGS]: region(['s3']),
        [REPORTS]: region(['s3']),
        [STREAMS]: region(['kinesis', 's3']),
        [LOGS]: [],
        [TABLES]: region(['backup', 'dynamodb']),
        [ALARMS]: region(['sns']),
      });
    });
  });
});
