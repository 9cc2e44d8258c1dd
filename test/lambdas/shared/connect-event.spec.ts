import fc from 'fast-check';
import * as z from 'zod';
import { CONNECT_EVENT_FIELDS, parseConnectEvent } from '../../../lambdas/shared/connect-event';
import { describeIssues } from '../../../lambdas/shared/validation-issues';
import { describedIssues, expectContainsAll, expectEqual, expectSame, mutateAt } from '../helpers';

/**
 * The schema the kit used before the hand-written check (zod, strict on the fields read): the
 * reference the check must agree with, event for event.
 */
const reference = z.object({
  Name: z.literal('ContactFlowEvent'),
  Details: z.object({
    ContactData: z.looseObject({
      ContactId: z.string().min(1),
      InitialContactId: z.string().optional(),
      Channel: z.string().optional(),
      InstanceARN: z.string().optional(),
      LanguageCode: z.string().optional(),
      Attributes: z.record(z.string(), z.string()).default({}),
      CustomerEndpoint: z.looseObject({ Address: z.string().optional(), Type: z.string().optional() }).nullish(),
      Queue: z.looseObject({ Name: z.string().optional(), ARN: z.string().optional() }).nullish(),
    }),
    Parameters: z.record(z.string(), z.string()).default({}),
  }),
});

const VALID = {
  Name: 'ContactFlowEvent',
  Details: {
    ContactData: {
      ContactId: 'c-1',
      Channel: 'VOICE',
      InstanceARN: 'instance',
      LanguageCode: 'es-US',
      Attributes: { language: 'es-US' },
      CustomerEndpoint: { Address: '+12175550100', Type: 'TELEPHONE_NUMBER' },
      Queue: null,
      SystemEndpoint: { Address: '+12175550199' },
    },
    Parameters: { caseNumber: 'CS1234567' },
  },
};

/** A value of any kind, to put where a field is expected. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);

/** Paths into the event a mutation may replace. */
const PATHS: ReadonlyArray<readonly string[]> = [
  ['Name'],
  ['Details'],
  ['Details', 'ContactData'],
  ['Details', 'ContactData', 'ContactId'],
  ['Details', 'ContactData', 'InitialContactId'],
  ['Details', 'ContactData', 'Channel'],
  ['Details', 'ContactData', 'LanguageCode'],
  ['Details', 'ContactData', 'Attributes'],
  ['Details', 'ContactData', 'Attributes', 'language'],
  ['Details', 'ContactData', 'Attributes', '+12175550100'],
  ['Details', 'ContactData', 'CustomerEndpoint'],
  ['Details', 'ContactData', 'CustomerEndpoint', 'Address'],
  ['Details', 'ContactData', 'Queue'],
  ['Details', 'ContactData', 'Queue', 'ARN'],
  ['Details', 'Parameters'],
  ['Details', 'Parameters', 'caseNumber'],
  ['Details', 'Extra'],
  ['Extra'],
];

describe('parseConnectEvent', () => {
  test('reads a valid event like the schema: unknown ContactData fields kept, missing maps become {}', () => {
    // Prepare
    const event = mutateAt(VALID, ['Details', 'Parameters'], undefined);
    // Act
    const parsed = parseConnectEvent(event);
    // Assess
    expect(parsed).toEqual({ success: true, data: reference.parse(event) });
    expect(parsed.success && parsed.data.Details.Parameters).toEqual({});
    expect(parsed.success && parsed.data.Details.ContactData.SystemEndpoint).toEqual({ Address: '+12175550199' });
  });

  test('names every problem with the field path and zod issue code, caller data masked', () => {
    const event = mutateAt(mutateAt(mutateAt(VALID, ['Name'], 'Other'), ['Details', 'ContactData', 'ContactId'], ''), ['Details', 'ContactData', 'Attributes', 'Jane Doe'], 5);
    const parsed = parseConnectEvent(event);
    expect(parsed.success).toBe(false);
    expect(!parsed.success && describeIssues(parsed.issues, CONNECT_EVENT_FIELDS)).toEqual(['Name: invalid_value', 'Details.ContactData.ContactId: too_small', 'Details.ContactData.Attributes.*: invalid_type']);
  });

  test('rejects what is not an object at all', () => {
    for (const raw of [undefined, null, 'event', 42, []]) expect(parseConnectEvent(raw)).toEqual({ success: false, issues: [{ path: [], code: 'invalid_type' }] });
  });

  test('agrees with the zod schema on every mutated event: same verdict, same issues, same data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), anyValue), { minLength: 1, maxLength: 3 }), (mutations) => {
        const event = mutations.reduce<unknown>((e, [path, value]) => mutateAt(e, path, value), VALID);
        const ours = parseConnectEvent(event);
        const theirs = reference.safeParse(event);
        expectSame(ours.success, theirs.success);
        if (ours.success && theirs.success) expectEqual(ours.data, theirs.data);
        if (!ours.success && !theirs.success) {
          // Same fields blamed; each of our issues is one zod reports (zod may add a second code for
          // one field: an array ContactId is both invalid_type and too_small to it).
          const ourIssues = describedIssues(ours.issues, CONNECT_EVENT_FIELDS);
          const zodIssues = describedIssues(theirs.error.issues, reference);
          const pathOf = (issue: string) => issue.slice(0, issue.lastIndexOf(':'));
          expectEqual([...new Set(ourIssues.map(pathOf))], [...new Set(zodIssues.map(pathOf))]);
          expectContainsAll(zodIssues, ourIssues);
        }
      }),
      { seed: 1616, numRuns: 2000 },
    );
  });
});
