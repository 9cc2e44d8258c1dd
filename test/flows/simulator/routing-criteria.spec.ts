import type { Action } from '../../../lib/flows/types';
import { describeRoutingCriteria, readRoutingCriteria } from '../../../lib/flows/simulator/actions/routing-criteria';
import type { SimState, SimWorld } from '../../../lib/flows/simulator/types';

const world = { predefinedAttributes: new Map([['Language', ['en', 'es', 'vi']]]) } as unknown as SimWorld;
const state = { attributes: {}, external: {}, lex: { sessionAttributes: {}, slots: {} }, metrics: {}, stack: [{ flowAttributes: {} }] } as unknown as SimState;

/** An UpdateContactRoutingCriteria action with one step, changed by `condition` / `expiry` (null: no Expiry). */
function action(condition: Record<string, unknown> = {}, expiry: Record<string, unknown> | null = { DurationInSeconds: '90' }): Action {
  const step: Record<string, unknown> = { Expression: { AttributeCondition: { Name: 'Language', Value: 'es', ProficiencyLevel: '3.0', ComparisonOperator: 'NumberGreaterOrEqualTo', ...condition } } };
  if (expiry) step.Expiry = expiry;
  return { Identifier: 'Set criteria', Type: 'UpdateContactRoutingCriteria', Parameters: { RoutingCriteria: { Steps: [step] } }, Transitions: {} } as Action;
}

describe('routing criteria in the simulator', () => {
  test('reads a step: the attribute value, the level as a float and the expiry', () => {
    const read = readRoutingCriteria(action(), state, world);
    expect(read).toEqual({ steps: [{ requirements: [{ attribute: 'Language', value: 'es', minimumLevel: 3 }], expiresAfterSeconds: 90 }] });
    expect(describeRoutingCriteria('steps' in read ? read.steps : [])).toBe('Language=es >= 3 for 90 s, then any agent');
  });

  test('says a step without expiry never hands the contact to any agent', () => {
    const read = readRoutingCriteria(action({}, null), state, world);
    expect(describeRoutingCriteria('steps' in read ? read.steps : [])).toBe('Language=es >= 3 (never expires)');
  });

  test('takes the error branch for what Amazon Connect would refuse', () => {
    expect(readRoutingCriteria(action({ Name: 'Skill' }), state, world)).toEqual({ problem: 'step 1: predefined attribute "Skill" does not exist (defined: Language)' });
    expect(readRoutingCriteria(action({ Value: 'fr' }), state, world)).toEqual({ problem: 'step 1: Language has no value "fr" (values: en, es, vi)' });
    expect(readRoutingCriteria(action({ ProficiencyLevel: '6.0' }), state, world)).toEqual({ problem: 'step 1: ProficiencyLevel "6.0" is not one of 1.0-5.0' });
    expect(readRoutingCriteria(action({ ComparisonOperator: 'Equals' }), state, world)).toEqual({ problem: 'step 1: ComparisonOperator must be NumberGreaterOrEqualTo' });
    expect(readRoutingCriteria(action({}, { DurationInSeconds: '0' }), state, world)).toEqual({ problem: 'step 1: Expiry.DurationInSeconds "0" is not a whole number of seconds' });
    const noSteps = { ...action(), Parameters: { RoutingCriteria: { Steps: [] } } } as Action;
    expect(readRoutingCriteria(noSteps, state, world)).toEqual({ problem: 'RoutingCriteria has no Steps' });
  });

  test('finds no attribute at all in a jurisdiction without proficiency routing', () => {
    const none = { predefinedAttributes: new Map() } as unknown as SimWorld;
    expect(readRoutingCriteria(action(), state, none)).toEqual({ problem: 'step 1: predefined attribute "Language" does not exist (defined: none)' });
  });

  test('leaves criteria set from a function answer to run time', () => {
    const dynamic = { ...action(), Parameters: { RoutingCriteria: '$.External.routingCriteria' } } as Action;
    expect(readRoutingCriteria(dynamic, state, world)).toEqual({ unknown: true });
  });
});
