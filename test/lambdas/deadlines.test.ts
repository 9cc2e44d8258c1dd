import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { withinDeadline, startDeadline } from '../../lambdas/shared/time-budget';
import { CONNECT_HANDLERS, HANDLER_ENV, LEX_HANDLER } from './fixtures';
import { captureOutput, ignoresAbort, settleWithinBudget, useFakeClock } from './helpers';

const ddbMock = mockClient(DynamoDBClient);
const s3Mock = mockClient(S3Client);
const ssmMock = mockClient(SSMClient);

/** The budget the issue names: Amazon Connect must hear back within 3 s. */
const BUDGET_MS = 3000;

const savedEnv = { ...process.env };

beforeEach(() => {
  for (const mock of [ddbMock, s3Mock, ssmMock]) {
    mock.reset();
    // Every client is stuck and deaf to its abort signal: only the handler's own timer can end the call.
    ignoresAbort(mock);
  }
  process.env = { ...savedEnv, ...HANDLER_ENV, TIME_BUDGET_MS: String(BUDGET_MS) };
  captureOutput();
  useFakeClock();
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
});

describe('deadlines hold when an SDK client ignores its abort signal', () => {
  test.each(CONNECT_HANDLERS.map((h) => [h.name, h] as const))('%s answers TIMEOUT within the 3 s budget', async (_name, { handler, event, reset }) => {
    // Prepare
    reset?.();

    // Act
    const outcome = await settleWithinBudget(() => handler(event()), BUDGET_MS);

    // Assess
    expect(outcome.settled).toBe(true);
    expect(outcome.elapsedMs).toBeLessThanOrEqual(BUDGET_MS);
    expect(outcome.value).toMatchObject({ result: 'TIMEOUT' });
  });

  test('contact-center-status still answers open (closed "false") when it times out', async () => {
    const status = CONNECT_HANDLERS.find((h) => h.name === 'contact-center-status')!;
    status.reset?.();
    const outcome = await settleWithinBudget(() => status.handler(status.event()), BUDGET_MS);
    expect(outcome.value).toEqual({ result: 'TIMEOUT', closed: 'false' });
  });

  test('survey-capture answers TIMEOUT within the budget when DynamoDB answers and S3 then hangs', async () => {
    // Prepare
    ddbMock.reset();
    ddbMock.on(PutItemCommand).resolves({});
    const survey = CONNECT_HANDLERS.find((h) => h.name === 'survey-capture')!;

    // Act
    const outcome = await settleWithinBudget(() => survey.handler(survey.event()), BUDGET_MS);

    // Assess
    expect(outcome.settled).toBe(true);
    expect(outcome.elapsedMs).toBeLessThanOrEqual(BUDGET_MS);
    expect(outcome.value).toEqual({ result: 'TIMEOUT' });
  });

  test('lex-fulfillment hands the caller to an agent within its 2.5 s default budget', async () => {
    // Prepare
    delete process.env.TIME_BUDGET_MS;

    // Act
    const outcome = await settleWithinBudget(() => LEX_HANDLER.handler(LEX_HANDLER.event()), 2500);

    // Assess
    expect(outcome.settled).toBe(true);
    expect(outcome.elapsedMs).toBeLessThanOrEqual(2500);
    expect(outcome.value).toMatchObject({ sessionState: { sessionAttributes: { handoff: 'AGENT', caseNumber: 'CS1234567' }, intent: { state: 'Failed' } } });
  });
});

describe('withinDeadline', () => {
  test('rejects with a TimeoutError when the budget is spent and leaves no timer behind once the call settles', async () => {
    // Prepare
    const deadline = startDeadline(1000);

    // Act
    const outcome = await settleWithinBudget(() => withinDeadline(new Promise(() => undefined), deadline), 1000);
    const second = startDeadline(1000);
    const quick = await withinDeadline(Promise.resolve('done'), second);
    deadline.dispose();
    second.dispose();

    // Assess
    expect((outcome.error as Error).name).toBe('TimeoutError');
    expect(outcome.elapsedMs).toBe(1000);
    expect(quick).toBe('done');
    // The settled races cleared their timers, and disposing of the deadlines cleared theirs.
    expect(jest.getTimerCount()).toBe(0);
  });
});
