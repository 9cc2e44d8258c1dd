import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { handler } from '../../lambdas/case-status';
import { CASE_STATUS, UNKNOWN_STATUS } from '../../lambdas/case-status/messages';
import { logger } from '../../lambdas/shared';
import { awsError, captureOutput, neverAnswers } from './helpers';

const dynamoMock = mockClient(DynamoDBClient);

const TABLE = 'CaseTable-ABC123';
const CASE_NUMBER = 'CS1234567';
const PHONE = '+12025550143';

/** A valid Amazon Connect flow event for a caller asking about a case. */
function connectEvent(options: { language?: string; parameters?: Record<string, string>; attributes?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: 'c0ffee00-1111-2222-3333-444455556666',
        Channel: 'VOICE',
        LanguageCode: options.language ?? 'en-US',
        Attributes: options.attributes ?? {},
        CustomerEndpoint: { Address: PHONE, Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: options.parameters ?? { caseNumber: CASE_NUMBER },
    },
  };
}

/** A case item as GetItem returns it. */
const IN_REVIEW_ITEM = {
  status: { S: 'IN_REVIEW' },
  nextStep: {
    M: {
      'en-US': { S: 'An examiner will call you within ten business days.' },
      'es-US': { S: 'Un examinador le llamará dentro de diez días hábiles.' },
    },
  },
  updatedAt: { S: '2026-11-02' },
};

/** An error as the SDK raises it for a service exception. */
/** The keys GetItem was asked for, in call order. */
function requestedKeys(): unknown[] {
  return dynamoMock.commandCalls(GetItemCommand).map((call) => call.args[0].input.Key);
}

const savedEnv = { ...process.env };
let logs: string[] = [];

beforeEach(() => {
  dynamoMock.reset();
  process.env = { ...savedEnv, CASE_TABLE_NAME: TABLE };
  // Powertools writes to stdout/stderr; keep the test output clean and the lines inspectable.
  logs = captureOutput();
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
  logger.setLogLevel('INFO');
});

