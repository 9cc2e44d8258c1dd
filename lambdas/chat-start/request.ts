/**
 * What a browser may send to start a web chat, and the limits on it. One definition for two
 * gates: API Gateway's request validator (the JSON Schema below, refused before any Lambda runs)
 * and the handler's zod schema (refused again, with the field names, if a request gets past it).
 */
import * as z from '../shared/zod';

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

/** The start-chat request (zod). */
export const startChatRequestSchema = z.strictObject({
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_DISPLAY_NAME), z.regex(DISPLAY_NAME)),
  language: z.string().check(z.regex(/^[a-z]{2}-[A-Z]{2}$/)),
  topic: z.optional(z.string().check(z.maxLength(MAX_TOPIC), z.regex(TOPIC))),
  page: z.optional(z.string().check(z.maxLength(MAX_PAGE), z.regex(PAGE))),
});

/** A validated start-chat request. */
export type StartChatRequest = z.infer<typeof startChatRequestSchema>;

/** The same request as a JSON Schema (draft 4, what API Gateway models accept). */
export const START_CHAT_REQUEST_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['displayName', 'language'],
  properties: {
    displayName: { type: 'string', minLength: 1, maxLength: MAX_DISPLAY_NAME, pattern: '^[^<>\\u0000-\\u001f\\u007f]+$' },
    language: { type: 'string', pattern: '^[a-z]{2}-[A-Z]{2}$' },
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
