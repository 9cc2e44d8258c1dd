/**
 * Contact-center status: the emergency and holiday closure switch. Staff flip an SSM String
 * parameter (see README.md beside this file); the flow calls this function first and, when
 * `closed` is "true", plays `message` to the caller.
 *
 * Failure policy: anything that stops us reading a valid closure (malformed JSON, missing
 * parameter, SSM errors, throttling, timeouts) answers `closed: "false"` with a non-OK
 * `result`, so the flow takes its error branch and carries on with its normal hours check. We
 * fail OPEN because a wrong "closed" hangs up on every caller, including people with urgent
 * needs, and nobody notices until the complaints arrive; a wrong "open" at worst puts
 * callers through the usual hours-of-operation check and into queues, where agents or the
 * after-hours path still handle them. The ERROR result and metric make the broken parameter
 * visible to staff without taking the lines down.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  callerLanguage,
  ConfigurationError,
  ConnectResponse,
  connectHandler,
  connectResponse,
  Deadline,
  HandlerResult,
  intEnv,
  logger,
  metrics,
  requireEnv,
  resultOfError,
  tracer,
  withinDeadline,
} from '../shared';
import { Closure, parseClosure } from './closure';
import { DEFAULT_CLOSURE_MESSAGE, Language } from './messages';

/** After a failed SSM read answered from the cache, wait this long before trying SSM again. */
const RETRY_AFTER_FAILURE_MS = 5000;

interface CacheEntry {
  /** Parameter the value was read from (the cache is void if CLOSURE_PARAMETER_NAME changes). */
  readonly name: string;
  /** The closure, or undefined if the parameter held something malformed. */
  readonly closure: Closure | undefined;
  /** When SSM answered (epoch ms); the age limit for serving a stale value counts from here. */
  readonly fetchedAt: number;
  /** Do not ask SSM again before this time (epoch ms). */
  refreshAt: number;
}

// Module level on purpose: one SSM read per CACHE_SECONDS per warm instance, so a surge of
// calls stays far below GetParameter's throughput quota.
let cache: CacheEntry | undefined;

// maxAttempts 2 and short socket timeouts: the flow waits 8 s at most and the deadline below
// aborts sooner still; a second attempt is all the budget allows.
const ssm = tracer.captureAWSv3Client(new SSMClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } }));

/** Empties the in-memory parameter cache; for tests only. */
export function resetCacheForTests(): void {
  cache = undefined;
}

/**
 * Amazon Connect handler. Answers `{ result: "OK", closed: "true", reason, message }` during a
 * closure (message in the caller's language), `{ result: "OK", closed: "false", reason: "NONE",
 * message: "" }` otherwise, and `{ result: <ERROR|THROTTLED|TIMEOUT>, closed: "false" }` when
 * it cannot tell. Every answer also carries `followUpFlowId` when FAILED_CALLBACK_FLOW_ID is set: the
 * flow every follow-up task starts in, which main-inbound keeps to create a task when a callback
 * cannot be created (a Flow Language CreateTask names its flow statically or by JSONPath only).
 * Environment: CLOSURE_PARAMETER_NAME (required), CACHE_SECONDS (default 30), MAX_STALE_SECONDS
 * (default 300), FAILED_CALLBACK_FLOW_ID (default: none), TIME_BUDGET_MS (default 3000).
 */
export const handler = connectHandler(async (event, deadline) => {
  const followUpFlowId = process.env.FAILED_CALLBACK_FLOW_ID || undefined;
  try {
    const name = requireEnv('CLOSURE_PARAMETER_NAME');
    const cacheMs = secondsEnv('CACHE_SECONDS', 30) * 1000;
    const maxStaleMs = secondsEnv('MAX_STALE_SECONDS', 300) * 1000;
    const entry = await currentEntry(name, cacheMs, maxStaleMs, deadline);
    const status = answer(entry, callerLanguage(event), Date.now());
    return followUpFlowId ? { ...status, followUpFlowId } : status;
  } catch (error) {
    const result = resultOfError(error);
    logger.error('closure status unknown; answering open', { result, error: error as Error });
    return connectResponse(result, { closed: 'false', followUpFlowId });
  }
});

/** The cached entry if fresh; else a new read from SSM; else, if SSM fails, a recent cached entry. */
async function currentEntry(name: string, cacheMs: number, maxStaleMs: number, deadline: Deadline): Promise<CacheEntry> {
  const cached = cache?.name === name ? cache : undefined;
  if (cached && Date.now() < cached.refreshAt) return cached;
  try {
    const out = await withinDeadline(ssm.send(new GetParameterCommand({ Name: name }), { abortSignal: deadline.signal }), deadline);
    const fetchedAt = Date.now();
    cache = { name, closure: readClosure(out.Parameter?.Value), fetchedAt, refreshAt: fetchedAt + cacheMs };
    return cache;
  } catch (error) {
    const now = Date.now();
    if (!cached || now - cached.fetchedAt > maxStaleMs) throw error;
    // Serve what we last knew, and give SSM a few seconds before the next attempt so callers
    // are not each made to wait for a failing call.
    cached.refreshAt = now + Math.min(cacheMs, RETRY_AFTER_FAILURE_MS);
    logger.warn('closure parameter unavailable; serving the cached value', { result: resultOfError(error), ageMs: now - cached.fetchedAt, error: error as Error });
    metrics.addMetric('ClosureServedStale', MetricUnit.Count, 1);
    return cached;
  }
}

/** Parses the parameter's value; undefined (and one log line per read, not per call) if malformed. */
function readClosure(value: string | undefined): Closure | undefined {
  let json: unknown;
  try {
    json = JSON.parse(value ?? '');
  } catch {
    logger.error('closure parameter is not JSON; answering open with result ERROR');
    return undefined;
  }
  const parsed = parseClosure(json);
  if (!parsed.success) {
    logger.error('closure parameter is malformed; answering open with result ERROR', { issues: parsed.issues });
    return undefined;
  }
  return parsed.data;
}

/** The response for a cache entry. `until` is checked on every call, so a cached closure lapses on time. */
function answer(entry: CacheEntry, language: Language, now: number): ConnectResponse {
  const closure = entry.closure;
  if (closure === undefined) return connectResponse(HandlerResult.ERROR, { closed: 'false' });
  const lapsed = closure.until !== undefined && Date.parse(closure.until) <= now;
  if (!closure.closed || lapsed) return connectResponse(HandlerResult.OK, { closed: 'false', reason: 'NONE', message: '' });
  metrics.addMetric('ClosureAnswered', MetricUnit.Count, 1);
  const message = closure.message[language].trim() || DEFAULT_CLOSURE_MESSAGE[closure.reason][language];
  return connectResponse(HandlerResult.OK, { closed: 'true', reason: closure.reason, message });
}

/** A whole, non-negative number of seconds from the environment. */
function secondsEnv(name: string, fallback: number): number {
  const value = intEnv(name, fallback);
  if (value < 0) throw new ConfigurationError(`environment variable ${name} must not be negative, got ${value}`);
  return value;
}
