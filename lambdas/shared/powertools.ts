import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { piiReplacer } from './redact';
import { XRayTracer } from './tracing';

/** CloudWatch metrics namespace of every kit handler. */
export const METRICS_NAMESPACE = 'GovContactCenter';

/**
 * The one logger of a handler. Events and responses are never logged (they carry caller
 * data), and every value is passed through {@link piiReplacer} before it is written.
 */
export const logger = new Logger({ jsonReplacerFn: piiReplacer });

/**
 * The one tracer: SDK calls and the handler as X-Ray subsegments, without the X-Ray SDK (see
 * ./tracing). Responses are never captured (they carry caller data).
 */
export const tracer = new XRayTracer();

/** The one metrics emitter (embedded metric format). */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE });
