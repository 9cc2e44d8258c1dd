import {
  botLocale,
  failAndHandOff,
  FALLBACK_INTENT,
  HANDOFF_MESSAGES,
  handoffMessage,
  LEX_DEFAULT_BUDGET_MS,
  lexHandler,
  LexWork,
} from '../../lambdas/shared/lex-handler';
import { LexEvent, parseLexEvent } from '../../lambdas/shared/lex-event';
import { closeIntent } from '../../lambdas/shared/lex-response';
import { logger } from '../../lambdas/shared/powertools';
import { awsError, captureOutput } from './helpers';

const SORRY_EN = "Sorry, I can't help with that right now. Let me connect you with an agent.";
const SORRY_ES = 'Lo siento, en este momento no puedo ayudarle con eso. Permítame comunicarle con un agente.';
// Hex, like real contact ids: shared/redact.ts masks any 6+ digit run, even inside an id.
const SESSION_ID = '2f1b6c9e-8d4a-4f0e-9b7c-1a2b3c4d5e6f';

/** A valid Lex V2 code-hook event (trimmed to the usual fields). */
function lexEvent(localeId = 'en_US', sessionAttributes: Record<string, string> = { language: 'en-US' }): Record<string, unknown> {
  return {
    messageVersion: '1.0',
    invocationSource: 'FulfillmentCodeHook',
    inputMode: 'Speech',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: SESSION_ID,
    inputTranscript: 'what are your hours',
    bot: { id: 'BOT1234567', name: 'citizen-services', aliasId: 'TSTALIASID', aliasName: 'live', localeId, version: '3' },
    interpretations: [],
    requestAttributes: {},
    sessionState: {
      sessionAttributes,
      intent: { name: 'OfficeHoursAndLocations', slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' },
      originatingRequestId: 'req-1',
    },
  };
}

/** An error as the SDK raises it for a service exception. */
const savedEnv = { ...process.env };
let logs: string[] = [];

beforeEach(() => {
  process.env = { ...savedEnv };
  delete process.env.TIME_BUDGET_MS;
  logs = captureOutput();
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = savedEnv;
});

/** The JSON log lines written by the logger (metrics lines have no `level`). */
function logLines(): Array<Record<string, unknown>> {
  return logs
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => 'level' in line);
}

