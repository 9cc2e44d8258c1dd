import { jsonBytes, shrinkToFit, truncateText } from './connect-response';
import type { LexEvent } from './lex-event';

/** A Lex V2 message. */
export interface LexMessage {
  readonly contentType: 'PlainText' | 'SSML';
  readonly content: string;
}

/** The Lex V2 code-hook response (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html). */
export interface LexResponse {
  readonly sessionState: {
    readonly sessionAttributes?: Record<string, string>;
    readonly dialogAction: { readonly type: 'Close' | 'Delegate' | 'ElicitSlot' | 'ElicitIntent' | 'ConfirmIntent'; readonly slotToElicit?: string };
    readonly intent?: { readonly name: string; readonly state: 'Fulfilled' | 'Failed' | 'InProgress' | 'ReadyForFulfillment'; readonly slots?: unknown };
  };
  readonly messages?: LexMessage[];
}

const plain = (content: string): LexMessage[] => [{ contentType: 'PlainText', content }];

/** Ends the intent with a message; `Failed` hands the caller back to the flow's error path. */
export function closeIntent(event: LexEvent, state: 'Fulfilled' | 'Failed', message: string, sessionAttributes?: Record<string, string>): LexResponse {
  return {
    sessionState: {
      sessionAttributes: { ...(event.sessionState.sessionAttributes ?? {}), ...sessionAttributes },
      dialogAction: { type: 'Close' },
      intent: { name: event.sessionState.intent.name, state, slots: event.sessionState.intent.slots ?? undefined },
    },
    messages: plain(message),
  };
}

/** Asks the caller for one slot again, with a message. */
export function elicitSlot(event: LexEvent, slot: string, message: string): LexResponse {
  return {
    sessionState: {
      sessionAttributes: event.sessionState.sessionAttributes ?? undefined,
      dialogAction: { type: 'ElicitSlot', slotToElicit: slot },
      intent: { name: event.sessionState.intent.name, state: 'InProgress', slots: event.sessionState.intent.slots ?? undefined },
    },
    messages: plain(message),
  };
}

/** Lets Lex continue the dialog with its own prompts. */
export function delegate(event: LexEvent): LexResponse {
  return {
    sessionState: {
      sessionAttributes: event.sessionState.sessionAttributes ?? undefined,
      dialogAction: { type: 'Delegate' },
      intent: { name: event.sessionState.intent.name, state: 'InProgress', slots: event.sessionState.intent.slots ?? undefined },
    },
  };
}

/** The event with session attributes added (the response helpers copy them from the event). */
export function withSessionAttributes(event: LexEvent, attributes: Record<string, string>): LexEvent {
  return { ...event, sessionState: { ...event.sessionState, sessionAttributes: { ...(event.sessionState.sessionAttributes ?? {}), ...attributes } } };
}

/** Asks the caller what they want (no intent is active), with a message. */
export function elicitIntent(event: LexEvent, message: string, sessionAttributes: Record<string, string> = {}): LexResponse {
  return {
    sessionState: {
      sessionAttributes: { ...(event.sessionState.sessionAttributes ?? {}), ...sessionAttributes },
      dialogAction: { type: 'ElicitIntent' },
    },
    messages: plain(message),
  };
}

/**
 * Longest message content, in characters. Lex V2 API Reference: a message's content ("Message",
 * "PlainTextMessage") has a maximum length of 1000.
 */
export const MAX_LEX_MESSAGE_CHARS = 1000;

/**
 * Largest session-attribute map returned, in bytes of UTF-8 JSON. Amazon Lex documents a code
 * hook's output as at most 25 KB, of which 12 KB can be session attributes (Lex V1 Developer
 * Guide, "Quotas"; the Lex V2 guide publishes no other figure, so the kit keeps to these).
 */
export const MAX_LEX_SESSION_ATTRIBUTES_BYTES = 12 * 1024;

/** Largest whole response, in bytes of UTF-8 JSON (see {@link MAX_LEX_SESSION_ATTRIBUTES_BYTES}). */
export const MAX_LEX_RESPONSE_BYTES = 25 * 1024;

/** Most messages returned in one response. */
const MAX_LEX_MESSAGES = 5;

/**
 * `response` within Lex's limits: session attributes only strings, their map no larger than
 * {@link MAX_LEX_SESSION_ATTRIBUTES_BYTES} (the longest values are shortened first, `keep`
 * never), messages no longer than {@link MAX_LEX_MESSAGE_CHARS}. If the whole is still larger
 * than {@link MAX_LEX_RESPONSE_BYTES} (huge slots echoed from the event), the slots are left out.
 */
export function boundedLexResponse(response: LexResponse, keep: readonly string[] = []): LexResponse {
  const state = response.sessionState;
  let sessionAttributes: Record<string, string> | undefined;
  if (state.sessionAttributes) {
    sessionAttributes = {};
    for (const [key, value] of Object.entries(state.sessionAttributes)) if (typeof value === 'string') sessionAttributes[key] = value;
    shrinkToFit(sessionAttributes, MAX_LEX_SESSION_ATTRIBUTES_BYTES, keep);
  }
  const messages = response.messages?.slice(0, MAX_LEX_MESSAGES).map((m) => ({ contentType: m.contentType, content: truncateText(String(m.content), MAX_LEX_MESSAGE_CHARS) }));
  const bounded: LexResponse = {
    sessionState: { ...state, ...(sessionAttributes ? { sessionAttributes } : {}) },
    ...(messages ? { messages } : {}),
  };
  if (jsonBytes(bounded) <= MAX_LEX_RESPONSE_BYTES || !bounded.sessionState.intent) return bounded;
  return { ...bounded, sessionState: { ...bounded.sessionState, intent: { name: bounded.sessionState.intent.name, state: bounded.sessionState.intent.state } } };
}
