import { AttributeValue, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { z } from 'zod';
import { handler, withIntentInPath } from '../../lambdas/lex-fulfillment';
import { logger } from '../../lambdas/shared/powertools';
import { awsError, captureOutput } from './helpers';

const ddbMock = mockClient(DynamoDBClient);

const TABLE = 'citizen-cases';
const SESSION_ID = '2f1b6c9e-8d4a-4f0e-9b7c-1a2b3c4d5e6f';
/** How a caller says a case number, and the canonical form the table is keyed by. */
const SPOKEN_CASE = 'cs-123 4567';
const CASE = 'CS1234567';
const OFFICE_INFO = {
  en_US: 'Our offices are open Monday through Friday, 8 a.m. to 5 p.m., at 100 Main Street and 20 Elm Avenue.',
  es_US: 'Nuestras oficinas abren de lunes a viernes, de 8 de la mañana a 5 de la tarde, en 100 Main Street y 20 Elm Avenue.',
};
const NEXT_STEP = {
  'en-US': 'Watch your mail for a letter with your interview date.',
  'es-US': 'Espere por correo una carta con la fecha de su entrevista.',
};

type Locale = 'en_US' | 'es_US';
const LOCALES: Locale[] = ['en_US', 'es_US'];

/** What the bot says, written out here so a change of wording is a visible test change. */
const SAY: Record<Locale, Record<string, string>> = {
  en_US: {
    sorry: "Sorry, I can't help with that right now. Let me connect you with an agent.",
    askCaseNumber: 'Please say or enter your case number.',
    invalidCaseNumber:
      "Sorry, that doesn't sound like a case number. It has six to ten digits and may start with up to four letters. Please say or enter your case number again.",
    IN_REVIEW: 'Your case is being reviewed.',
    nextStep: `Next step: ${NEXT_STEP['en-US']}`,
    caseNotFound: "I couldn't find a case with that number. Let me connect you with an agent who can help.",
    agentTransfer: 'Sure. Please hold while I connect you with an agent.',
    problemReported: 'Thank you for letting us know. Let me connect you with an agent who can take your report.',
    menu: 'I can check the status of your case, tell you our office hours and locations, or take a problem report. You can also ask for an agent. What would you like to do?',
    notUnderstood: "Sorry, I didn't understand.",
  },
  es_US: {
    sorry: 'Lo siento, en este momento no puedo ayudarle con eso. Permítame comunicarle con un agente.',
    askCaseNumber: 'Por favor, diga o marque su número de caso.',
    invalidCaseNumber:
      'Disculpe, eso no parece un número de caso. Tiene de seis a diez dígitos y puede empezar con hasta cuatro letras. Por favor, diga o marque su número de caso otra vez.',
    IN_REVIEW: 'Su caso está en revisión.',
    nextStep: `Siguiente paso: ${NEXT_STEP['es-US']}`,
    caseNotFound: 'No encontré ningún caso con ese número. Permítame comunicarle con un agente que pueda ayudarle.',
    agentTransfer: 'Con gusto. Por favor, espere en la línea mientras le comunico con un agente.',
    problemReported: 'Gracias por avisarnos. Permítame comunicarle con un agente que pueda tomar su reporte.',
    menu: 'Puedo consultar el estado de su caso, darle el horario y la dirección de nuestras oficinas o tomar el reporte de un problema. También puede pedir hablar con un agente. ¿Qué desea hacer?',
    notUnderstood: 'Disculpe, no le entendí.',
  },
};

/** A filled Lex V2 slot. */
function slot(value: string): Record<string, unknown> {
  return { shape: 'Scalar', value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } };
}

interface EventOptions {
  readonly intent: string;
  readonly locale?: string;
  readonly source?: 'DialogCodeHook' | 'FulfillmentCodeHook';
  readonly slots?: Record<string, unknown>;
  readonly sessionAttributes?: Record<string, string>;
  readonly transcript?: string;
}

