import { ConfigError } from '../../lib/config/errors';
import type { JurisdictionConfig } from '../../lib/config/schema';
import { lintContextFor } from '../../lib/flows/context';
import { formatFinding } from '../../lib/flows/errors';
import { lintFlows } from '../../lib/flows/lint';
import { loadFlows } from '../../lib/flows/loader';
import type { Action, LoadedFlow } from '../../lib/flows/types';
import { HOLD_MESSAGE_ACTION, PICK_HOLD_MUSIC, QUEUE_FLOW, withHoldMusic } from '../../lib/prompts/hold-music';
import { loadJurisdictionSources } from '../../lib/sources';
import { exampleConfig, exampleFile } from '../helpers/examples';

const kitFlows = loadFlows(['contact-flows']).flows;
const pinecrest = exampleConfig('pinecrest-benefits');
const riverton = exampleConfig('riverton-311');
const FILE = exampleFile('pinecrest-benefits');
const queueFlow = (flows: readonly LoadedFlow[]) => flows.find((f) => f.name === QUEUE_FLOW)!;
const targets = (action: Action) => [action.Transitions.NextAction, ...(action.Transitions.Errors ?? []).map((e) => e.NextAction), ...(action.Transitions.Conditions ?? []).map((c) => c.NextAction)];

describe('hold music per queue', () => {
  test('a jurisdiction without hold prompts deploys the kit flows unchanged', () => {
    expect(riverton.queues.some((q) => q.holdPrompt !== undefined)).toBe(false);
    expect(withHoldMusic(riverton, kitFlows, FILE)).toBe(kitFlows);
  });

  test('the queue flow picks the queue by name and plays its prompt before every hold message', () => {
    const flow = queueFlow(withHoldMusic(pinecrest, kitFlows, FILE));
    const byId = new Map(flow.content.Actions.map((a) => [a.Identifier, a]));
    expect(byId.get(PICK_HOLD_MUSIC)).toEqual({
      Identifier: PICK_HOLD_MUSIC,
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.Queue.Name' },
      Transitions: {
        NextAction: HOLD_MESSAGE_ACTION,
        Conditions: [{ NextAction: 'Hold music 1', Condition: { Operator: 'Equals', Operands: ['General'] } }],
        Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: HOLD_MESSAGE_ACTION }],
      },
    });
    expect(byId.get('Hold music 1')).toEqual({
      Identifier: 'Hold music 1',
      Type: 'MessageParticipant',
      Parameters: { PromptId: '${prompt:hold-chime}' },
      Transitions: { NextAction: HOLD_MESSAGE_ACTION, Errors: [{ ErrorType: 'NoMatchingError', NextAction: HOLD_MESSAGE_ACTION }] },
    });
    // Every way into the hold message now passes the music first; only the music actions lead to it.
    const into = flow.content.Actions.filter((a) => targets(a).includes(HOLD_MESSAGE_ACTION)).map((a) => a.Identifier);
    expect(into).toEqual([PICK_HOLD_MUSIC, 'Hold music 1']);
    const before = queueFlow(kitFlows).content.Actions.filter((a) => targets(a).includes(HOLD_MESSAGE_ACTION)).length;
    expect(flow.content.Actions.filter((a) => targets(a).includes(PICK_HOLD_MUSIC))).toHaveLength(before);
    // The file on disk is not touched: other jurisdictions keep the plain flow.
    expect(queueFlow(kitFlows).content.Actions.some((a) => a.Identifier === PICK_HOLD_MUSIC)).toBe(false);
  });

  test('the woven flow is lint-clean with the jurisdiction\'s prompt names', () => {
    const flows = withHoldMusic(pinecrest, kitFlows, FILE);
    expect(lintFlows(flows, lintContextFor(pinecrest, flows)).filter((f) => f.severity === 'error').map(formatFinding)).toEqual([]);
  });

  test('a prompt reference the jurisdiction does not define is an unknown-reference error listing its prompts', () => {
    const flows = withHoldMusic(pinecrest, kitFlows, FILE).map((flow) =>
      flow.name !== QUEUE_FLOW
        ? flow
        : { ...flow, content: { ...flow.content, Actions: flow.content.Actions.map((a) => (a.Identifier === 'Hold music 1' ? { ...a, Parameters: { PromptId: '${prompt:hold-music}' } } : a)) } },
    );
    expect(lintFlows(flows, lintContextFor(pinecrest, flows)).filter((f) => f.ruleId === 'unknown-reference').map(formatFinding)).toEqual([
      'contact-flows/customer-queue.json: action "Hold music 1": ${prompt:hold-music} names no prompt (known: hold-chime) [error unknown-reference]',
    ]);
  });

  test('hold music without the kit queue flow is a config error naming the queue', () => {
    const withoutQueueFlow = kitFlows.filter((f) => f.name !== QUEUE_FLOW);
    expect(() => withHoldMusic(pinecrest, withoutQueueFlow, FILE)).toThrow(ConfigError);
    expect(() => withHoldMusic(pinecrest, withoutQueueFlow, FILE)).toThrow(
      `${FILE}: queues[0].holdPrompt: hold music plays in the customer-queue flow, and it is not deployed (flows.exclude) (deploy the kit's customer-queue flow, or remove holdPrompt)`,
    );
  });

  test('the jurisdiction\'s sources carry the woven flow and the checked prompt', () => {
    const config: JurisdictionConfig = pinecrest;
    const sources = loadJurisdictionSources(config, process.cwd(), undefined, FILE);
    expect(sources.prompts.prompts).toEqual([{ name: 'hold-chime', file: 'hold-chime.wav', description: 'Two-note chime played to callers waiting in the General queue' }]);
    expect(sources.prompts.folder).toMatch(/test\/fixtures\/config\/examples\/prompts\/pinecrest-benefits$/);
    expect(queueFlow(sources.flows).content.Actions.some((a) => a.Identifier === PICK_HOLD_MUSIC)).toBe(true);
  });
});
