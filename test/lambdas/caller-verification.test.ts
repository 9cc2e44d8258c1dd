import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  UpdateItemCommand,
  type AttributeValue,
  type UpdateItemCommandInput,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { handler, hashSecret, verificationRecord } from '../../lambdas/caller-verification';
import { logger } from '../../lambdas/shared';
import { awsError, captureOutput, isFlatConnectResponse, neverAnswers } from './helpers';

const dynamoMock = mockClient(DynamoDBClient);

const TABLE = 'VerificationTable-ABC123';
const CASE_NUMBER = 'CS1234567';
const PIN = '4821';
const DOB = '19800214';
const PHONE = '+12025550143';
/** 2026-03-01T12:00:00Z, in epoch seconds. */
const T0 = 1_772_366_400;
const SALT = Buffer.alloc(16, 7);
/** The case system's record for CASE_NUMBER, with both factors, no failures. */
const RECORD = verificationRecord(CASE_NUMBER, { pin: PIN, dob: DOB }, SALT);

const RESERVE_CONDITION = '(attribute_not_exists(lockedUntil) OR lockedUntil <= :now) AND (attribute_not_exists(failedAttempts) OR failedAttempts < :max)';

const EN = {
  verified: 'Thank you. You have been verified.',
  failed2: 'The information you entered does not match our records. You have 2 attempts left.',
  failed1: 'The information you entered does not match our records. You have 1 attempt left.',
  locked30: 'For your security, verification is locked. Please try again in 30 minutes, or ask to speak with an agent.',
  invalid: 'The information you entered is not in the expected format.',
};

/** A valid Amazon Connect flow event from the verification module. */
function connectEvent(parameters: Record<string, string> = { caseNumber: CASE_NUMBER, pin: PIN }, language = 'en-US'): Record<string, unknown> {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: 'c0ffee00-1111-2222-3333-444455556666',
        Channel: 'VOICE',
        LanguageCode: language,
        Attributes: {},
        CustomerEndpoint: { Address: PHONE, Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: parameters,
    },
  };
}

/** An error as the SDK raises it for a service exception. */
/** The UpdateItem inputs sent, in call order. */
function updates(): UpdateItemCommandInput[] {
  return dynamoMock.commandCalls(UpdateItemCommand).map((call) => call.args[0].input);
}

/** The first UpdateItem of every verification: count the attempt, return the record. */
function reserveInput(options: { now?: number; max?: number; caseNumber?: string } = {}): UpdateItemCommandInput {
  return {
    TableName: TABLE,
    Key: { caseNumber: { S: options.caseNumber ?? CASE_NUMBER } },
    UpdateExpression: 'ADD failedAttempts :one',
    ConditionExpression: RESERVE_CONDITION,
    ExpressionAttributeValues: { ':one': { N: '1' }, ':now': { N: String(options.now ?? T0) }, ':max': { N: String(options.max ?? 3) } },
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

function lockInput(lockedUntil: number, caseNumber = CASE_NUMBER): UpdateItemCommandInput {
  return {
    TableName: TABLE,
    Key: { caseNumber: { S: caseNumber } },
    UpdateExpression: 'SET lockedUntil = :until, failedAttempts = :zero',
    ExpressionAttributeValues: { ':until': { N: String(lockedUntil) }, ':zero': { N: '0' } },
  };
}

const RESET_INPUT: UpdateItemCommandInput = {
  TableName: TABLE,
  Key: { caseNumber: { S: CASE_NUMBER } },
  UpdateExpression: 'SET failedAttempts = :zero REMOVE lockedUntil',
  ExpressionAttributeValues: { ':zero': { N: '0' } },
};

/** The record as the reserving UpdateItem returns it (ALL_NEW) after `failures` failures. */
function afterReserve(failures: number, record: Record<string, AttributeValue> = RECORD): Partial<UpdateItemCommandOutput> {
  return { Attributes: { ...record, failedAttempts: { N: String(failures) } } };
}

function conditionFailed(item?: Record<string, AttributeValue>): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: item });
}

/**
 * A one-table DynamoDB that evaluates the handler's UpdateItem expressions (SET, ADD, REMOVE;
 * attribute_exists, attribute_not_exists, comparisons, AND, OR, parentheses), so sequences of
 * calls exercise the real condition and update strings the handler sends.
 */
class FakeTable {
  readonly items = new Map<string, Record<string, AttributeValue>>();

