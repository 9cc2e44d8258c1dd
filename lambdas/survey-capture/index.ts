/**
 * Post-contact survey capture for Amazon Connect (OMB Circular A-11 §280 customer-experience
 * questions: satisfaction, trust, ease of the interaction, each a DTMF digit 1–5).
 *
 * Flow parameters: `satisfaction`, `trust`, `ease` (any may be missing: a caller who hangs up
 * part-way still counts for the questions answered; a value outside 1–5 counts as unanswered),
 * `language` (optional). The queue is `ContactData.Queue.Name`, else the contact attribute
 * `queue`. Response: `{ result: 'OK', duplicate: 'false' | 'true', followUp: 'true' | 'false' }`,
 * with `followUpFlowId` and `lowestScore` when `followUp` is 'true' (the survey flow then creates
 * a follow-up task in that flow); `INVALID_INPUT` when no question was answered; the fallbacks of
 * `connectHandler` otherwise. A duplicate never asks for a follow-up (the first answer did).
 *
 * Environment: SURVEY_TABLE_NAME, SURVEY_BUCKET_NAME, SURVEY_KMS_KEY_ARN, SURVEY_RETENTION_DAYS
 * (all required), SURVEY_QUEUE_NAMES (JSON array of the jurisdiction's queue names; default none),
 * FOLLOW_UP_FLOW_ID and FOLLOW_UP_SCORE_AT_MOST (both or neither: the task flow's ARN and the
 * highest answer, 1–5, that asks for a follow-up; unset: never), TIME_BUDGET_MS (default 3000).
 *
 * 1. DynamoDB (partition key `contactId`): PutItem with `attribute_not_exists(contactId)`, so the
 *    first answer per contact wins and a repeat invocation (a Connect retry, a caller re-entering
 *    the survey) is answered `duplicate: 'true'` and writes nothing else. `expiresAt` (epoch
 *    seconds) = now + SURVEY_RETENTION_DAYS for DynamoDB TTL.
 * 2. S3, on the first write only: one JSON line per contact for Athena, at
 *    `surveys/year=YYYY/month=MM/day=DD/<contactId>.json` (UTC date of the answer), SSE-KMS.
 *    If this write fails after the DynamoDB write succeeded, the handler answers with the
 *    fallback for the error and emits `SurveyExportFailed` (alarm on it); the answer is kept in
 *    DynamoDB until `expiresAt` and can be re-exported from there.
 * 3. Metrics (embedded metric format, dimensions `queue` — a configured queue name, else "other",
 *    or "unknown" — and `language`): `SurveyResponses` (1)
 *    and `SurveySatisfaction` / `SurveyTrust` / `SurveyEase` (value = the score, unit Count, so
 *    the Average statistic is the mean score), emitted once per contact.
 */
import { DynamoDBClient, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ConfigurationError, ConnectEvent, HandlerResult, callerLanguage, connectHandler, connectResponse, logger, metrics, requireEnv, tracer, withinDeadline } from '../shared';

const ddb = tracer.captureAWSv3Client(new DynamoDBClient({ maxAttempts: 2 }));
const s3 = tracer.captureAWSv3Client(new S3Client({ maxAttempts: 2 }));

/** The A-11 §280 questions asked, in the order the flow asks them. */
export const SURVEY_QUESTIONS = ['satisfaction', 'trust', 'ease'] as const;

/** One of the survey questions. */
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];

/** Metric name per question. */
const METRIC: Record<SurveyQuestion, string> = { satisfaction: 'SurveySatisfaction', trust: 'SurveyTrust', ease: 'SurveyEase' };

/** Connect contact ids are UUIDs; anything else must not reach an S3 key. */
const CONTACT_ID = /^[A-Za-z0-9-]{1,128}$/;
const SCORE = /^[1-5]$/;
/** Longest queue name kept (Connect allows 127 characters). */
const QUEUE_MAX = 127;

/**
 * One survey answer as written to S3, one JSON object per line (JSON Lines). This is the
 * schema of the analytics Glue table (OpenX JSON SerDe; partitions year/month/day as strings
 * from the key):
 *
 * | column           | type      | notes                                             |
 * |------------------|-----------|---------------------------------------------------|
 * | contactId        | string    | Amazon Connect contact id                         |
 * | initialContactId | string    | null if Connect gave none                         |
 * | channel          | string    | VOICE, CHAT, …; null if unknown                   |
 * | queue            | string    | queue name; null if unknown                       |
 * | language         | string    | en-US or es-US                                    |
 * | satisfaction     | int       | 1–5, null if not answered                         |
 * | trust            | int       | 1–5, null if not answered                         |
 * | ease             | int       | 1–5, null if not answered                         |
 * | answeredAt       | string    | ISO 8601 UTC, e.g. 2026-03-01T14:05:09.123Z        |
 *
 * Field names are a contract with the Glue table: add fields, never rename them.
 */
