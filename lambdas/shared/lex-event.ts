import { isRecord, type ValidationIssue } from './validation-issues';

/** A slot as Lex sends it (only what the kit reads is checked; other fields pass through). */
export interface LexSlot {
  value?: {
    originalValue?: string;
    interpretedValue?: string | null;
    resolvedValues?: string[];
    [key: string]: unknown;
  } | null;
  [key: string]: unknown;
}

/**
 * The Lex V2 code-hook event (dialog and fulfillment)
 * (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html).
 * Only the fields the kit reads are required; everything else passes through.
 */
export interface LexEvent {
  sessionId: string;
  inputTranscript?: string;
  invocationSource: 'DialogCodeHook' | 'FulfillmentCodeHook';
  bot: { name: string; localeId: string; [key: string]: unknown };
  sessionState: {
    sessionAttributes?: Record<string, string> | null;
    intent: {
      name: string;
      slots?: Record<string, LexSlot | null> | null;
      state?: string;
      confirmationState?: string;
      [key: string]: unknown;
    };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The outcome of {@link parseLexEvent}: the event, or every problem found (zod's issue codes). */
export type LexEventParse = { readonly success: true; readonly data: LexEvent } | { readonly success: false; readonly issues: ValidationIssue[] };

/**
 * Field names of the event the kit declares, for `describeIssues`: any other path segment (a
 * session attribute or slot name) is caller data and is masked in logs.
 */
export const LEX_EVENT_FIELDS: ReadonlySet<string> = new Set([
  'sessionId',
  'inputTranscript',
  'invocationSource',
  'bot',
  'name',
  'localeId',
  'sessionState',
  'sessionAttributes',
  'intent',
  'slots',
  'state',
  'confirmationState',
  'value',
  'originalValue',
  'interpretedValue',
  'resolvedValues',
]);

const INVOCATION_SOURCES: ReadonlySet<unknown> = new Set(['DialogCodeHook', 'FulfillmentCodeHook']);

type Path = ReadonlyArray<string | number>;
type Shape = Record<string, unknown>;

/**
 * Checks and copies a Lex V2 code-hook event by hand: the fields the kit reads, with the rules and
 * issue codes (`invalid_type`, `invalid_value`, `too_small`) of the loose schema it replaces, at
 * none of a schema library's load time (bench/lambda.ts). Every object on the checked path is
 * copied (unknown fields kept), so the handler may change the copy without touching the event.
 */
export function parseLexEvent(raw: unknown): LexEventParse {
  const issues: ValidationIssue[] = [];
  const problem = (path: Path, code: string): undefined => {
    issues.push({ path, code });
    return undefined;
  };
  const object = (value: unknown, path: Path): Shape | undefined => (isRecord(value) ? { ...value } : problem(path, 'invalid_type'));
  const string = (value: unknown, path: Path, minLength = 0): void => {
    if (typeof value !== 'string') problem(path, 'invalid_type');
    else if (value.length < minLength) problem(path, 'too_small');
  };
  const optionalString = (value: unknown, path: Path): void => {
    if (value !== undefined) string(value, path);
  };
  /** A record of `entry` values; null and undefined pass as they are. */
  const nullishRecord = (value: unknown, path: Path, entry: (value: unknown, path: Path) => unknown): unknown => {
    if (value === undefined || value === null) return value;
    const copy = object(value, path);
    if (copy) for (const key of Object.keys(copy)) copy[key] = entry(copy[key], [...path, key]);
    return copy;
  };
  const stringEntry = (value: unknown, path: Path): unknown => {
    string(value, path);
    return value;
  };
  const slot = (value: unknown, path: Path): unknown => {
    if (value === null) return value;
    const copy = object(value, path);
    if (!copy || copy.value === undefined || copy.value === null) return copy;
    const at = [...path, 'value'];
    const inner = object(copy.value, at);
    if (inner) {
      optionalString(inner.originalValue, [...at, 'originalValue']);
      if (inner.interpretedValue !== null) optionalString(inner.interpretedValue, [...at, 'interpretedValue']);
      const resolved = inner.resolvedValues;
      if (resolved !== undefined) {
        if (!Array.isArray(resolved)) problem([...at, 'resolvedValues'], 'invalid_type');
        else resolved.forEach((item, i) => string(item, [...at, 'resolvedValues', i]));
        if (Array.isArray(resolved)) inner.resolvedValues = [...resolved];
      }
      copy.value = inner;
    }
    return copy;
  };

  const event = object(raw, []);
  if (!event) return { success: false, issues };
  string(event.sessionId, ['sessionId'], 1);
  optionalString(event.inputTranscript, ['inputTranscript']);
  if (!INVOCATION_SOURCES.has(event.invocationSource)) problem(['invocationSource'], 'invalid_value');
  const bot = object(event.bot, ['bot']);
  if (bot) {
    string(bot.name, ['bot', 'name']);
    string(bot.localeId, ['bot', 'localeId']);
    event.bot = bot;
  }
  const sessionState = object(event.sessionState, ['sessionState']);
  if (sessionState) {
    const attributes = nullishRecord(sessionState.sessionAttributes, ['sessionState', 'sessionAttributes'], stringEntry);
    if (attributes !== undefined) sessionState.sessionAttributes = attributes;
    const at: Path = ['sessionState', 'intent'];
    const intent = object(sessionState.intent, at);
    if (intent) {
      string(intent.name, [...at, 'name'], 1);
      const slots = nullishRecord(intent.slots, [...at, 'slots'], slot);
      if (slots !== undefined) intent.slots = slots;
      optionalString(intent.state, [...at, 'state']);
      optionalString(intent.confirmationState, [...at, 'confirmationState']);
      sessionState.intent = intent;
    }
    event.sessionState = sessionState;
  }
  if (issues.length > 0) return { success: false, issues };
  return { success: true, data: event as unknown as LexEvent };
}

/** The interpreted value of a slot, if Lex filled it. */
export function slotText(event: LexEvent, slot: string): string | undefined {
  const value = event.sessionState.intent.slots?.[slot]?.value;
  return value?.interpretedValue ?? value?.originalValue ?? undefined;
}