/** A Lex V2 code-hook event shaped like the ones Lex sends (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html). */
function lexEvent(options: EventOptions): Record<string, unknown> {
  const { intent, locale = 'en_US', source = 'FulfillmentCodeHook', slots = {}, sessionAttributes = {}, transcript = 'hello' } = options;
  const state = source === 'FulfillmentCodeHook' ? 'ReadyForFulfillment' : 'InProgress';
  return {
    messageVersion: '1.0',
    invocationSource: source,
    inputMode: 'Speech',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: SESSION_ID,
    inputTranscript: transcript,
    bot: { id: 'BOT1234ABC', name: 'citizen-services', aliasId: 'ALIASABCDE', aliasName: 'live', localeId: locale, version: '4' },
    interpretations: [{ intent: { name: intent, slots, state, confirmationState: 'None' }, nluConfidence: 0.93 }],
    requestAttributes: {},
    sessionState: {
      activeContexts: [],
      sessionAttributes,
      intent: { name: intent, slots, state, confirmationState: 'None' },
      originatingRequestId: 'b8f2e0d4-7c1a-4e55-9a3b-0f6d2c8e4a1b',
    },
    transcriptions: [{ transcription: transcript, transcriptionConfidence: 0.91, resolvedContext: { intent }, resolvedSlots: {} }],
  };
}

/** A CheckCaseStatus event with the case number as the caller said it. */
function caseEvent(locale: string, source: 'DialogCodeHook' | 'FulfillmentCodeHook', spoken = SPOKEN_CASE, sessionAttributes: Record<string, string> = {}) {
  return lexEvent({ intent: 'CheckCaseStatus', locale, source, slots: { caseNumber: slot(spoken) }, sessionAttributes, transcript: `my case number is ${spoken}` });
}

/** The item the case table holds for {@link CASE}. */
function caseItem(status = 'IN_REVIEW', nextStep: Record<string, string> | null = NEXT_STEP): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = { caseNumber: { S: CASE }, status: { S: status }, updatedAt: { S: '2026-11-02' } };
  if (nextStep) item.nextStep = { M: Object.fromEntries(Object.entries(nextStep).map(([k, v]) => [k, { S: v }])) };
  return item;
}

/** An error as the SDK raises it for a service exception. */
const savedEnv = { ...process.env };
let logs: string[] = [];

beforeEach(() => {
  ddbMock.reset();
  process.env = { ...savedEnv, CASE_TABLE_NAME: TABLE, OFFICE_INFO: JSON.stringify(OFFICE_INFO) };
  delete process.env.TIME_BUDGET_MS;
  logs = captureOutput();
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = savedEnv;
});

