/**
 * Starts a web chat for a citizen's browser (API Gateway REST, Lambda proxy integration).
 *
 * POST body (see request.ts): `displayName`, `language`, optional `topic` and `page`. The
 * handler calls `StartChatContact` on the jurisdiction's chat flow with the name as the
 * participant's display name and only allow-listed contact attributes:
 * `language` (one of CHAT_LANGUAGES), `topic` (one of CHAT_TOPICS), `page` (a site path, no
 * query), `topicQueue` (the queue ARN configured for the topic, set here, never by the browser)
 * and `channelSource: web-chat`. The flow greets and routes on them, so the citizen is not asked
 * again.
 *
 * Answers: 200 `{ contactId, participantId, participantToken }`; 400 INVALID_REQUEST (with the
 * field names only); 403 ORIGIN_NOT_ALLOWED (the Origin header is not in ALLOWED_ORIGINS); 429
 * BUSY (Connect throttling or the concurrent-chat quota, with Retry-After); 503 UNAVAILABLE
 * (Connect failed or timed out); 500 INTERNAL (a configuration error). Every answer is JSON
 * `{ error, message }` without a stack trace. The request body is never logged; the log line of
 * each request holds the outcome, language, topic and contact id.
 *
 * Environment: INSTANCE_ID, CONTACT_FLOW_ID, ALLOWED_ORIGINS (JSON array), CHAT_LANGUAGES (JSON
 * array), CHAT_TOPICS (JSON object topic → queue ARN, "" for the language route), TIME_BUDGET_MS
 * (default 5000).
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { ConnectClient, StartChatContactCommand } from '@aws-sdk/client-connect';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ConfigurationError, intEnv, isThrottling, isTimeout, logger, metrics, requireEnv, startDeadline, tracer, withinDeadline } from '../shared';
import { ChatErrorCode, MAX_BODY_BYTES, parseStartChatRequest, StartChatRequest, StartChatResponse } from './request';

export * from './request';

const connect = tracer.captureAWSv3Client(new ConnectClient({ maxAttempts: 2 }));

/** Chat time budget: API Gateway waits up to 29 s, but a citizen should not. */
const DEFAULT_CHAT_BUDGET_MS = 5000;

/** Connect errors that mean the chat service is busy: TPS throttling or the concurrent-chat quota. */
const BUSY_ERRORS = new Set(['ThrottlingException', 'LimitExceededException', 'ServiceQuotaExceededException', 'TooManyRequestsException']);
/** Connect errors that mean a transient service problem. */
const UNAVAILABLE_ERRORS = new Set(['InternalServiceException', 'ServiceUnavailableException']);

/** The deployment's settings, read once per invocation (a missing one is a 500, not a crash). */
interface ChatSettings {
  readonly instanceId: string;
  readonly contactFlowId: string;
  readonly origins: ReadonlySet<string>;
  readonly languages: ReadonlySet<string>;
  readonly topics: ReadonlyMap<string, string>;
}

function jsonEnv(name: string): unknown {
  try {
    return JSON.parse(requireEnv(name));
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError(`environment variable ${name} is not valid JSON`);
  }
}

function stringList(name: string): Set<string> {
  const value = jsonEnv(name);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new ConfigurationError(`environment variable ${name} must be a JSON array of strings`);
  return new Set(value);
}

function settings(): ChatSettings {
  const topics = jsonEnv('CHAT_TOPICS');
  if (typeof topics !== 'object' || topics === null || Array.isArray(topics) || !Object.values(topics).every((v) => typeof v === 'string')) {
    throw new ConfigurationError('environment variable CHAT_TOPICS must be a JSON object of strings');
  }
  return {
    instanceId: requireEnv('INSTANCE_ID'),
    contactFlowId: requireEnv('CONTACT_FLOW_ID'),
    origins: stringList('ALLOWED_ORIGINS'),
    languages: stringList('CHAT_LANGUAGES'),
    topics: new Map(Object.entries(topics as Record<string, string>)),
  };
}

function header(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : (headers[key] ?? undefined);
}

/** A JSON answer; CORS headers only for an allowed origin. */
function answer(status: number, body: object, origin?: string, extra: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Origin',
      ...(origin ? { 'Access-Control-Allow-Origin': origin } : {}),
      ...extra,
    },
    body: JSON.stringify(body),
  };
}

function failure(status: number, error: ChatErrorCode, message: string, origin?: string, extra: Record<string, string> = {}): APIGatewayProxyResult {
  return answer(status, { error, message }, origin, extra);
}

/** The attributes the chat starts with: allow-listed keys, values from the validated request or the config. */
export function chatAttributes(request: StartChatRequest, topics: ReadonlyMap<string, string>): Record<string, string> {
  const attributes: Record<string, string> = { channelSource: 'web-chat', language: request.language };
  if (request.topic !== undefined) {
    attributes.topic = request.topic;
    const queue = topics.get(request.topic);
    if (queue) attributes.topicQueue = queue;
  }
  if (request.page !== undefined) attributes.page = request.page;
  return attributes;
}