export interface SurveyRecord {
  readonly contactId: string;
  readonly initialContactId: string | null;
  readonly channel: string | null;
  readonly queue: string | null;
  readonly language: 'en-US' | 'es-US';
  readonly satisfaction: number | null;
  readonly trust: number | null;
  readonly ease: number | null;
  readonly answeredAt: string;
}

/** The S3 key of a survey answer: Hive-style UTC date partitions, one object per contact. */
export function surveyObjectKey(contactId: string, answeredAt: Date): string {
  const yyyy = String(answeredAt.getUTCFullYear()).padStart(4, '0');
  const mm = String(answeredAt.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(answeredAt.getUTCDate()).padStart(2, '0');
  return `surveys/year=${yyyy}/month=${mm}/day=${dd}/${contactId}.json`;
}

/** Amazon Connect handler: see the module comment. */
export const handler = connectHandler(async (event, deadline) => {
  // Read every setting before writing anything: a missing bucket must not leave a DynamoDB
  // item behind that would make the retry a "duplicate" and skip the export.
  const table = requireEnv('SURVEY_TABLE_NAME');
  const bucket = requireEnv('SURVEY_BUCKET_NAME');
  const keyArn = requireEnv('SURVEY_KMS_KEY_ARN');
  const retentionDays = Number(requireEnv('SURVEY_RETENTION_DAYS'));
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new ConfigurationError('environment variable SURVEY_RETENTION_DAYS must be a whole number of days, at least 1');
  const queueNames = configuredQueueNames();
  const followUpSettings = followUpFromEnvironment();

  const { ContactData } = event.Details;
  if (!CONTACT_ID.test(ContactData.ContactId)) {
    logger.warn('contact id is not a Connect contact id');
    return connectResponse(HandlerResult.BAD_EVENT);
  }

  const record = surveyRecord(event, new Date(Date.now()));
  const answered = SURVEY_QUESTIONS.filter((q) => record[q] !== null);
  if (answered.length === 0) {
    metrics.addMetric('SurveyEmpty', MetricUnit.Count, 1);
    return connectResponse(HandlerResult.INVALID_INPUT);
  }

  const answeredAt = new Date(record.answeredAt);
  try {
    await withinDeadline(
      ddb.send(
        new PutItemCommand({
          TableName: table,
          Item: dynamoItem(record, Math.floor(answeredAt.getTime() / 1000) + retentionDays * 86_400),
          ConditionExpression: 'attribute_not_exists(contactId)',
        }),
        { abortSignal: deadline.signal },
      ),
      deadline,
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    metrics.addMetric('SurveyDuplicate', MetricUnit.Count, 1);
    logger.info('survey already recorded for this contact');
    return connectResponse(HandlerResult.OK, { duplicate: 'true', followUp: 'false' });
  }

  emitMetrics(record, answered, queueDimension(record.queue, queueNames));

  try {
    await withinDeadline(
      s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: surveyObjectKey(record.contactId, answeredAt),
          Body: `${JSON.stringify(record)}\n`,
          ContentType: 'application/json',
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: keyArn,
        }),
        { abortSignal: deadline.signal },
      ),
      deadline,
    );
  } catch (error) {
    metrics.addMetric('SurveyExportFailed', MetricUnit.Count, 1);
    throw error;
  }

  const followUp = followUpFor(record, followUpSettings);
  if (followUp.followUp === 'true') metrics.addMetric('SurveyFollowUp', MetricUnit.Count, 1);
  logger.info('survey recorded', { scores: answered.length, followUp: followUp.followUp });
  return connectResponse(HandlerResult.OK, { duplicate: 'false', ...followUp });
});

function surveyRecord(event: ConnectEvent, answeredAt: Date): SurveyRecord {
  const { ContactData, Parameters } = event.Details;
  const queue = ContactData.Queue?.Name || ContactData.Attributes.queue || null;
  const invalid = SURVEY_QUESTIONS.filter((q) => Parameters[q] !== undefined && Parameters[q] !== '' && !SCORE.test(Parameters[q]));
  if (invalid.length > 0) {
    // Values are digits a caller pressed; the names of the questions are enough to find a flow bug.
    logger.warn('survey answers outside 1-5 are stored as unanswered', { questions: invalid });
    metrics.addMetric('SurveyInvalidAnswer', MetricUnit.Count, invalid.length);
  }
  const score = (q: SurveyQuestion): number | null => (SCORE.test(Parameters[q] ?? '') ? Number(Parameters[q]) : null);
  return {
    contactId: ContactData.ContactId,
    initialContactId: ContactData.InitialContactId || null,
    channel: ContactData.Channel || null,
    queue: queue === null ? null : queue.slice(0, QUEUE_MAX),
    language: callerLanguage(event),
    satisfaction: score('satisfaction'),
    trust: score('trust'),
    ease: score('ease'),
    answeredAt: answeredAt.toISOString(),
  };
}

