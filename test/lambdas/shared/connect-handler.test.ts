import { connectHandler, resultOfError } from '../../../lambdas/shared/connect-handler';
import { connectResponse, HandlerResult } from '../../../lambdas/shared/connect-response';
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

  test('answers ERROR instead of throwing when the work fails', async () => {
    const handler = connectHandler(async () => {
      throw new Error('boom');
    });
    expect(await handler(EVENT)).toEqual({ result: 'ERROR' });
    expect(output.join('')).toContain('"name":"Error","location"');
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