describe('CheckCaseStatus', () => {
  test.each(LOCALES)('%s: delegates a valid case number during the dialog and records it, normalized, for the agent', async (locale) => {
    // Prepare
    const event = caseEvent(locale, 'DialogCodeHook', SPOKEN_CASE, { language: locale });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { language: locale, intent: 'CheckCaseStatus', caseNumber: CASE },
        dialogAction: { type: 'Delegate' },
        intent: { name: 'CheckCaseStatus', state: 'InProgress', slots: { caseNumber: slot(SPOKEN_CASE) } },
      },
    });
    expect(ddbMock.calls()).toHaveLength(0);
  });

  test('delegates to Lex when the caller has not given a case number yet', async () => {
    // Prepare
    const event = lexEvent({ intent: 'CheckCaseStatus', source: 'DialogCodeHook', slots: { caseNumber: null } });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'CheckCaseStatus' },
        dialogAction: { type: 'Delegate' },
        intent: { name: 'CheckCaseStatus', state: 'InProgress', slots: { caseNumber: null } },
      },
    });
  });

  test.each(LOCALES)('%s: asks again, with a hint, when the case number is invalid the first time', async (locale) => {
    // Prepare
    const event = caseEvent(locale, 'DialogCodeHook', 'twelve', { language: locale });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { language: locale, caseNumberTries: '1' },
        dialogAction: { type: 'ElicitSlot', slotToElicit: 'caseNumber' },
        intent: { name: 'CheckCaseStatus', state: 'InProgress', slots: { caseNumber: null } },
      },
      messages: [{ contentType: 'PlainText', content: SAY[locale].invalidCaseNumber }],
    });
  });

  test.each(LOCALES)('%s: hands off to an agent after the second invalid case number', async (locale) => {
    // Prepare
    const event = caseEvent(locale, 'DialogCodeHook', '12 34', { language: locale, caseNumberTries: '1' });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { language: locale, caseNumberTries: '2', intent: 'CheckCaseStatus', handoff: 'AGENT', intents: 'CheckCaseStatus' },
        dialogAction: { type: 'Close' },
        intent: { name: 'CheckCaseStatus', state: 'Failed', slots: { caseNumber: slot('12 34') } },
      },
      messages: [{ contentType: 'PlainText', content: SAY[locale].sorry }],
    });
  });

  test.each(LOCALES)('%s: says the status and the next step in the caller language', async (locale) => {
    // Prepare
    ddbMock.on(GetItemCommand).resolves({ Item: caseItem() });
    const event = caseEvent(locale, 'FulfillmentCodeHook');

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'CheckCaseStatus', caseNumber: CASE, caseStatus: 'IN_REVIEW', intents: 'CheckCaseStatus' },
        dialogAction: { type: 'Close' },
        intent: { name: 'CheckCaseStatus', state: 'Fulfilled', slots: { caseNumber: slot(SPOKEN_CASE) } },
      },
      messages: [{ contentType: 'PlainText', content: `${SAY[locale].IN_REVIEW} ${SAY[locale].nextStep}` }],
    });
    expect(ddbMock.commandCalls(GetItemCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: TABLE,
        Key: { caseNumber: { S: CASE } },
        ProjectionExpression: '#status, #nextStep',
        ExpressionAttributeNames: { '#status': 'status', '#nextStep': 'nextStep' },
      },
    ]);
  });

  test.each([
    ['en_US', 'RECEIVED', 'We have received your case, and it is waiting to be reviewed.'],
    ['en_US', 'APPROVED', 'Your case has been approved.'],
    ['en_US', 'DENIED', 'Your case was not approved. An agent can explain the decision and your options.'],
    ['en_US', 'NEEDS_INFO', 'We need more information from you to continue with your case.'],
    ['es_US', 'RECEIVED', 'Recibimos su caso y está en espera de revisión.'],
    ['es_US', 'APPROVED', 'Su caso fue aprobado.'],
    ['es_US', 'DENIED', 'Su caso no fue aprobado. Un agente puede explicarle la decisión y sus opciones.'],
    ['es_US', 'NEEDS_INFO', 'Necesitamos más información de su parte para continuar con su caso.'],
  ])('%s: says status %s as "%s" when the case has no next step', async (locale, status, spoken) => {
    // Prepare
    ddbMock.on(GetItemCommand).resolves({ Item: caseItem(status, null) });

    // Act
    const response = await handler(caseEvent(locale, 'FulfillmentCodeHook'));

    // Assess
    expect(response.messages).toEqual([{ contentType: 'PlainText', content: spoken }]);
    expect(response.sessionState.intent?.state).toBe('Fulfilled');
  });

  test('leaves out a next step that is not written in the caller language', async () => {
    // Prepare
    ddbMock.on(GetItemCommand).resolves({ Item: caseItem('IN_REVIEW', { 'en-US': NEXT_STEP['en-US'] }) });

    // Act
    const response = await handler(caseEvent('es_US', 'FulfillmentCodeHook'));

    // Assess
    expect(response.messages).toEqual([{ contentType: 'PlainText', content: SAY.es_US.IN_REVIEW }]);
  });

  test('keeps the spoken message within Lex\'s 1,000 characters when the case system holds a 200 KB next step', async () => {
    // Prepare
    ddbMock.on(GetItemCommand).resolves({ Item: caseItem('IN_REVIEW', { 'en-US': 'Bring every document you have. '.repeat(6500) }) });

    // Act
    const response = await handler(caseEvent('en_US', 'FulfillmentCodeHook'));

    // Assess
    expect(response.messages).toHaveLength(1);
    expect(response.messages![0].content).toHaveLength(1000);
    expect(response.messages![0].content.startsWith(SAY.en_US.IN_REVIEW)).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(response), 'utf8')).toBeLessThanOrEqual(25 * 1024);
  });

  test.each(LOCALES)('%s: tells the caller no case was found and hands off, keeping the case number for the agent', async (locale) => {
    // Prepare
    ddbMock.on(GetItemCommand).resolves({});

    // Act
    const response = await handler(caseEvent(locale, 'FulfillmentCodeHook'));

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'CheckCaseStatus', caseNumber: CASE, caseStatus: 'NOT_FOUND', handoff: 'AGENT', intents: 'CheckCaseStatus' },
        dialogAction: { type: 'Close' },
        intent: { name: 'CheckCaseStatus', state: 'Fulfilled', slots: { caseNumber: slot(SPOKEN_CASE) } },
      },
      messages: [{ contentType: 'PlainText', content: SAY[locale].caseNotFound }],
    });
  });

  test.each(LOCALES)('%s: hands off, keeping the case number, when DynamoDB throttles', async (locale) => {
    // Prepare
    ddbMock.on(GetItemCommand).rejects(awsError('ThrottlingException', 400));

    // Act
    const response = await handler(caseEvent(locale, 'FulfillmentCodeHook'));

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'CheckCaseStatus', caseNumber: CASE, handoff: 'AGENT', intents: 'CheckCaseStatus' },
        dialogAction: { type: 'Close' },
        intent: { name: 'CheckCaseStatus', state: 'Failed', slots: { caseNumber: slot(SPOKEN_CASE) } },
      },
      messages: [{ contentType: 'PlainText', content: SAY[locale].sorry }],
    });
  });

  test('hands off within TIME_BUDGET_MS when DynamoDB answers only once the call is aborted', async () => {
    // Prepare
    process.env.TIME_BUDGET_MS = '40';
    ddbMock.send.callsFake((_command: unknown, options?: { abortSignal?: AbortSignal }) => {
      const signal = options?.abortSignal;
      if (signal === undefined) return Promise.reject(new Error('no abortSignal passed to send()'));
      return new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })), { once: true }),
      );
    });
    const started = Date.now();

    // Act
    const response = await handler(caseEvent('en_US', 'FulfillmentCodeHook'));

    // Assess
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'CheckCaseStatus', caseNumber: CASE, handoff: 'AGENT', intents: 'CheckCaseStatus' },
        dialogAction: { type: 'Close' },
        intent: { name: 'CheckCaseStatus', state: 'Failed', slots: { caseNumber: slot(SPOKEN_CASE) } },
      },
      messages: [{ contentType: 'PlainText', content: SAY.en_US.sorry }],
    });
  });

  test('hands off within TIME_BUDGET_MS even when the call ignores its abort signal', async () => {
    // Prepare
    process.env.TIME_BUDGET_MS = '40';
    ddbMock.on(GetItemCommand).callsFake(() => new Promise(() => undefined));
    const started = Date.now();

    // Act
    const response = await handler(caseEvent('es_US', 'FulfillmentCodeHook'));

    // Assess
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response.sessionState.intent?.state).toBe('Failed');
    expect(response.sessionState.sessionAttributes).toEqual({ intent: 'CheckCaseStatus', caseNumber: CASE, handoff: 'AGENT', intents: 'CheckCaseStatus' });
  });

  test('accepts an SDK answer that is a plain value rather than a promise', async () => {
    // Prepare
    ddbMock.on(GetItemCommand).callsFake(() => ({ Item: caseItem('APPROVED', null) }));

    // Act
    const response = await handler(caseEvent('en_US', 'FulfillmentCodeHook'));

    // Assess
    expect(response.messages).toEqual([{ contentType: 'PlainText', content: 'Your case has been approved.' }]);
  });

  test('hands off when the case item has a status the bot does not know', async () => {
    // Prepare
    ddbMock.on(GetItemCommand).resolves({ Item: caseItem('ON_HOLD') });

    // Act
    const response = await handler(caseEvent('en_US', 'FulfillmentCodeHook'));

    // Assess
    expect(response.sessionState).toEqual({
      sessionAttributes: { intent: 'CheckCaseStatus', caseNumber: CASE, handoff: 'AGENT', intents: 'CheckCaseStatus' },
      dialogAction: { type: 'Close' },
      intent: { name: 'CheckCaseStatus', state: 'Failed', slots: { caseNumber: slot(SPOKEN_CASE) } },
    });
  });

  test('hands off without calling DynamoDB when CASE_TABLE_NAME is not set', async () => {
    // Prepare
    delete process.env.CASE_TABLE_NAME;

    // Act
    const response = await handler(caseEvent('en_US', 'FulfillmentCodeHook'));

    // Assess
    expect(ddbMock.calls()).toHaveLength(0);
    expect(response.sessionState.intent?.state).toBe('Failed');
    expect(response.sessionState.sessionAttributes).toEqual({ intent: 'CheckCaseStatus', caseNumber: CASE, handoff: 'AGENT', intents: 'CheckCaseStatus' });
  });

  test.each(LOCALES)('%s: asks for the case number when fulfillment is reached without one', async (locale) => {
    // Prepare
    const event = lexEvent({ intent: 'CheckCaseStatus', locale, slots: {} });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'CheckCaseStatus' },
        dialogAction: { type: 'ElicitSlot', slotToElicit: 'caseNumber' },
        intent: { name: 'CheckCaseStatus', state: 'InProgress', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: SAY[locale].askCaseNumber }],
    });
  });
});