describe('case-status: answers', () => {
  test('returns the status, its English text, the case next step and the update date to an English caller', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: IN_REVIEW_ITEM });

    // Act
    const response = await handler(connectEvent({ language: 'en-US' }));

    // Assess
    expect(response).toEqual({
      result: 'OK',
      caseStatus: 'IN_REVIEW',
      statusText: 'Your case is being reviewed.',
      nextStep: 'An examiner will call you within ten business days.',
      updatedAt: '2026-11-02',
    });
  });

  test('returns the status, its Spanish text, the case next step and the update date to a Spanish caller', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: IN_REVIEW_ITEM });

    // Act
    const response = await handler(connectEvent({ language: 'es-US' }));

    // Assess
    expect(response).toEqual({
      result: 'OK',
      caseStatus: 'IN_REVIEW',
      statusText: 'Su caso está en revisión.',
      nextStep: 'Un examinador le llamará dentro de diez días hábiles.',
      updatedAt: '2026-11-02',
    });
  });

  test('reads the case by its normalized number, eventually consistent, from the table in CASE_TABLE_NAME', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: IN_REVIEW_ITEM });

    // Act
    await handler(connectEvent({ parameters: { caseNumber: 'cs-123 4567' } }));

    // Assess
    expect(dynamoMock.commandCalls(GetItemCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: TABLE,
        Key: { caseNumber: { S: CASE_NUMBER } },
        ConsistentRead: false,
        ProjectionExpression: '#status, nextStep, updatedAt',
        ExpressionAttributeNames: { '#status': 'status' },
      },
    ]);
    expect((dynamoMock.send.firstCall.args as unknown[])[1]).toEqual({ abortSignal: expect.any(AbortSignal) });
  });

  test('takes the case number from the caseNumber attribute when the flow passes no parameter', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: IN_REVIEW_ITEM });

    // Act
    await handler(connectEvent({ parameters: {}, attributes: { caseNumber: '1234567890' } }));

    // Assess
    expect(requestedKeys()).toEqual([{ caseNumber: { S: '1234567890' } }]);
  });

  test('takes the case number from the attribute when the parameter is blank', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: IN_REVIEW_ITEM });

    // Act
    await handler(connectEvent({ parameters: { caseNumber: ' ' }, attributes: { caseNumber: 'AB-000123' } }));

    // Assess
    expect(requestedKeys()).toEqual([{ caseNumber: { S: 'AB000123' } }]);
  });

  test('prefers the caseNumber parameter over the attribute', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: IN_REVIEW_ITEM });

    // Act
    await handler(connectEvent({ parameters: { caseNumber: CASE_NUMBER }, attributes: { caseNumber: '7654321' } }));

    // Assess
    expect(requestedKeys()).toEqual([{ caseNumber: { S: CASE_NUMBER } }]);
  });

  test('speaks the default next step for the status when the case has none', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: { status: { S: 'NEEDS_INFO' }, updatedAt: { S: '2026-10-30T14:05:00Z' } } });

    // Act
    const response = await handler(connectEvent({ language: 'es-US' }));

    // Assess
    expect(response).toEqual({
      result: 'OK',
      caseStatus: 'NEEDS_INFO',
      statusText: 'Necesitamos más información de usted para continuar con su caso.',
      nextStep: CASE_STATUS.NEEDS_INFO.nextStep['es-US'],
      updatedAt: '2026-10-30T14:05:00Z',
    });
  });

  test('speaks the default next step when the case has one only in the other language', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: { ...IN_REVIEW_ITEM, nextStep: { M: { 'en-US': { S: 'Call us back.' }, 'es-US': { S: '' } } } } });

    // Act
    const response = await handler(connectEvent({ language: 'es-US' }));

    // Assess
    expect(response).toEqual({
      result: 'OK',
      caseStatus: 'IN_REVIEW',
      statusText: 'Su caso está en revisión.',
      nextStep: CASE_STATUS.IN_REVIEW.nextStep['es-US'],
      updatedAt: '2026-11-02',
    });
  });

  test('answers with the code and a generic text for a status code it does not know, and leaves out a missing date', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: { status: { S: 'ON_HOLD' } } });

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', caseStatus: 'ON_HOLD', statusText: UNKNOWN_STATUS.status['en-US'], nextStep: UNKNOWN_STATUS.nextStep['en-US'] });
  });

  test('cuts a 200 KB next step from the case system to 1,000 characters, well inside Connect\'s 32 KB limit', async () => {
    // Prepare
    const huge = `Call us. ${'Bring every document you have. '.repeat(6500)}`;
    dynamoMock.on(GetItemCommand).resolves({ Item: { status: { S: 'NEEDS_INFO' }, nextStep: { M: { 'en-US': { S: huge } } }, updatedAt: { S: 'x'.repeat(5000) } } });

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(huge.length).toBeGreaterThan(200_000);
    expect(response.result).toBe('OK');
    expect(response.nextStep).toBe(huge.slice(0, 1000).trim());
    expect(response.updatedAt).toHaveLength(40);
    expect(Buffer.byteLength(JSON.stringify(response), 'utf8')).toBeLessThan(32 * 1024);
  });

  test.each(['RECEIVED', 'IN_REVIEW', 'APPROVED', 'DENIED', 'NEEDS_INFO'])('has English and Spanish texts for status %s', async (code) => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: { status: { S: code }, updatedAt: { S: '2026-11-02' } } });

    // Act
    const english = await handler(connectEvent({ language: 'en-US' }));
    const spanish = await handler(connectEvent({ language: 'es-US' }));

    // Assess
    expect(english).toEqual({ result: 'OK', caseStatus: code, statusText: CASE_STATUS[code].status['en-US'], nextStep: CASE_STATUS[code].nextStep['en-US'], updatedAt: '2026-11-02' });
    expect(spanish).toEqual({ result: 'OK', caseStatus: code, statusText: CASE_STATUS[code].status['es-US'], nextStep: CASE_STATUS[code].nextStep['es-US'], updatedAt: '2026-11-02' });
    expect(english.statusText).not.toEqual(spanish.statusText);
  });
});

