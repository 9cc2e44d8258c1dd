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
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeBotAliasCommand, DescribeBotCommand, DescribeBotLocaleCommand, LexModelsV2Client, ListBotLocalesCommand } from '@aws-sdk/client-lex-models-v2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lib/cli/main';
import { exampleConfig, EXAMPLES_CONFIG } from '../helpers/examples';

const connect = mockClient(ConnectClient);
const lambda = mockClient(LambdaClient);
const ssm = mockClient(SSMClient);
const lex = mockClient(LexModelsV2Client);
const config = exampleConfig('pinecrest-benefits');
const INSTANCE = 'arn:aws-us-gov:connect:us-gov-west-1:222222222222:instance/inst';
const KEY = 'arn:aws-us-gov:kms:us-gov-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const FUNCTIONS = ['contact-center-status', 'case-status', 'caller-verification', 'survey-capture'].map((n) => `arn:aws-us-gov:lambda:us-gov-west-1:222222222222:function:pinecrest-${n}`);
const CODE_HOOK = 'arn:aws-us-gov:lambda:us-gov-west-1:222222222222:function:pinecrest-lex-fulfillment';
/** The live alias of citizen-services as deployed: version 3, both locales, the code hook in each. */
const LIVE_ALIAS = {
  botAliasName: 'live',
  botAliasStatus: 'Available',
  botVersion: '3',
  botAliasLocaleSettings: Object.fromEntries(
    ['en_US', 'es_US'].map((locale) => [locale, { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: CODE_HOOK, codeHookInterfaceVersion: '1.0' } } }]),
  ),
} as const;
const payload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)) as never;

/** A healthy deployment of pinecrest-benefits. */
function healthy() {
  connect.reset();
  lambda.reset();
  ssm.reset();
  lex.reset();
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
  connect.on(ListBotsCommand).resolves({
    LexBots: [
      { LexV2Bot: { AliasArn: 'arn:aws-us-gov:lex:us-gov-west-1:222222222222:bot-alias/BOTID12345/ALIAS12345' } },
      { LexV2Bot: { AliasArn: 'arn:aws-us-gov:lex:us-gov-west-1:222222222222:bot-alias/SURVEY6789/ALIAS67890' } },
    ],
  });
  lex.on(DescribeBotCommand, { botId: 'BOTID12345' }).resolves({ botId: 'BOTID12345', botName: 'pinecrest-benefits-contact-center-Bot-citizen-services-6DE7CB66' });
  lex.on(DescribeBotAliasCommand, { botId: 'BOTID12345', botAliasId: 'ALIAS12345' }).resolves(LIVE_ALIAS);
  lex.on(ListBotLocalesCommand, { botId: 'BOTID12345', botVersion: '3' }).resolves({ botLocaleSummaries: [{ localeId: 'en_US', botLocaleStatus: 'Built' }, { localeId: 'es_US', botLocaleStatus: 'Built' }] });
  // The survey-answers bot (post-contact survey on chat), deployed the same way.
  lex.on(DescribeBotCommand, { botId: 'SURVEY6789' }).resolves({ botId: 'SURVEY6789', botName: 'pinecrest-benefits-contact-center-Bot-survey-answers-1A2B3C4D' });
  lex.on(DescribeBotAliasCommand, { botId: 'SURVEY6789', botAliasId: 'ALIAS67890' }).resolves(LIVE_ALIAS);
  lex.on(ListBotLocalesCommand, { botId: 'SURVEY6789', botVersion: '3' }).resolves({ botLocaleSummaries: [{ localeId: 'en_US', botLocaleStatus: 'Built' }, { localeId: 'es_US', botLocaleStatus: 'Built' }] });
  lambda.on(GetFunctionConfigurationCommand, { FunctionName: CODE_HOOK }).resolves({ FunctionArn: CODE_HOOK, State: 'Active' });
  connect.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: FUNCTIONS });
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ result: 'ERROR', message: 'missing parameter' }) });
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify({ closed: false, reason: 'OTHER' }) } });
}

async function smoke() {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['smoke', '--jurisdiction', 'pinecrest-benefits', '--config-dir', EXAMPLES_CONFIG], { out: (t) => out.push(t), err: (t) => err.push(t) });
  // Columns are padded to the longest check name; compare with single gaps.
  return { code, out: out.map((line) => line.replace(/ {2,}/g, '  ')), err };
}