describe('OfficeHoursAndLocations', () => {
  test.each(LOCALES)('%s: answers with the office information from OFFICE_INFO', async (locale) => {
    // Prepare
    const event = lexEvent({ intent: 'OfficeHoursAndLocations', locale });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'OfficeHoursAndLocations', intents: 'OfficeHoursAndLocations' },
        dialogAction: { type: 'Close' },
        intent: { name: 'OfficeHoursAndLocations', state: 'Fulfilled', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: OFFICE_INFO[locale] }],
    });
  });

  test('answers from OFFICE_INFO written for one locale only, as the stack does for an English-only jurisdiction', async () => {
    // Prepare
    process.env.OFFICE_INFO = JSON.stringify({ en_US: OFFICE_INFO.en_US });

    // Act
    const response = await handler(lexEvent({ intent: 'OfficeHoursAndLocations', locale: 'en_US' }));

    // Assess
    expect(response.messages).toEqual([{ contentType: 'PlainText', content: OFFICE_INFO.en_US }]);
  });

  test.each([
    ['not JSON', 'open 8 to 5'],
    ['without text for the caller locale', JSON.stringify({ en_US: 'Open 8 to 5.' })],
    ['empty text', JSON.stringify({ en_US: 'Open 8 to 5.', es_US: '  ' })],
    ['an empty object', '{}'],
    ['an unknown locale', JSON.stringify({ ...OFFICE_INFO, fr_FR: 'Ouvert de 8 h à 17 h.' })],
    ['unset', undefined],
  ])('hands off to an agent when OFFICE_INFO is %s', async (_what, value) => {
    // Prepare
    if (value === undefined) delete process.env.OFFICE_INFO;
    else process.env.OFFICE_INFO = value;

    // Act
    const response = await handler(lexEvent({ intent: 'OfficeHoursAndLocations', locale: 'es_US' }));

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { handoff: 'AGENT', intents: 'OfficeHoursAndLocations' },
        dialogAction: { type: 'Close' },
        intent: { name: 'OfficeHoursAndLocations', state: 'Failed', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: SAY.es_US.sorry }],
    });
  });
});

