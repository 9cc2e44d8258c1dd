import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { CONNECT_EVENT_FIELDS, ConnectEvent, parseConnectEvent } from './connect-event';
import { boundedConnectResponse, ConnectResponse, connectResponse, HandlerResult } from './connect-response';
import { intEnv } from './env';
import { logger, metrics, tracer } from './powertools';
import { Deadline, DEFAULT_BUDGET_MS, InvocationDeadlines, isThrottling, isTimeout, startInvocationDeadlines, withinDeadline } from './time-budget';
import { describeIssues } from './validation-issues';

/** The work of a Connect handler: gets a parsed event and a deadline, returns the response. */
export type ConnectWork = (event: ConnectEvent, deadline: Deadline) => Promise<ConnectResponse>;

/** Maps an error to the result the flow branches on. */
export function resultOfError(error: unknown): HandlerResult {
  if (isTimeout(error)) return HandlerResult.TIMEOUT;
  if (isThrottling(error)) return HandlerResult.THROTTLED;
  return HandlerResult.ERROR;
}

/**
 * Wraps a handler for Amazon Connect so it never throws at the flow: a malformed event,
 * a downstream error, throttling or a timeout each become `{ result: <HandlerResult> }`,
 * a flat string map the flow branches on, never larger than Connect accepts
 * ({@link boundedConnectResponse}). The event is never logged; the contact id is added to every
 * log line.
 *
 * The time budget comes from `TIME_BUDGET_MS` (default 3000 ms), capped by the Lambda's
 * remaining time. The work gets a deadline a little earlier (see `startInvocationDeadlines`) and
 * is raced against the budget: when it is spent the handler answers TIMEOUT, even if a
 * downstream client ignores its abort signal and never settles.
 *
 * Each sampled invocation is an X-Ray subsegment annotated with its `Result`, so operators can
 * find the TIMEOUT traces and see which SDK call ate the budget.
 */
export function connectHandler(work: ConnectWork): (event: unknown, context?: Partial<Context>) => Promise<ConnectResponse> {
  return tracer.captureHandler(async (event: unknown, context?: Partial<Context>) => {
    const started = Date.now();
    let deadlines: InvocationDeadlines | undefined;
    try {
      const parsed = parseConnectEvent(event);
      if (!parsed.success) {
        logger.warn('malformed Amazon Connect event', { issues: describeIssues(parsed.issues, CONNECT_EVENT_FIELDS) });
        metrics.addMetric('BadEvent', MetricUnit.Count, 1);
        tracer.putAnnotation('Result', HandlerResult.BAD_EVENT);
        return connectResponse(HandlerResult.BAD_EVENT);
      }
      logger.appendKeys({ contactId: parsed.data.Details.ContactData.ContactId });
      deadlines = startInvocationDeadlines(intEnv('TIME_BUDGET_MS', DEFAULT_BUDGET_MS), context?.getRemainingTimeInMillis?.());
      const answer: unknown = await withinDeadline(work(parsed.data, deadlines.calls), deadlines.answer);
      const response = typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? boundedConnectResponse(answer as Record<string, unknown>) : {};
      if (!Object.values(HandlerResult).includes(response.result as HandlerResult)) throw new Error('the handler answered without a known result');
      metrics.addMetric(`Result${response.result}`, MetricUnit.Count, 1);
      tracer.putAnnotation('Result', response.result);
      return response;
    } catch (error) {
      const result = resultOfError(error);
      logger.error('handler failed; answering with a fallback', { result, error: error as Error });
      metrics.addMetric(`Result${result}`, MetricUnit.Count, 1);
      tracer.putAnnotation('Result', result);
      return connectResponse(result);
    } finally {
      deadlines?.dispose();
      metrics.addMetric('Duration', MetricUnit.Milliseconds, Date.now() - started);
      metrics.publishStoredMetrics();
      logger.removeKeys(['contactId']);
    }
  });
}
