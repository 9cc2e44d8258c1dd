/**
 * PII redaction, applied to everything a handler logs (see `logger` in powertools.ts).
 * Callers' case numbers, phone numbers, names, dates of birth and SSNs must never reach
 * CloudWatch Logs: log groups are readable by more people than the case system is.
 */

/** Replacement text for a redacted value. */
export const REDACTED = '[REDACTED]';

/** Keys whose values are always redacted, whatever they contain. */
const SENSITIVE_KEY = /(name|phone|number|address|email|dob|birth|ssn|social|pin|secret|password|answer|transcript|utterance|input|slot|customerendpoint|systemendpoint)/i;

/** Patterns redacted inside any string. Order matters: the longest shapes first. */
const SENSITIVE_TEXT: readonly RegExp[] = [
  /\b\d{3}-\d{2}-\d{4}\b/g, // SSN 123-45-6789
  /(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\b\d{3}[-. ]?)\d{3}[-. ]?\d{4}\b/g, // US phone numbers in common shapes
  /\+\d{7,15}\b/g, // E.164
  /\b\d{4}-\d{2}-\d{2}\b/g, // ISO dates (dates of birth)
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, // US dates
  /\b[A-Z]{1,4}-?\d{5,12}\b/gi, // case numbers such as CS-1234567
  /\b\d{9}\b/g, // SSN without dashes, other 9-digit identifiers
  /\b\d{6,}\b/g, // any other long digit run (PINs, account numbers)
  /[\w.+-]+@[\w-]+\.[\w.-]+/g, // e-mail addresses
];

const CORRELATION_KEYS = new Set(['contactId', 'initialContactId', 'sessionId', 'requestId', 'function_request_id', 'xray_trace_id', 'correlation_id']);

const ERROR_NAME = /^([A-Z][A-Za-z]*)?(Error|Exception|Fault)$/;

/** Redacts PII patterns inside free text. */
export function redactText(text: string): string {
  return SENSITIVE_TEXT.reduce((out, pattern) => out.replace(pattern, REDACTED), text);
}

/**
 * A JSON replacer for the logger: values under sensitive keys are replaced whole, other
 * strings have PII patterns masked. Keys that are plainly not sensitive (ids, timings,
 * results) are kept as they are, so logs stay useful.
 */
export function piiReplacer(key: string, value: unknown): unknown {
  // Correlation ids are random and needed to follow a contact through the logs.
  if (CORRELATION_KEYS.has(key)) return value;
  // An error's class name (ThrottlingException, TimeoutError) tells operators what failed.
  if (key === 'name' && typeof value === 'string' && ERROR_NAME.test(value)) return value;
  if (key !== '' && SENSITIVE_KEY.test(key)) return value === undefined || value === null ? value : REDACTED;
  return typeof value === 'string' ? redactText(value) : value;
}
