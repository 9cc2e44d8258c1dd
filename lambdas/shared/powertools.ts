import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { piiReplacer } from './redact';

/** CloudWatch metrics namespace of every kit handler. */
export const METRICS_NAMESPACE = 'GovContactCenter';

/**
 * The one logger of a handler. Events and responses are never logged (they carry caller
 * data), and every value is passed through {@link piiReplacer} before it is written.
 */
export const logger = new Logger({ jsonReplacerFn: piiReplacer });

/** The one tracer; responses are not captured (they carry caller data). */
export const tracer = new Tracer({ captureHTTPsRequests: false });

/** The one metrics emitter (embedded metric format). */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE });
