import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { handler, resetCacheForTests } from '../../lambdas/contact-center-status';
import { DEFAULT_CLOSURE_MESSAGE } from '../../lambdas/contact-center-status/messages';
import { logger } from '../../lambdas/shared';
import { awsError, captureOutput, neverAnswers } from './helpers';

const ssmMock = mockClient(SSMClient);

const PARAMETER = '/gov-contact-center/test/closure';
const START = Date.parse('2026-12-24T15:00:00Z');
const PHONE = '+12025550143';
const CASE_NUMBER = 'CS1234567';

const CLOSED_FOR_WEATHER = {
  closed: true,
  reason: 'WEATHER',
  message: {
    'en-US': 'All offices are closed today because of the ice storm.',
    'es-US': 'Todas las oficinas están cerradas hoy por la tormenta de hielo.',
  },
};

const OPEN = { closed: false, reason: 'OTHER', message: { 'en-US': '', 'es-US': '' } };

/** A valid Amazon Connect flow event, with the caller's phone number and a case number on it. */
function connectEvent(language = 'en-US', parameters: Record<string, string> = {}): Record<string, unknown> {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: 'c0ffee00-1111-2222-3333-444455556666',
        Channel: 'VOICE',
        LanguageCode: language,
        Attributes: { caseNumber: CASE_NUMBER },
        CustomerEndpoint: { Address: PHONE, Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: parameters,
    },
  };
}

/** An SSM GetParameter answer holding `value` (serialized unless already a string). */
function parameter(value: unknown): { Parameter: { Name: string; Type: 'String'; Value: string } } {
  return { Parameter: { Name: PARAMETER, Type: 'String', Value: typeof value === 'string' ? value : JSON.stringify(value) } };
}

/** An error as the SDK raises it for a service exception. */
const savedEnv = { ...process.env };
let clock = START;
let logs: string[] = [];

beforeEach(() => {
  ssmMock.reset();
  resetCacheForTests();
  process.env = { ...savedEnv, CLOSURE_PARAMETER_NAME: PARAMETER };
  clock = START;
  jest.spyOn(Date, 'now').mockImplementation(() => clock);
  // Powertools writes to stdout/stderr; keep the test output clean and the lines inspectable.
  logs = captureOutput();
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
  logger.setLogLevel('INFO');
});

describe('contact-center-status: answers', () => {
  test('tells an English caller the lines are closed, with the English closure message', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand, { Name: PARAMETER }).resolves(parameter(CLOSED_FOR_WEATHER));

    // Act
    const response = await handler(connectEvent('en-US'));

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'true', reason: 'WEATHER', message: 'All offices are closed today because of the ice storm.' });
  });

  test('tells a Spanish caller the lines are closed, with the Spanish closure message', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand, { Name: PARAMETER }).resolves(parameter(CLOSED_FOR_WEATHER));

    // Act
    const response = await handler(connectEvent('es-US'));

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'true', reason: 'WEATHER', message: 'Todas las oficinas están cerradas hoy por la tormenta de hielo.' });
  });

  test('takes the language from the flow parameter before the contact language', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter(CLOSED_FOR_WEATHER));

    // Act
    const response = await handler(connectEvent('en-US', { language: 'es' }));

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'true', reason: 'WEATHER', message: 'Todas las oficinas están cerradas hoy por la tormenta de hielo.' });
  });

  test('answers in English when the caller language is not one the kit speaks', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter(CLOSED_FOR_WEATHER));

    // Act
    const response = await handler(connectEvent('fr-CA'));

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'true', reason: 'WEATHER', message: 'All offices are closed today because of the ice storm.' });
  });

  test('answers open with reason NONE and an empty message when the parameter says open', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter(OPEN));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'false', reason: 'NONE', message: '' });
  });

  test('speaks the default message for the reason when the message for the caller language is blank', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter({ ...CLOSED_FOR_WEATHER, reason: 'HOLIDAY', message: { 'en-US': 'Closed for the holiday.', 'es-US': '  ' } }));

    // Act
    const response = await handler(connectEvent('es-US'));

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'true', reason: 'HOLIDAY', message: DEFAULT_CLOSURE_MESSAGE.HOLIDAY['es-US'] });
  });

  test('keeps the lines closed before the until time', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter({ ...CLOSED_FOR_WEATHER, until: '2026-12-24T08:00:01-08:00' }));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'true', reason: 'WEATHER', message: 'All offices are closed today because of the ice storm.' });
  });

  test('answers open once the until time has passed', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter({ ...CLOSED_FOR_WEATHER, until: '2026-12-24T15:00:00Z' }));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'false', reason: 'NONE', message: '' });
  });

  test('passes the deadline abort signal to SSM and reads the parameter named in CLOSURE_PARAMETER_NAME', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter(OPEN));

    // Act
    await handler(connectEvent());

    // Assess
    expect(ssmMock.commandCalls(GetParameterCommand).map((call) => call.args[0].input)).toEqual([{ Name: PARAMETER }]);
    expect((ssmMock.send.firstCall.args as unknown[])[1]).toEqual({ abortSignal: expect.any(AbortSignal) });
  });
});

