import fc from 'fast-check';
import * as z from 'zod';
import { CASE_RECORD_FIELDS, parseCaseRecord, parseOfficeInfo } from '../../lambdas/lex-fulfillment/inputs';
import { CASE_STATUSES } from '../../lambdas/lex-fulfillment/messages';
import { describeIssues } from '../../lambdas/shared/validation-issues';
import { describedIssues, expectEqual, mutateAt } from './helpers';

/** The schemas the code hook used before the hand-written checks (zod): the references the checks must agree with. */
const caseReference = z.object({
  status: z.object({ S: z.enum(CASE_STATUSES) }),
  nextStep: z.object({ M: z.object({ 'en-US': z.object({ S: z.string() }).optional(), 'es-US': z.object({ S: z.string() }).optional() }) }).optional(),
});
const officeText = z.string().trim().min(1).optional();
const officeReference = z.strictObject({ en_US: officeText, es_US: officeText }).refine((info) => info.en_US !== undefined || info.es_US !== undefined);

const CASE = {
  caseNumber: { S: 'CS1234567' },
  status: { S: 'IN_REVIEW' },
  nextStep: { M: { 'en-US': { S: 'Send us your pay stubs.' }, 'es-US': { S: 'Envíenos sus talones de pago.' } } },
};
const OFFICE = { en_US: 'Open 8 to 5.', es_US: 'Abierto de 8 a 5.' };

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.constantFrom(...CASE_STATUSES, 'in_review', 'CLOSED', '', '  ', ' Open 8 to 5. '),
  fc.constantFrom({ S: 'APPROVED' }, { S: 'CLOSED' }, { N: '5' }, { S: 5 }, { M: {} }, { M: { 'en-US': { S: 'Call us.' } } }, { M: { 'es-US': 7 } }),
  fc.constant([]),
);

const CASE_PATHS: ReadonlyArray<readonly string[]> = [[], ['status'], ['status', 'S'], ['nextStep'], ['nextStep', 'M'], ['nextStep', 'M', 'en-US'], ['nextStep', 'M', 'en-US', 'S'], ['nextStep', 'M', 'es-US'], ['caseNumber']];
const OFFICE_PATHS: ReadonlyArray<readonly string[]> = [[], ['en_US'], ['es_US'], ['fr_FR']];
describe('lex-fulfillment inputs', () => {
  test('reads a case: its status and next step per language, other attributes ignored', () => {
    expect(parseCaseRecord(CASE)).toEqual({ success: true, data: { status: 'IN_REVIEW', nextStep: { 'en-US': 'Send us your pay stubs.', 'es-US': 'Envíenos sus talones de pago.' } } });
    const bad = parseCaseRecord({ status: { S: 'CLOSED' }, nextStep: { M: { 'es-US': { N: '1' } } } });
    expect(!bad.success && describeIssues(bad.issues, CASE_RECORD_FIELDS)).toEqual(['status.S: invalid_value', 'nextStep.M.es-US.S: invalid_type']);
  });

  test('reads OFFICE_INFO trimmed, and says what is wrong with it by key', () => {
    expect(parseOfficeInfo({ en_US: ' Open 8 to 5. ' })).toEqual({ success: true, data: { en_US: 'Open 8 to 5.' } });
    expect(parseOfficeInfo({ es_US: '  ', fr_FR: 'Ouvert.' })).toEqual({ success: false, problems: ['(root): unrecognized keys "fr_FR" (allowed: en_US, es_US)', 'es_US: must not be blank'] });
    expect(parseOfficeInfo({})).toEqual({ success: false, problems: ['(root): give the text for en_US, es_US or both'] });
  });

  test('the case check agrees with the zod schema on every mutated item: same verdict, same issues, same values', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...CASE_PATHS), anyValue), { minLength: 1, maxLength: 3 }), (mutations) => {
        const item = mutations.reduce<unknown>((v, [path, replacement]) => mutateAt(v, path, replacement), CASE);
        const ours = parseCaseRecord(item);
        const theirs = caseReference.safeParse(item);
        expectEqual({ item, success: ours.success }, { item, success: theirs.success });
        if (ours.success && theirs.success) {
          const m = theirs.data.nextStep?.M;
          expectEqual(ours.data, { status: theirs.data.status.S, nextStep: { 'en-US': m?.['en-US']?.S, 'es-US': m?.['es-US']?.S } });
        }
        if (!ours.success && !theirs.success) expectEqual(describedIssues(ours.issues, CASE_RECORD_FIELDS), describedIssues(theirs.error.issues, caseReference));
      }),
      { seed: 1630, numRuns: 600 },
    );
  });

  test('the OFFICE_INFO check agrees with the zod schema on every mutated value: same verdict, same texts', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...OFFICE_PATHS), anyValue), { minLength: 1, maxLength: 3 }), (mutations) => {
        const value = mutations.reduce<unknown>((v, [path, replacement]) => mutateAt(v, path, replacement), OFFICE);
        const ours = parseOfficeInfo(value);
        const theirs = officeReference.safeParse(value);
        expectEqual({ value, success: ours.success }, { value, success: theirs.success });
        if (ours.success && theirs.success) expectEqual(ours.data, theirs.data);
      }),
      { seed: 1631, numRuns: 600 },
    );
  });
});
