/**
 * Caller verification for Amazon Connect: a case number plus a 4–8 digit PIN, or a date of
 * birth (YYYYMMDD) as the alternative factor, checked against salted hashes in DynamoDB, with
 * attempt counting and lock-out.
 *
 * Flow parameters (DTMF, stored as text): `caseNumber`, and `pin` and/or `dob`; optional
 * `language`. Every factor supplied must match. Response (a flat string map):
 *   `{ result: 'OK', verification: 'VERIFIED' | 'FAILED' | 'LOCKED', attemptsLeft, message }`
 * where `message` is the sentence to speak in the caller's language; `INVALID_INPUT` when the
 * case number, PIN or date is malformed; the fallbacks of `connectHandler` otherwise.
 *
 * Environment: VERIFICATION_TABLE_NAME (required), MAX_ATTEMPTS (default 3), LOCKOUT_MINUTES
 * (default 30), TIME_BUDGET_MS (default 3000).
 *
 * Table (partition key `caseNumber`, S, the normalized case number):
 *   salt (S, base64) · pinHash (S, base64) and/or dobHash (S, base64) · failedAttempts (N) ·
 *   lockedUntil (N, epoch seconds). Records are written by the case system with
 *   {@link verificationRecord}; re-provisioning a record (plain PutItem) also clears its lock.
 *
 * How an attempt is counted: the first call is one conditional UpdateItem that atomically adds
 * 1 to `failedAttempts` *before* the secret is compared, and only if the record is not locked
 * and fewer than MAX_ATTEMPTS attempts are outstanding; it returns the record (ALL_NEW). So no
 * number of concurrent calls can get more than MAX_ATTEMPTS guesses compared per lock window
 * (a read-then-write design would let parallel calls all read "0 failures"). A match then
 * resets the counter; the MAX_ATTEMPTS-th miss sets `lockedUntil` (and zeroes the counter, so
 * the caller gets MAX_ATTEMPTS fresh attempts once the lock has passed).
 *
 * Unknown case numbers: answering NOT_FOUND would let anyone with a phone enumerate which case
 * numbers exist. Instead an unknown case is answered exactly like a wrong PIN: FAILED, the same
 * attempts-left sequence and lock-out (the atomic ADD creates a counter-only record holding
 * no secret), the same DynamoDB calls and the same hashing work (against a dummy salt). The
 * flow therefore cannot tell the caller "no such case"; it should offer an agent after FAILED
 * or LOCKED. Counter-only records are small, carry no caller data, and are replaced when the
 * case system provisions that case number.
 */
import { ConditionalCheckFailedException, DynamoDBClient, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ConfigurationError,
  ConnectResponse,
  Deadline,
  HandlerResult,
  callerLanguage,
  connectHandler,
  connectResponse,
  intEnv,
  logger,
  metrics,
  normalizeCaseNumber,
  requireEnv,
  tracer,
  withinDeadline,
} from '../shared';

/**
 * Key derivation: PBKDF2-HMAC-SHA256, 1,000 iterations, 16-byte salt, 32-byte hash.
 *
 * Why so cheap: a 4-digit PIN has 10,000 values and a date of birth a few tens of thousands,
 * so whoever holds a copy of the table recovers any of them offline whatever the KDF costs
 * (even scrypt at OWASP's N=2^17, ~100 ms, falls in minutes). A slow KDF would only add latency
 * to every call inside Connect's 8-second limit (the kit's target is p99 ≤ 2 ms in-process;
 * these parameters cost ≈0.3 ms per factor, scrypt N=2^14 ≈ 40 ms). What protects these secrets is:
 *  - online, the lock-out: MAX_ATTEMPTS guesses per LOCKOUT_MINUTES (3 per 30 min = 144 a day
 *    against 10,000 PINs), enforced atomically in DynamoDB;
 *  - offline, keeping the table itself out of reach: IAM, KMS encryption, no exports.
 * The per-record salt still stops one precomputed PIN→hash table from serving every record.
 * If the table may ever leave that boundary, add a pepper (an HMAC key from Secrets Manager
 * or an SSM SecureString, never stored with the table) — that, not iterations, defeats offline
 * guessing. Changing these parameters invalidates stored hashes: re-provision the records.
 */