/** The DynamoDB item: the same fields, unanswered questions and unknown values left out. */
function dynamoItem(record: SurveyRecord, expiresAt: number): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {
    contactId: { S: record.contactId },
    language: { S: record.language },
    answeredAt: { S: record.answeredAt },
    expiresAt: { N: String(expiresAt) },
  };
  for (const field of ['initialContactId', 'channel', 'queue'] as const) {
    const value = record[field];
    if (value !== null) item[field] = { S: value };
  }
  for (const q of SURVEY_QUESTIONS) {
    const value = record[q];
    if (value !== null) item[q] = { N: String(value) };
  }
  return item;
}

/** `queue` dimension of a contact whose queue is not one the jurisdiction configures. */
export const OTHER_QUEUE = 'other';

/** `queue` dimension of a contact with no queue. */
export const UNKNOWN_QUEUE = 'unknown';

let queueNamesCache: { readonly raw: string; readonly names: ReadonlySet<string> } | undefined;

/**
 * The jurisdiction's queue names, from `SURVEY_QUEUE_NAMES` (a JSON array of strings, written by
 * the stack; parsed once per distinct value). Unset means none: every queue then counts as "other".
 */
function configuredQueueNames(): ReadonlySet<string> {
  const raw = process.env.SURVEY_QUEUE_NAMES ?? '';
  if (queueNamesCache?.raw === raw) return queueNamesCache.names;
  let names: unknown = [];
  try {
    names = raw.trim() === '' ? [] : JSON.parse(raw);
  } catch {
    names = undefined;
  }
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new ConfigurationError('environment variable SURVEY_QUEUE_NAMES must be a JSON array of queue names');
  }
  queueNamesCache = { raw, names: new Set(names) };
  return queueNamesCache.names;
}

/**
 * The `queue` metric dimension: the queue's name if it is one the jurisdiction configures, else
 * "other" ("unknown" when there is none). On chat the queue can come from a contact attribute the
 * client sets, so a free value would let anyone write text into metrics (where the log redaction
 * does not reach) and create a CloudWatch metric per value.
 */
export function queueDimension(queue: string | null, configured: ReadonlySet<string>): string {
  if (queue === null) return UNKNOWN_QUEUE;
  return configured.has(queue) ? queue : OTHER_QUEUE;
}

/**
 * Emits the scores in one EMF record with `queue` and `language` dimensions. Whatever the
 * shared metrics hold is flushed first and publishing clears request dimensions, so these
 * dimensions attach to the survey metrics only, not to the handler's Result/Duration metrics.
 * (One flush of the shared instance costs ≈0.01 ms; `singleMetric()` builds a new Metrics per
 * metric, ≈0.05 ms each, and its garbage pushed this handler's p99 past 5 ms.)
 */
function emitMetrics(record: SurveyRecord, answered: readonly SurveyQuestion[], queue: string): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  metrics.addDimension('queue', queue);
  metrics.addDimension('language', record.language);
  metrics.addMetric('SurveyResponses', MetricUnit.Count, 1);
  for (const q of answered) metrics.addMetric(METRIC[q], MetricUnit.Count, record[q] as number);
  metrics.publishStoredMetrics();
}

/** When a survey asks for a follow-up task: the task flow and the highest answer that does. */
export interface FollowUpSettings {
  readonly flowId: string;
  readonly scoreAtMost: number;
}

/** The follow-up settings from FOLLOW_UP_FLOW_ID and FOLLOW_UP_SCORE_AT_MOST; undefined if both are unset. */
export function followUpFromEnvironment(env: NodeJS.ProcessEnv = process.env): FollowUpSettings | undefined {
  const flowId = env.FOLLOW_UP_FLOW_ID ?? '';
  const score = env.FOLLOW_UP_SCORE_AT_MOST ?? '';
  if (flowId === '' && score === '') return undefined;
  if (flowId === '' || !SCORE.test(score)) {
    throw new ConfigurationError('environment variables FOLLOW_UP_FLOW_ID and FOLLOW_UP_SCORE_AT_MOST must be set together, the score a whole number from 1 to 5');
  }
  return { flowId, scoreAtMost: Number(score) };
}

/**
 * Whether a recorded survey asks for a follow-up task: some answer is at or below the threshold.
 * The lowest answer goes with it, so the agent sees how unhappy the caller was.
 */
export function followUpFor(record: SurveyRecord, settings: FollowUpSettings | undefined): Record<string, string> {
  const scores = SURVEY_QUESTIONS.map((q) => record[q]).filter((score): score is number => score !== null);
  const lowest = Math.min(...scores);
  if (!settings || scores.length === 0 || lowest > settings.scoreAtMost) return { followUp: 'false' };
  return { followUp: 'true', followUpFlowId: settings.flowId, lowestScore: String(lowest) };
}
