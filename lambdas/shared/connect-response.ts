/**
 * Responses to Amazon Connect. A flow's Lambda must return a flat map of string values
 * (nested objects and non-strings are rejected and the flow takes its error branch), so every
 * response goes through {@link connectResponse}.
 */

/** A flat map of strings, the only shape Amazon Connect accepts from a flow Lambda. */
export type ConnectResponse = Record<string, string>;

/** Outcomes every kit handler reports in its `result` attribute; flows branch on them. */
export enum HandlerResult {
  /** The work was done; other attributes carry the answer. */
  OK = 'OK',
  /** The thing asked for does not exist (e.g. no such case). */
  NOT_FOUND = 'NOT_FOUND',
  /** The caller's input was invalid (e.g. a malformed case number). */
  INVALID_INPUT = 'INVALID_INPUT',
  /** The event itself was malformed (a flow or deployment mistake). */
  BAD_EVENT = 'BAD_EVENT',
  /** A downstream service throttled us past the retries the deadline allowed. */
  THROTTLED = 'THROTTLED',
  /** A downstream call did not finish inside the time budget. */
  TIMEOUT = 'TIMEOUT',
  /** Anything else went wrong downstream or in configuration. */
  ERROR = 'ERROR',
}

/** Builds a Connect response: values become strings, undefined and null are dropped. */
export function connectResponse(result: HandlerResult, attributes: Record<string, string | number | boolean | undefined | null> = {}): ConnectResponse {
  const out: ConnectResponse = { result };
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) out[key] = String(value);
  }
  return out;
}