describe('SpeakToAgent and ReportProblem', () => {
  test.each(LOCALES)('%s: confirms and hands off when the caller asks for an agent', async (locale) => {
    // Prepare
    const event = lexEvent({ intent: 'SpeakToAgent', locale, sessionAttributes: { caseNumber: CASE } });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { caseNumber: CASE, intent: 'SpeakToAgent', handoff: 'AGENT', intents: 'SpeakToAgent' },
        dialogAction: { type: 'Close' },
        intent: { name: 'SpeakToAgent', state: 'Fulfilled', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: SAY[locale].agentTransfer }],
    });
  });

  test.each(LOCALES)('%s: records the problem type for the agent and hands off', async (locale) => {
    // Prepare
    const event = lexEvent({ intent: 'ReportProblem', locale, slots: { problemType: slot('website') } });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'ReportProblem', problemType: 'website', handoff: 'AGENT', intents: 'ReportProblem' },
        dialogAction: { type: 'Close' },
        intent: { name: 'ReportProblem', state: 'Fulfilled', slots: { problemType: slot('website') } },
      },
      messages: [{ contentType: 'PlainText', content: SAY[locale].problemReported }],
    });
  });

  test('hands off a problem report without a problem type', async () => {
    // Prepare
    const event = lexEvent({ intent: 'ReportProblem', slots: { problemType: null } });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.sessionState.sessionAttributes).toEqual({ intent: 'ReportProblem', handoff: 'AGENT', intents: 'ReportProblem' });
    expect(response.sessionState.intent?.state).toBe('Fulfilled');
  });
});