  put(item: Record<string, AttributeValue>): void {
    this.items.set(item.caseNumber.S as string, { ...item });
  }

  update(input: UpdateItemCommandInput): Partial<UpdateItemCommandOutput> {
    const key = input.Key?.caseNumber?.S as string;
    const old = this.items.get(key);
    const values = input.ExpressionAttributeValues ?? {};
    if (input.ConditionExpression !== undefined && !evaluateCondition(input.ConditionExpression, old ?? {}, values)) {
      throw conditionFailed(input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' ? old : undefined);
    }
    const item = applyUpdate(input.UpdateExpression as string, { ...(old ?? {}), caseNumber: { S: key } }, values);
    this.items.set(key, item);
    return input.ReturnValues === 'ALL_NEW' ? { Attributes: { ...item } } : {};
  }
}

function tokenize(expression: string): string[] {
  return expression.match(/<=|>=|<>|[()=<>,]|[:#]?\w+/g) ?? [];
}

function scalar(value: AttributeValue | undefined): number | string | undefined {
  if (value?.N !== undefined) return Number(value.N);
  return value?.S;
}

function evaluateCondition(expression: string, item: Record<string, AttributeValue>, values: Record<string, AttributeValue>): boolean {
  const tokens = tokenize(expression);
  let i = 0;
  const take = (expected?: string): string => {
    const token = tokens[i++];
    if (expected !== undefined && token !== expected) throw new Error(`fake DynamoDB: expected ${expected} at ${i} in ${expression}`);
    return token;
  };
  const operand = (token: string) => scalar(token.startsWith(':') ? values[token] : item[token]);
  const or = (): boolean => {
    let result = and();
    while (tokens[i] === 'OR') {
      take();
      const right = and();
      result = result || right;
    }
    return result;
  };
  const and = (): boolean => {
    let result = primary();
    while (tokens[i] === 'AND') {
      take();
      const right = primary();
      result = result && right;
    }
    return result;
  };
  const primary = (): boolean => {
    const token = take();
    if (token === '(') {
      const result = or();
      take(')');
      return result;
    }
    if (token === 'attribute_exists' || token === 'attribute_not_exists') {
      take('(');
      const exists = item[take()] !== undefined;
      take(')');
      return token === 'attribute_exists' ? exists : !exists;
    }
    const [left, op, right] = [operand(token), take(), operand(take())];
    if (left === undefined || right === undefined) return false;
    switch (op) {
      case '=': return left === right;
      case '<>': return left !== right;
      case '<': return left < right;
      case '<=': return left <= right;
      case '>': return left > right;
      case '>=': return left >= right;
      default: throw new Error(`fake DynamoDB: unknown operator ${op}`);
    }
  };
  const result = or();
  if (i !== tokens.length) throw new Error(`fake DynamoDB: trailing tokens in ${expression}`);
  return result;
}

function applyUpdate(expression: string, item: Record<string, AttributeValue>, values: Record<string, AttributeValue>): Record<string, AttributeValue> {
  for (const [, action, body] of expression.matchAll(/\b(SET|ADD|REMOVE)\b(.*?)(?=\b(?:SET|ADD|REMOVE)\b|$)/g)) {
    for (const clause of body.split(',').map((c) => c.trim())) {
      if (action === 'SET') {
        const [path, value] = clause.split('=').map((s) => s.trim());
        item[path] = values[value];
      } else if (action === 'ADD') {
        const [path, value] = clause.split(/\s+/);
        item[path] = { N: String((scalar(item[path]) as number | undefined ?? 0) + Number(values[value].N)) };
      } else {
        delete item[clause];
      }
    }
  }
  return item;
}

/** Sets the clock (epoch seconds) seen by Date.now(); timers stay real, so deadlines still work. */
function setClock(epochSeconds: number): void {
  jest.setSystemTime(epochSeconds * 1000);
}

const savedEnv = { ...process.env };
let logs: string[] = [];

beforeEach(() => {
  dynamoMock.reset();
  process.env = { ...savedEnv, VERIFICATION_TABLE_NAME: TABLE };
  jest.useFakeTimers({
    now: T0 * 1000,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  // Powertools writes to stdout/stderr; keep the test output clean and the lines inspectable.
  logs = captureOutput();
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
  logger.setLogLevel('INFO');
});

describe('caller-verification: hashing and provisioning', () => {
  test('hashes a secret to 32 bytes of base64 that depend on the salt, with a raw or base64 salt alike', () => {
    // Act
    const hash = hashSecret(PIN, SALT);

    // Assess
    expect(Buffer.from(hash, 'base64')).toHaveLength(32);
    expect(hashSecret(PIN, SALT.toString('base64'))).toBe(hash);
    expect(hashSecret(PIN, Buffer.alloc(16, 8))).not.toBe(hash);
    expect(hashSecret('4822', SALT)).not.toBe(hash);
  });

  test('builds the record a case system stores, keyed by the normalized case number, holding no secret in clear', () => {
    // Act
    const item = verificationRecord('cs-123-4567', { pin: PIN, dob: DOB }, SALT);

    // Assess
    expect(item).toEqual({
      caseNumber: { S: CASE_NUMBER },
      salt: { S: SALT.toString('base64') },
      failedAttempts: { N: '0' },
      pinHash: { S: hashSecret(PIN, SALT) },
      dobHash: { S: hashSecret(DOB, SALT) },
    });
    expect(JSON.stringify(item)).not.toMatch(new RegExp(`${PIN}|${DOB}`));
  });

  test('gives each record a fresh random salt unless one is passed', () => {
    // Act
    const [a, b] = [verificationRecord(CASE_NUMBER, { pin: PIN }), verificationRecord(CASE_NUMBER, { pin: PIN })];

    // Assess
    expect(Buffer.from(a.salt.S as string, 'base64')).toHaveLength(16);
    expect(a.salt).not.toEqual(b.salt);
    expect(a.pinHash).not.toEqual(b.pinHash);
    expect(a.dobHash).toBeUndefined();
  });

  test.each([
    ['a malformed case number', 'CS12', { pin: PIN }, 'verificationRecord: the case number is not valid (up to four letters, then 6 to 10 digits)'],
    ['no secret', CASE_NUMBER, {}, 'verificationRecord: give a pin, a dob or both'],
    ['a 3-digit PIN', CASE_NUMBER, { pin: '123' }, 'verificationRecord: pin must be 4 to 8 digits'],
    ['an impossible date', CASE_NUMBER, { dob: '19800230' }, 'verificationRecord: dob must be a past date as YYYYMMDD'],
  ])('refuses to build a record with %s', (_case, caseNumber, secrets, message) => {
    // Act / Assess
    expect(() => verificationRecord(caseNumber, secrets)).toThrow(new Error(message));
  });
});

describe('caller-verification: answers', () => {
  test('verifies a caller whose PIN matches, after counting the attempt, and then resets the counter', async () => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).resolvesOnce(afterReserve(1)).resolves({});

    // Act
    const response = await handler(connectEvent({ caseNumber: 'cs-123-4567', pin: PIN }));

    // Assess
    expect(response).toEqual({ result: 'OK', verification: 'VERIFIED', attemptsLeft: '3', message: EN.verified });
    expect(updates()).toEqual([reserveInput(), RESET_INPUT]);
    expect(dynamoMock.send.getCalls().map((call) => (call.args as unknown[])[1])).toEqual([{ abortSignal: expect.any(AbortSignal) }, { abortSignal: expect.any(AbortSignal) }]);
  });

  test('verifies a caller by date of birth, the alternative factor', async () => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).resolvesOnce(afterReserve(1)).resolves({});

    // Act
    const response = await handler(connectEvent({ caseNumber: CASE_NUMBER, dob: DOB }));

    // Assess
    expect(response).toEqual({ result: 'OK', verification: 'VERIFIED', attemptsLeft: '3', message: EN.verified });
    expect(updates()).toEqual([reserveInput(), RESET_INPUT]);
  });

  test('requires both factors to match when the caller gives both', async () => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).resolves(afterReserve(1));

    // Act
    const response = await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: PIN, dob: '19800215' }));

    // Assess
    expect(response).toEqual({ result: 'OK', verification: 'FAILED', attemptsLeft: '2', message: EN.failed2 });
    expect(updates()).toEqual([reserveInput()]);
  });

  test('fails a date of birth when the record holds only a PIN', async () => {
    // Prepare
    const pinOnly = verificationRecord(CASE_NUMBER, { pin: PIN }, SALT);
    dynamoMock.on(UpdateItemCommand).resolves(afterReserve(1, pinOnly));

    // Act
    const response = await handler(connectEvent({ caseNumber: CASE_NUMBER, dob: DOB }));

    // Assess
    expect(response).toEqual({ result: 'OK', verification: 'FAILED', attemptsLeft: '2', message: EN.failed2 });
  });

  test('answers FAILED with one attempt fewer when the PIN does not match, counting it in one atomic UpdateItem', async () => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).resolvesOnce(afterReserve(1)).resolvesOnce(afterReserve(2));

    // Act
    const first = await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: '0000' }));
    const second = await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: '1111' }));

    // Assess
    expect(first).toEqual({ result: 'OK', verification: 'FAILED', attemptsLeft: '2', message: EN.failed2 });
    expect(second).toEqual({ result: 'OK', verification: 'FAILED', attemptsLeft: '1', message: EN.failed1 });
    expect(updates()).toEqual([reserveInput(), reserveInput()]);
  });

  test('locks the case for LOCKOUT_MINUTES on the MAX_ATTEMPTS-th consecutive failure', async () => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).resolvesOnce(afterReserve(3)).resolves({});

    // Act
    const response = await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: '0000' }));

    // Assess
    expect(response).toEqual({ result: 'OK', verification: 'LOCKED', attemptsLeft: '0', message: EN.locked30 });
    expect(updates()).toEqual([reserveInput(), lockInput(T0 + 30 * 60)]);
  });

  test('answers LOCKED without comparing anything while the lock holds, with the minutes left', async () => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).rejects(conditionFailed({ ...RECORD, failedAttempts: { N: '0' }, lockedUntil: { N: String(T0 + 61) } }));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({
      result: 'OK',
      verification: 'LOCKED',
      attemptsLeft: '0',
      message: 'For your security, verification is locked. Please try again in 2 minutes, or ask to speak with an agent.',
    });
    expect(updates()).toEqual([reserveInput()]);
  });

  test('locks a record whose counter was left at the limit without a lock', async () => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).rejectsOnce(conditionFailed({ ...RECORD, failedAttempts: { N: '3' }, lockedUntil: { N: String(T0 - 5) } })).resolves({});

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', verification: 'LOCKED', attemptsLeft: '0', message: EN.locked30 });
    expect(updates()).toEqual([reserveInput(), lockInput(T0 + 30 * 60)]);
  });

  test('answers an unknown case number exactly like a wrong PIN, so callers cannot learn which cases exist', async () => {
    // Prepare: DynamoDB's ADD creates a counter-only record for an unknown key.
    const unknown = '7654321';
    dynamoMock
      .on(UpdateItemCommand, { Key: { caseNumber: { S: unknown } } })
      .resolves({ Attributes: { caseNumber: { S: unknown }, failedAttempts: { N: '1' } } })
      .on(UpdateItemCommand, { Key: { caseNumber: { S: CASE_NUMBER } } })
      .resolves(afterReserve(1));

    // Act
    const notFound = await handler(connectEvent({ caseNumber: unknown, pin: PIN }));
    const wrongPin = await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: '0000' }));

    // Assess
    expect(notFound).toEqual({ result: 'OK', verification: 'FAILED', attemptsLeft: '2', message: EN.failed2 });
    expect(notFound).toEqual(wrongPin);
    expect(updates()).toEqual([reserveInput({ caseNumber: unknown }), reserveInput()]);
  });

  test('never verifies against a counter-only record, whatever is entered', async () => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).resolves({ Attributes: { caseNumber: { S: CASE_NUMBER }, failedAttempts: { N: '1' }, pinHash: { S: hashSecret(PIN, Buffer.alloc(0)) } } });

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'OK', verification: 'FAILED', attemptsLeft: '2', message: EN.failed2 });
  });

  test('answers in Spanish to a Spanish-speaking caller', async () => {
    // Prepare
    dynamoMock
      .on(UpdateItemCommand)
      .resolvesOnce(afterReserve(2))
      .resolvesOnce(afterReserve(1))
      .resolvesOnce({})
      .resolvesOnce(afterReserve(3))
      .resolves({});

    // Act
    const responses = [
      await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: '0000', language: 'es' })),
      await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: PIN }, 'es-US')),
      await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: '0000' }, 'es-US')),
      await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: '00' }, 'es-US')),
    ];

    // Assess
    expect(responses).toEqual([
      { result: 'OK', verification: 'FAILED', attemptsLeft: '1', message: 'La información que ingresó no coincide con nuestros registros. Le queda 1 intento.' },
      { result: 'OK', verification: 'VERIFIED', attemptsLeft: '3', message: 'Gracias. Su identidad ha sido verificada.' },
      {
        result: 'OK',
        verification: 'LOCKED',
        attemptsLeft: '0',
        message: 'Por su seguridad, la verificación está bloqueada. Intente de nuevo en 30 minutos o pida hablar con un agente.',
      },
      { result: 'INVALID_INPUT', message: 'La información que ingresó no tiene el formato esperado.' },
    ]);
  });

  test('takes MAX_ATTEMPTS and LOCKOUT_MINUTES from the environment', async () => {
    // Prepare
    process.env.MAX_ATTEMPTS = '5';
    process.env.LOCKOUT_MINUTES = '1';
    dynamoMock.on(UpdateItemCommand).resolvesOnce(afterReserve(1)).resolvesOnce(afterReserve(5)).resolves({});

    // Act
    const failed = await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: '0000' }));
    const locked = await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: '0000' }));

    // Assess
    expect(failed).toEqual({ result: 'OK', verification: 'FAILED', attemptsLeft: '4', message: 'The information you entered does not match our records. You have 4 attempts left.' });
    expect(locked).toEqual({ result: 'OK', verification: 'LOCKED', attemptsLeft: '0', message: 'For your security, verification is locked. Please try again in 1 minute, or ask to speak with an agent.' });
    expect(updates()).toEqual([reserveInput({ max: 5 }), reserveInput({ max: 5 }), lockInput(T0 + 60)]);
  });
});

