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
}

/**
 * Starts a deadline of `budgetMs`, capped by the Lambda's own remaining time less a safety
 * margin for building the response.
 */
export function startDeadline(budgetMs: number, lambdaRemainingMs?: number, marginMs = 250): Deadline {
  const allowed = Math.max(0, Math.min(budgetMs, (lambdaRemainingMs ?? Number.POSITIVE_INFINITY) - marginMs));
  const endsAt = Date.now() + allowed;
  return {
    signal: AbortSignal.timeout(allowed),
    remainingMs: () => Math.max(0, endsAt - Date.now()),
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
 * Settles like `call`, or rejects with the deadline's TimeoutError as soon as the budget is
 * spent, even if the call does not honour its abort signal (credential loading, retries).
 */
export function withinDeadline<T>(call: PromiseLike<T> | T, deadline: Deadline): Promise<T> {
  const { signal } = deadline;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(call).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
