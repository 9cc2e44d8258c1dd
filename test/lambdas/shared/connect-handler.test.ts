import { connectHandler, resultOfError } from '../../../lambdas/shared/connect-handler';
import { boundedConnectResponse, connectResponse, HandlerResult, MAX_CONNECT_RESPONSE_BYTES } from '../../../lambdas/shared/connect-response';
import { normalizeCaseNumber } from '../../../lambdas/shared/case-number';
import { startDeadline } from '../../../lambdas/shared/time-budget';
import { captureOutput } from '../helpers';

let output: string[] = [];
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => jest.restoreAllMocks());

const EVENT = {
  Name: 'ContactFlowEvent',
  Details: { ContactData: { ContactId: 'c-1', Attributes: {} }, Parameters: { language: 'es-US' } },
};

describe('connectHandler', () => {
  test('passes the parsed event to the work and returns its response', async () => {
    // Prepare
    const handler = connectHandler(async (event) => connectResponse(HandlerResult.OK, { contact: event.Details.ContactData.ContactId }));
    // Act
    const response = await handler(EVENT);
    // Assess
    expect(response).toEqual({ result: 'OK', contact: 'c-1' });
  });

  test('answers BAD_EVENT without calling the work when the event is malformed', async () => {
    const work = jest.fn();
    expect(await connectHandler(work)({ Name: 'Other' })).toEqual({ result: 'BAD_EVENT' });
    expect(work).not.toHaveBeenCalled();
  });

  test('logs where a malformed event is wrong without the caller data in attribute names', async () => {
    // Prepare: attribute keys are data (a chat client can set them), and these values are not strings.
    const event = { ...EVENT, Details: { ...EVENT.Details, ContactData: { ContactId: 'c-1', Attributes: { 'Jane Doe': 5, '+12175550100': null } } } };

    // Act
    const response = await connectHandler(jest.fn())(event);

    // Assess
    expect(response).toEqual({ result: 'BAD_EVENT' });
    const line = JSON.parse(output.join('').split('\n').find((l) => l.includes('"issues"'))!);
    expect(line.issues).toEqual(['Details.ContactData.Attributes.*: invalid_type', 'Details.ContactData.Attributes.*: invalid_type']);
    expect(output.join('')).not.toMatch(/Jane|2175550100/);
  });

  test('caps a response at Connect\'s 32 KB limit, shortening the longest value and keeping the result', async () => {
    // Prepare: a downstream text passed straight through, 200 KB of it.
    const handler = connectHandler(async () => ({ result: 'OK', nextStep: 'é'.repeat(100_000), status: 'IN_REVIEW' }));

    // Act
    const response = await handler(EVENT);

    // Assess
    expect(Buffer.byteLength(JSON.stringify(response), 'utf8')).toBeLessThanOrEqual(MAX_CONNECT_RESPONSE_BYTES);
    expect(MAX_CONNECT_RESPONSE_BYTES).toBe(32_767);
    expect(response.result).toBe('OK');
    expect(response.status).toBe('IN_REVIEW');
    expect(response.nextStep).toMatch(/^é{16000,}$/);
  });

  test('answers ERROR when the work answers something that is not a response with a known result', async () => {
    const handler = connectHandler(async () => ({ result: 'MAYBE' }) as never);
    expect(await handler(EVENT)).toEqual({ result: 'ERROR' });
    expect(await connectHandler(async () => null as never)(EVENT)).toEqual({ result: 'ERROR' });
  });

  test('answers ERROR instead of throwing when the work fails', async () => {
    const handler = connectHandler(async () => {
      throw new Error('boom');
    });
    expect(await handler(EVENT)).toEqual({ result: 'ERROR' });
    expect(output.join('')).toContain('"name":"Error","location"');
  });
});

describe('boundedConnectResponse', () => {
  test('flattens values to strings and drops undefined and null', () => {
    expect(boundedConnectResponse({ result: 'OK', n: 3, nested: { a: 1 }, gone: undefined, none: null })).toEqual({ result: 'OK', n: '3', nested: '{"a":1}' });
  });

  test('drops values once shortening them is not enough, and never touches result', () => {
    const response = boundedConnectResponse({ result: 'OK', a: 'x'.repeat(50), b: 'y'.repeat(50) }, 40);
    expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThanOrEqual(40);
    expect(response.result).toBe('OK');
  });
});

describe('resultOfError', () => {
  test.each([
    [{ name: 'TimeoutError' }, HandlerResult.TIMEOUT],
    [{ name: 'AbortError' }, HandlerResult.TIMEOUT],
    [{ name: 'ThrottlingException' }, HandlerResult.THROTTLED],
    [{ name: 'SlowDown' }, HandlerResult.THROTTLED],
    [{ name: 'X', $metadata: { httpStatusCode: 429 } }, HandlerResult.THROTTLED],
    [new Error('other'), HandlerResult.ERROR],
  ])('maps %j to %s', (error, result) => {
    expect(resultOfError(error)).toBe(result);
  });
});

describe('connectResponse', () => {
  test('turns every value into a string and drops missing ones', () => {
    expect(connectResponse(HandlerResult.OK, { count: 3, ok: true, missing: undefined, empty: null, text: 'a' })).toEqual({
      result: 'OK',
      count: '3',
      ok: 'true',
      text: 'a',
    });
  });
});

describe('startDeadline', () => {
  test('caps the budget by the Lambda time left less a margin', () => {
    const deadline = startDeadline(3000, 1000, 250);
    expect(deadline.remainingMs()).toBeLessThanOrEqual(750);
    expect(deadline.remainingMs()).toBeGreaterThan(700);
  });
});

describe('normalizeCaseNumber', () => {
  test.each([
    ['cs-123 4567', 'CS1234567'],
    ['1234567', '1234567'],
    ['CS.123.4567', 'CS1234567'],
    ['12345', undefined],
    ['ABCDE1234567', undefined],
    [undefined, undefined],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeCaseNumber(input)).toBe(expected);
  });
});