const KDF_ITERATIONS = 1000;
const KDF_DIGEST = 'sha256';
const HASH_BYTES = 32;
const SALT_BYTES = 16;

/** Hashing done for unknown case numbers, so they cost the same time as known ones. */
const DUMMY_SALT = randomBytes(SALT_BYTES);
const DUMMY_HASH = randomBytes(HASH_BYTES);

const PIN = /^\d{4,8}$/;
const DOB = /^\d{8}$/;

/** The verification outcomes a flow branches on (`verification` attribute). */
export enum Verification {
  VERIFIED = 'VERIFIED',
  FAILED = 'FAILED',
  LOCKED = 'LOCKED',
}

const ddb = tracer.captureAWSv3Client(new DynamoDBClient({ maxAttempts: 2 }));

/**
 * The salted hash of a PIN or date of birth, base64, as stored in `pinHash` / `dobHash`.
 * `salt` is the record's salt, raw or base64 (as stored in `salt`).
 */
export function hashSecret(secret: string, salt: Buffer | string): string {
  return derive(secret, typeof salt === 'string' ? Buffer.from(salt, 'base64') : salt).toString('base64');
}

/** The secrets a record can hold. */
export interface VerificationSecrets {
  /** 4 to 8 digits. */
  readonly pin?: string;
  /** Date of birth as YYYYMMDD. */
  readonly dob?: string;
}

/**
 * Builds the DynamoDB item for a case, for the case system to store with a plain PutItem
 * (which also resets the counter and any lock). Secrets are validated like callers' input.
 *
 * @example
 *   import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
 *   import { verificationRecord } from './lambdas/caller-verification';
 *   await new DynamoDBClient({}).send(new PutItemCommand({
 *     TableName: process.env.VERIFICATION_TABLE_NAME,
 *     Item: verificationRecord('CS-1234567', { pin: '4821', dob: '19800214' }),
 *   }));
 *
 * @throws Error if the case number, PIN or date is malformed, or no secret is given.
 */
export function verificationRecord(caseNumber: string, secrets: VerificationSecrets, salt: Buffer = randomBytes(SALT_BYTES)): Record<string, AttributeValue> {
  const key = normalizeCaseNumber(caseNumber);
  if (key === undefined) throw new Error('verificationRecord: the case number is not valid (up to four letters, then 6 to 10 digits)');
  if (secrets.pin === undefined && secrets.dob === undefined) throw new Error('verificationRecord: give a pin, a dob or both');
  if (secrets.pin !== undefined && !PIN.test(secrets.pin)) throw new Error('verificationRecord: pin must be 4 to 8 digits');
  if (secrets.dob !== undefined && !isDateOfBirth(secrets.dob, Date.now())) throw new Error('verificationRecord: dob must be a past date as YYYYMMDD');
  const item: Record<string, AttributeValue> = {
    caseNumber: { S: key },
    salt: { S: salt.toString('base64') },
    failedAttempts: { N: '0' },
  };
  if (secrets.pin !== undefined) item.pinHash = { S: hashSecret(secrets.pin, salt) };
  if (secrets.dob !== undefined) item.dobHash = { S: hashSecret(secrets.dob, salt) };
  return item;
}

