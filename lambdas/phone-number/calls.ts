/**
 * Amazon Connect calls with the kit's own retry on throttling, and errors turned into short,
 * clear reasons for CloudFormation.
 *
 * The SDK client already retries throttled requests (adaptive mode); this layer retries the
 * whole call a few more times with exponential backoff and full jitter, because the phone
 * number APIs have low request rates and a stack with several numbers calls them in parallel.
 * A deployment can wait; a failed deployment is worse.
 */
import { intEnv } from '../shared/env';
import { isThrottling } from '../shared/time-budget';

/** An error whose message is the reason CloudFormation shows. */
export class PhoneNumberError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhoneNumberError';
  }
}

/** Longest reason kept; the whole custom resource response must stay under 4 KB. */
export const MAX_REASON_CHARS = 1000;

/** The error name an AWS SDK error carries (e.g. `ResourceNotFoundException`). */
export function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The error to throw at the Provider framework: the message is at most
 * {@link MAX_REASON_CHARS} characters and the stack is the message alone. The framework copies
 * the message and the stack trace into the CloudFormation reason, and a long trace could push
 * the response over the 4 KB a custom resource may answer.
 */
export function reasonFor(error: unknown): Error {
  const message = error instanceof PhoneNumberError || (error as Error)?.name === 'InvalidPropertiesError' ? (error as Error).message : describeFailure('Amazon Connect call', error);
  // The framework adds "Logs: /aws/lambda/<function>", but the kit's functions log to their own
  // log group, which Lambda names in AWS_LAMBDA_LOG_GROUP_NAME.
  const logGroup = process.env.AWS_LAMBDA_LOG_GROUP_NAME;
  const suffix = logGroup ? ` (handler logs: ${logGroup})` : '';
  const room = MAX_REASON_CHARS - suffix.length;
  const short = (message.length > room ? `${message.slice(0, room - 3)}...` : message) + suffix;
  const out = new PhoneNumberError(short);
  out.stack = `${out.name}: ${short}`;
  return out;
}

/** "<operation> failed: <ErrorName>: <message>", for unexpected errors. */
export function describeFailure(operation: string, error: unknown): string {
  const name = errorName(error) ?? 'Error';
  const message = (error as { message?: unknown } | undefined)?.message;
  return `${operation} failed: ${name}${typeof message === 'string' && message !== '' ? `: ${message}` : ''}`;
}

/** Milliseconds to sleep before retry `attempt` (0-based): full jitter on an exponential backoff, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs = 20_000): number {
  return Math.floor(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call`, retrying it on throttling up to `RETRY_ATTEMPTS` times in all (default 6) with
 * backoff from `RETRY_BASE_MS` (default 1000 ms). Any other error, or throttling past the last
 * attempt, becomes a {@link PhoneNumberError} naming `operation`, unless `passThrough` says the
 * caller handles that error itself (it is then rethrown unchanged).
 */
export async function withRetry<T>(operation: string, call: () => Promise<T>, passThrough: (error: unknown) => boolean = () => false): Promise<T> {
  const attempts = Math.max(1, intEnv('RETRY_ATTEMPTS', 6));
  const baseMs = intEnv('RETRY_BASE_MS', 1000);
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (passThrough(error)) throw error;
      if (!isThrottling(error)) throw new PhoneNumberError(describeFailure(operation, error));
      if (attempt + 1 >= attempts) throw new PhoneNumberError(`${operation} was throttled ${attempts} times in a row; deploy again later (${errorName(error)})`);
      await sleep(backoffMs(attempt, baseMs));
    }
  }
}