describe('contact-center-status: cache', () => {
  test('does not read SSM again while the cached value is younger than CACHE_SECONDS', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter(CLOSED_FOR_WEATHER));
    await handler(connectEvent());
    clock += 29_000;

    // Act
    const response = await handler(connectEvent('es-US'));

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'true', reason: 'WEATHER', message: 'Todas las oficinas están cerradas hoy por la tormenta de hielo.' });
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(1);
  });

  test('reads SSM again once the cache has expired, and answers with the new value', async () => {
    // Prepare
    process.env.CACHE_SECONDS = '10';
    ssmMock.on(GetParameterCommand).resolvesOnce(parameter(CLOSED_FOR_WEATHER)).resolves(parameter(OPEN));
    await handler(connectEvent());
    clock += 10_000;

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'false', reason: 'NONE', message: '' });
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  test('reopens the lines when until passes while the closure is still cached', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter({ ...CLOSED_FOR_WEATHER, until: '2026-12-24T15:00:10Z' }));
    const before = await handler(connectEvent());
    clock += 15_000;

    // Act
    const after = await handler(connectEvent());

    // Assess
    expect(before).toEqual({ result: 'OK', closed: 'true', reason: 'WEATHER', message: 'All offices are closed today because of the ice storm.' });
    expect(after).toEqual({ result: 'OK', closed: 'false', reason: 'NONE', message: '' });
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(1);
  });

  test('serves the cached closure when SSM fails and the value is younger than MAX_STALE_SECONDS', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolvesOnce(parameter(CLOSED_FOR_WEATHER)).rejects(awsError('InternalServerError'));
    await handler(connectEvent());
    clock += 299_000;

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'true', reason: 'WEATHER', message: 'All offices are closed today because of the ice storm.' });
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  test('waits a few seconds after a failed SSM read before asking SSM again', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolvesOnce(parameter(CLOSED_FOR_WEATHER)).rejects(awsError('ThrottlingException'));
    await handler(connectEvent());
    clock += 60_000;
    await handler(connectEvent()); // fails, serves the cached value
    clock += 4_000;

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'true', reason: 'WEATHER', message: 'All offices are closed today because of the ice storm.' });
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  test('answers open with THROTTLED when SSM throttles and the cached value is older than MAX_STALE_SECONDS', async () => {
    // Prepare
    process.env.MAX_STALE_SECONDS = '120';
    ssmMock.on(GetParameterCommand).resolvesOnce(parameter(CLOSED_FOR_WEATHER)).rejects(awsError('ThrottlingException'));
    await handler(connectEvent());
    clock += 121_000;

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'THROTTLED', closed: 'false' });
  });

  test('reads SSM on every call when CACHE_SECONDS is 0', async () => {
    // Prepare
    process.env.CACHE_SECONDS = '0';
    ssmMock.on(GetParameterCommand).resolves(parameter(OPEN));

    // Act
    await handler(connectEvent());
    await handler(connectEvent());

    // Assess
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  test('does not use a value cached for another parameter name', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand, { Name: PARAMETER }).resolves(parameter(CLOSED_FOR_WEATHER));
    ssmMock.on(GetParameterCommand, { Name: '/other/closure' }).resolves(parameter(OPEN));
    await handler(connectEvent());
    process.env.CLOSURE_PARAMETER_NAME = '/other/closure';

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'false', reason: 'NONE', message: '' });
  });
});