describe('gcck smoke', () => {
  test('a healthy deployment passes every check and exits 0', async () => {
    healthy();
    const { code, out, err } = await smoke();
    expect(err).toEqual([]);
    expect(out.filter((l) => !l.startsWith('PASS'))).toEqual(['all 16 checks passed']);
    expect(out).toContain('PASS  bots  2 Lex V2 aliases associated');
    expect(out).toContain('PASS  bot citizen-services  alias live Available on version 3; en_US, es_US built and enabled; code hook pinecrest-lex-fulfillment');
    expect(out).toContain('PASS  bot survey-answers  alias live Available on version 3; en_US, es_US built and enabled; code hook pinecrest-lex-fulfillment');
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
    expect(out[out.length - 1]).toBe('6 of 17 checks failed');
  });

  test('an instance that is not ACTIVE, or configured otherwise, fails the instance check', async () => {
    healthy();
    connect.on(DescribeInstanceCommand).resolves({ Instance: { Arn: INSTANCE, InstanceStatus: 'CREATION_IN_PROGRESS', IdentityManagementType: 'CONNECT_MANAGED', InboundCallsEnabled: true, OutboundCallsEnabled: config.instance.outboundCalls } });
    const { out } = await smoke();
    expect(out[0]).toBe(`FAIL  instance  status CREATION_IN_PROGRESS; identity management CONNECT_MANAGED (expected ${config.instance.identityManagement})`);
  });
});