describe('caller-verification: lock-out against a table that evaluates the expressions', () => {
  let table: FakeTable;

  beforeEach(() => {
    table = new FakeTable();
    table.put(RECORD);
    dynamoMock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => table.update(input));
  });

  const verify = async (pin: string) => (await handler(connectEvent({ caseNumber: CASE_NUMBER, pin }))) as Record<string, string>;
  const outcome = (r: Record<string, string>) => `${r.verification}/${r.attemptsLeft}`;

  test('locks after MAX_ATTEMPTS consecutive failures, and a success in between resets the count', async () => {
    // Act
    const sequence = [await verify('0000'), await verify('0001'), await verify(PIN), await verify('0002'), await verify('0003'), await verify('0004')];

    // Assess
    expect(sequence.map(outcome)).toEqual(['FAILED/2', 'FAILED/1', 'VERIFIED/3', 'FAILED/2', 'FAILED/1', 'LOCKED/0']);
    expect(table.items.get(CASE_NUMBER)).toEqual({ ...RECORD, failedAttempts: { N: '0' }, lockedUntil: { N: String(T0 + 1800) } });
  });

  test('stays locked, even for the right PIN, until LOCKOUT_MINUTES have passed, then gives MAX_ATTEMPTS fresh attempts', async () => {
    // Prepare
    for (const pin of ['0000', '0001', '0002']) await verify(pin);

    // Act
    setClock(T0 + 1799);
    const stillLocked = await verify(PIN);
    setClock(T0 + 1800);
    const afterLock = [await verify('0003'), await verify('0004'), await verify(PIN)];

    // Assess
    expect(stillLocked).toEqual({
      result: 'OK',
      verification: 'LOCKED',
      attemptsLeft: '0',
      message: 'For your security, verification is locked. Please try again in 1 minute, or ask to speak with an agent.',
    });
    expect(afterLock.map(outcome)).toEqual(['FAILED/2', 'FAILED/1', 'VERIFIED/3']);
    expect(table.items.get(CASE_NUMBER)).toEqual({ ...RECORD, failedAttempts: { N: '0' } });
  });

  test('lets no more than MAX_ATTEMPTS guesses through when calls for one case arrive at once', async () => {
    // Act
    const responses = await Promise.all(['0000', '0001', '0002', '0003', '0004', PIN].map(verify));

    // Assess: the right PIN came sixth, after the lock, so it is refused too.
    expect(responses.map(outcome)).toEqual(['FAILED/2', 'FAILED/1', 'LOCKED/0', 'LOCKED/0', 'LOCKED/0', 'LOCKED/0']);
  });

  test('gives an unknown case number the same attempts and lock-out as a known one', async () => {
    // Act
    const sequence = [];
    for (const pin of ['0000', '0001', '0002', PIN]) sequence.push(await handler(connectEvent({ caseNumber: '7654321', pin })));

    // Assess
    expect(sequence.map((r) => outcome(r as Record<string, string>))).toEqual(['FAILED/2', 'FAILED/1', 'LOCKED/0', 'LOCKED/0']);
    expect(table.items.get('7654321')).toEqual({ caseNumber: { S: '7654321' }, failedAttempts: { N: '0' }, lockedUntil: { N: String(T0 + 1800) } });
  });
});

