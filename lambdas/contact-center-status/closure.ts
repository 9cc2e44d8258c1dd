/**
 * The closure parameter's JSON, checked by hand: four fields, no schema library to load at cold
 * init (bench/lambda.ts measures each handler against an SDK-only floor; zod/mini's schema cost
 * this handler about a tenth of its init). The rules are those of the strict schema it replaces,
 * which test/lambdas/contact-center-closure.spec.ts keeps as the reference the check must agree with.
 */
import { CLOSURE_REASONS, ClosureReason, Language } from './messages';
import { isRecord, unrecognizedKeys } from '../shared/validation-issues';

/** Longest closure message accepted per language (Amazon Polly and callers' patience both have limits). */
export const MAX_MESSAGE_CHARS = 1000;

/** A parsed, valid closure parameter. */
export interface Closure {
  readonly closed: boolean;
  readonly reason: ClosureReason;
  /** When the closure lapses: an ISO 8601 date-time with `Z` or a UTC offset. */
  readonly until?: string;
  readonly message: Readonly<Record<Language, string>>;
}

/** The outcome of {@link parseClosure}: the closure, or every problem as `<path>: <what>`. */
export type ClosureParse = { readonly success: true; readonly data: Closure } | { readonly success: false; readonly issues: string[] };

const CLOSURE_KEYS = ['closed', 'reason', 'until', 'message'] as const;
const MESSAGE_KEYS: readonly Language[] = ['en-US', 'es-US'];

/**
 * RFC 3339 date-time with seconds (fraction optional) and `Z` or a `±hh:mm` offset, as
 * `z.iso.datetime({ offset: true })` accepts it; the day is checked against the calendar below.
 */
const DATE_TIME = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** True if `value` is a date-time with a UTC offset or `Z` on a real calendar day (no 30 February). */
export function isOffsetDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

/**
 * Checks the parsed JSON of the closure parameter. Strict: an unknown key (a typo such as
 * `"clsoed"`) makes the whole value malformed rather than silently ignored. `until` must carry a
 * UTC offset or `Z`; a local time would be read as UTC by Lambda and lapse hours early or late.
 * Issues name the field and what was expected, never the value (staff may paste anything).
 */
export function parseClosure(json: unknown): ClosureParse {
  if (!isRecord(json)) return { success: false, issues: ['(root): expected an object'] };
  const issues: string[] = [];
  const unknown = unrecognizedKeys(json, CLOSURE_KEYS, '(root)');
  if (unknown) issues.push(unknown);
  if (typeof json.closed !== 'boolean') issues.push('closed: expected true or false');
  if (!(CLOSURE_REASONS as readonly unknown[]).includes(json.reason)) issues.push(`reason: expected one of ${CLOSURE_REASONS.join(', ')}`);
  if (json.until !== undefined && (typeof json.until !== 'string' || !isOffsetDateTime(json.until))) {
    issues.push('until: expected an ISO 8601 date-time with Z or a UTC offset, e.g. 2027-01-15T08:00:00-08:00');
  }
  const message = json.message;
  if (!isRecord(message)) {
    issues.push('message: expected an object with en-US and es-US texts');
  } else {
    const extra = unrecognizedKeys(message, MESSAGE_KEYS, 'message');
    if (extra) issues.push(extra);
    for (const language of MESSAGE_KEYS) {
      const text = message[language];
      if (typeof text !== 'string') issues.push(`message.${language}: expected a string`);
      else if (text.length > MAX_MESSAGE_CHARS) issues.push(`message.${language}: too long (at most ${MAX_MESSAGE_CHARS} characters)`);
    }
  }
  if (issues.length) return { success: false, issues };
  const m = message as Record<Language, string>;
  const data: Closure = {
    closed: json.closed as boolean,
    reason: json.reason as ClosureReason,
    ...(json.until !== undefined ? { until: json.until as string } : {}),
    message: { 'en-US': m['en-US'], 'es-US': m['es-US'] },
  };
  return { success: true, data };
}