describe('gcck smoke: the bot check', () => {
  const botRows = (out: string[]) => out.filter((l) => l.includes('  bot citizen-services  '));

  test('a locale still building in the alias version fails with the locale named', async () => {
    healthy();
    lex.on(ListBotLocalesCommand).resolves({ botLocaleSummaries: [{ localeId: 'en_US', botLocaleStatus: 'Built' }, { localeId: 'es_US', botLocaleStatus: 'Building' }] });
    const { code, out } = await smoke();
    expect(botRows(out)).toEqual(['FAIL  bot citizen-services  locale es_US of version 3 is Building (expected Built)']);
    expect(code).toBe(1);
  });

  test('a failed locale build fails with the locale and the first reason Lex gives', async () => {
    healthy();
    lex.on(ListBotLocalesCommand).resolves({ botLocaleSummaries: [{ localeId: 'en_US', botLocaleStatus: 'Failed' }, { localeId: 'es_US', botLocaleStatus: 'Built' }] });
    lex.on(DescribeBotLocaleCommand, { botId: 'BOTID12345', botVersion: '3', localeId: 'en_US' }).resolves({ botLocaleStatus: 'Failed', failureReasons: ['Slot type CaseNumber has no values.\nmore detail', 'second'] });
    const { out } = await smoke();
    expect(botRows(out)).toEqual(['FAIL  bot citizen-services  locale en_US of version 3 is Failed (expected Built): Slot type CaseNumber has no values.']);
  });

  test('a locale the jurisdiction expects that is missing from the version fails, naming what the version has', async () => {
    healthy();
    lex.on(ListBotLocalesCommand).resolves({ botLocaleSummaries: [{ localeId: 'en_US', botLocaleStatus: 'Built' }] });
    const { out } = await smoke();
    expect(botRows(out)).toEqual(['FAIL  bot citizen-services  locale es_US is not in version 3 (it has: en_US)']);
  });

  test('the version locales are followed across pages', async () => {
    healthy();
    lex
      .on(ListBotLocalesCommand, { botId: 'BOTID12345', botVersion: '3', nextToken: undefined })
      .resolves({ botLocaleSummaries: [{ localeId: 'en_US', botLocaleStatus: 'Built' }], nextToken: 'page-2' })
      .on(ListBotLocalesCommand, { botId: 'BOTID12345', botVersion: '3', nextToken: 'page-2' })
      .resolves({ botLocaleSummaries: [{ localeId: 'es_US', botLocaleStatus: 'Built' }] });
    const { out } = await smoke();
    expect(botRows(out)).toEqual([expect.stringMatching(/^PASS {2}bot citizen-services {2}alias live Available on version 3; en_US, es_US built/)]);
    expect(lex.commandCalls(ListBotLocalesCommand).map((c) => c.args[0].input.nextToken)).toEqual([undefined, 'page-2']);
  });

  test('an alias that is not Available, on DRAFT, fails each problem on its own row', async () => {
    healthy();
    lex.on(DescribeBotAliasCommand).resolves({ ...LIVE_ALIAS, botAliasStatus: 'Creating', botVersion: 'DRAFT' });
    const { out } = await smoke();
    expect(botRows(out)).toEqual([
      'FAIL  bot citizen-services  alias live is Creating (expected Available)',
      'FAIL  bot citizen-services  alias live points to DRAFT (expected a numbered version: DRAFT is not what the kit deploys)',
    ]);
    // No version to list: DRAFT is not what callers should reach.
    expect(lex.commandCalls(ListBotLocalesCommand)).toHaveLength(0);
  });

  test('a locale the alias does not enable, or serves without the code hook, fails', async () => {
    healthy();
    lex.on(DescribeBotAliasCommand).resolves({ ...LIVE_ALIAS, botAliasLocaleSettings: { en_US: LIVE_ALIAS.botAliasLocaleSettings.en_US, es_US: { enabled: false } } });
    const { out } = await smoke();
    expect(botRows(out)).toEqual([
      'FAIL  bot citizen-services  alias live does not enable locale es_US',
      'FAIL  bot citizen-services  alias live has no code hook Lambda for es_US (intents with a dialog or fulfillment hook would fail)',
    ]);
  });

  test('a code hook whose function was deleted fails', async () => {
    healthy();
    lambda.on(GetFunctionConfigurationCommand).rejects(Object.assign(new Error('Function not found'), { name: 'ResourceNotFoundException' }));
    const { out } = await smoke();
    expect(botRows(out)).toEqual(['FAIL  bot citizen-services  code hook pinecrest-lex-fulfillment does not exist (the alias names a deleted function)']);
  });

  test('an associated alias of another bot is not taken for this one', async () => {
    healthy();
    lex.on(DescribeBotCommand, { botId: 'BOTID12345' }).resolves({ botName: 'pinecrest-benefits-contact-center-Bot-other-citizen-services-0D773D0A' });
    const { out } = await smoke();
    expect(botRows(out)).toEqual([
      'FAIL  bot citizen-services  no alias associated with the instance is of a bot named <stack>-Bot-citizen-services-<hash> (associated: pinecrest-benefits-contact-center-Bot-other-citizen-services-0D773D0A, pinecrest-benefits-contact-center-Bot-survey-answers-1A2B3C4D)',
    ]);
  });

  test('access denied on Lex is one clear line per bot, and the other checks still run', async () => {
    healthy();
    lex.on(DescribeBotCommand).rejects(Object.assign(new Error('User: arn:aws-us-gov:iam::222222222222:user/ops is not authorized to perform: lex:DescribeBot\non resource'), { name: 'AccessDeniedException' }));
    const { code, out, err } = await smoke();
    expect(err).toEqual([]);
    expect(botRows(out)).toEqual([
      'FAIL  bot citizen-services  access denied: User: arn:aws-us-gov:iam::222222222222:user/ops is not authorized to perform: lex:DescribeBot (give the default credentials the permission named, or use --profile)',
    ]);
    expect(out.filter((l) => l.startsWith('FAIL'))).toEqual([
      'FAIL  bot citizen-services  access denied: User: arn:aws-us-gov:iam::222222222222:user/ops is not authorized to perform: lex:DescribeBot (give the default credentials the permission named, or use --profile)',
      'FAIL  bot survey-answers  access denied: User: arn:aws-us-gov:iam::222222222222:user/ops is not authorized to perform: lex:DescribeBot (give the default credentials the permission named, or use --profile)',
    ]);
    expect(out[out.length - 1]).toBe('2 of 16 checks failed');
    expect(code).toBe(1);
  });

  test('throttling of the Lex model API is retried', async () => {
    healthy();
    lex
      .on(DescribeBotAliasCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves(LIVE_ALIAS);
    const { code } = await smoke();
    // the throttled call, its retry, and the survey-answers bot's alias
    expect(lex.commandCalls(DescribeBotAliasCommand)).toHaveLength(3);
    expect(code).toBe(0);
  });
});