describe('caller-verification: fallbacks', () => {
  test.each([
    ['a malformed case number', { caseNumber: '12345', pin: PIN }],
    ['no case number', { pin: PIN }],
    ['no PIN and no date of birth', { caseNumber: CASE_NUMBER }],
    ['blank PIN and date of birth', { caseNumber: CASE_NUMBER, pin: '', dob: '' }],
    ['a 3-digit PIN', { caseNumber: CASE_NUMBER, pin: '123' }],
    ['a 9-digit PIN', { caseNumber: CASE_NUMBER, pin: '123456789' }],
    ['a PIN with a star', { caseNumber: CASE_NUMBER, pin: '12*4' }],
    ['a PIN with a space', { caseNumber: CASE_NUMBER, pin: ' 4821' }],
    ['a date of birth of 7 digits', { caseNumber: CASE_NUMBER, dob: '1980021' }],
    ['the 30th of February', { caseNumber: CASE_NUMBER, dob: '19800230' }],
    ['month 13', { caseNumber: CASE_NUMBER, dob: '19801301' }],
    ['a date in the future', { caseNumber: CASE_NUMBER, dob: '20990101' }],
    ['a date before 1900', { caseNumber: CASE_NUMBER, dob: '18991231' }],
    ['a good PIN but a malformed date', { caseNumber: CASE_NUMBER, pin: PIN, dob: '1980-02-14' }],
  ])('answers INVALID_INPUT, without counting an attempt, for %s', async (_case, parameters) => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).resolves(afterReserve(1));

    // Act
    const response = await handler(connectEvent(parameters));

    // Assess
    expect(response).toEqual({ result: 'INVALID_INPUT', message: EN.invalid });
    expect(dynamoMock.send.called).toBe(false);
  });

  test('answers BAD_EVENT without touching the table when the event is not a contact-flow event', async () => {
    // Prepare
    const event = { Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: '' }, Parameters: { caseNumber: CASE_NUMBER, pin: PIN } } };

    // Act
    const response = await handler(event);

    // Assess
    expect(response).toEqual({ result: 'BAD_EVENT' });
    expect(dynamoMock.send.called).toBe(false);
  });

  test.each(['ThrottlingException', 'ProvisionedThroughputExceededException'])('answers THROTTLED when DynamoDB rejects with %s', async (name) => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).rejects(awsError(name));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'THROTTLED' });
  });

  test('answers THROTTLED, not VERIFIED, when the counter reset after a match is throttled', async () => {
    // Prepare
    dynamoMock.on(UpdateItemCommand).resolvesOnce(afterReserve(1)).rejects(awsError('ThrottlingException'));

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
    dynamoMock.on(UpdateItemCommand).rejects(awsError('ResourceNotFoundException'));

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR' });
  });

  test.each([
    ['VERIFICATION_TABLE_NAME is not set', { VERIFICATION_TABLE_NAME: undefined }],
    ['MAX_ATTEMPTS is not a number', { MAX_ATTEMPTS: 'three' }],
    ['MAX_ATTEMPTS is 0', { MAX_ATTEMPTS: '0' }],
    ['LOCKOUT_MINUTES is negative', { LOCKOUT_MINUTES: '-5' }],
  ])('answers ERROR without touching the table when %s', async (_case, env) => {
    // Prepare
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }

    // Act
    const response = await handler(connectEvent());

    // Assess
    expect(response).toEqual({ result: 'ERROR' });
    expect(dynamoMock.send.called).toBe(false);
  });

  test('logs neither the PIN, the date of birth, the case number nor the phone number', async () => {
    // Prepare
    logger.setLogLevel('DEBUG');
    const longPin = '48213957';
    const record = verificationRecord(CASE_NUMBER, { pin: longPin, dob: DOB }, SALT);
    dynamoMock
      .on(UpdateItemCommand)
      .resolvesOnce(afterReserve(1, record))
      .resolvesOnce({})
      .resolvesOnce(afterReserve(3, record))
      .resolvesOnce({})
      .rejectsOnce(awsError('ThrottlingException'))
      .rejectsOnce(Object.assign(new Error(`One or more parameter values were invalid: key ${CASE_NUMBER} pin ${longPin} from ${PHONE}`), { name: 'ValidationException' }));
    const broken = connectEvent({ caseNumber: CASE_NUMBER, pin: longPin });
    (broken.Details as { Parameters: unknown }).Parameters = { caseNumber: CASE_NUMBER, pin: 48213957, dob: DOB };

    // Act
    const responses = [
      await handler(connectEvent({ caseNumber: 'cs-123-4567', pin: longPin })),
      await handler(connectEvent({ caseNumber: CASE_NUMBER, dob: '19800215' })),
      await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: longPin, dob: DOB })),
      await handler(connectEvent({ caseNumber: CASE_NUMBER, pin: longPin })),
      await handler(connectEvent({ caseNumber: PHONE, pin: longPin })),
      await handler(broken),
    ];

    // Assess
    expect(responses.map((r) => `${r.result}/${r.verification ?? '-'}`)).toEqual(['OK/VERIFIED', 'OK/LOCKED', 'THROTTLED/-', 'ERROR/-', 'INVALID_INPUT/-', 'BAD_EVENT/-']);
    const output = logs.join('');
    expect(output).toContain('caller verification');
    expect(output).toContain('handler failed');
    expect(output).toContain('malformed Amazon Connect event');
    for (const secret of [longPin, DOB, '19800215', CASE_NUMBER, '1234567', 'cs-123-4567', PHONE, PHONE.slice(2), record.pinHash.S, record.dobHash.S, record.salt.S]) {
      expect(output).not.toContain(secret);
      expect(JSON.stringify(responses)).not.toContain(secret);
    }
  });
});

