import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { HandlerResult } from './connect-response';
import { intEnv } from './env';
import { LEX_EVENT_FIELDS, LexEvent, parseLexEvent } from './lex-event';
import { boundedLexResponse, closeIntent, LexResponse } from './lex-response';
import { logger, metrics, tracer } from './powertools';
import { Deadline, InvocationDeadlines, isThrottling, isTimeout, startInvocationDeadlines, withinDeadline } from './time-budget';
import { describeIssues } from './validation-issues';

/**
 * Default budget for a Lex code hook, in milliseconds. Lex waits for the hook while the caller
 * hears silence, so it is shorter than a flow Lambda's (`TIME_BUDGET_MS` overrides it).
 */
export const LEX_DEFAULT_BUDGET_MS = 2500;

/** Session attribute the contact flow branches on after the bot; set to {@link HANDOFF_AGENT} to route to an agent. */
export const HANDOFF_ATTRIBUTE = 'handoff';

/** Value of {@link HANDOFF_ATTRIBUTE} asking the flow to transfer the caller to an agent. */
export const HANDOFF_AGENT = 'AGENT';

/** Longest intent name Lex accepts (Lex V2 API Reference: an intent name is 1 to 100 characters). */
const MAX_INTENT_NAME_CHARS = 100;

/** Intent named in the fallback response to an event too malformed to name its own intent. */
export const FALLBACK_INTENT = 'FallbackIntent';

/** The Lex V2 locales the kit's bots are built in (all that GovCloud offers). */
export type BotLocale = 'en_US' | 'es_US';

/** The bot locale of a Lex `localeId` (`es_*` is Spanish, any other is English); undefined if there is none. */
export function botLocale(localeId: unknown): BotLocale | undefined {
  if (typeof localeId !== 'string' || localeId === '') return undefined;
  return localeId.toLowerCase().startsWith('es') ? 'es_US' : 'en_US';
}

/** What a caller hears when the bot cannot help: an apology and a transfer to an agent. */
export const HANDOFF_MESSAGES: Readonly<Record<BotLocale, string>> = Object.freeze({
  en_US: "Sorry, I can't help with that right now. Let me connect you with an agent.",
  es_US: 'Lo siento, en este momento no puedo ayudarle con eso. Permítame comunicarle con un agente.',
});

/** The handoff message for a locale; both languages when the locale is unknown. */
export function handoffMessage(locale: BotLocale | undefined): string {
  return locale ? HANDOFF_MESSAGES[locale] : `${HANDOFF_MESSAGES.en_US} ${HANDOFF_MESSAGES.es_US}`;
}

/**
 * Ends the intent as Failed with the handoff message and `handoff: AGENT`, so the flow routes
 * the caller to an agent. `sessionAttributes` (e.g. the intent and case number) are kept for
 * the agent, so the caller does not have to repeat them.
 */
export function failAndHandOff(event: LexEvent, sessionAttributes: Record<string, string> = {}): LexResponse {
  return closeIntent(event, 'Failed', handoffMessage(botLocale(event.bot.localeId)), {
    ...sessionAttributes,
    [HANDOFF_ATTRIBUTE]: HANDOFF_AGENT,
  });
}

/** What the work of a Lex code hook gets besides the event. */
export interface LexWorkContext {
  /** Deadline for all downstream calls; pass `deadline.signal` to SDK calls. */
  readonly deadline: Deadline;
  /**
   * Records session attributes to keep even if the work fails afterwards, so the agent who
   * takes the handoff still sees what the caller already said.
   */
  remember(attributes: Record<string, string>): void;
}

/** The work of a Lex code hook: gets a parsed event, returns the response. */
export type LexWork = (event: LexEvent, context: LexWorkContext) => Promise<LexResponse>;

/** Maps an error to the result logged and counted (same categories as Connect handlers). */
function resultOfError(error: unknown): HandlerResult {
  if (isTimeout(error)) return HandlerResult.TIMEOUT;
  if (isThrottling(error)) return HandlerResult.THROTTLED;
  return HandlerResult.ERROR;
}

/** Property `key` of `value` if `value` is a non-null object. */
function prop(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The string-valued entries of what may be a session-attribute map (anything else, and empty keys, dropped). */
function stringEntries(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string' && key !== '') out[key] = entry;
  }
  return out;
}

/**
 * The handoff response to an event that failed validation: built from whatever can be read
 * safely, with {@link FALLBACK_INTENT} when the event names no intent.
 */
