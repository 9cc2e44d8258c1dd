import {
  ConnectClient,
  DescribeInstanceCommand,
  ListBotsCommand,
  ListContactFlowsCommand,
  ListFlowAssociationsCommand,
  ListInstancesCommand,
  ListInstanceStorageConfigsCommand,
  ListLambdaFunctionsCommand,
  ListPhoneNumbersV2Command,
} from '@aws-sdk/client-connect';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lib/cli/main';
import { exampleConfig } from '../helpers/examples';

const connect = mockClient(ConnectClient);
const lambda = mockClient(LambdaClient);
const ssm = mockClient(SSMClient);
const config = exampleConfig('pinecrest-benefits');
const INSTANCE = 'arn:aws-us-gov:connect:us-gov-west-1:222222222222:instance/inst';
const KEY = 'arn:aws-us-gov:kms:us-gov-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const FUNCTIONS = ['contact-center-status', 'case-status', 'caller-verification', 'survey-capture'].map((n) => `arn:aws-us-gov:lambda:us-gov-west-1:222222222222:function:pinecrest-${n}`);
const payload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)) as never;

/** A healthy deployment of pinecrest-benefits. */
function healthy() {
  connect.reset();
  lambda.reset();
  ssm.reset();
  connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [{ Id: 'inst', InstanceAlias: config.instance.alias }] });
  connect.on(DescribeInstanceCommand).resolves({ Instance: { Arn: INSTANCE, InstanceStatus: 'ACTIVE', IdentityManagementType: config.instance.identityManagement, InboundCallsEnabled: config.instance.inboundCalls, OutboundCallsEnabled: config.instance.outboundCalls } });
  for (const type of ['CALL_RECORDINGS', 'CHAT_TRANSCRIPTS', 'SCHEDULED_REPORTS'] as const) {
    connect.on(ListInstanceStorageConfigsCommand, { InstanceId: 'inst', ResourceType: type }).resolves({ StorageConfigs: [{ StorageType: 'S3', S3Config: { BucketName: 'recordings', BucketPrefix: type, EncryptionConfig: { EncryptionType: 'KMS', KeyId: KEY } } }] });
  }
  connect.on(ListInstanceStorageConfigsCommand, { InstanceId: 'inst', ResourceType: 'CONTACT_TRACE_RECORDS' }).resolves({ StorageConfigs: [{ StorageType: 'KINESIS_FIREHOSE' }] });
  connect.on(ListInstanceStorageConfigsCommand, { InstanceId: 'inst', ResourceType: 'AGENT_EVENTS' }).resolves({ StorageConfigs: [{ StorageType: 'KINESIS_STREAM' }] });
  connect.on(ListPhoneNumbersV2Command).resolves({ ListPhoneNumbersSummaryList: [{ PhoneNumber: '+18005550100', PhoneNumberArn: 'pn-1' }, { PhoneNumber: '+12175550100', PhoneNumberArn: 'pn-2' }] });
  connect.on(ListFlowAssociationsCommand).resolves({ FlowAssociationSummaryList: [{ ResourceId: 'pn-1', FlowId: 'f-main' }, { ResourceId: 'pn-2', FlowId: 'f-main' }] });
  connect.on(ListContactFlowsCommand).resolves({ ContactFlowSummaryList: [{ Id: 'f-main', Arn: `${INSTANCE}/contact-flow/f-main`, Name: 'Main inbound' }] });
  connect.on(ListBotsCommand).resolves({ LexBots: [{ LexV2Bot: { AliasArn: 'arn:aws-us-gov:lex:us-gov-west-1:222222222222:bot-alias/B/A' } }] });
  connect.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: FUNCTIONS });
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ result: 'ERROR', message: 'missing parameter' }) });
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify({ closed: false, reason: 'OTHER' }) } });
}

async function smoke() {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['smoke', '--jurisdiction', 'pinecrest-benefits'], { out: (t) => out.push(t), err: (t) => err.push(t) });
  // Columns are padded to the longest check name; compare with single gaps.
  return { code, out: out.map((line) => line.replace(/ {2,}/g, '  ')), err };
}

describe('gcck smoke', () => {
  test('a healthy deployment passes every check and exits 0', async () => {
    healthy();
    const { code, out, err } = await smoke();
    expect(err).toEqual([]);
    expect(out.filter((l) => !l.startsWith('PASS'))).toEqual(['all 14 checks passed']);
    expect(out).toContain('PASS  phone numbers  2 claimed, each bound (main → Main inbound, claims-line → Main inbound)');
    expect(out).toContain('PASS  closure parameter  /pinecrest-benefits/contact-center/closure readable (closed: false)');
    expect(code).toBe(0);
    // The canned event is a voice contact of this instance, with no parameters.
    const event = JSON.parse(new TextDecoder().decode(lambda.commandCalls(InvokeCommand)[0].args[0].input.Payload as Uint8Array));
    expect(event.Details).toMatchObject({ ContactData: { Channel: 'VOICE', InstanceARN: INSTANCE }, Parameters: {} });
  });

  test('each failure is a FAIL row with what is wrong, and the command exits 1', async () => {
    healthy();
    connect.on(ListInstanceStorageConfigsCommand, { InstanceId: 'inst', ResourceType: 'CALL_RECORDINGS' }).resolves({ StorageConfigs: [{ StorageType: 'S3', S3Config: { BucketName: 'recordings', BucketPrefix: 'r' } }] });
    connect.on(ListFlowAssociationsCommand).resolves({ FlowAssociationSummaryList: [{ ResourceId: 'pn-1', FlowId: 'f-main' }] });
    lambda.on(InvokeCommand, { FunctionName: FUNCTIONS[1] }).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: payload({ errorMessage: 'boom' }) });
    lambda.on(InvokeCommand, { FunctionName: FUNCTIONS[2] }).resolves({ StatusCode: 200, Payload: payload({ verified: false, attempts: 2 }) });
    ssm.on(GetParameterCommand).rejects(Object.assign(new Error('User is not authorized to perform: ssm:GetParameter'), { name: 'AccessDeniedException' }));
    const { code, out } = await smoke();
    expect(code).toBe(1);
    expect(out.filter((l) => l.startsWith('FAIL'))).toEqual([
      "FAIL  storage CALL_RECORDINGS  S3 without a KMS key (expected S3 encrypted with the jurisdiction's CMK)",
      'FAIL  phone numbers  not bound to a flow: +12175550100',
      'FAIL  phone numbers  claims-line: no number is bound to flow "Main inbound"',
      'FAIL  lambda pinecrest-case-status  threw (Unhandled): a handler must return a fallback map, never throw at Amazon Connect',
      'FAIL  lambda pinecrest-caller-verification  answered non-string values for verified, attempts (Amazon Connect needs a flat map of strings)',
      'FAIL  closure parameter  access denied: User is not authorized to perform: ssm:GetParameter (give the default credentials the permission named, or use --profile)',
    ]);
    expect(out[out.length - 1]).toBe('6 of 15 checks failed');
  });

  test('an instance that is not ACTIVE, or configured otherwise, fails the instance check', async () => {
    healthy();
    connect.on(DescribeInstanceCommand).resolves({ Instance: { Arn: INSTANCE, InstanceStatus: 'CREATION_IN_PROGRESS', IdentityManagementType: 'CONNECT_MANAGED', InboundCallsEnabled: true, OutboundCallsEnabled: config.instance.outboundCalls } });
    const { out } = await smoke();
    expect(out[0]).toBe(`FAIL  instance  status CREATION_IN_PROGRESS; identity management CONNECT_MANAGED (expected ${config.instance.identityManagement})`);
  });
});
