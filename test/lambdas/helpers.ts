import type { AwsStub } from 'aws-sdk-client-mock';
import { isDeepStrictEqual } from 'util';
import { describeIssues } from '../../lambdas/shared/validation-issues';

/** An error shaped like one the AWS SDK throws (its `name` is what the handlers branch on). */
export function awsError(name: string, httpStatusCode?: number): Error {
  return Object.assign(new Error(`mocked ${name}`), { name, $metadata: httpStatusCode === undefined ? {} : { httpStatusCode } });
}

/**
 * Makes a mocked client hang until the caller's abort signal fires, like a request that never
 * answers; a call without an abort signal fails, so a handler that forgets its deadline is caught.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function neverAnswers(mock: AwsStub<any, any, any>): void {
  mock.send.callsFake((_command: unknown, options?: { abortSignal?: AbortSignal }) => {
    const signal = options?.abortSignal;
    if (signal === undefined) return Promise.reject(new Error('no abortSignal passed to send()'));
    return new Promise((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })), { once: true }),
    );
  });
}

/**
 * Captures what Powertools writes to stdout and stderr (logs and metrics) for this test, so the
 * output stays clean and the lines can be inspected. Call in `beforeEach`; `jest.restoreAllMocks()`
 * in `afterEach` undoes it.
 */
export function captureOutput(): string[] {
  const lines: string[] = [];
  const capture = (chunk: unknown): boolean => {
    lines.push(String(chunk));
    return true;
  };
  jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  return lines;
}

/** True if `response` is what Amazon Connect accepts from a kit handler: a flat string map with a known `result`. */
export function isFlatConnectResponse(response: unknown): boolean {
  return (
    typeof response === 'object' &&
    response !== null &&
    !Array.isArray(response) &&
    Object.values(response).every((v) => typeof v === 'string') &&
    ['OK', 'NOT_FOUND', 'INVALID_INPUT', 'BAD_EVENT', 'THROTTLED', 'TIMEOUT', 'ERROR'].includes((response as Record<string, string>).result)
  );
}

/**
 * Makes a mocked client never answer and ignore its abort signal, like an SDK call stuck in
 * credential loading or a socket that never times out: only the handler's own deadline ends it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ignoresAbort(mock: AwsStub<any, any, any>): void {
  mock.send.callsFake(() => new Promise(() => undefined));
}

/**
 * Under Jest's fake timers: starts `invoke`, advances the clock by `budgetMs`, and tells whether
 * the promise settled by then, with its value and the virtual time it took.
 */
export async function settleWithinBudget<T>(invoke: () => Promise<T>, budgetMs: number): Promise<{ settled: boolean; value?: T; error?: unknown; elapsedMs: number }> {
  const started = Date.now();
  const outcome: { settled: boolean; value?: T; error?: unknown; elapsedMs: number } = { settled: false, elapsedMs: Number.NaN };
  invoke().then(
    (value) => Object.assign(outcome, { settled: true, value, elapsedMs: Date.now() - started }),
    (error: unknown) => Object.assign(outcome, { settled: true, error, elapsedMs: Date.now() - started }),
  );
  // Let the work start, then run every timer due within the budget, letting promises settle between them.
  await jest.advanceTimersByTimeAsync(0);
  if (!outcome.settled) await jest.advanceTimersByTimeAsync(budgetMs);
  for (let i = 0; i < 5 && !outcome.settled; i++) await jest.advanceTimersByTimeAsync(0);
  return outcome;
}

/** Fake timers that leave Node's own queues (nextTick, microtasks, setImmediate) real, so SDK mocks and promises run as usual. */
export function useFakeClock(): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'clearImmediate'] });
}

/**
 * `expect(received).toEqual(expected)` for property tests that compare thousands of pairs: jest's
 * `expect` builds every matcher on each call, so it is called only when the two differ deep-strictly
 * (deep-strictly equal values are always toEqual). The verdict and the failure message are toEqual's.
 */
export function expectEqual(received: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(received, expected)) expect(received).toEqual(expected);
}

/** `expect(received).toBe(expected)`, calling `expect` only when the two are not `Object.is`: see expectEqual. */
export function expectSame(received: unknown, expected: unknown): void {
  if (!Object.is(received, expected)) expect(received).toBe(expected);
}

/** `expect(received).toEqual(expect.arrayContaining(expected))` for strings, calling `expect` only when one is missing: see expectEqual. */
export function expectContainsAll(received: readonly string[], expected: readonly string[]): void {
  if (!expected.every((item) => received.includes(item))) expect(received).toEqual(expect.arrayContaining(expected));
}

/**
 * `value` with the value at `path` replaced (`undefined` deletes it), where the path still leads
 * through objects; an empty path replaces the whole value. The input is not changed.
 */
export function mutateAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string, unknown>;
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) return copy;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return copy;
    node = next as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy;
}

/** The former zod schema's issues as the hand-written checks name them (`describeIssues`), sorted for comparison. */
export function describedIssues(issues: ReadonlyArray<{ path: readonly PropertyKey[]; code: string }>, fields: object | ReadonlySet<string>): string[] {
  return describeIssues(issues as never, fields).sort();
}
