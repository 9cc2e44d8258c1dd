/**
 * What a browser may send to start a web chat, and the limits on it. One definition for two
 * gates: API Gateway's request validator (the JSON Schema below, refused before any Lambda runs)
 * and the handler's hand-written check (refused again, with the field names, if a request gets
 * past it; no schema library to load at cold init, see bench/lambda.ts).
 */
import { isRecord } from '../shared/validation-issues';

/** Longest display name (StartChatContact allows 256; a person's name needs far fewer). */
export const MAX_DISPLAY_NAME = 80;
/** Longest topic id (the config's topic pattern allows 40). */
export const MAX_TOPIC = 40;
/** Longest page path kept as a contact attribute. */
export const MAX_PAGE = 200;
/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 2048;

/** The keys a browser may send; anything else is refused. */
export const REQUEST_KEYS = ['displayName', 'language', 'topic', 'page'] as const;

// Printable text without angle brackets or control characters: the name is shown in the agent's
// workspace and must not carry markup.
const DISPLAY_NAME = /^[^<>\p{Cc}]+$/u;
const TOPIC = /^[a-z][a-z0-9-]*$/;
// A path on the agency's site: no scheme, no host, no query or fragment (they can carry personal data).
const PAGE = /^\/[A-Za-z0-9/._~%-]*$/;

const LANGUAGE = /^[a-z]{2}-[A-Z]{2}$/;

/** A validated start-chat request. */
export interface StartChatRequest {
  /** Trimmed; 1 to {@link MAX_DISPLAY_NAME} characters, no angle brackets or control characters. */
  readonly displayName: string;
  /** `xx-XX`, e.g. `es-US`. */
  readonly language: string;
  readonly topic?: string;
  readonly page?: string;
}

/** The outcome of {@link parseStartChatRequest}: the request, or the names of the wrong fields (sorted). */
export type StartChatRequestParse = { readonly success: true; readonly data: StartChatRequest } | { readonly success: false; readonly fields: string[] };

/**
 * Checks a parsed request body: an object with exactly the {@link REQUEST_KEYS} (displayName and
 * language required), each within its limits. A wrong request yields the names of the fields at
 * fault, an unknown key by its own name, `body` when the body is not an object; never a value.
 */
export function parseStartChatRequest(json: unknown): StartChatRequestParse {
  if (!isRecord(json)) return { success: false, fields: ['body'] };
  const body = json;
  const fields = new Set(Object.keys(body).filter((key) => !(REQUEST_KEYS as readonly string[]).includes(key)));
  const displayName = typeof body.displayName === 'string' ? body.displayName.trim() : undefined;
  if (displayName === undefined || displayName.length < 1 || displayName.length > MAX_DISPLAY_NAME || !DISPLAY_NAME.test(displayName)) fields.add('displayName');
  if (typeof body.language !== 'string' || !LANGUAGE.test(body.language)) fields.add('language');
  const optional = (key: 'topic' | 'page', max: number, pattern: RegExp): void => {
    const value = body[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > max || !pattern.test(value))) fields.add(key);
  };
  optional('topic', MAX_TOPIC, TOPIC);
  optional('page', MAX_PAGE, PAGE);
  if (fields.size > 0) return { success: false, fields: [...fields].sort() };
  const data: StartChatRequest = {
    displayName: displayName as string,
    language: body.language as string,
    ...(body.topic !== undefined ? { topic: body.topic as string } : {}),
    ...(body.page !== undefined ? { page: body.page as string } : {}),
  };
  return { success: true, data };
}

/** The same request as a JSON Schema (draft 4, what API Gateway models accept). */
export const START_CHAT_REQUEST_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['displayName', 'language'],
  properties: {
    displayName: { type: 'string', minLength: 1, maxLength: MAX_DISPLAY_NAME, pattern: '^[^<>\\u0000-\\u001f\\u007f]+$' },
    language: { type: 'string', pattern: LANGUAGE.source },
    topic: { type: 'string', maxLength: MAX_TOPIC, pattern: TOPIC.source },
    page: { type: 'string', maxLength: MAX_PAGE, pattern: PAGE.source },
  },
} as const;

/** What the browser gets back: exactly what amazon-connect-chatjs needs to join the chat. */
export interface StartChatResponse {
  readonly contactId: string;
  readonly participantId: string;
  readonly participantToken: string;
}

/** Error codes the browser can act on (the widget shows a message per code). */
export enum ChatErrorCode {
  INVALID_REQUEST = 'INVALID_REQUEST',
  ORIGIN_NOT_ALLOWED = 'ORIGIN_NOT_ALLOWED',
  BUSY = 'BUSY',
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}