function badEventResponse(raw: unknown): LexResponse {
  let name: unknown;
  let locale: BotLocale | undefined;
  let attributes: Record<string, string> = {};
  try {
    const sessionState = prop(raw, 'sessionState');
    name = prop(prop(sessionState, 'intent'), 'name');
    locale = botLocale(prop(prop(raw, 'bot'), 'localeId'));
    attributes = stringEntries(prop(sessionState, 'sessionAttributes'));
  } catch {
    // A hostile object (throwing getter or proxy): answer with nothing read from it.
  }
  return {
    sessionState: {
      sessionAttributes: { ...attributes, [HANDOFF_ATTRIBUTE]: HANDOFF_AGENT },
      dialogAction: { type: 'Close' },
      intent: { name: typeof name === 'string' && name !== '' && name.length <= MAX_INTENT_NAME_CHARS ? name : FALLBACK_INTENT, state: 'Failed' },
    },
    messages: [{ contentType: 'PlainText', content: handoffMessage(locale) }],
  };
}

/**
 * Wraps a Lex V2 code hook so it never throws at Lex: a malformed event, a downstream error,
 * throttling or a timeout each become a valid response that closes the intent as Failed with a
 * short apology in the caller's language and the session attribute `handoff: AGENT`, so the
 * contact flow routes the caller to an agent. The event is never logged; the session id, intent
 * and locale are added to every log line.
 *
 * The time budget comes from `TIME_BUDGET_MS` (default {@link LEX_DEFAULT_BUDGET_MS}), capped
 * by the Lambda's remaining time; the work is raced against it, so the caller is handed off
 * within the budget even if a downstream client never settles. Every response is kept within
 * Lex's size limits ({@link boundedLexResponse}); the handoff attribute is never shortened.
 */
export function lexHandler(work: LexWork): (event: unknown, context?: Partial<Context>) => Promise<LexResponse> {
  const handle = answerLex(work);
  return tracer.captureHandler(async (event: unknown, context?: Partial<Context>) => {
    const response = await handle(event, context);
    try {
      return boundedLexResponse(response, [HANDOFF_ATTRIBUTE]);
    } catch {
      // Only a response the work built wrongly gets here; the handoff built from the event does not fail.
      return boundedLexResponse(badEventResponse(event), [HANDOFF_ATTRIBUTE]);
    }
  });
}

function answerLex(work: LexWork): (event: unknown, context?: Partial<Context>) => Promise<LexResponse> {
  return async (event, context) => {
    const started = Date.now();
    let parsedEvent: LexEvent | undefined;
    let remembered: Record<string, string> = {};
    let deadlines: InvocationDeadlines | undefined;
    try {
      const parsed = parseLexEvent(event);
      if (!parsed.success) {
        logger.warn('malformed Lex V2 event', { issues: describeIssues(parsed.issues, LEX_EVENT_FIELDS) });
        metrics.addMetric('BadEvent', MetricUnit.Count, 1);
        metrics.addMetric('Handoff', MetricUnit.Count, 1);
        return badEventResponse(event);
      }
      parsedEvent = parsed.data;
      // Lex rejects a response with an empty attribute key, and the response echoes the event's.
      if (parsedEvent.sessionState.sessionAttributes && '' in parsedEvent.sessionState.sessionAttributes) {
        delete parsedEvent.sessionState.sessionAttributes[''];
      }
      logger.appendKeys({ sessionId: parsedEvent.sessionId, intent: parsedEvent.sessionState.intent.name, locale: parsedEvent.bot.localeId });
      deadlines = startInvocationDeadlines(intEnv('TIME_BUDGET_MS', LEX_DEFAULT_BUDGET_MS), context?.getRemainingTimeInMillis?.());
      const working = work(parsedEvent, {
        deadline: deadlines.calls,
        remember: (attributes) => {
          remembered = { ...remembered, ...attributes };
        },
      });
      const response = await withinDeadline(working, deadlines.answer);
      metrics.addMetric('ResultOK', MetricUnit.Count, 1);
      if (response.sessionState.sessionAttributes?.[HANDOFF_ATTRIBUTE] === HANDOFF_AGENT) metrics.addMetric('Handoff', MetricUnit.Count, 1);
      return response;
    } catch (error) {
      const result = resultOfError(error);
      logger.error('code hook failed; handing the caller to an agent', { result, error: error as Error });
      metrics.addMetric(`Result${result}`, MetricUnit.Count, 1);
      metrics.addMetric('Handoff', MetricUnit.Count, 1);
      return parsedEvent ? failAndHandOff(parsedEvent, remembered) : badEventResponse(event);
    } finally {
      deadlines?.dispose();
      metrics.addMetric('Duration', MetricUnit.Milliseconds, Date.now() - started);
      metrics.publishStoredMetrics();
      logger.removeKeys(['sessionId', 'intent', 'locale']);
    }
  };
}
