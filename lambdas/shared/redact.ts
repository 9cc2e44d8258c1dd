/**
 * PII redaction, applied to everything a handler logs (see `logger` in powertools.ts).
 * Callers' case numbers, phone numbers, names, dates of birth, SSNs, PINs and card numbers must
 * never reach CloudWatch Logs: log groups are readable by more people than the case system is.
 *
 * Every step runs in time linear in its input, whatever the input: the patterns have bounded
 * quantifiers only (none nested, none unbounded, each anchored so it starts a match at most once
 * per run of characters), digit groups are found by a single forward scan, and text longer than
 * {@link MAX_REDACTED_CHARS} is cut before anything else is done with it.
 */

/** Replacement text for a redacted value. */
export const REDACTED = '[REDACTED]';

/** Longest text redacted and kept in a log line; the rest is dropped and its length noted. */
export const MAX_REDACTED_CHARS = 4096;

/** Keys whose values are always redacted, whatever they contain. */
const SENSITIVE_KEY =
  /(name|phone|number|address|email|dob|birth|ssn|social|pin|passcode|otp|cvv|cvc|card|salt|hash|secret|password|answer|transcript|utterance|input|slot|customerendpoint|systemendpoint)/i;

/**
 * Patterns (and their replacements) redacted inside any string before digit groups are looked at. Bounded quantifiers
 * only, and a look-behind so a match can start only at the start of a run (a 70,000-character
 * run is tried once, not 70,000 times).
 */
export const TEXT_PATTERNS: readonly (readonly [RegExp, string])[] = [
  // E-mail addresses (RFC 5321: local part at most 64 characters, domain at most 255).
  [/(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}\.[A-Za-z0-9.-]{1,190}/g, REDACTED],
  // A PIN named as such, in English or Spanish ("NIP"), and its 4 to 8 digits up to 16 characters on.
  [/((?<![A-Za-z])(?:pin|nip|passcode|pass code|código|codigo|clave)(?![A-Za-z])[^0-9\n]{0,16})\d{4,8}(?!\d)/gi, `$1${REDACTED}`],
  // Short US dates (dates of birth) such as 2/9/84, which have fewer digits than the digit-group rule needs.
  [/(?<![\d/])\d{1,2}\/\d{1,2}\/\d{2,4}(?![\d/])/g, REDACTED],
];

/** Characters that may separate the digit groups of one number: "123 45 6789", "(217) 555-0100", "+44 20 7946 0958". */
const DIGIT_SEPARATORS = new Set([' ', '.', '-', '/', '(', ')', '\u00a0']);

/** Most separator characters in a row inside one number (") " in "(217) 555-0100"). */
const MAX_SEPARATOR_RUN = 2;

/**
 * A number written with this many digits or more, in any grouping, is redacted: it covers SSNs
 * (9), US and international phone numbers (7 to 15), card numbers (13 to 19), the kit's case
 * numbers (6 to 10, optionally after up to four letters), dates written in full and account
 * numbers. Shorter numbers (counts, durations, status codes) stay readable.
 */
const MIN_IDENTIFIER_DIGITS = 6;

/** Letters a case number may start with ("CS-1234567", "cs.123 4567"). */
const MAX_PREFIX_LETTERS = 4;

const CORRELATION_KEYS = new Set(['contactId', 'initialContactId', 'sessionId', 'requestId', 'function_request_id', 'xray_trace_id', 'correlation_id', 'timestamp', 'function_name']);

const ERROR_NAME = /^([A-Z][A-Za-z]{0,80})?(Error|Exception|Fault)$/;

/** Own properties of an error kept as they are: what the AWS SDK adds to say what failed, none of it caller data. */
const ERROR_KEPT_PROPERTIES = new Set(['$fault', '$retryable', 'code', 'errno', 'syscall']);

/** How deep nested causes of an error are followed. */
const MAX_CAUSE_DEPTH = 3;

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

/** `text` cut to {@link MAX_REDACTED_CHARS}, with a note of how much was dropped. */
function capped(text: string): string {
  return text.length <= MAX_REDACTED_CHARS ? text : `${text.slice(0, MAX_REDACTED_CHARS)}…[${text.length - MAX_REDACTED_CHARS} more characters dropped]`;
}

/**
 * Redacts numbers of {@link MIN_IDENTIFIER_DIGITS} or more digits, however grouped, with a
 * case-number prefix of up to four letters joined by nothing, "-" or ".". One forward pass.
 */
