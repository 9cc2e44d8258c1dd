import { loadFlows } from '../../lib/flows/loader';
import type { Action } from '../../lib/flows/types';

const chat = loadFlows(['contact-flows']).flows.find((f) => f.name === 'chat-inbound')!;
const byId = new Map(chat.content.Actions.map((a) => [a.Identifier, a]));
const action = (id: string): Action => {
  const found = byId.get(id);
  if (!found) throw new Error(`chat-inbound has no action ${id}`);
  return found;
};

/**
 * Where a Compare sends a contact whose compared value is `value` (TextStartsWith and Equals only,
 * the operators these actions use), else its no-match path.
 */
function compare(id: string, value: string): string {
  const { Transitions } = action(id);
  const hit = (Transitions.Conditions ?? []).find(({ Condition }) =>
    Condition.Operator === 'TextStartsWith' ? value.startsWith(Condition.Operands[0]) : Condition.Operator === 'Equals' && value === Condition.Operands[0],
  );
  return hit?.NextAction ?? Transitions.Errors!.find((e) => e.ErrorType === 'NoMatchingCondition')!.NextAction;
}

const QUEUE_ARN = 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/i/queue/q';

describe('chat-inbound with the attributes the web chat starts with', () => {
  test('an open contact center checks the web topic queue before picking a queue by language', () => {
    expect(compare('Is contact center closed', 'false')).toBe('Check web topic queue');
    expect(action('Check closure switch').Transitions.Errors!.map((e) => e.NextAction)).not.toContain('Pick chat queue');
  });

  test('a topic with its own queue sets that queue from the start attribute, then checks its hours', () => {
    expect(compare('Check web topic queue', QUEUE_ARN)).toBe('Set web topic queue');
    const set = action('Set web topic queue');
    expect(set.Parameters).toEqual({ QueueId: '$.Attributes.topicQueue' });
    expect(set.Transitions.NextAction).toBe('Check hours');
    // A queue that cannot be set falls back to the language queue, never drops the chat.
    expect(set.Transitions.Errors).toEqual([{ ErrorType: 'NoMatchingError', NextAction: 'Pick chat queue' }]);
  });

  test('without a topic queue the queue is picked by language, as before', () => {
    expect(compare('Check web topic queue', '')).toBe('Pick chat queue');
    expect(compare('Pick chat queue', 'es-US')).toBe('Set Spanish queue');
  });

  test('a web topic skips the self-service bot (the citizen is not asked again) and goes to the queue', () => {
    expect(action('Set chat analytics').Transitions.NextAction).toBe('Check web topic chosen');
    expect(action('Flag redaction failure').Transitions.NextAction).toBe('Check web topic chosen');
    expect(compare('Check web topic chosen', QUEUE_ARN)).toBe('Mark web topic chosen');
    expect(action('Mark web topic chosen').Parameters.Attributes).toEqual({ selfServiceExit: 'WEB_TOPIC', verification: 'NOT_ATTEMPTED' });
    expect(action('Mark web topic chosen').Transitions.NextAction).toBe('Set customer queue flow');
    expect(action('Set customer queue flow').Transitions.NextAction).toBe('Set agent whisper flow');
    expect(action('Set agent whisper flow').Transitions.NextAction).toBe('Set survey disconnect flow');
    expect(action('Set survey disconnect flow').Transitions.NextAction).toBe('Is agent view on');
    expect(compare('Is agent view on', 'off')).toBe('Load proficiency routing switch');
    expect(action('Load proficiency routing switch').Transitions.NextAction).toBe('Is proficiency routing on');
    expect(compare('Is proficiency routing on', 'off')).toBe('Transfer to queue');
    expect(compare('Check web topic chosen', '')).toBe('Pick self service language');
  });

  test('greets in Spanish when the web page started the chat in Spanish', () => {
    expect(compare('Check requested language', 'es-US')).toBe('Use Spanish');
  });
  test('sets the kit agent whisper (chat has no default whisper) and the survey as the disconnect flow before the transfer', () => {
    expect(action('Set agent whisper flow').Parameters).toEqual({ EventHooks: { AgentWhisper: '${flow:agent-whisper}' } });
    expect(action('Set survey disconnect flow').Parameters).toEqual({ EventHooks: { CustomerRemaining: '${flow:post-contact-survey}' } });
    expect(action('Set agent whisper flow').Transitions.Errors).toEqual([{ ErrorType: 'NoMatchingError', NextAction: 'Set survey disconnect flow' }]);
    expect(action('Set survey disconnect flow').Transitions.Errors).toEqual([{ ErrorType: 'NoMatchingError', NextAction: 'Is agent view on' }]);
    expect(compare('Is agent view on', 'on')).toBe('Set agent view flow');
    expect(compare('Is agent view on', 'off')).toBe('Load proficiency routing switch');
    expect(action('Set agent view flow').Parameters).toEqual({ EventHooks: { DefaultAgentUI: '${flow:agent-context}' } });
    expect(action('Set agent view flow').Transitions).toEqual({ NextAction: 'Load proficiency routing switch', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Load proficiency routing switch' }] });
  });
});
