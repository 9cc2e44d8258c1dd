/**
 * The two inputs of the code hook besides the event, checked by hand (no schema library to load
 * at cold init; bench/lambda.ts measures each handler against an SDK-only floor): the case item
 * DynamoDB returns and the `OFFICE_INFO` environment variable. The rules and issue codes are those
 * of the schemas they replace, which test/lambdas/lex-fulfillment-inputs.spec.ts keeps as the
 * reference the checks must agree with.
 */
import { CASE_ATTRIBUTE_FIELDS, CaseAttributeReader, type NextStep } from '../shared/case-attributes';
import { isRecord, unrecognizedKeys, type ValidationIssue } from '../shared/validation-issues';
import { CASE_STATUSES, CaseStatus } from './messages';

/** A case read from the table. */
export interface CaseRecord {
  readonly status: CaseStatus;
  readonly nextStep: Readonly<NextStep>;
}

/** Attribute and field names the case check declares, for `describeIssues` (other path segments are masked). */
export const CASE_RECORD_FIELDS: ReadonlySet<string> = new Set(CASE_ATTRIBUTE_FIELDS);

/**
 * Checks a case item: `status` (`{ S: <one of CASE_STATUSES> }`) is required; `nextStep` (`{ M: {
 * "en-US"?: { S }, "es-US"?: { S } } }`) is optional. Other attributes are ignored.
 */
export function parseCaseRecord(item: unknown): { readonly success: true; readonly data: CaseRecord } | { readonly success: false; readonly issues: ValidationIssue[] } {
  const read = new CaseAttributeReader();
  const root = read.object(item, []);
  if (!root) return { success: false, issues: read.issues };
  // A status that is not one of the codes, a string or not, is `invalid_value` (as z.enum reports it).
  const status = read.object(root.status, ['status'])?.S;
  if (isRecord(root.status) && !(CASE_STATUSES as readonly unknown[]).includes(status)) read.issues.push({ path: ['status', 'S'], code: 'invalid_value' });
  const nextStep = read.nextStep(root.nextStep) ?? {};
  if (read.issues.length) return { success: false, issues: read.issues };
  return { success: true, data: { status: status as CaseStatus, nextStep } };
}

/** `OFFICE_INFO`: what the bot says about office hours and locations, per Lex locale. */
export interface OfficeInfo {
  readonly en_US?: string;
  readonly es_US?: string;
}

const OFFICE_LOCALES = ['en_US', 'es_US'] as const;

/**
 * Checks the parsed JSON of `OFFICE_INFO`: an object with `en_US`, `es_US` or both (the stack
 * writes only the jurisdiction's locales), each a text that is not blank once trimmed; no other
 * key. Texts are returned trimmed. Problems are `<key>: <what>`, never the value.
 */
export function parseOfficeInfo(json: unknown): { readonly success: true; readonly data: OfficeInfo } | { readonly success: false; readonly problems: string[] } {
  if (!isRecord(json)) return { success: false, problems: ['(root): expected an object'] };
  const problems: string[] = [];
  const unknown = unrecognizedKeys(json, OFFICE_LOCALES, '(root)');
  if (unknown) problems.push(unknown);
  const info: { en_US?: string; es_US?: string } = {};
  for (const locale of OFFICE_LOCALES) {
    const value = json[locale];
    if (value === undefined) continue;
    if (typeof value !== 'string') problems.push(`${locale}: expected a string`);
    else if (value.trim() === '') problems.push(`${locale}: must not be blank`);
    else info[locale] = value.trim();
  }
  if (!problems.length && info.en_US === undefined && info.es_US === undefined) problems.push('(root): give the text for en_US, es_US or both');
  return problems.length ? { success: false, problems } : { success: true, data: info };
}