/** Amazon Connect handler: see the module comment. */
export const handler = connectHandler(async (event, deadline) => {
  const table = requireEnv('VERIFICATION_TABLE_NAME');
  const maxAttempts = positiveIntEnv('MAX_ATTEMPTS', 3);
  const lockoutMinutes = positiveIntEnv('LOCKOUT_MINUTES', 30);
  const language = callerLanguage(event);
  const now = Math.floor(Date.now() / 1000);

  const input = parseInput(event.Details.Parameters, Date.now());
  if (input === undefined) {
    metrics.addMetric('VerificationInvalidInput', MetricUnit.Count, 1);
    return connectResponse(HandlerResult.INVALID_INPUT, { message: TEXT[language].invalid });
  }

  const attempt = await reserveAttempt(table, input.caseNumber, now, maxAttempts, deadline);
  if (attempt.refused) {
    // Locked, or a counter left at the limit without a lock (a lock write that failed, or
    // MAX_ATTEMPTS lowered): lock it now. Nothing is compared while locked.
    const lockedUntil = attempt.lockedUntil > now ? attempt.lockedUntil : await lock(table, input.caseNumber, now, lockoutMinutes, deadline);
    return answer(Verification.LOCKED, 0, language, lockedUntil - now);
  }

  if (matches(attempt.item, input)) {
    await resetCounter(table, input.caseNumber, deadline);
    return answer(Verification.VERIFIED, maxAttempts, language);
  }
  if (attempt.failedAttempts >= maxAttempts) {
    const lockedUntil = await lock(table, input.caseNumber, now, lockoutMinutes, deadline);
    return answer(Verification.LOCKED, 0, language, lockedUntil - now);
  }
  return answer(Verification.FAILED, maxAttempts - attempt.failedAttempts, language);
});

/** What the caller entered, validated. */
interface VerificationInput {
  readonly caseNumber: string;
  readonly pin?: string;
  readonly dob?: string;
}

function parseInput(parameters: Record<string, string>, nowMs: number): VerificationInput | undefined {
  const caseNumber = normalizeCaseNumber(parameters.caseNumber);
  const pin = blankToUndefined(parameters.pin);
  const dob = blankToUndefined(parameters.dob);
  if (caseNumber === undefined || (pin === undefined && dob === undefined)) return undefined;
  if (pin !== undefined && !PIN.test(pin)) return undefined;
  if (dob !== undefined && !isDateOfBirth(dob, nowMs)) return undefined;
  return { caseNumber, pin, dob };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** YYYYMMDD, a real calendar date, from 1900 up to today. */
function isDateOfBirth(value: string, nowMs: number): boolean {
  if (!DOB.test(value)) return false;
  const [y, m, d] = [Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.getTime() <= nowMs;
}

type Attempt =
  | { readonly refused: false; readonly item: Record<string, AttributeValue>; readonly failedAttempts: number }
  | { readonly refused: true; readonly lockedUntil: number };

/**
 * Counts the attempt before anything is compared: ADD 1, only if not locked and fewer than
 * `maxAttempts` are outstanding. Returns the record (or the counter-only record DynamoDB
 * creates for an unknown case number), or `refused` with the lock found.
 */
async function reserveAttempt(table: string, caseNumber: string, now: number, maxAttempts: number, deadline: Deadline): Promise<Attempt> {
  try {
    const out = await withinDeadline(
      ddb.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { caseNumber: { S: caseNumber } },
          UpdateExpression: 'ADD failedAttempts :one',
          ConditionExpression: '(attribute_not_exists(lockedUntil) OR lockedUntil <= :now) AND (attribute_not_exists(failedAttempts) OR failedAttempts < :max)',
          ExpressionAttributeValues: { ':one': { N: '1' }, ':now': { N: String(now) }, ':max': { N: String(maxAttempts) } },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
        { abortSignal: deadline.signal },
      ),
      deadline,
    );
    const item = out.Attributes ?? {};
    return { refused: false, item, failedAttempts: numberOf(item.failedAttempts) ?? maxAttempts };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { refused: true, lockedUntil: numberOf(error.Item?.lockedUntil) ?? 0 };
  }
}

/** Locks the record for `lockoutMinutes` and zeroes its counter; returns the lock's end. */
async function lock(table: string, caseNumber: string, now: number, lockoutMinutes: number, deadline: Deadline): Promise<number> {
  const lockedUntil = now + lockoutMinutes * 60;
  await withinDeadline(
    ddb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { caseNumber: { S: caseNumber } },
        UpdateExpression: 'SET lockedUntil = :until, failedAttempts = :zero',
        ExpressionAttributeValues: { ':until': { N: String(lockedUntil) }, ':zero': { N: '0' } },
      }),
      { abortSignal: deadline.signal },
    ),
    deadline,
  );
  metrics.addMetric('VerificationLockout', MetricUnit.Count, 1);
  return lockedUntil;
}