describe('case-status: fallbacks', () => {
  test('answers NOT_FOUND when no case has that number', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({});

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'NOT_FOUND' });
  });

  test.each([
    ['an empty case number', { caseNumber: '' }],
    ['too few digits', { caseNumber: '12345' }],
    ['too many letters', { caseNumber: 'ABCDE123456' }],
    ['letters after the digits', { caseNumber: '1234567X' }],
    ['no case number at all', {}],
  ])('answers INVALID_INPUT without reading the table for %s', async (_case, parameters) => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: IN_REVIEW_ITEM });

    // Act
    const response = await handler(connectEvent({ parameters }));

    // Assess
    expect(response).toEqual({ result: 'INVALID_INPUT' });
    expect(dynamoMock.send.called).toBe(false);
  });

  test('answers BAD_EVENT without reading the table when the event is not a contact-flow event', async () => {
    // Prepare
    const event = { Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: 42 }, Parameters: { caseNumber: CASE_NUMBER } } };

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({ result: 'BAD_EVENT' });
    expect(dynamoMock.send.called).toBe(false);
  });

  test.each(['ThrottlingException', 'ProvisionedThroughputExceededException'])('answers THROTTLED when DynamoDB rejects with %s', async (name) => {
    // Prepare
    dynamoMock.on(GetItemCommand).rejects(awsError(name));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'THROTTLED' });
  });

  test('answers TIMEOUT, quickly, when DynamoDB does not answer inside TIME_BUDGET_MS', async () => {
    // Prepare
    process.env.TIME_BUDGET_MS = '50';
    neverAnswers(dynamoMock);
    const started = performance.now();

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('answers ERROR when DynamoDB fails otherwise', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).rejects(awsError('ResourceNotFoundException'));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR' });
  });

  test('answers ERROR without reading the table when CASE_TABLE_NAME is not set', async () => {
    // Prepare
    delete process.env.CASE_TABLE_NAME;

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR' });
    expect(dynamoMock.send.called).toBe(false);
  });

  test.each([
    ['no status', { updatedAt: { S: '2026-11-02' } }],
    ['a status that is a number', { status: { N: '3' } }],
    ['a status that is not a code', { status: { S: 'in review; call back' } }],
    ['a next step that is not a map', { status: { S: 'APPROVED' }, nextStep: { S: 'Wait.' } }],
    ['a date that is not a string', { status: { S: 'APPROVED' }, updatedAt: { N: '20261102' } }],
  ])('answers ERROR when the case item has %s', async (_case, item) => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({ Item: item });

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR' });
  });

  test('logs neither the case number nor the caller phone number', async () => {
    // Prepare
    logger.setLogLevel('DEBUG');
    dynamoMock
      .on(GetItemCommand)
      .rejectsOnce(awsError('ThrottlingException'))
      .rejectsOnce(Object.assign(new Error(`One or more parameter values were invalid: key ${CASE_NUMBER} from ${PHONE}`), { name: 'ValidationException' }))
      .resolves({ Item: { status: { S: `${CASE_NUMBER} pending` } } });
    const broken = connectEvent({ parameters: { caseNumber: CASE_NUMBER } });
    (broken.Details as { Parameters: unknown }).Parameters = { caseNumber: 1234567 };

    // Act
    const responses = [
      await handler(connectEvent({ parameters: { caseNumber: 'cs-123-4567' } })),
      await handler(connectEvent({ attributes: { caseNumber: CASE_NUMBER } })),
      await handler(connectEvent()),
      await handler(connectEvent({ parameters: { caseNumber: `${PHONE}` } })),
      await handler(broken),
    ];

    // Assess
    expect(responses).toEqual([{ result: 'THROTTLED' }, { result: 'ERROR' }, { result: 'ERROR' }, { result: 'INVALID_INPUT' }, { result: 'BAD_EVENT' }]);
    const output = logs.join('');
    expect(output).toContain('handler failed');
    expect(output).toContain('case item is malformed');
    expect(output).toContain('case number missing or malformed');
    expect(output).toContain('malformed Amazon Connect event');
    for (const secret of [CASE_NUMBER, '1234567', 'cs-123-4567', PHONE, PHONE.slice(2)]) expect(output).not.toContain(secret);
  });
});

describe('case-status: properties', () => {
  const caseNumber = fc.oneof(fc.constantFrom(CASE_NUMBER, 'cs-123 4567', '0012345678', '', PHONE), fc.string(), fc.stringMatching(/^[A-Za-z]{0,5}[-\s]?\d{4,11}$/));
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
                  LanguageCode: fc.oneof(fc.constantFrom('en-US', 'es-US', 'es', ''), fc.string(), fc.anything()),
                  Attributes: fc.oneof(fc.record({ caseNumber }, { requiredKeys: [] }), fc.dictionary(fc.string(), fc.string()), fc.anything()),
                  CustomerEndpoint: fc.oneof(fc.constant({ Address: PHONE, Type: 'TELEPHONE_NUMBER' }), fc.anything()),
                },
                { requiredKeys: [] },
              ),
              fc.anything(),
            ),
            Parameters: fc.oneof(fc.record({ caseNumber, language: fc.string() }, { requiredKeys: [] }), fc.dictionary(fc.string(), fc.string()), fc.anything()),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  );
  const downstream = fc.oneof(
    fc.constant({ Item: IN_REVIEW_ITEM }),
    fc.constant({}),
    fc.constant(awsError('ThrottlingException')),
    fc.constant(awsError('InternalServerError')),
    fc.record({ Item: fc.dictionary(fc.constantFrom('status', 'nextStep', 'updatedAt', 'other'), fc.anything()) }),
  );

  test('never throws and always answers a flat string map with a result and no caseNumber', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), mutatedEvent), downstream, async (event, answer) => {
        // Prepare
        dynamoMock.reset();
        if (answer instanceof Error) dynamoMock.on(GetItemCommand).rejects(answer);
        else dynamoMock.on(GetItemCommand).resolves(answer as never);

        // Act
        const response = await handler(event);

        // Assess
        expect(typeof response.result).toBe('string');
        expect(Object.values(response).every((v) => typeof v === 'string')).toBe(true);
        expect(Object.keys(response)).not.toContain('caseNumber');
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });
});