describe('contact-center-status: failures answer open', () => {
  test('answers open with THROTTLED when SSM throttles and nothing is cached', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).rejects(awsError('ThrottlingException'));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'THROTTLED', closed: 'false' });
  });

  test('answers open with TIMEOUT when SSM does not answer inside TIME_BUDGET_MS', async () => {
    // Prepare
    process.env.TIME_BUDGET_MS = '50';
    neverAnswers(ssmMock);
    const started = performance.now();

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'TIMEOUT', closed: 'false' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('answers open with ERROR when the parameter does not exist', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).rejects(awsError('ParameterNotFound'));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR', closed: 'false' });
  });

  test('answers open with ERROR when CLOSURE_PARAMETER_NAME is not set, without calling SSM', async () => {
    // Prepare
    delete process.env.CLOSURE_PARAMETER_NAME;

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR', closed: 'false' });
    expect(ssmMock.send.called).toBe(false);
  });

  test('answers open with ERROR when CACHE_SECONDS is not a whole non-negative number', async () => {
    // Prepare
    process.env.CACHE_SECONDS = '-5';

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR', closed: 'false' });
  });

  test('answers BAD_EVENT without calling SSM when the event is not a contact-flow event', async () => {
    // Prepare
    const event = { Name: 'ContactFlowEvent', Details: { ContactData: { Attributes: {} }, Parameters: {} } };

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({ result: 'BAD_EVENT' });
    expect(ssmMock.send.called).toBe(false);
  });

  test.each([
    ['not JSON', '{"closed": true,'],
    ['an empty value', ''],
    ['JSON that is not an object', '"closed"'],
    ['closed as a string', { ...CLOSED_FOR_WEATHER, closed: 'true' }],
    ['an unknown reason', { ...CLOSED_FOR_WEATHER, reason: 'SNOW' }],
    ['a misspelled key', { clsoed: true, reason: 'WEATHER', message: CLOSED_FOR_WEATHER.message }],
    ['no message', { closed: true, reason: 'WEATHER' }],
    ['a message without Spanish', { ...CLOSED_FOR_WEATHER, message: { 'en-US': 'Closed.' } }],
    ['a message in a third language', { ...CLOSED_FOR_WEATHER, message: { ...CLOSED_FOR_WEATHER.message, 'fr-CA': 'Fermé.' } }],
    ['a message too long to speak', { ...CLOSED_FOR_WEATHER, message: { 'en-US': 'x'.repeat(1001), 'es-US': 'x' } }],
    ['until without a UTC offset', { ...CLOSED_FOR_WEATHER, until: '2026-12-26T08:00:00' }],
    ['until that is not a timestamp', { ...CLOSED_FOR_WEATHER, until: 'Monday morning' }],
  ])('answers open with ERROR when the parameter holds %s', async (_case, value) => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter(value));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR', closed: 'false' });
  });

  test('keeps a malformed parameter in the cache instead of re-reading it on every call', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves(parameter('{not json'));
    await handler(connectEvent());

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR', closed: 'false' });
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(1);
  });

  test('logs neither the caller phone number nor the case number from the event', async () => {
    // Prepare
    logger.setLogLevel('DEBUG');
    ssmMock.on(GetParameterCommand).rejectsOnce(awsError('ThrottlingException')).resolves(parameter('{"closed": "yes"}'));
    const broken = connectEvent();
    (broken.Details as { ContactData: Record<string, unknown> }).ContactData.LanguageCode = 42;

    // Act
    await handler(connectEvent());
    await handler(connectEvent('es-US', { caseNumber: CASE_NUMBER, phone: PHONE }));
    await handler(broken);

    // Assess
    const output = logs.join('');
    expect(output).toContain('closure status unknown');
    expect(output).toContain('closure parameter is malformed');
    expect(output).toContain('malformed Amazon Connect event');
    for (const secret of [PHONE, PHONE.slice(2), CASE_NUMBER, '1234567']) expect(output).not.toContain(secret);
  });
});