describe('Help, Repeat and FallbackIntent', () => {
  test.each([
    ['en_US', 'Help'],
    ['es_US', 'Help'],
    ['en_US', 'Repeat'],
    ['es_US', 'Repeat'],
  ] as const)('%s: %s lists what the bot can do and asks what the caller wants', async (locale, intent) => {
    // Prepare
    const event = lexEvent({ intent, locale, sessionAttributes: { fallbackCount: '1' } });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: { sessionAttributes: { fallbackCount: '1' }, dialogAction: { type: 'ElicitIntent' } },
      messages: [{ contentType: 'PlainText', content: SAY[locale].menu }],
    });
  });

  test.each(LOCALES)('%s: the first fallback says the bot did not understand, lists the menu and counts it', async (locale) => {
    // Prepare
    const event = lexEvent({ intent: 'FallbackIntent', locale, transcript: 'mumble' });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: { sessionAttributes: { fallbackCount: '1' }, dialogAction: { type: 'ElicitIntent' } },
      messages: [{ contentType: 'PlainText', content: `${SAY[locale].notUnderstood} ${SAY[locale].menu}` }],
    });
  });

  test.each(LOCALES)('%s: the second fallback hands off to an agent', async (locale) => {
    // Prepare
    const event = lexEvent({ intent: 'FallbackIntent', locale, sessionAttributes: { fallbackCount: '1' } });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { fallbackCount: '2', handoff: 'AGENT', intents: 'FallbackIntent' },
        dialogAction: { type: 'Close' },
        intent: { name: 'FallbackIntent', state: 'Failed', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: SAY[locale].sorry }],
    });
  });
});

describe('unknown intents and malformed events', () => {
  test('hands off an intent the code hook does not know', async () => {
    // Prepare
    const event = lexEvent({ intent: 'RenewLicense', locale: 'es_US' });

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { intent: 'RenewLicense', handoff: 'AGENT', intents: 'RenewLicense' },
        dialogAction: { type: 'Close' },
        intent: { name: 'RenewLicense', state: 'Failed', slots: {} },
      },
      messages: [{ contentType: 'PlainText', content: SAY.es_US.sorry }],
    });
  });

  test('hands off an event without an invocation source, without calling DynamoDB', async () => {
    // Prepare
    const event = caseEvent('en_US', 'FulfillmentCodeHook');
    delete event.invocationSource;

    // Act
    const response = await handler(event);

    // Assess
    expect(ddbMock.calls()).toHaveLength(0);
    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { handoff: 'AGENT' },
        dialogAction: { type: 'Close' },
        intent: { name: 'CheckCaseStatus', state: 'Failed' },
      },
      messages: [{ contentType: 'PlainText', content: SAY.en_US.sorry }],
    });
  });
});