/** A match clears the counter and any lock that has passed. */
async function resetCounter(table: string, caseNumber: string, deadline: Deadline): Promise<void> {
  await withinDeadline(
    ddb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { caseNumber: { S: caseNumber } },
        UpdateExpression: 'SET failedAttempts = :zero REMOVE lockedUntil',
        ExpressionAttributeValues: { ':zero': { N: '0' } },
      }),
      { abortSignal: deadline.signal },
    ),
    deadline,
  );
}

/**
 * True if every factor the caller gave matches the record. All factors are hashed and compared
 * whatever the record holds (a dummy salt and hash stand in for missing ones), so the time taken
 * depends only on what the caller entered, not on whether the case or its hashes exist.
 */
function matches(item: Record<string, AttributeValue>, input: VerificationInput): boolean {
  const storedSalt = item.salt?.S;
  const salt = storedSalt !== undefined ? Buffer.from(storedSalt, 'base64') : DUMMY_SALT;
  let ok = storedSalt !== undefined && salt.length > 0;
  const factors: Array<[string | undefined, AttributeValue | undefined]> = [
    [input.pin, item.pinHash],
    [input.dob, item.dobHash],
  ];
  for (const [secret, stored] of factors) {
    if (secret === undefined) continue;
    const actual = derive(secret, salt);
    const expected = stored?.S !== undefined ? Buffer.from(stored.S, 'base64') : undefined;
    const comparable = expected !== undefined && expected.length === actual.length;
    const same = timingSafeEqual(actual, comparable ? expected : DUMMY_HASH);
    ok = ok && comparable && same;
  }
  return ok;
}

function derive(secret: string, salt: Buffer): Buffer {
  return pbkdf2Sync(secret, salt, KDF_ITERATIONS, HASH_BYTES, KDF_DIGEST);
}

function answer(verification: Verification, attemptsLeft: number, language: 'en-US' | 'es-US', lockSeconds = 0): ConnectResponse {
  metrics.addMetric(`Verification${verification}`, MetricUnit.Count, 1);
  logger.info('caller verification', { verification, attemptsLeft });
  const text = TEXT[language];
  const message =
    verification === Verification.VERIFIED ? text.verified : verification === Verification.FAILED ? text.failed(attemptsLeft) : text.locked(Math.max(1, Math.ceil(lockSeconds / 60)));
  return connectResponse(HandlerResult.OK, { verification, attemptsLeft, message });
}

/** What the flow speaks, per language. Says nothing about whether the case exists. */
const TEXT = {
  'en-US': {
    verified: 'Thank you. You have been verified.',
    failed: (n: number) => `The information you entered does not match our records. You have ${n} ${n === 1 ? 'attempt' : 'attempts'} left.`,
    locked: (m: number) => `For your security, verification is locked. Please try again in ${m} ${m === 1 ? 'minute' : 'minutes'}, or ask to speak with an agent.`,
    invalid: 'The information you entered is not in the expected format.',
  },
  'es-US': {
    verified: 'Gracias. Su identidad ha sido verificada.',
    failed: (n: number) => `La información que ingresó no coincide con nuestros registros. ${n === 1 ? 'Le queda 1 intento' : `Le quedan ${n} intentos`}.`,
    locked: (m: number) => `Por su seguridad, la verificación está bloqueada. Intente de nuevo en ${m} ${m === 1 ? 'minuto' : 'minutos'} o pida hablar con un agente.`,
    invalid: 'La información que ingresó no tiene el formato esperado.',
  },
} as const;

function numberOf(value: AttributeValue | undefined): number | undefined {
  const n = value?.N === undefined ? NaN : Number(value.N);
  return Number.isFinite(n) ? n : undefined;
}

function isConditionalCheckFailed(error: unknown): error is ConditionalCheckFailedException {
  return (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';
}

function positiveIntEnv(name: string, fallback: number): number {
  const value = intEnv(name, fallback);
  if (value < 1) throw new ConfigurationError(`environment variable ${name} must be at least 1, got ${value}`);
  return value;
}