describe('lexHandler', () => {
  test('returns the response of the work for a valid event', async () => {
    // Prepare
    const work: LexWork = async (event) => closeIntent(event, 'Fulfilled', 'Open 8 to 5.', { intent: 'OfficeHoursAndLocations' });
    const handler = lexHandler(work);

    // Act
    const response = await handler(lexEvent());

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { language: 'en-US', intent: 'OfficeHoursAndLocations' },
        dialogAction: { type: 'Close' },
        intent: { name: 'OfficeHoursAndLocations', state: 'Fulfilled', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: 'Open 8 to 5.' }],
    });
  });

  test('hands an event that is not an object to an agent under FallbackIntent, in both languages', async () => {
    // Prepare
    const work = jest.fn<ReturnType<LexWork>, Parameters<LexWork>>();
    const handler = lexHandler(work);

    // Act
    const response = await handler('not an event');

    // Assess
    expect(work).not.toHaveBeenCalled();
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { handoff: 'AGENT' },
        dialogAction: { type: 'Close' },
        intent: { name: FALLBACK_INTENT, state: 'Failed' },
      },
      messages: [{ contentType: 'PlainText', content: `${SORRY_EN} ${SORRY_ES}` }],
    });
  });

  test('keeps the intent name, the locale and the string session attributes of a malformed event', async () => {
    // Prepare
    const event = lexEvent('es_US', { language: 'es-US' });
    delete event.sessionId;
    (event.sessionState as { sessionAttributes: Record<string, unknown> }).sessionAttributes.tries = 3;
    const handler = lexHandler(jest.fn());

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { language: 'es-US', handoff: 'AGENT' },
        dialogAction: { type: 'Close' },
        intent: { name: 'OfficeHoursAndLocations', state: 'Failed' },
      },
      messages: [{ contentType: 'PlainText', content: SORRY_ES }],
    });
  });

  test('names FallbackIntent, not a 5,000-character name no intent can have, in the response to a malformed event', async () => {
    const event = { sessionState: { intent: { name: 'I'.repeat(5000) } }, bot: { localeId: 'en_US' } };
    const response = await lexHandler(jest.fn())(event);
    expect(response.sessionState.intent).toEqual({ name: FALLBACK_INTENT, state: 'Failed' });
  });

  test('answers even an event whose getters throw', async () => {
    // Prepare
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const handler = lexHandler(jest.fn());

    // Act
    const response = await handler(hostile);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { handoff: 'AGENT' },
        dialogAction: { type: 'Close' },
        intent: { name: FALLBACK_INTENT, state: 'Failed' },
      },
      messages: [{ contentType: 'PlainText', content: `${SORRY_EN} ${SORRY_ES}` }],
    });
  });

  test('keeps session attributes within Lex\'s 12 KB and messages within 1,000 characters, never shortening the handoff', async () => {
    // Prepare: a client put 40 KB into the session, and the work echoes it with a long message.
    const bulky = { notes: 'n'.repeat(40_000), language: 'en-US' };
    const handler = lexHandler(async (event) => failAndHandOff(event, { transcript: 't'.repeat(5_000) }));
    const longMessage = lexHandler(async (event) => closeIntent(event, 'Fulfilled', 'm'.repeat(5_000)));

    // Act
    const response = await handler(lexEvent('en_US', bulky));
    const spoken = await longMessage(lexEvent());

    // Assess
    const attributes = response.sessionState.sessionAttributes!;
    expect(Buffer.byteLength(JSON.stringify(attributes), 'utf8')).toBeLessThanOrEqual(12 * 1024);
    expect(attributes.handoff).toBe('AGENT');
    expect(attributes.language).toBe('en-US');
    expect(spoken.messages![0].content).toBe('m'.repeat(1000));
  });

  test('logs where a malformed event is wrong without the caller data in attribute or slot names', async () => {
    // Prepare
    const event = lexEvent('en_US', { 'jane.doe@example.gov': 7 as unknown as string });

    // Act
    const response = await lexHandler(jest.fn())(event);

    // Assess
    expect(response.sessionState.sessionAttributes?.handoff).toBe('AGENT');
    expect(logLines().find((l) => l.message === 'malformed Lex V2 event')?.issues).toEqual(['sessionState.sessionAttributes.*: invalid_type']);
    expect(logs.join('')).not.toContain('jane.doe');
  });

  test('drops an empty session-attribute key, which Lex would reject in the response', async () => {
    // Prepare
    const handler = lexHandler(async (event) => closeIntent(event, 'Fulfilled', 'ok'));

    // Act
    const response = await handler(lexEvent('en_US', { '': 'x', language: 'en-US' }));

    // Assess
    expect(response.sessionState.sessionAttributes).toEqual({ language: 'en-US' });
  });

  test('hands off with what the work remembered when a downstream call is throttled', async () => {
    // Prepare
    const handler = lexHandler(async (_event, context) => {
      context.remember({ intent: 'CheckCaseStatus', caseNumber: 'CS1234567' });
      throw awsError('ThrottlingException');
    });

    // Act
    const response = await handler(lexEvent('es_US', { language: 'es-US' }));

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { language: 'es-US', intent: 'CheckCaseStatus', caseNumber: 'CS1234567', handoff: 'AGENT' },
        dialogAction: { type: 'Close' },
        intent: { name: 'OfficeHoursAndLocations', state: 'Failed', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: SORRY_ES }],
    });
    expect(logLines()).toContainEqual(expect.objectContaining({ level: 'ERROR', result: 'THROTTLED' }));
  });

  test('hands off when the work overruns TIME_BUDGET_MS', async () => {
    // Prepare
    process.env.TIME_BUDGET_MS = '30';
    const handler = lexHandler(
      (_event, { deadline }) =>
        new Promise((_resolve, reject) => deadline.signal.addEventListener('abort', () => reject(deadline.signal.reason), { once: true })),
    );
    const started = Date.now();

    // Act
    const response = await handler(lexEvent());

    // Assess
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { language: 'en-US', handoff: 'AGENT' },
        dialogAction: { type: 'Close' },
        intent: { name: 'OfficeHoursAndLocations', state: 'Failed', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: SORRY_EN }],
    });
    expect(logLines()).toContainEqual(expect.objectContaining({ level: 'ERROR', result: 'TIMEOUT' }));
  });

  test('hands off when TIME_BUDGET_MS is not a whole number', async () => {
    // Prepare
    process.env.TIME_BUDGET_MS = 'soon';
    const work = jest.fn<ReturnType<LexWork>, Parameters<LexWork>>();
    const handler = lexHandler(work);

    // Act
    const response = await handler(lexEvent());

    // Assess
    expect(work).not.toHaveBeenCalled();
    expect(response.sessionState).toEqual({
      sessionAttributes: { language: 'en-US', handoff: 'AGENT' },
      dialogAction: { type: 'Close' },
      intent: { name: 'OfficeHoursAndLocations', state: 'Failed', slots: {} },
    });
  });

  test('gives the work a deadline of 2500 ms by default less 100 ms kept for the fallback, capped by the Lambda remaining time', async () => {
    // Prepare
    const budgets: number[] = [];
    const handler = lexHandler(async (event, { deadline }) => {
      budgets.push(deadline.remainingMs());
      return closeIntent(event, 'Fulfilled', 'ok');
    });

    // Act
    await handler(lexEvent());
    await handler(lexEvent(), { getRemainingTimeInMillis: () => 1250 });

    // Assess
    expect(LEX_DEFAULT_BUDGET_MS).toBe(2500);
    expect(budgets[0]).toBeGreaterThan(2300);
    expect(budgets[0]).toBeLessThanOrEqual(2400);
    // 1250 ms left less the 250 ms margin, less the 100 ms reserve.
    expect(budgets[1]).toBeGreaterThan(800);
    expect(budgets[1]).toBeLessThanOrEqual(900);
  });

  test('adds the session id to log lines during the invocation and removes it afterwards', async () => {
    // Prepare
    logger.setLogLevel('INFO');
    const handler = lexHandler(async (event) => {
      logger.info('working');
      return closeIntent(event, 'Fulfilled', 'ok');
    });

    // Act
    await handler(lexEvent());
    logger.info('after');

    // Assess
    const lines = logLines();
    expect(lines.find((l) => l.message === 'working')).toEqual(
      expect.objectContaining({ sessionId: SESSION_ID, intent: 'OfficeHoursAndLocations', locale: 'en_US' }),
    );
    expect(lines.find((l) => l.message === 'after')).not.toHaveProperty('sessionId');
  });
});

describe('failAndHandOff', () => {
  test('closes the intent as Failed with the apology in the caller language and handoff AGENT', () => {
    // Prepare
    const parsed = parseLexEvent(lexEvent('es_US', {}));
    if (!parsed.success) throw new Error('the test event must be valid');
    const event: LexEvent = parsed.data;

    // Act
    const response = failAndHandOff(event, { intent: 'CheckCaseStatus' });

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'CheckCaseStatus', handoff: 'AGENT' },
        dialogAction: { type: 'Close' },
        intent: { name: 'OfficeHoursAndLocations', state: 'Failed', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: SORRY_ES }],
    });
  });
});

describe('botLocale', () => {
  test.each([
    ['en_US', 'en_US'],
    ['es_US', 'es_US'],
    ['es_419', 'es_US'],
    ['en_GB', 'en_US'],
    ['', undefined],
    [42, undefined],
    [undefined, undefined],
  ])('maps Lex locale %p to %p', (input, expected) => {
    expect(botLocale(input)).toBe(expected);
  });

  test('speaks both languages when the locale is unknown', () => {
    expect(handoffMessage(undefined)).toBe(`${HANDOFF_MESSAGES.en_US} ${HANDOFF_MESSAGES.es_US}`);
  });
});
