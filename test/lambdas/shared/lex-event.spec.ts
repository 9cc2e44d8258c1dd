import fc from 'fast-check';
import * as z from 'zod';
import { LEX_EVENT_FIELDS, parseLexEvent } from '../../../lambdas/shared/lex-event';
import { describeIssues } from '../../../lambdas/shared/validation-issues';
import { describedIssues, expectContainsAll, expectEqual, mutateAt } from '../helpers';

/**
 * The schema the kit used before the hand-written check (zod, loose objects): the reference the
 * check must agree with, event for event.
 */
const slotValue = z.looseObject({
  value: z
    .looseObject({
      originalValue: z.string().optional(),
      interpretedValue: z.string().nullish(),
      resolvedValues: z.array(z.string()).optional(),
    })
    .nullish(),
});
const reference = z.looseObject({
  sessionId: z.string().min(1),
  inputTranscript: z.string().optional(),
  invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
  bot: z.looseObject({ name: z.string(), localeId: z.string() }),
  sessionState: z.looseObject({
    sessionAttributes: z.record(z.string(), z.string()).nullish(),
    intent: z.looseObject({
      name: z.string().min(1),
      slots: z.record(z.string(), slotValue.nullable()).nullish(),
      state: z.string().optional(),
      confirmationState: z.string().optional(),
    }),
  }),
});

const VALID = {
  sessionId: 's-1',
  inputTranscript: 'case C S one two three',
  invocationSource: 'FulfillmentCodeHook',
  bot: { name: 'citizen', localeId: 'es_US', aliasId: 'TSTALIASID' },
  sessionState: {
    sessionAttributes: { language: 'es-US', '+12175550100': 'x' },
    intent: {
      name: 'CheckCaseStatus',
      slots: { caseNumber: { value: { originalValue: 'cs 123', interpretedValue: 'CS1234567', resolvedValues: ['CS1234567'] }, shape: 'Scalar' }, problemType: null },
      state: 'InProgress',
      confirmationState: 'None',
    },
    activeContexts: [],
  },
  messages: [],
};

/** A value of any kind, to put where a field is expected. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom('', 'x', 'DialogCodeHook', 'FulfillmentCodeHook', 'Other'),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constantFrom(['a'], ['a', 3], [null]),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
  fc.constantFrom({ value: null }, { value: { interpretedValue: null } }, { value: { originalValue: 5 } }, { value: 'x' }, {}),
);

/** Paths into the event a mutation may replace. */
const SLOT = ['sessionState', 'intent', 'slots', 'caseNumber'];
const PATHS: ReadonlyArray<readonly string[]> = [
  [],
  ['sessionId'],
  ['inputTranscript'],
  ['invocationSource'],
  ['bot'],
  ['bot', 'name'],
  ['bot', 'localeId'],
  ['sessionState'],
  ['sessionState', 'sessionAttributes'],
  ['sessionState', 'sessionAttributes', 'language'],
  ['sessionState', 'intent'],
  ['sessionState', 'intent', 'name'],
  ['sessionState', 'intent', 'slots'],
  SLOT,
  ['sessionState', 'intent', 'slots', 'problemType'],
  [...SLOT, 'value'],
  [...SLOT, 'value', 'originalValue'],
  [...SLOT, 'value', 'interpretedValue'],
  [...SLOT, 'value', 'resolvedValues'],
  ['sessionState', 'intent', 'state'],
  ['sessionState', 'intent', 'confirmationState'],
  ['extra'],
];

describe('parseLexEvent', () => {
  test('reads a valid event like the schema, unknown fields kept, as a copy the handler may change', () => {
    const parsed = parseLexEvent(VALID);
    expect(parsed).toEqual({ success: true, data: reference.parse(VALID) });
    if (!parsed.success) return;
    delete parsed.data.sessionState.sessionAttributes!.language;
    parsed.data.sessionState.intent.slots!.caseNumber!.value!.resolvedValues!.push('x');
    expect(VALID.sessionState.sessionAttributes.language).toBe('es-US');
    expect(VALID.sessionState.intent.slots.caseNumber.value.resolvedValues).toEqual(['CS1234567']);
  });

  test('names every problem with the field path and zod issue code, caller data masked', () => {
    const event = mutateAt(mutateAt(mutateAt(VALID, ['sessionId'], ''), ['invocationSource'], 'Other'), ['sessionState', 'sessionAttributes', 'Jane Doe'], 5);
    const parsed = parseLexEvent(event);
    expect(!parsed.success && describeIssues(parsed.issues, LEX_EVENT_FIELDS)).toEqual(['sessionId: too_small', 'invocationSource: invalid_value', 'sessionState.sessionAttributes.*: invalid_type']);
    for (const raw of [undefined, null, 'event', 42, []]) expect(parseLexEvent(raw)).toEqual({ success: false, issues: [{ path: [], code: 'invalid_type' }] });
  });

  test('agrees with the zod schema on every mutated event: same verdict, same issues, same data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), anyValue), { minLength: 1, maxLength: 3 }), (mutations) => {
        const event = mutations.reduce<unknown>((e, [path, value]) => mutateAt(e, path, value), VALID);
        const ours = parseLexEvent(event);
        const theirs = reference.safeParse(event);
        expectEqual({ event, success: ours.success }, { event, success: theirs.success });
        if (ours.success && theirs.success) expectEqual(ours.data, theirs.data);
        if (!ours.success && !theirs.success) {
          // Same fields blamed; each of our issues is one zod reports (zod may add a second code for
          // one field: an array sessionId is both invalid_type and too_small to it).
          const ourIssues = describedIssues(ours.issues, LEX_EVENT_FIELDS);
          const zodIssues = describedIssues(theirs.error.issues, reference);
          const pathOf = (issue: string) => issue.slice(0, issue.lastIndexOf(':'));
          expectEqual([...new Set(ourIssues.map(pathOf))], [...new Set(zodIssues.map(pathOf))]);
          expectContainsAll(zodIssues, ourIssues);
        }
      }),
      { seed: 1629, numRuns: 1000 },
    );
  });
});