/** A Lex V2 code-hook response as Lex accepts it (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html), plus the kit's rules. */
const lexResponseSchema = z
  .strictObject({
    sessionState: z.strictObject({
      sessionAttributes: z.record(z.string().min(1), z.string()).optional(),
      dialogAction: z.strictObject({
        type: z.enum(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot']),
        slotToElicit: z.string().min(1).optional(),
      }),
      intent: z
        .strictObject({
          name: z.string().min(1),
          state: z.enum(['Failed', 'Fulfilled', 'InProgress', 'ReadyForFulfillment']),
          slots: z.unknown().optional(),
        })
        .optional(),
    }),
    messages: z.array(z.strictObject({ contentType: z.enum(['PlainText', 'SSML']), content: z.string().min(1) })).optional(),
  })
  .superRefine((response, ctx) => {
    const { dialogAction, intent, sessionAttributes } = response.sessionState;
    const fail = (message: string): void => ctx.addIssue({ code: 'custom', message });
    if (dialogAction.type !== 'ElicitIntent' && intent === undefined) fail(`${dialogAction.type} needs an intent`);
    if (dialogAction.type === 'ElicitSlot' && dialogAction.slotToElicit === undefined) fail('ElicitSlot needs slotToElicit');
    if (['Close', 'ElicitIntent', 'ElicitSlot'].includes(dialogAction.type) && !response.messages?.length) fail(`${dialogAction.type} must say something`);
    if (dialogAction.type === 'Close' && intent && !['Fulfilled', 'Failed'].includes(intent.state)) fail('Close needs Fulfilled or Failed');
    if (intent?.state === 'Failed' && sessionAttributes?.handoff !== 'AGENT') fail('a Failed intent must hand off to an agent');
  });

/** Valid events of every intent, locale and hook, with slot values from valid to junk. */
const validEvent = fc
  .record({
    intent: fc.oneof(
      fc.constantFrom('CheckCaseStatus', 'OfficeHoursAndLocations', 'SpeakToAgent', 'ReportProblem', 'Help', 'Repeat', 'FallbackIntent'),
      fc.string({ minLength: 1 }),
    ),
    locale: fc.constantFrom('en_US', 'es_US', 'fr_FR', 'es_419'),
    source: fc.constantFrom('DialogCodeHook' as const, 'FulfillmentCodeHook' as const),
    caseNumber: fc.option(fc.oneof(fc.constantFrom(SPOKEN_CASE, CASE, '1234567890', 'AB-12.3456'), fc.string()), { nil: undefined }),
    problemType: fc.option(fc.string(), { nil: undefined }),
    sessionAttributes: fc.dictionary(
      fc.oneof(fc.constantFrom('caseNumberTries', 'fallbackCount', 'language'), fc.string({ minLength: 1 })),
      fc.oneof(fc.constantFrom('0', '1', '2', '-5', 'NaN', '99999999999999999999'), fc.string()),
    ),
  })
  .map(({ intent, locale, source, caseNumber, problemType, sessionAttributes }) =>
    lexEvent({
      intent,
      locale,
      source,
      sessionAttributes,
      slots: {
        ...(caseNumber === undefined ? {} : { caseNumber: slot(caseNumber) }),
        ...(problemType === undefined ? {} : { problemType: slot(problemType) }),
      },
    }),
  );

/** Paths inside an event that a mutation replaces or deletes. */
const MUTABLE_PATHS: ReadonlyArray<readonly string[]> = [
  [],
  ['sessionId'],
  ['invocationSource'],
  ['bot'],
  ['bot', 'localeId'],
  ['sessionState'],
  ['sessionState', 'sessionAttributes'],
  ['sessionState', 'intent'],
  ['sessionState', 'intent', 'name'],
  ['sessionState', 'intent', 'slots'],
  ['sessionState', 'intent', 'slots', 'caseNumber'],
  ['sessionState', 'intent', 'slots', 'caseNumber', 'value'],
  ['sessionState', 'intent', 'slots', 'caseNumber', 'value', 'interpretedValue'],
];

/** Replaces (or, with `undefined`, deletes) the value at `path`; returns the new root. */
function mutate(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return root;
}

/** What DynamoDB answers in a property run: items good and bad, nothing, or an error. */
const dynamoAnswer = fc.oneof(
  fc.constant<{ item?: unknown; error?: Error }>({}),
  fc.constantFrom('RECEIVED', 'IN_REVIEW', 'APPROVED', 'DENIED', 'NEEDS_INFO', 'LOST').map((status) => ({ item: caseItem(status) })),
  fc.jsonValue().map((item) => ({ item })),
  fc.constantFrom('ThrottlingException', 'ResourceNotFoundException', 'InternalServerError').map((name) => ({ error: awsError(name, 400) })),
);

function answerWith(answer: { item?: unknown; error?: Error }): void {
  ddbMock.reset();
  if (answer.error) ddbMock.on(GetItemCommand).rejects(answer.error);
  else ddbMock.on(GetItemCommand).resolves(answer.item === undefined ? {} : ({ Item: answer.item } as never));
}

describe('properties', () => {
  test('answers anything at all with a valid Lex V2 response, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), dynamoAnswer, async (event, answer) => {
        // Prepare
        answerWith(answer);

        // Act
        const response = await handler(event);

        // Assess
        expect(lexResponseSchema.safeParse(response).error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  test('answers valid and mutated events with a valid, serializable Lex V2 response, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(
        validEvent,
        fc.option(fc.tuple(fc.constantFrom(...MUTABLE_PATHS), fc.option(fc.jsonValue(), { nil: undefined })), { nil: undefined }),
        dynamoAnswer,
        async (event, mutation, answer) => {
          // Prepare
          answerWith(answer);
          const input = mutation ? mutate(event, mutation[0], mutation[1]) : event;

          // Act
          const response = await handler(input);

          // Assess
          expect(lexResponseSchema.safeParse(response).error?.issues ?? []).toEqual([]);
          // Serializable: JSON text survives a round trip (compared as text, since JSON has no -0
          // and a slot value echoed from the event may be -0).
          const text = JSON.stringify(response);
          expect(JSON.stringify(JSON.parse(text))).toBe(text);
        },
      ),
      { numRuns: 500, seed: 20261127 },
    );
  });
});

