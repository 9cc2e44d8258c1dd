import * as path from 'path';
import { formatFinding } from '../../lib/flows/errors';
import { inferFlowType } from '../../lib/flows/infer-type';
import { lintFlows, LintContext } from '../../lib/flows/lint';
import { loadFlows } from '../../lib/flows/loader';
import { lintContextFor } from '../../lib/flows/context';
import { findCycles } from '../../lib/flows/references';
import { exampleConfig } from '../helpers/examples';

/** Linter fidelity on the shapes real exports have (issue 11, item 1). */

const FIXTURES = 'test/fixtures/flows';
const lint = (folder: string, context: LintContext = {}, rule?: string) =>
  lintFlows(loadFlows([path.join(FIXTURES, folder)]), context)
    .filter((f) => rule === undefined || f.ruleId === rule)
    .map(formatFinding);

describe('flow type of files that declare none', () => {
  test('a {Name, Content} module envelope without Type is a module, with no finding', () => {
    const set = loadFlows([`${FIXTURES}/untyped/verify-module.json`]);
    expect(set.flows[0]).toMatchObject({ name: 'verify-module', displayName: 'Verify caller', type: 'MODULE', typeInferred: 'inferred', format: 'envelope', imported: true });
    expect(lintFlows(set).filter((f) => f.ruleId === 'flow-type' || f.ruleId === 'flow-file')).toEqual([]);
  });

  test('a raw export with DequeueContactAndTransferToQueue and a loop is a customer queue flow', () => {
    const set = loadFlows([`${FIXTURES}/untyped/queue-wait.json`]);
    expect(set.flows[0]).toMatchObject({ type: 'CUSTOMER_QUEUE', typeInferred: 'inferred', possibleTypes: ['CUSTOMER_QUEUE'] });
    expect(lintFlows(set)).toEqual([]);
  });

  test('whisper and agent-transfer exports get no flow-type error, only a type-unknown warning naming the candidates', () => {
    expect(lint('untyped').filter((line) => !line.includes('literal-arn') && !line.includes('unset-attribute'))).toEqual([
      'test/fixtures/flows/untyped/agent-transfer.json: declares no flow type: type unknown (TransferContactToAgent: a transfer flow (AGENT_TRANSFER or QUEUE_TRANSFER)); flow-type checks accept any of AGENT_TRANSFER, QUEUE_TRANSFER; declare "Type" (gcck import-flow writes it) [warning flow-file]',
      'test/fixtures/flows/untyped/agent-whisper.json: declares no flow type: type unknown (it ends with EndFlowExecution and does not loop: a whisper flow (CUSTOMER_WHISPER, AGENT_WHISPER, OUTBOUND_WHISPER)); flow-type checks accept any of CUSTOMER_WHISPER, AGENT_WHISPER, OUTBOUND_WHISPER; declare "Type" (gcck import-flow writes it) [warning flow-file]',
    ]);
  });

  test('an undeclared whisper still gets flow-type errors for actions no whisper allows', () => {
    const inference = inferFlowType({ Actions: [{ Type: 'MessageParticipant' }, { Type: 'EndFlowExecution' }] });
    expect(inference).toMatchObject({ type: 'CUSTOMER_WHISPER', certain: false, possibleTypes: ['CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'] });
    const set = loadFlows([`${FIXTURES}/untyped/agent-whisper.json`]);
    const flow = set.flows[0];
    const withInput = { ...flow, content: { ...flow.content, Actions: [...flow.content.Actions, { Identifier: 'Ask', Type: 'GetParticipantInput', Parameters: { Text: 'x' }, Transitions: {} }] } };
    expect(lintFlows([withInput]).filter((f) => f.ruleId === 'flow-type').map((f) => f.message)).toEqual([
      'GetParticipantInput cannot be used in a CUSTOMER_WHISPER flow (not in CUSTOMER_HOLD, CUSTOMER_WHISPER, AGENT_HOLD, AGENT_WHISPER, OUTBOUND_WHISPER)',
    ]);
  });

  test('actions of incompatible flow types are an error, not a guess', () => {
    expect(inferFlowType({ Actions: [{ Type: 'DequeueContactAndTransferToQueue' }, { Type: 'TransferContactToAgent' }] }).conflict).toBe(
      'TransferContactToAgent (only in AGENT_TRANSFER, QUEUE_TRANSFER) cannot be used with DequeueContactAndTransferToQueue (which leave CUSTOMER_QUEUE)',
    );
  });
});

