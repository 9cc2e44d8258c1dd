import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  ListBotsCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
  ListHoursOfOperationsCommand,
  ListInstancesCommand,
  ListLambdaFunctionsCommand,
  ListPromptsCommand,
  ListQueuesCommand,
  ListQuickConnectsCommand,
  ListRoutingProfilesCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lib/cli/main';
import { describeAwsError, paginate, withRetry } from '../../lib/live/aws';
import { importInstance, pullInstance } from '../../lib/live/export';
import { EXAMPLES_CONFIG } from '../helpers/example-paths';

const connect = mockClient(ConnectClient);
const INSTANCE = 'arn:aws-us-gov:connect:us-gov-west-1:111122223333:instance/11111111-2222-4333-8444-555555555555';
const QUEUE_ARN = `${INSTANCE}/queue/aaaaaaaa-0000-4000-8000-000000000001`;
const HOURS_ARN = `${INSTANCE}/operating-hours/bbbbbbbb-0000-4000-8000-000000000001`;
const MODULE_ARN = `${INSTANCE}/flow-module/cccccccc-0000-4000-8000-000000000001`;
const LAMBDA_ARN = 'arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:case-status';
const noWait = { sleep: async () => undefined };

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

const inbound = {
  Version: '2019-10-30',
  StartAction: 'Hours',
  Metadata: { name: 'Main inbound' },
  Actions: [
    { Identifier: 'Hours', Type: 'CheckHoursOfOperation', Parameters: { HoursOfOperationId: HOURS_ARN }, Transitions: { NextAction: 'Verify', Conditions: [{ NextAction: 'Verify', Condition: { Operator: 'Equals', Operands: ['True'] } }, { NextAction: 'Bye', Condition: { Operator: 'Equals', Operands: ['False'] } }], Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Bye' }] } },
    { Identifier: 'Verify', Type: 'InvokeFlowModule', Parameters: { FlowModuleId: MODULE_ARN }, Transitions: { NextAction: 'Status', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Status' }] } },
    { Identifier: 'Status', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: LAMBDA_ARN, InvocationTimeLimitSeconds: '3' }, Transitions: { NextAction: 'Queue', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Queue' }] } },
    { Identifier: 'Queue', Type: 'UpdateContactTargetQueue', Parameters: { QueueId: QUEUE_ARN }, Transitions: { NextAction: 'Transfer', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Bye' }] } },
    { Identifier: 'Transfer', Type: 'TransferContactToQueue', Parameters: {}, Transitions: { NextAction: 'Bye', Errors: [{ ErrorType: 'QueueAtCapacity', NextAction: 'Bye' }, { ErrorType: 'NoMatchingError', NextAction: 'Bye' }] } },
    { Identifier: 'Bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ],
};
const verify = { Version: '2019-10-30', StartAction: 'Done', Settings: {}, Actions: [{ Identifier: 'Done', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} }] };

function instance() {
  connect.reset();
  connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [{ Id: 'other', InstanceAlias: 'someone-else' }, { Id: '11111111-2222-4333-8444-555555555555', InstanceAlias: 'pinecrest-benefits-cc' }] });
  connect
    .on(ListContactFlowsCommand)
    .rejectsOnce(throttled())
    .resolvesOnce({ ContactFlowSummaryList: [{ Id: 'f1', Arn: `${INSTANCE}/contact-flow/f1`, Name: 'Main inbound' }], NextToken: 'page-2' })
    .resolves({ ContactFlowSummaryList: [] });
  connect.on(ListContactFlowModulesCommand).resolves({ ContactFlowModulesSummaryList: [{ Id: 'm1', Arn: MODULE_ARN, Name: 'Verify Caller' }] });
  connect.on(DescribeContactFlowCommand).resolves({ ContactFlow: { Arn: `${INSTANCE}/contact-flow/f1`, Id: 'f1', Name: 'Main inbound', Type: 'CONTACT_FLOW', Description: 'Inbound', Content: JSON.stringify(inbound) } });
  connect.on(DescribeContactFlowModuleCommand).resolves({ ContactFlowModule: { Arn: MODULE_ARN, Id: 'm1', Name: 'Verify Caller', Content: JSON.stringify(verify) } });
  connect.on(ListQueuesCommand).resolvesOnce({ QueueSummaryList: [{ Arn: `${INSTANCE}/queue/other`, Name: 'Claims' }], NextToken: 'q2' }).resolves({ QueueSummaryList: [{ Arn: QUEUE_ARN, Name: 'General' }] });
  connect.on(ListHoursOfOperationsCommand).resolves({ HoursOfOperationSummaryList: [{ Arn: HOURS_ARN, Name: 'main' }] });
  connect.on(ListPromptsCommand).resolves({ PromptSummaryList: [] });
  connect.on(ListRoutingProfilesCommand).resolves({ RoutingProfileSummaryList: [] });
  connect.on(ListQuickConnectsCommand).resolves({ QuickConnectSummaryList: [] });
  connect.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: [LAMBDA_ARN] });
  connect.on(ListBotsCommand).resolves({ LexBots: [] });
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('export-flows', () => {
  beforeEach(instance);

  test('pulls every flow and module (following pagination, retrying throttling) and names their ARNs from the instance lists', async () => {
    const pulled = await pullInstance(new ConnectClient({ region: 'us-gov-west-1' }), 'inst', noWait);
    expect(pulled.instance.names.queue).toEqual(['Claims', 'General']);
    const result = importInstance(pulled);
    expect(result.flows.map((f) => [f.name, f.type])).toEqual([['main-inbound', 'CONTACT_FLOW'], ['verify-caller', 'MODULE']]);
    expect(result.flows[0].file.Content.Actions.map((a) => a.Parameters)).toEqual([
      { HoursOfOperationId: '${hours:main}' },
      { FlowModuleId: '${module:verify-caller}' },
      { LambdaFunctionARN: '${lambda:case-status}', InvocationTimeLimitSeconds: '3' },
      { QueueId: '${queue:General}' },
      {},
      {},
    ]);
    expect(result.unmapped).toEqual([]);
    expect(connect.commandCalls(ListContactFlowsCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, undefined, 'page-2']);
  });

  test('the command finds the instance by the jurisdiction\'s alias and writes kit files', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-export-'));
    made.push(out);
    const result = await cli('export-flows', '--jurisdiction', 'pinecrest-benefits', '--config-dir', EXAMPLES_CONFIG, '--out', out);
    expect(result).toMatchObject({ code: 0, err: [] });
    expect(fs.readdirSync(out).sort()).toEqual(['main-inbound.json', 'verify-caller.json']);
    expect(connect.commandCalls(ListQueuesCommand)[0].args[0].input.InstanceId).toBe('11111111-2222-4333-8444-555555555555');
  });

  test.each([
    ['AccessDeniedException', 'User is not authorized to perform: connect:ListContactFlows', 'gcck export-flows: access denied: User is not authorized to perform: connect:ListContactFlows (give the default credentials the permission named, or use --profile)'],
    ['ResourceNotFoundException', 'Instance not found', 'gcck export-flows: not found in us-gov-west-1: Instance not found (check --instance-id and --region)'],
    ['ExpiredTokenException', 'The security token included in the request is expired', 'gcck export-flows: the credentials of the default credentials have expired: sign in again (e.g. aws sso login)'],
    ['UnrecognizedClientException', 'The security token included in the request is invalid', 'gcck export-flows: the credentials of the default credentials are not valid in us-gov-west-1 (partition aws-us-gov): GovCloud needs GovCloud credentials; commercial ones never work there'],
  ])('%s ends in one line and exit 1', async (name, message, line) => {
    connect.on(ListContactFlowsCommand).rejects(awsError(name, message));
    const result = await cli('export-flows', '--instance-id', 'inst', '--region', 'us-gov-west-1', '--out', path.join(os.tmpdir(), 'never-written'));
    expect(result).toEqual({ code: 1, out: [], err: [line] });
  });

  test('needs --out, and a region or jurisdiction (usage, exit 2)', async () => {
    expect((await cli('export-flows', '--instance-id', 'i', '--region', 'us-gov-west-1')).code).toBe(2);
    expect((await cli('export-flows', '--instance-id', 'i', '--out', 'x')).err[0]).toMatch(/^gcck export-flows: give --region or --jurisdiction/);
  });
});

describe('live plumbing', () => {
  test('throttling is retried with growing delays, other errors are not', async () => {
    const delays: number[] = [];
    let calls = 0;
    const value = await withRetry(async () => (++calls < 4 ? Promise.reject(throttled()) : 'ok'), { sleep: async (ms) => void delays.push(ms), baseDelayMs: 100 });
    expect(value).toBe('ok');
    expect(delays).toHaveLength(3);
    delays.forEach((d, i) => expect(d).toBeLessThanOrEqual(100 * 2 ** i));
    await expect(withRetry(async () => Promise.reject(awsError('AccessDeniedException', 'no')), noWait)).rejects.toThrow('no');
    await expect(withRetry(async () => Promise.reject(throttled()), { ...noWait, attempts: 2 })).rejects.toThrow('Rate exceeded');
  });

  test('pagination follows NextToken until there is none', async () => {
    const pages: Record<string, { NextToken?: string; items: number[] }> = { start: { NextToken: 'b', items: [1, 2] }, b: { NextToken: 'c', items: [3] }, c: { items: [4] } };
    expect(await paginate(async (token) => pages[token ?? 'start'])).toEqual([1, 2, 3, 4]);
  });

  test('an unknown error keeps its name and first line', () => {
    expect(describeAwsError(awsError('InternalServiceException', 'boom\nstack'), { region: 'us-gov-west-1', profile: 'gov' })).toBe('InternalServiceException: boom');
  });
});
