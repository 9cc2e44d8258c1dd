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

/**
 * Largest response a kit handler returns to a flow, in bytes of UTF-8 JSON. The Amazon Connect
 * Administrator Guide ("Invoke AWS Lambda functions", verify the function response): "The size
 * of the returned data must be less than 32 KB of UTF-8 data." Measured on the serialized JSON,
 * which is never smaller than the keys and values it holds.
 */
export const MAX_CONNECT_RESPONSE_BYTES = 32 * 1024 - 1;

/** Builds a Connect response: values become strings, undefined and null are dropped, the whole is capped by {@link boundedConnectResponse}. */
export function connectResponse(result: HandlerResult, attributes: Record<string, string | number | boolean | undefined | null> = {}): ConnectResponse {
  const out: ConnectResponse = { result };
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && key !== 'result') out[key] = String(value);
  }
  return boundedConnectResponse(out);
}

/** `text` cut to at most `maxChars` UTF-16 units, never inside a surrogate pair. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, Math.max(0, maxChars));
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** Bytes of `value` as UTF-8 JSON. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * What a flow can take of `response`: a flat map of strings (other values turned into strings,
 * undefined and null dropped) no larger than `maxBytes`. When it is larger, the longest values
 * other than `result` are shortened, then dropped, until it fits.
 */
export function boundedConnectResponse(response: Record<string, unknown>, maxBytes: number = MAX_CONNECT_RESPONSE_BYTES): ConnectResponse {
  const out: ConnectResponse = {};
  for (const [key, value] of Object.entries(response)) {
    if (value === undefined || value === null) continue;
    out[key] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) ?? '' : String(value);
  }
  return shrinkToFit(out, maxBytes, ['result']);
}

/**
 * Shortens the longest string values of `map` (never those under `keep`) until its UTF-8 JSON
 * fits in `maxBytes`; drops entries if shortening values is not enough. Changes `map` in place.
 */
export function shrinkToFit(map: Record<string, string>, maxBytes: number, keep: readonly string[] = []): Record<string, string> {
  let excess = jsonBytes(map) - maxBytes;
  while (excess > 0) {
    const candidates = Object.keys(map).filter((key) => !keep.includes(key));
    if (candidates.length === 0) break;
    const longest = candidates.reduce((a, b) => (map[b].length > map[a].length ? b : a));
    const value = map[longest];
    if (value.length === 0) {
      delete map[longest];
    } else {
      // Cut in proportion to the value's bytes per character (at least one character each round, so this ends).
      const perChar = jsonBytes(value) / value.length;
      map[longest] = truncateText(value, value.length - Math.min(value.length, Math.max(1, Math.ceil(excess / perChar))));
    }
    excess = jsonBytes(map) - maxBytes;
  }
  return map;
}
