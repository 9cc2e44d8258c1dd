/**
 * The two inputs of the code hook besides the event, checked by hand (no schema library to load
 * at cold init; bench/lambda.ts measures each handler against an SDK-only floor): the case item
 * DynamoDB returns and the `OFFICE_INFO` environment variable. The rules and issue codes are those
 * of the schemas they replace, which test/lambdas/lex-fulfillment-inputs.spec.ts keeps as the
 * reference the checks must agree with.
 */
import { isRecord, type ValidationIssue } from '../shared/validation-issues';
import { CASE_STATUSES, CaseStatus } from './messages';

/** A case read from the table. */
export interface CaseRecord {
  readonly status: CaseStatus;
  readonly nextStep: { readonly 'en-US'?: string; readonly 'es-US'?: string };
}

/** Attribute and field names the case check declares, for `describeIssues` (other path segments are masked). */
export const CASE_RECORD_FIELDS: ReadonlySet<string> = new Set(['status', 'S', 'nextStep', 'M', 'en-US', 'es-US']);

type Shape = Record<string, unknown>;
type Path = ReadonlyArray<string | number>;

/**
 * Checks a case item: `status` (`{ S: <one of CASE_STATUSES> }`) is required; `nextStep` (`{ M: {
 * "en-US"?: { S }, "es-US"?: { S } } }`) is optional. Other attributes are ignored.
 */
export function parseCaseRecord(item: unknown): { readonly success: true; readonly data: CaseRecord } | { readonly success: false; readonly issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const object = (value: unknown, path: Path): Shape | undefined => {
    if (isRecord(value)) return value;
    issues.push({ path, code: 'invalid_type' });
    return undefined;
  };
  const root = object(item, []);
  if (!root) return { success: false, issues };
  const status = object(root.status, ['status'])?.S;
  if (isRecord(root.status) && !(CASE_STATUSES as readonly unknown[]).includes(status)) issues.push({ path: ['status', 'S'], code: 'invalid_value' });
  const nextStep: { 'en-US'?: string; 'es-US'?: string } = {};
  if (root.nextStep !== undefined) {
    const outer = object(root.nextStep, ['nextStep']);
    const map = outer && object(outer.M, ['nextStep', 'M']);
    if (map) {
      for (const language of ['en-US', 'es-US'] as const) {
        if (map[language] === undefined) continue;
        const text = object(map[language], ['nextStep', 'M', language]);
        if (text && typeof text.S !== 'string') issues.push({ path: ['nextStep', 'M', language, 'S'], code: 'invalid_type' });
        else if (text) nextStep[language] = text.S as string;
      }
    }
  }
  if (issues.length) return { success: false, issues };
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
  const unknown = Object.keys(json).filter((key) => !(OFFICE_LOCALES as readonly string[]).includes(key));
  if (unknown.length) problems.push(`(root): unrecognized keys ${unknown.map((key) => JSON.stringify(key)).join(', ')} (allowed: en_US, es_US)`);
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