describe('caller-verification: properties', () => {
  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
  const parameters = fc.record(
    {
      caseNumber: fc.oneof(fc.constantFrom(CASE_NUMBER, 'cs-123 4567', '7654321', '', PHONE), fc.string(), fc.stringMatching(/^[A-Za-z]{0,5}[-\s]?\d{4,11}$/)),
      pin: fc.oneof(fc.constant(PIN), digits(0, 10), fc.string()),
      dob: fc.oneof(fc.constant(DOB), digits(7, 9), fc.string()),
      language: fc.string(),
    },
    { requiredKeys: [] },
  );
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
                  LanguageCode: fc.oneof(fc.constantFrom('en-US', 'es-US', 'es', ''), fc.anything()),
                  Attributes: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.anything()),
                  CustomerEndpoint: fc.oneof(fc.constant({ Address: PHONE, Type: 'TELEPHONE_NUMBER' }), fc.anything()),
                },
                { requiredKeys: [] },
              ),
              fc.anything(),
            ),
            Parameters: fc.oneof(parameters, fc.dictionary(fc.string(), fc.string()), fc.anything()),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  );
  const downstream = fc.oneof(
    fc.integer({ min: 0, max: 5 }).map((n) => ({ resolves: afterReserve(n) })),
    fc.constant({ resolves: { Attributes: { caseNumber: { S: '7654321' }, failedAttempts: { N: '1' } } } }),
    fc.constant({ resolves: {} }),
    fc.constant({ rejects: conditionFailed({ ...RECORD, lockedUntil: { N: String(T0 + 100) } }) }),
    fc.constant({ rejects: conditionFailed() }),
    fc.constantFrom('ThrottlingException', 'ValidationException', 'AbortError').map((name) => ({ rejects: awsError(name) })),
  );

  test('answers any value at all with a flat string map carrying a result, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (event) => {
        // Act
        const response = await handler(event);

        // Assess
        expect(isFlatConnectResponse(response)).toBe(true);
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  test('answers mutated contact-flow events, whatever DynamoDB does, with a flat string map carrying a result', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedEvent, downstream, async (event, behaviour) => {
        // Prepare
        dynamoMock.reset();
        if ('resolves' in behaviour) dynamoMock.on(UpdateItemCommand).resolves(behaviour.resolves);
        else dynamoMock.on(UpdateItemCommand).rejects(behaviour.rejects);

        // Act
        const response = await handler(event);

        // Assess
        expect(isFlatConnectResponse(response)).toBe(true);
        if (response.result === 'OK') expect(['VERIFIED', 'FAILED', 'LOCKED']).toContain(response.verification);
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });
});
