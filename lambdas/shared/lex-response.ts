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
