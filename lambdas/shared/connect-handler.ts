import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ConnectEvent, connectEventSchema } from './connect-event';
import { ConnectResponse, connectResponse, HandlerResult } from './connect-response';
import { intEnv } from './env';
import { logger, metrics } from './powertools';
import { Deadline, DEFAULT_BUDGET_MS, isThrottling, isTimeout, startDeadline } from './time-budget';

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
 * a flat string map the flow branches on. The event is never logged; the contact id is
 * added to every log line.
 *
 * The time budget comes from `TIME_BUDGET_MS` (default 3000 ms), capped by the Lambda's
 * remaining time.
 */
export function connectHandler(work: ConnectWork): (event: unknown, context?: Partial<Context>) => Promise<ConnectResponse> {
  return async (event, context) => {
    const started = Date.now();
    try {
      const parsed = connectEventSchema.safeParse(event);
      if (!parsed.success) {
        logger.warn('malformed Amazon Connect event', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) });
        metrics.addMetric('BadEvent', MetricUnit.Count, 1);
        return connectResponse(HandlerResult.BAD_EVENT);
      }
      logger.appendKeys({ contactId: parsed.data.Details.ContactData.ContactId });
      const deadline = startDeadline(intEnv('TIME_BUDGET_MS', DEFAULT_BUDGET_MS), context?.getRemainingTimeInMillis?.());
      const response = await work(parsed.data, deadline);
      metrics.addMetric(`Result${response.result ?? 'OK'}`, MetricUnit.Count, 1);
      return response;
    } catch (error) {
      const result = resultOfError(error);
      logger.error('handler failed; answering with a fallback', { result, error: error as Error });
      metrics.addMetric(`Result${result}`, MetricUnit.Count, 1);
      return connectResponse(result);
    } finally {
      metrics.addMetric('Duration', MetricUnit.Milliseconds, Date.now() - started);
      metrics.publishStoredMetrics();
      logger.removeKeys(['contactId']);
    }
  };
}