describe('references only in Metadata', () => {
  test('do not fail a synth-time lint (Metadata stripped) and create no flow dependency', () => {
    const set = loadFlows([`${FIXTURES}/metadata-only`]);
    expect(lintFlows(set, { names: { queue: ['General'], flow: ['old-names'] }, metadata: 'strip' })).toEqual([]);
    expect(findCycles(set.flows)).toEqual([]);
  });

  test('are warnings when Metadata is kept', () => {
    expect(lint('metadata-only', { names: { queue: ['General'], flow: ['old-names'] } }).every((line) => line.includes('[warning unknown-reference]'))).toBe(true);
  });
});

describe('placeholders of other tools in ARN parameters', () => {
  test('each is an error with the ${kind:name} to write', () => {
    expect(lint('rules/foreign-placeholder', {}, 'foreign-placeholder')).toEqual([
      'test/fixtures/flows/rules/foreign-placeholder/other-tools.json: action "Percent": QueueId holds "%General%", a %Name% template token, which Amazon Connect cannot resolve: replace it with ${queue:General} (the name as the jurisdiction defines it), or run gcck import-flow, which converts it [error foreign-placeholder]',
      'test/fixtures/flows/rules/foreign-placeholder/other-tools.json: action "Double": LambdaFunctionARN holds "%%CASE_STATUS%%", a %%NAME%% template token, which Amazon Connect cannot resolve: replace it with ${lambda:CASE_STATUS} (the name as the jurisdiction defines it), or run gcck import-flow, which converts it [error foreign-placeholder]',
      'test/fixtures/flows/rules/foreign-placeholder/other-tools.json: action "Mustache": QueueId holds "{{queues.benefits.arn}}", a {{…}} template expression, which Amazon Connect cannot resolve: replace it with ${queue:benefits} (the name as the jurisdiction defines it), or run gcck import-flow, which converts it [error foreign-placeholder]',
      'test/fixtures/flows/rules/foreign-placeholder/other-tools.json: action "Bare": HoursOfOperationId holds "main", a bare name where an ARN belongs, which Amazon Connect cannot resolve: replace it with ${hours:main} (the name as the jurisdiction defines it), or run gcck import-flow, which converts it [error foreign-placeholder]',
    ]);
  });

  test('${X:name:X} and CloudFormation ${Var} get a conversion hint, not "write ${<kind>:Var}"', () => {
    expect(lint('rules/foreign-placeholder', {}, 'unknown-reference')).toEqual([
      'test/fixtures/flows/rules/foreign-placeholder/other-tools.json: action "Tagged": ${FLOW:queue-wait:FLOW} is a ${X:name:X} token of another tool, not a kit reference: replace it with ${flow:queue-wait} (the name as the jurisdiction defines it), or run gcck import-flow, which converts it [error unknown-reference]',
      'test/fixtures/flows/rules/foreign-placeholder/other-tools.json: action "Sub": ${GeneralQueueArn} is a CloudFormation or Terraform ${…} substitution of another tool, not a kit reference: replace it with ${queue:GeneralQueue} (the name as the jurisdiction defines it), or run gcck import-flow, which converts it [error unknown-reference]',
    ]);
  });
});

