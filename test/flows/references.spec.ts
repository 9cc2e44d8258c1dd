import { Stack, Token } from 'aws-cdk-lib';
import { estimatingResolver } from '../../lib/flows/estimate';
import { FlowError } from '../../lib/flows/errors';
import { loadFlows } from '../../lib/flows/loader';
import {
  findCycles,
  findReferences,
  flowDependencies,
  flowOrder,
  REFERENCE_KINDS,
  ReferenceTable,
  resolveReferences,
  tryResolveReferences,
} from '../../lib/flows/references';
import type { LoadedFlow } from '../../lib/flows/types';

const ALL_KINDS = 'test/fixtures/flows/references/all-kinds.json';
const flow = (file: string): LoadedFlow => loadFlows([file]).flows[0];

/** A value per kind and name that shows which reference it replaced. */
const TABLE: ReferenceTable = {
  queue: new Map([['General', 'QUEUE-General']]),
  route: { escalation: 'ROUTE-escalation' },
  hours: { main: 'HOURS-main' },
  lambda: { 'case-status': 'LAMBDA-case-status' },
  bot: { 'citizen-services': 'BOT-citizen-services' },
  botRole: { survey: 'BOTROLE-survey' },
  prompt: { welcome: 'PROMPT-welcome' },
  flow: { 'queue-wait': 'FLOW-queue-wait' },
  module: { 'verify-caller': 'MODULE-verify-caller' },
  routingProfile: { Agent: 'PROFILE-Agent' },
  quickConnect: { 'Fraud Hotline': 'QC-Fraud Hotline' },
  view: { detail: 'VIEW-detail' },
  config: { displayName: 'City of Riverton', languages: 'en-US,es-US' },
};

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** Our references (not CDK tokens) left in a text. */
const OURS = /\$\{(?!Token\[)/;

describe('named references', () => {
  test('finds every occurrence, also several in one string and in Metadata', () => {
    const refs = findReferences(flow(ALL_KINDS).content);
    expect(refs.map((r) => `${r.actionId} ${r.parameter ?? (r.inMetadata ? 'Metadata' : '')} ${r.text}`)).toEqual([
      'Greeting Text ${config:displayName}',
      'Greeting Text ${config:displayName}',
      'Greeting PromptId ${prompt:welcome}',
      'Status LambdaFunctionARN ${lambda:case-status}',
      'Check hours HoursOfOperationId ${hours:main}',
      'Ask bot LexV2Bot.AliasArn ${bot:citizen-services}',
      'Verify FlowModuleId ${module:verify-caller}',
      'Remember Attributes.profile ${routingProfile:Agent}',
      'Remember Attributes.hotline ${quickConnect:Fraud Hotline}',
      'Remember Attributes.languages ${config:languages}',
      'Remember Attributes.surveyBot ${botRole:survey}',
      'Remember Attributes.guide ${view:detail}',
      'Set queue QueueId ${queue:General}',
      'Fallback queue QueueId ${route:escalation}',
      'Set hooks EventHooks.CustomerQueue ${flow:queue-wait}',
      'Set queue Metadata ${queue:General}',
    ]);
    expect(new Set(refs.map((r) => r.kind))).toEqual(new Set(REFERENCE_KINDS));
  });

  test('resolves every kind, every occurrence, Parameters and Metadata, leaving none behind', () => {
    const source = flow(ALL_KINDS);
    const resolved = resolveReferences(source, TABLE);
    const text = JSON.stringify(resolved);
    expect(text).not.toMatch(OURS);
    const greeting = resolved.Actions.find((a) => a.Identifier === 'Greeting')!;
    expect(greeting.Parameters.Text).toBe('Welcome to City of Riverton. City of Riverton is here to help.');
    expect(resolved.Actions.find((a) => a.Identifier === 'Set hooks')!.Parameters).toEqual({ EventHooks: { CustomerQueue: 'FLOW-queue-wait' } });
    expect(resolved.Metadata).toEqual({ entryPointPosition: { x: 40, y: 40 }, ActionMetadata: { 'Set queue': { position: { x: 200, y: 40 }, queue: { id: 'QUEUE-General', text: 'General' } } } });
    for (const value of ['QUEUE-General', 'ROUTE-escalation', 'HOURS-main', 'LAMBDA-case-status', 'BOT-citizen-services', 'PROMPT-welcome', 'FLOW-queue-wait', 'MODULE-verify-caller', 'PROFILE-Agent', 'QC-Fraud Hotline', 'BOTROLE-survey', 'en-US,es-US']) {
      expect(text).toContain(value);
    }
    // The loaded flow is not changed.
    expect(JSON.stringify(source.content)).toContain('${queue:General}');
  });

  test('can strip Metadata, which exports fill with instance ARNs', () => {
    const resolved = resolveReferences(flow(ALL_KINDS), TABLE, { metadata: 'strip' });
    expect(resolved).not.toHaveProperty('Metadata');
    expect(Object.keys(resolved)).toEqual(['Version', 'StartAction', 'Actions']);
  });

  test('fails naming the file, the action and the known names for an unknown name', () => {
    const table: ReferenceTable = { ...TABLE, queue: { Benefits: 'QUEUE-Benefits', 'City Services': 'QUEUE-City' } };
    const error = errorOf(() => resolveReferences(flow(ALL_KINDS), table));
    expect(error).toBeInstanceOf(FlowError);
    expect(error.message).toBe(
      [
        'Contact flows have 2 errors:',
        '  test/fixtures/flows/references/all-kinds.json: action "Set queue": ${queue:General} names no queue (known: Benefits, City Services) [error unknown-reference]',
        '  test/fixtures/flows/references/all-kinds.json: action "Set queue": Metadata: ${queue:General} names no queue (known: Benefits, City Services) [error unknown-reference]',
      ].join('\n'),
    );
  });

  test('fails for a kind the table lacks, and for a function resolver that does not know a name', () => {
    const { bot: _bot, ...withoutBots } = TABLE;
    expect(() => resolveReferences(flow(ALL_KINDS), withoutBots)).toThrow(
      'Contact flows have 1 error:\n  test/fixtures/flows/references/all-kinds.json: action "Ask bot": ${bot:citizen-services} names no bot (known: none) [error unknown-reference]',
    );
    expect(() => resolveReferences(flow(ALL_KINDS), (kind, name) => (kind === 'config' ? undefined : `${kind}/${name}`))).toThrow(
      /^Contact flows have 3 errors:\n {2}test\/fixtures\/flows\/references\/all-kinds\.json: action "Greeting": \$\{config:displayName\} names no config value \[error unknown-reference\]/,
    );
  });

  test('fails when a resolved value itself holds a reference', () => {
    expect(() => resolveReferences(flow(ALL_KINDS), (kind, name) => (kind === 'prompt' ? '${prompt:again}' : `${kind}/${name}`))).toThrow(
      'Contact flows have 1 error:\n  test/fixtures/flows/references/all-kinds.json: action "Greeting": ${prompt:again} is left after resolution (the value of ${prompt:welcome} holds a reference) [error unknown-reference]',
    );
  });

  test('finds the references of a document once: the same frozen list for the same document, a fresh one for a changed copy', () => {
    // GIVEN a loaded flow, and a copy of it with one more reference
    const loaded = flow(ALL_KINDS);
    const first = findReferences(loaded.content);
    const [head, ...rest] = loaded.content.Actions;
    const changed = { ...loaded.content, Actions: [{ ...head, Parameters: { ...head.Parameters, Extra: '${queue:Extra}' } }, ...rest] };
    // WHEN the references are asked for again, and for the copy
    const again = findReferences(loaded.content);
    const ofCopy = findReferences(changed);
    // THEN the same document gives the same list, which nobody can change; the copy is scanned anew
    expect(again).toBe(first);
    expect(Object.isFrozen(first) && first.every((ref) => Object.isFrozen(ref))).toBe(true);
    expect(ofCopy).toHaveLength(first.length + 1);
    expect(ofCopy.filter((ref) => ref.text === '${queue:Extra}').map((ref) => `${ref.actionId} ${ref.parameter}`)).toEqual([`${head.Identifier} Extra`]);
  });

  test('stripping Metadata resolves and reports exactly the references outside it', () => {
    // GIVEN a flow whose Metadata holds a reference no table knows
    const loaded = flow(ALL_KINDS);
    const withUnknownInMetadata = { ...loaded, content: { ...loaded.content, Metadata: { ...loaded.content.Metadata, Note: '${queue:Nowhere}' } } };
    // WHEN it is resolved keeping, then stripping, the Metadata
    const kept = tryResolveReferences(withUnknownInMetadata, TABLE);
    const stripped = tryResolveReferences(withUnknownInMetadata, TABLE, { metadata: 'strip' });
    // THEN only the kept Metadata's unknown name is a finding, and the stripped content has no Metadata
    expect(kept.findings.map((f) => f.message)).toEqual([expect.stringContaining('Metadata: ${queue:Nowhere} names no queue')]);
    expect(stripped.findings).toEqual([]);
    expect(stripped.content.Metadata).toBeUndefined();
    expect(JSON.stringify(stripped.content)).not.toMatch(OURS);
  });

  test('tryResolveReferences reports malformed references instead of throwing', () => {
    const source = flow('test/fixtures/flows/rules/unknown-reference/unknown-names.json');
    const { content, findings } = tryResolveReferences(source, (kind, name) => `${kind}/${name}`);
    expect(findings.map((f) => f.message)).toEqual([
      '${Config:displayName} has an unknown kind "Config", did you mean "config"? (kinds: queue, route, hours, lambda, bot, botRole, prompt, flow, module, routingProfile, quickConnect, view, config)',
      '${General} has no kind: write ${<kind>:General} with a kind of queue, route, hours, lambda, bot, botRole, prompt, flow, module, routingProfile, quickConnect, view, config',
    ]);
    expect(content.Actions[0].Parameters.QueueId).toBe('queue/Genral');
  });

  test('CDK tokens resolve into the template with no reference left', () => {
    const stack = new Stack();
    const token = (logicalId: string) => Token.asString({ 'Fn::GetAtt': [logicalId, 'Arn'] });
    const resolved = resolveReferences(flow(ALL_KINDS), (kind, name) => token(`${kind}${name.replace(/[^A-Za-z0-9]/g, '')}`));
    expect(JSON.stringify(resolved)).toMatch(/\$\{Token\[/);
    const rendered = JSON.stringify(stack.resolve(stack.toJsonString(resolved)));
    expect(rendered).not.toMatch(OURS);
    expect(rendered).toContain('"Fn::GetAtt":["queueGeneral","Arn"]');
    expect(rendered).toContain('"Fn::GetAtt":["flowqueuewait","Arn"]');
  });

  test('the estimating resolver gives GovCloud ARNs of real length', () => {
    const resolve = estimatingResolver();
    expect(resolve('queue', 'General')).toBe(
      ['arn', 'aws-us-gov', 'connect', 'us-gov-west-1', '123456789012', 'instance/00000000-0000-4000-8000-000000000000/queue/00000000-0000-4000-8000-000000000000'].join(':'),
    );
    expect(resolve('lambda', 'case-status')).toHaveLength(['arn', 'aws-us-gov', 'lambda', 'us-gov-west-1', '123456789012', 'function'].join(':').length + 1 + 64);
    expect(resolve('bot', 'citizen-services')).toMatch(/^arn:aws-us-gov:lex:us-gov-west-1:\d{12}:bot-alias\/[A-Z]{10}\/[A-Z]{10}$/);
    expect(resolve('config', 'displayName')).toHaveLength(100);
    expect(estimatingResolver({}, { displayName: 'Riverton' })('config', 'displayName')).toBe('Riverton');
  });
});

describe('flow-to-flow references', () => {
  const make = (name: string, refs: string[], type: LoadedFlow['type'] = 'CONTACT_FLOW'): LoadedFlow => ({
    file: `flows/${name}.json`,
    name,
    displayName: name,
    type,
    description: '',
    format: 'kit',
    imported: false,
    content: {
      Version: '2019-10-30',
      StartAction: 'Bye',
      Actions: [
        ...refs.map((ref, i) => ({ Identifier: `To ${i}`, Type: 'TransferToFlow', Parameters: { ContactFlowId: ref }, Transitions: { NextAction: 'Bye' } })),
        { Identifier: 'Bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    },
  });

  test('lists each flow and module referred to once', () => {
    expect(flowDependencies(make('main', ['${flow:queue}', '${module:verify}', '${flow:queue}']))).toEqual([
      { to: 'queue', kind: 'flow', actionId: 'To 0' },
      { to: 'verify', kind: 'module', actionId: 'To 1' },
    ]);
  });

  test('orders flows after the flows they refer to', () => {
    const flows = [make('main', ['${flow:queue}', '${module:verify}']), make('queue', ['${flow:whisper}']), make('whisper', []), make('verify', [], 'MODULE')];
    expect(flowOrder(flows).map((f) => f.name)).toEqual(['whisper', 'queue', 'verify', 'main']);
    expect(findCycles(flows)).toEqual([]);
  });

  test('finds cycles of any length and self-references, ignoring flows outside the set', () => {
    const flows = [make('a', ['${flow:b}']), make('b', ['${flow:c}', '${flow:elsewhere}']), make('c', ['${flow:a}']), make('d', ['${flow:d}']), make('e', ['${flow:a}'])];
    expect(findCycles(flows)).toEqual([
      { names: ['a', 'b', 'c'], actionIds: ['To 0', 'To 0', 'To 0'] },
      { names: ['d'], actionIds: ['To 0'] },
    ]);
    expect(() => flowOrder(flows)).toThrow(
      [
        'Contact flows have 2 errors:',
        '  flows/a.json: action "To 0": flows refer to each other in a cycle (a → b → c → a): CloudFormation cannot create them; break the cycle, e.g. by setting the target at run time from a contact attribute [error reference-cycle]',
        '  flows/d.json: action "To 0": flow d refers to itself (d → d): CloudFormation cannot create a flow that needs its own ARN [error reference-cycle]',
      ].join('\n'),
    );
  });
});
