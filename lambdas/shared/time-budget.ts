/**
 * Time budgets. Amazon Connect waits at most `InvocationTimeLimitSeconds` (1 to 8 s) for a
 * flow's Lambda; past that the flow takes its error branch and the answer is lost. Every
 * downstream call therefore gets a deadline well inside the budget, so the handler can still
 * answer with a fallback the flow branches on.
 */

/** Default budget for all downstream work of one invocation, in milliseconds. */
export const DEFAULT_BUDGET_MS = 3000;

/** A deadline for one invocation. */
export interface Deadline {
  /** Aborts when the budget is spent; pass it to SDK calls as `abortSignal`. */
  readonly signal: AbortSignal;
  /** Milliseconds left, never negative. */
  remainingMs(): number;
  /** Stops the deadline's timer (call when the invocation is answered; the signal then never fires). */
  dispose(): void;
}

/** The error a deadline rejects with: named `TimeoutError`, like the one `AbortSignal.timeout` uses. */
export function deadlineExceeded(): Error {
  const error = new Error('the time budget of this invocation is spent');
  error.name = 'TimeoutError';
  return error;
}

/**
 * Starts a deadline of `budgetMs`, capped by the Lambda's own remaining time less a safety
 * margin for building the response. Its signal is driven by a plain timer (not
 * `AbortSignal.timeout`), so it can be disposed of and tests can drive it with fake timers.
 */
export function startDeadline(budgetMs: number, lambdaRemainingMs?: number, marginMs = 250): Deadline {
  const allowed = Math.max(0, Math.min(budgetMs, (lambdaRemainingMs ?? Number.POSITIVE_INFINITY) - marginMs));
  const endsAt = Date.now() + allowed;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(deadlineExceeded()), allowed);
  // A pending deadline must not keep a process (a test, a bench) alive.
  (timer as { unref?: () => void }).unref?.();
  return {
    signal: controller.signal,
    remainingMs: () => Math.max(0, endsAt - Date.now()),
    dispose: () => clearTimeout(timer),
  };
}

/** The deadlines of one invocation: the answer's, and the downstream calls', a little earlier. */
export interface InvocationDeadlines {
  /** When the handler must have answered: the budget, capped by the Lambda's remaining time. */
  readonly answer: Deadline;
  /**
   * When downstream calls must have finished: {@link fallbackReserveMs} before `answer`, so a
   * handler that catches a timeout still has time to build its own fallback answer.
   */
  readonly calls: Deadline;
  /** Stops both timers. */
  dispose(): void;
}

/** Time kept back from downstream calls for building a fallback: a tenth of the budget, at most 100 ms. */
export function fallbackReserveMs(budgetMs: number): number {
  return Math.min(100, Math.floor(Math.max(0, budgetMs) / 10));
}

/** Starts the deadlines of one invocation (see {@link InvocationDeadlines}). */
export function startInvocationDeadlines(budgetMs: number, lambdaRemainingMs?: number): InvocationDeadlines {
  const answer = startDeadline(budgetMs, lambdaRemainingMs);
  const calls = startDeadline(answer.remainingMs() - fallbackReserveMs(budgetMs));
  return {
    answer,
    calls,
    dispose: () => {
      answer.dispose();
      calls.dispose();
    },
  };
}

/** True if `error` is an abort or timeout caused by a deadline. */
export function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/** True if `error` is AWS throttling (the SDK already retried within the deadline). */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return (
    e?.name === 'ThrottlingException' ||
    e?.name === 'ProvisionedThroughputExceededException' ||
    e?.name === 'RequestLimitExceeded' ||
    e?.name === 'TooManyRequestsException' ||
    e?.name === 'SlowDown' ||
    e?.$metadata?.httpStatusCode === 429
  );
}

/**
 * Settles like `call`, or rejects with a TimeoutError once the deadline's time is spent, even if
 * the call never settles and ignores its abort signal (credential loading, retries, a hung socket):
 * a race against a timer, cleared as soon as either side settles.
 */
export function withinDeadline<T>(call: PromiseLike<T> | T, deadline: Deadline): Promise<T> {
  const pending = Promise.resolve(call);
  if (deadline.signal.aborted || deadline.remainingMs() <= 0) {
    // Whatever the call does later, its outcome is not awaited.
    pending.catch(() => undefined);
    return Promise.reject(deadlineExceeded());
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(deadlineExceeded()), deadline.remainingMs());
  });
  return Promise.race([pending, expiry]).finally(() => clearTimeout(timer));
}