describe('ARNs that can never resolve in the jurisdiction', () => {
  test('commercial-partition ARNs in an imported flow are errors naming partition and region', () => {
    expect(lint('rules/literal-arn', {}, 'literal-arn').filter((line) => line.includes('foreign-accounts'))).toEqual([
      'test/fixtures/flows/rules/literal-arn/foreign-accounts.json: action "Lambda": LambdaFunctionARN holds the ARN "arn:aws:lambda:us-east-1:444455556666:function:case-status" of partition aws, region us-east-1, which can never resolve in this jurisdiction (aws-us-gov, us-gov-west-1): replace it with a reference such as ${lambda:<name>} [error literal-arn]',
      'test/fixtures/flows/rules/literal-arn/foreign-accounts.json: action "Bot": LexV2Bot.AliasArn holds the ARN "arn:aws:lex:us-west-2:777788889999:bot-alias/ABCDEFGHIJ/K..." of partition aws, region us-west-2, which can never resolve in this jurisdiction (aws-us-gov, us-gov-west-1): replace it with a reference such as ${bot:<name>} [error literal-arn]',
      'test/fixtures/flows/rules/literal-arn/foreign-accounts.json: action "Queue": QueueId holds the literal ARN "arn:aws-us-gov:connect:us-gov-west-1:123456789012:instanc...": replace it with a reference such as ${queue:<name>} so the flow deploys to any instance [warning literal-arn]',
    ]);
  });

  test('a GovCloud ARN of another account is an error once the account is known', () => {
    const queue = lint('rules/literal-arn', { account: '222222222222' }, 'literal-arn').find((line) => line.includes('action "Queue"'));
    expect(queue).toBe(
      'test/fixtures/flows/rules/literal-arn/foreign-accounts.json: action "Queue": QueueId holds the ARN "arn:aws-us-gov:connect:us-gov-west-1:123456789012:instanc..." of account 123456789012, which can never resolve in this jurisdiction (aws-us-gov, us-gov-west-1, 222222222222): replace it with a reference such as ${queue:<name>} [error literal-arn]',
    );
  });
  test('at synth, the jurisdiction\'s partition, region and account decide: a GovCloud ARN of another account is an error too', () => {
    const set = loadFlows([`${FIXTURES}/rules/literal-arn/foreign-accounts.json`]);
    const own = lintFlows(set, lintContextFor(exampleConfig('pinecrest-benefits'), set.flows)).filter((f) => f.ruleId === 'literal-arn');
    expect(own.map((f) => [f.actionId, f.severity])).toEqual([['Lambda', 'error'], ['Bot', 'error'], ['Queue', 'error']]);
    expect(own[2].message).toContain('of account 123456789012, which can never resolve in this jurisdiction (aws-us-gov, us-gov-west-1, 111111111111)');
  });
});

describe('Lex V1 bots and attributes nothing sets', () => {
  test('LexBot {Name, Region, Alias} is an error pointing to Lex V2', () => {
    expect(lint('rules/lex-v1-bot', {}, 'lex-v1-bot')).toEqual([
      'test/fixtures/flows/rules/lex-v1-bot/lex-v1.json: action "Ask": uses the Lex V1 bot "CitizenServices": Lex V1 has reached end of support and is not available in GovCloud; rebuild it in Lex V2 (export it and run gcck import-bot) and write "LexV2Bot": {"AliasArn": "${bot:CitizenServices}"} [error lex-v1-bot]',
    ]);
  });

  test('a misspelt flow attribute and a contact attribute no flow sets are warnings; set ones are not', () => {
    expect(lint('rules/unset-attribute', {}, 'unset-attribute')).toEqual([
      'test/fixtures/flows/rules/unset-attribute/unset.json: action "Check": reads $.FlowAttributes.langauge, which no action of this flow sets: it will be empty (check the name, or set it with UpdateFlowAttributes) [warning unset-attribute]',
      'test/fixtures/flows/rules/unset-attribute/unset.json: action "Say": reads $.Attributes.priority, which no flow here sets: it will be empty (check the name, or set it with UpdateContactAttributes) [warning unset-attribute]',
    ]);
  });
});

describe('files that are not flows', () => {
  test('the old designer format and a CloudFormation template are named, with what to do', () => {
    expect(lint('foreign-shapes')).toEqual([
      'test/fixtures/flows/foreign-shapes/old-designer.json: is in the old flow designer format ({"modules": […]}), which Amazon Connect and the kit no longer read: open the flow in the current flow designer and export it again (Save → Export flow), which writes the Flow Language ({"Version", "StartAction", "Actions"}) [error flow-file]',
      'test/fixtures/flows/foreign-shapes/template.json: is a CloudFormation template, not a flow: extract its flows and modules with gcck import-flow <template> --jurisdiction ID [error flow-file]',
    ]);
  });
});