function redactDigitGroups(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const opensNumber = (c === '+' || c === '(') && i + 1 < text.length && isDigit(text[i + 1]);
    if (!isDigit(c) && !opensNumber) {
      i++;
      continue;
    }
    // Scan one number: digits, with at most MAX_SEPARATOR_RUN separators in a row.
    let digits = 0;
    let lastDigit = i;
    let separatorRun = 0;
    let j = opensNumber ? i + 1 : i;
    for (; j < text.length; j++) {
      const d = text[j];
      if (isDigit(d)) {
        digits++;
        lastDigit = j;
        separatorRun = 0;
      } else if (DIGIT_SEPARATORS.has(d) && separatorRun < MAX_SEPARATOR_RUN) {
        separatorRun++;
      } else {
        break;
      }
    }
    if (digits >= MIN_IDENTIFIER_DIGITS) {
      const start = withCaseNumberPrefix(text, i);
      out += text.slice(copiedUpTo, start) + REDACTED;
      copiedUpTo = lastDigit + 1;
    }
    i = lastDigit + 1;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** Where a number starting at `start` begins once a case-number prefix ("CS-", "cs.", "CS") is counted in. */
function withCaseNumberPrefix(text: string, start: number): number {
  let p = start;
  if (p > 0 && (text[p - 1] === '-' || text[p - 1] === '.')) p--;
  let letters = 0;
  while (p > 0 && isLetter(text[p - 1]) && letters <= MAX_PREFIX_LETTERS) {
    p--;
    letters++;
  }
  const wordStart = p === 0 || !/[A-Za-z0-9_]/.test(text[p - 1]);
  return letters >= 1 && letters <= MAX_PREFIX_LETTERS && wordStart ? p : start;
}

/** Redacts PII inside free text; text past {@link MAX_REDACTED_CHARS} is dropped first. */
export function redactText(text: string): string {
  return maskPii(capped(text));
}

/**
 * Masks PII inside free text of any length, in time linear in its length (the cap of
 * {@link redactText} bounds the cost per log value; this is the uncapped work, for benchmarks).
 */
export function maskPii(text: string): string {
  const masked = TEXT_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
  return redactDigitGroups(masked);
}

/**
 * An error as it may be logged: its class name, redacted message and stack, and nested causes;
 * every other own property (an SDK error's `Item`, a validation error's input) is kept by name
 * only, its value redacted. Returned as an Error so the logger still formats it (and its
 * location) the usual way.
 */
export function redactError(error: Error, depth = 0): Error {
  const safe = new Error(redactText(String(error.message ?? '')));
  safe.name = typeof error.name === 'string' && ERROR_NAME.test(error.name) ? error.name : 'Error';
  safe.stack = typeof error.stack === 'string' ? redactText(error.stack) : undefined;
  const { cause } = error as { cause?: unknown };
  if (cause !== undefined) {
    (safe as { cause?: unknown }).cause = cause instanceof Error && depth < MAX_CAUSE_DEPTH ? redactError(cause, depth + 1) : REDACTED;
  }
  const target = safe as unknown as Record<string, unknown>;
  for (const key of Object.keys(error)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
    const value = (error as unknown as Record<string, unknown>)[key];
    if (key === '$metadata') target[key] = sdkMetadata(value);
    else if (ERROR_KEPT_PROPERTIES.has(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) target[key] = value;
    else target[key] = REDACTED;
  }
  return safe;
}

/** The parts of an AWS SDK error's `$metadata` that say what happened: status, request id, attempts. */
function sdkMetadata(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ['httpStatusCode', 'attempts', 'totalRetryDelay'] as const) if (typeof m[key] === 'number') out[key] = m[key];
  if (typeof m.requestId === 'string') out.requestId = m.requestId;
  return out;
}

/**
 * A JSON replacer for the logger: values under sensitive keys are replaced whole, errors are
 * reduced by {@link redactError}, other strings have PII patterns masked. Keys that are plainly
 * not sensitive (ids, timings, results) are kept as they are, so logs stay useful.
 */
export function piiReplacer(key: string, value: unknown): unknown {
  // Correlation ids are random and needed to follow a contact through the logs.
  if (CORRELATION_KEYS.has(key)) return value;
  // An error's class name (ThrottlingException, TimeoutError) tells operators what failed.
  if (key === 'name' && typeof value === 'string' && ERROR_NAME.test(value)) return value;
  if (key !== '' && SENSITIVE_KEY.test(key)) return value === undefined || value === null ? value : REDACTED;
  if (value instanceof Error) return redactError(value);
  return typeof value === 'string' ? redactText(value) : value;
}