describe('contact-center-status: properties', () => {
  const text = fc.oneof(fc.string(), fc.constantFrom('en-US', 'es-US', 'es', ''));
  const mutatedEvent = fc.record(
    {
      Name: fc.oneof(fc.constant('ContactFlowEvent'), fc.anything()),
      Details: fc.oneof(
        fc.record(
          {
            ContactData: fc.oneof(
              fc.record(
                {
                  ContactId: fc.oneof(fc.uuid(), fc.anything()),
                  LanguageCode: fc.oneof(text, fc.anything()),
                  Attributes: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.anything()),
                  CustomerEndpoint: fc.oneof(fc.constant({ Address: PHONE, Type: 'TELEPHONE_NUMBER' }), fc.anything()),
                },
                { requiredKeys: [] },
              ),
              fc.anything(),
            ),
            Parameters: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.record({ language: text }), fc.anything()),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  );
  const parameterValue = fc.oneof(
    fc.constant(JSON.stringify(CLOSED_FOR_WEATHER)),
    fc.constant(JSON.stringify(OPEN)),
    fc.json(),
    fc.string(),
    fc.anything().map((value) => JSON.stringify(value) ?? ''),
  );

  test('never throws and always answers a flat string map with a result, whatever the event and parameter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), mutatedEvent), parameterValue, fc.boolean(), async (event, value, ssmFails) => {
        // Prepare
        resetCacheForTests();
        ssmMock.reset();
        if (ssmFails) ssmMock.on(GetParameterCommand).rejects(awsError('ThrottlingException'));
        else ssmMock.on(GetParameterCommand).resolves(parameter(value));

        // Act
        const response = await handler(event);

        // Assess
        expect(typeof response.result).toBe('string');
        expect(Object.values(response).every((v) => typeof v === 'string')).toBe(true);
        if (response.result !== 'OK' && response.result !== 'BAD_EVENT') expect(response.closed).toBe('false');
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });
});

describe('contact-center-status: follow-up task flow', () => {
  const FLOW_ARN = 'arn:aws-us-gov:connect:us-gov-west-1:111122223333:instance/11111111-2222-3333-4444-555555555555/contact-flow/66666666-7777-8888-9999-000000000000';

  test('adds the failed-callback task flow to an open answer when FAILED_CALLBACK_FLOW_ID is set', async () => {
    // Prepare
    process.env.FAILED_CALLBACK_FLOW_ID = FLOW_ARN;
    ssmMock.on(GetParameterCommand).resolves(parameter(OPEN));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', closed: 'false', reason: 'NONE', message: '', followUpFlowId: FLOW_ARN });
  });

  test('adds it to the fail-open answer too, so a broken closure parameter does not stop follow-up tasks', async () => {
    process.env.FAILED_CALLBACK_FLOW_ID = FLOW_ARN;
    ssmMock.on(GetParameterCommand).rejects(awsError('InternalServerError', 500));
    expect(await handler(connectEvent())).toEqual({ result: 'ERROR', closed: 'false', followUpFlowId: FLOW_ARN });
  });

  test('answers without it when follow-up tasks are off', async () => {
    delete process.env.FAILED_CALLBACK_FLOW_ID;
    ssmMock.on(GetParameterCommand).resolves(parameter(OPEN));
    expect(await handler(connectEvent())).toEqual({ result: 'OK', closed: 'false', reason: 'NONE', message: '' });
  });
});