describe('logs', () => {
  test('never contain the case number, however the call goes', async () => {
    // Prepare
    logger.setLogLevel('DEBUG');
    const scenarios: Array<[Record<string, unknown>, () => void]> = [
      [caseEvent('en_US', 'DialogCodeHook'), () => undefined],
      [caseEvent('es_US', 'FulfillmentCodeHook'), () => ddbMock.on(GetItemCommand).resolves({ Item: caseItem() })],
      [caseEvent('en_US', 'FulfillmentCodeHook'), () => ddbMock.on(GetItemCommand).resolves({})],
      [caseEvent('en_US', 'FulfillmentCodeHook'), () => ddbMock.on(GetItemCommand).rejects(awsError('ThrottlingException', 400))],
      [caseEvent('en_US', 'FulfillmentCodeHook'), () => ddbMock.on(GetItemCommand).resolves({ Item: caseItem('ON_HOLD') })],
      [caseEvent('en_US', 'DialogCodeHook', 'CS-12'), () => undefined],
      [{ ...caseEvent('en_US', 'FulfillmentCodeHook'), sessionId: '' }, () => undefined],
    ];

    // Act
    try {
      for (const [event, arrange] of scenarios) {
        ddbMock.reset();
        arrange();
        await handler(event);
      }
    } finally {
      logger.setLogLevel('INFO');
    }

    // Assess
    const output = logs.join('');
    expect(output).toContain('case status answered');
    expect(output).toContain('malformed Lex V2 event');
    for (const secret of [CASE, '1234567', SPOKEN_CASE, '123 4567', 'CS-12']) expect(output).not.toContain(secret);
  });
});

describe('self-service path (intents)', () => {
  test('an intent that ends is added after the intents the flow passed in', async () => {
    // Prepare
    const event = lexEvent({ intent: 'SpeakToAgent', sessionAttributes: { intents: 'CheckCaseStatus,OfficeHoursAndLocations' } });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.sessionState.sessionAttributes?.intents).toBe('CheckCaseStatus,OfficeHoursAndLocations,SpeakToAgent');
  });

  test('an intent still in dialog (Help, a first fallback) is not added', async () => {
    // Prepare
    const event = lexEvent({ intent: 'Help', sessionAttributes: { intents: 'CheckCaseStatus' } });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.sessionState.dialogAction.type).toBe('ElicitIntent');
    expect(response.sessionState.sessionAttributes?.intents).toBe('CheckCaseStatus');
  });

  test('keeps the last 10 intents, dropping the oldest', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `Intent${i}`).join(',');
    expect(withIntentInPath(eleven, 'SpeakToAgent')).toBe('Intent2,Intent3,Intent4,Intent5,Intent6,Intent7,Intent8,Intent9,Intent10,SpeakToAgent');
    expect(withIntentInPath(undefined, 'Help')).toBe('Help');
    expect(withIntentInPath(',,', 'Help')).toBe('Help');
  });
});
