import fc from 'fast-check';
import * as z from 'zod';
import { CASE_ITEM_FIELDS, parseCaseItem, STATUS_CODE } from '../../lambdas/case-status/case-item';
import { describeIssues } from '../../lambdas/shared/validation-issues';
import { describedIssues, expectEqual, mutateAt } from './helpers';

/**
 * The schema the handler used before the hand-written check (zod, loose objects): the reference
 * the check must agree with, item for item.
 */
const text = z.looseObject({ S: z.string() });
const reference = z.looseObject({
  status: z.looseObject({ S: z.string().regex(STATUS_CODE) }),
  nextStep: z.looseObject({ M: z.looseObject({ 'en-US': text.optional(), 'es-US': text.optional() }) }).optional(),
  updatedAt: text.optional(),
});

const VALID = {
  caseNumber: { S: 'CS1234567' },
  status: { S: 'IN_REVIEW' },
  nextStep: { M: { 'en-US': { S: 'Send us your pay stubs.' }, 'es-US': { S: 'Envíenos sus talones de pago.' }, 'fr-CA': { S: 'x' } } },
  updatedAt: { S: '2026-11-02' },
};

/** A value of any kind, to put where an attribute or field is expected. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.constantFrom('IN_REVIEW', 'in_review', 'CS1234567 pending', '', 'A'.repeat(40), 'A'.repeat(41)),
  fc.constantFrom({ S: 'APPROVED' }, { S: 'approved' }, { N: '5' }, { S: 5 }, { M: {} }, { M: { 'en-US': { S: 'Call us.' } } }, { M: { 'es-US': 7 } }),
  fc.constant([]),
);

const PATHS: ReadonlyArray<readonly string[]> = [
  [],
  ['status'],
  ['status', 'S'],
  ['nextStep'],
  ['nextStep', 'M'],
  ['nextStep', 'M', 'en-US'],
  ['nextStep', 'M', 'en-US', 'S'],
  ['nextStep', 'M', 'es-US'],
  ['updatedAt'],
  ['updatedAt', 'S'],
  ['caseNumber'],
];

describe('case-status case item check', () => {
  test('reads the status, the next step per language and the update date; ignores other attributes', () => {
    expect(parseCaseItem(VALID)).toEqual({
      success: true,
      data: { status: 'IN_REVIEW', nextStep: { 'en-US': 'Send us your pay stubs.', 'es-US': 'Envíenos sus talones de pago.' }, updatedAt: '2026-11-02' },
    });
    expect(parseCaseItem({ status: { S: 'CLOSED' } })).toEqual({ success: true, data: { status: 'CLOSED' } });
  });

  test('names every problem by attribute path and zod issue code, never by value', () => {
    const parsed = parseCaseItem({ status: { S: 'CS1234567 pending' }, nextStep: { M: { 'en-US': { N: '1' } } }, updatedAt: 'today' });
    expect(!parsed.success && describeIssues(parsed.issues, CASE_ITEM_FIELDS)).toEqual(['status.S: invalid_format', 'nextStep.M.en-US.S: invalid_type', 'updatedAt: invalid_type']);
    expect(parseCaseItem(null)).toEqual({ success: false, issues: [{ path: [], code: 'invalid_type' }] });
  });

  test('agrees with the zod schema on every mutated item: same verdict, same issues, same values read', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), anyValue), { minLength: 1, maxLength: 3 }), (mutations) => {
        const item = mutations.reduce<unknown>((v, [path, replacement]) => mutateAt(v, path, replacement), VALID);
        const ours = parseCaseItem(item);
        const theirs = reference.safeParse(item);
        expectEqual({ item, success: ours.success }, { item, success: theirs.success });
        if (ours.success && theirs.success) {
          const m = theirs.data.nextStep?.M;
          expectEqual(ours.data, {
            status: theirs.data.status.S,
            ...(m ? { nextStep: { ...(m['en-US'] ? { 'en-US': m['en-US'].S } : {}), ...(m['es-US'] ? { 'es-US': m['es-US'].S } : {}) } } : {}),
            ...(theirs.data.updatedAt ? { updatedAt: theirs.data.updatedAt.S } : {}),
          });
        }
        if (!ours.success && !theirs.success) expectEqual(describedIssues(ours.issues, CASE_ITEM_FIELDS), describedIssues(theirs.error.issues, reference));
      }),
      { seed: 1628, numRuns: 1000 },
    );
  });
});