/** Parses and checks the body; a list of problem field names (never their values) when it is wrong. */
function parseRequest(event: APIGatewayProxyEvent, config: ChatSettings): { request: StartChatRequest } | { fields: string[] } {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) return { fields: ['body'] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { fields: ['body'] };
  }
  const parsed = parseStartChatRequest(json);
  if (!parsed.success) return { fields: parsed.fields };
  const fields: string[] = [];
  if (!config.languages.has(parsed.data.language)) fields.push('language');
  if (parsed.data.topic !== undefined && !config.topics.has(parsed.data.topic)) fields.push('topic');
  return fields.length > 0 ? { fields } : { request: parsed.data };
}

/** The handler (see the file comment), traced as an X-Ray subsegment with its `Outcome`. Never throws. */
export const handler: (event: APIGatewayProxyEvent, context?: Partial<Context>) => Promise<APIGatewayProxyResult> = tracer.captureHandler(startChat);

async function startChat(event: APIGatewayProxyEvent, context?: Partial<Context>): Promise<APIGatewayProxyResult> {
  const started = Date.now();
  let outcome = 'INTERNAL';
  const logged: Record<string, string> = {};
  try {
    const config = settings();
    const origin = header(event, 'origin');
    if (origin === undefined || !config.origins.has(origin)) {
      outcome = ChatErrorCode.ORIGIN_NOT_ALLOWED;
      return failure(403, ChatErrorCode.ORIGIN_NOT_ALLOWED, 'This web site may not start chats.');
    }
    const checked = parseRequest(event, config);
    if ('fields' in checked) {
      outcome = ChatErrorCode.INVALID_REQUEST;
      logged.fields = checked.fields.join(',');
      return answer(400, { error: ChatErrorCode.INVALID_REQUEST, message: `Check these fields: ${checked.fields.join(', ')}.`, fields: checked.fields }, origin);
    }
    const { request } = checked;
    logged.language = request.language;
    if (request.topic) logged.topic = request.topic;

    const deadline = startDeadline(intEnv('TIME_BUDGET_MS', DEFAULT_CHAT_BUDGET_MS), context?.getRemainingTimeInMillis?.());
    try {
      const chat = await withinDeadline(
        connect.send(
          new StartChatContactCommand({
            InstanceId: config.instanceId,
            ContactFlowId: config.contactFlowId,
            ParticipantDetails: { DisplayName: request.displayName },
            Attributes: chatAttributes(request, config.topics),
            SupportedMessagingContentTypes: ['text/plain'],
          }),
          { abortSignal: deadline.signal },
        ),
        deadline,
      );
      if (!chat.ContactId || !chat.ParticipantId || !chat.ParticipantToken) throw new Error('StartChatContact answered without a contact, participant or token');
      logged.contactId = chat.ContactId;
      outcome = 'STARTED';
      const body: StartChatResponse = { contactId: chat.ContactId, participantId: chat.ParticipantId, participantToken: chat.ParticipantToken };
      return answer(200, body, origin);
    } catch (error) {
      const name = (error as { name?: string }).name ?? 'Error';
      if (BUSY_ERRORS.has(name) || isThrottling(error)) {
        outcome = ChatErrorCode.BUSY;
        return failure(429, ChatErrorCode.BUSY, 'All chat lines are busy. Please try again in a minute.', origin, { 'Retry-After': '60' });
      }
      if (UNAVAILABLE_ERRORS.has(name) || isTimeout(error)) {
        outcome = ChatErrorCode.UNAVAILABLE;
        logger.warn('StartChatContact failed', { error: error as Error });
        return failure(503, ChatErrorCode.UNAVAILABLE, 'Chat is not available right now. Please try again later.', origin, { 'Retry-After': '30' });
      }
      throw error;
    } finally {
      deadline.dispose();
    }
  } catch (error) {
    outcome = ChatErrorCode.INTERNAL;
    logger.error('start chat failed', { error: error as Error });
    return failure(500, ChatErrorCode.INTERNAL, 'Chat could not be started. Please try again later.', allowedOrigin(event));
  } finally {
    logger.info('start chat', { outcome, ...logged });
    tracer.putAnnotation('Outcome', outcome);
    metrics.addMetric(`ChatStart${outcome}`, MetricUnit.Count, 1);
    metrics.addMetric('ChatStartDuration', MetricUnit.Milliseconds, Date.now() - started);
    metrics.publishStoredMetrics();
  }
}

/** The request's origin if the settings can be read and allow it (for CORS on a 500). */
function allowedOrigin(event: APIGatewayProxyEvent): string | undefined {
  try {
    const origin = header(event, 'origin');
    return origin !== undefined && stringList('ALLOWED_ORIGINS').has(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
}
