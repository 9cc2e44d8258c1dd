/**
 * Code hook of the "citizen services" Lex V2 bot (locales en_US and es_US): case status from
 * the case table, office hours and locations, problem reports and agent requests, help and
 * fallback. Whatever goes wrong, the caller hears a short apology and the session attribute
 * `handoff: AGENT` tells the contact flow to route them to an agent (see lex-handler.ts).
 *
 * Environment: `CASE_TABLE_NAME` (DynamoDB table, partition key `caseNumber` S),
 * `OFFICE_INFO` (JSON `{"en_US": "...", "es_US": "..."}`, one entry per bot locale), optional
 * `TIME_BUDGET_MS` (default 2500).
 * IAM: `dynamodb:GetItem` on the case table (and `kms:Decrypt` on its key if customer-managed).
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { normalizeCaseNumber } from '../shared/case-number';
import { ConfigurationError, requireEnv } from '../shared/env';
import { LexEvent, slotText } from '../shared/lex-event';
import { BotLocale, botLocale, failAndHandOff, HANDOFF_AGENT, HANDOFF_ATTRIBUTE, lexHandler, LexWorkContext } from '../shared/lex-handler';
import { closeIntent, delegate, elicitIntent, elicitSlot, LexResponse, withSessionAttributes } from '../shared/lex-response';
import { logger, tracer } from '../shared/powertools';
import { Deadline, withinDeadline } from '../shared/time-budget';
import { describeIssues } from '../shared/validation-issues';
import { CASE_RECORD_FIELDS, CaseRecord, OfficeInfo, parseCaseRecord, parseOfficeInfo } from './inputs';
import { MESSAGES } from './messages';

/** Intent names of the citizen-services bot (the same in every locale). */
export const INTENTS = Object.freeze({
  CHECK_CASE_STATUS: 'CheckCaseStatus',
  OFFICE_HOURS_AND_LOCATIONS: 'OfficeHoursAndLocations',
  SPEAK_TO_AGENT: 'SpeakToAgent',
  REPORT_PROBLEM: 'ReportProblem',
  HELP: 'Help',
  REPEAT: 'Repeat',
  FALLBACK: 'FallbackIntent',
});

/** Session attributes this hook sets; the flow and the agent's contact view read them. */
export const SESSION_ATTRIBUTES = Object.freeze({
  /** The intent the caller asked for, so the agent sees why they are calling. */
  INTENT: 'intent',
  /** The normalized case number (never logged). */
  CASE_NUMBER: 'caseNumber',
  /** The kind of problem the caller reported, if the bot captured it. */
  PROBLEM_TYPE: 'problemType',
  /** How many invalid case numbers the caller has given in this session. */
  CASE_NUMBER_TRIES: 'caseNumberTries',
  /** How many times the bot did not understand the caller in this session. */
  FALLBACK_COUNT: 'fallbackCount',
  /** The case's status as read to the caller (`CASE_STATUSES`), or `NOT_FOUND`; the agent sees it. */
  CASE_STATUS: 'caseStatus',
  /** The intents the caller went through, in order, comma-separated: the agent sees the self-service path. */
  INTENTS: 'intents',
});

/** Value of `caseStatus` when no case has the number the caller gave. */
export const CASE_NOT_FOUND = 'NOT_FOUND';

/** Most intents kept in `intents` (the flows allow three bot rounds; the oldest are dropped first). */
export const MAX_PATH_INTENTS = 10;

/** The self-service path with one more intent at its end, at most {@link MAX_PATH_INTENTS} long. */
export function withIntentInPath(path: string | undefined, intent: string): string {
  const intents = (path ?? '').split(',').filter((name) => name !== '');
  intents.push(intent);
  return intents.slice(-MAX_PATH_INTENTS).join(',');
}

/** Invalid case numbers accepted before the caller is handed to an agent (the second invalid one hands off). */
export const MAX_CASE_NUMBER_TRIES = 2;

/** Fallbacks (not understood) before the caller is handed to an agent (the second one hands off). */
export const MAX_FALLBACKS = 2;

/** Longest `problemType` kept in the session (session attributes are size-limited). */
const MAX_PROBLEM_TYPE_LENGTH = 100;

const CASE_SLOT = 'caseNumber';
const PROBLEM_SLOT = 'problemType';

// Module level, so warm invocations reuse the connection. Region comes from the Lambda environment.
const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({}));

let officeInfoCache: { readonly raw: string; readonly info: OfficeInfo } | undefined;

/** Reads and validates `OFFICE_INFO` (parsed once per distinct value). */
function officeInfo(): OfficeInfo {
  const raw = requireEnv('OFFICE_INFO');
  if (officeInfoCache?.raw === raw) return officeInfoCache.info;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigurationError('environment variable OFFICE_INFO is not valid JSON (expected {"en_US": "...", "es_US": "..."})');
  }
  const parsed = parseOfficeInfo(json);
  if (!parsed.success) {
    const problems = parsed.problems.join('; ');
    throw new ConfigurationError(`environment variable OFFICE_INFO must be {"en_US": "...", "es_US": "..."} (either may be left out) with non-empty text: ${problems}`);
  }
  officeInfoCache = { raw, info: parsed.data };
  return parsed.data;
}

/** Reads one case; undefined if there is none. Throws on a malformed item (a data error). */
async function getCase(caseNumber: string, deadline: Deadline): Promise<CaseRecord | undefined> {
  const tableName = requireEnv('CASE_TABLE_NAME');
  if (deadline.signal.aborted) throw deadline.signal.reason;
  const output = await withinDeadline(
    dynamo.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { caseNumber: { S: caseNumber } },
        // `status` is a DynamoDB reserved word.
        ProjectionExpression: '#status, #nextStep',
        ExpressionAttributeNames: { '#status': 'status', '#nextStep': 'nextStep' },
      }),
      { abortSignal: deadline.signal },
    ),
    deadline,
  );
  if (!output?.Item) return undefined;
  const item = parseCaseRecord(output.Item);
  if (!item.success) {
    const error = new Error(`case item is malformed: ${describeIssues(item.issues, CASE_RECORD_FIELDS).join(', ')}`);
    error.name = 'CaseDataError';
    throw error;
  }
  return item.data;
}

/** The event with one slot emptied, so Lex fills it afresh when it is elicited again. */
function withSlotCleared(event: LexEvent, slot: string): LexEvent {
  const intent = event.sessionState.intent;
  return { ...event, sessionState: { ...event.sessionState, intent: { ...intent, slots: { ...(intent.slots ?? {}), [slot]: null } } } };
}

/** A count kept in a session attribute (missing or garbled counts as 0). */
function countOf(event: LexEvent, attribute: string): number {
  const value = Number.parseInt(event.sessionState.sessionAttributes?.[attribute] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** CheckCaseStatus: validates the case number while the dialog runs, reads the case at fulfillment. */
async function checkCaseStatus(event: LexEvent, context: LexWorkContext, locale: BotLocale): Promise<LexResponse> {
  const say = MESSAGES[locale];
  const intent = event.sessionState.intent.name;
  const spoken = slotText(event, CASE_SLOT);
  const caseNumber = normalizeCaseNumber(spoken);

  if (spoken !== undefined && caseNumber === undefined) {
    const tries = countOf(event, SESSION_ATTRIBUTES.CASE_NUMBER_TRIES) + 1;
    if (tries >= MAX_CASE_NUMBER_TRIES) {
      logger.info('invalid case number; handing off', { tries });
      return failAndHandOff(event, { [SESSION_ATTRIBUTES.INTENT]: intent, [SESSION_ATTRIBUTES.CASE_NUMBER_TRIES]: String(tries) });
    }
    logger.info('invalid case number; asking again', { tries });
    const retry = withSessionAttributes(withSlotCleared(event, CASE_SLOT), { [SESSION_ATTRIBUTES.CASE_NUMBER_TRIES]: String(tries) });
    return elicitSlot(retry, CASE_SLOT, say.invalidCaseNumber);
  }

  const known: Record<string, string> = { [SESSION_ATTRIBUTES.INTENT]: intent };
  if (caseNumber !== undefined) known[SESSION_ATTRIBUTES.CASE_NUMBER] = caseNumber;
  if (event.invocationSource === 'DialogCodeHook') return delegate(withSessionAttributes(event, known));
  if (caseNumber === undefined) return elicitSlot(withSessionAttributes(event, known), CASE_SLOT, say.askCaseNumber);

  // Kept in the session even if the lookup fails, so the agent does not ask again.
  context.remember(known);
  const record = await getCase(caseNumber, context.deadline);
  if (!record) {
    logger.info('case status answered', { found: false });
    return closeIntent(event, 'Fulfilled', say.caseNotFound, { ...known, [SESSION_ATTRIBUTES.CASE_STATUS]: CASE_NOT_FOUND, [HANDOFF_ATTRIBUTE]: HANDOFF_AGENT });
  }
  logger.info('case status answered', { found: true, status: record.status });
  const nextStep = record.nextStep[locale === 'es_US' ? 'es-US' : 'en-US']?.trim();
  const message = nextStep ? `${say.caseStatus[record.status]} ${say.nextStep(nextStep)}` : say.caseStatus[record.status];
  return closeIntent(event, 'Fulfilled', message, { ...known, [SESSION_ATTRIBUTES.CASE_STATUS]: record.status });
}

/** The bot's work for one code-hook invocation. */
async function fulfil(event: LexEvent, context: LexWorkContext): Promise<LexResponse> {
  const locale = botLocale(event.bot.localeId) ?? 'en_US';
  const say = MESSAGES[locale];
  const intent = event.sessionState.intent.name;
  const intentAttribute = { [SESSION_ATTRIBUTES.INTENT]: intent };

  switch (intent) {
    case INTENTS.CHECK_CASE_STATUS:
      return checkCaseStatus(event, context, locale);
    case INTENTS.OFFICE_HOURS_AND_LOCATIONS: {
      const text = officeInfo()[locale];
      // A caller is not read another language's text: a locale the bot has but OFFICE_INFO lacks is a deployment error.
      if (text === undefined) throw new ConfigurationError(`environment variable OFFICE_INFO has no text for ${locale}`);
      return closeIntent(event, 'Fulfilled', text, intentAttribute);
    }
    case INTENTS.SPEAK_TO_AGENT:
      return closeIntent(event, 'Fulfilled', say.agentTransfer, { ...intentAttribute, [HANDOFF_ATTRIBUTE]: HANDOFF_AGENT });
    case INTENTS.REPORT_PROBLEM: {
      const problemType = slotText(event, PROBLEM_SLOT)?.trim().slice(0, MAX_PROBLEM_TYPE_LENGTH);
      return closeIntent(event, 'Fulfilled', say.problemReported, {
        ...intentAttribute,
        ...(problemType ? { [SESSION_ATTRIBUTES.PROBLEM_TYPE]: problemType } : {}),
        [HANDOFF_ATTRIBUTE]: HANDOFF_AGENT,
      });
    }
    case INTENTS.HELP:
    case INTENTS.REPEAT:
      return elicitIntent(event, say.menu);
    case INTENTS.FALLBACK: {
      const fallbacks = countOf(event, SESSION_ATTRIBUTES.FALLBACK_COUNT) + 1;
      const counted = { [SESSION_ATTRIBUTES.FALLBACK_COUNT]: String(fallbacks) };
      if (fallbacks >= MAX_FALLBACKS) {
        logger.info('not understood again; handing off', { fallbacks });
        return failAndHandOff(event, counted);
      }
      return elicitIntent(event, `${say.notUnderstood} ${say.menu}`, counted);
    }
    default:
      logger.warn('intent not handled by this code hook; handing off');
      return failAndHandOff(event, intentAttribute);
  }
}

/**
 * {@link fulfil}, recording the self-service path: an intent that ends (closed, fulfilled or
 * failed) is added to `intents`, which the flows pass back in on the next bot round and save
 * for the agent. Remembered first, so a handoff after a failure keeps it too.
 */
async function fulfilOnPath(event: LexEvent, context: LexWorkContext): Promise<LexResponse> {
  const path = { [SESSION_ATTRIBUTES.INTENTS]: withIntentInPath(event.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.INTENTS], event.sessionState.intent.name) };
  context.remember(path);
  const response = await fulfil(event, context);
  if (response.sessionState.dialogAction.type !== 'Close') return response;
  return { ...response, sessionState: { ...response.sessionState, sessionAttributes: { ...(response.sessionState.sessionAttributes ?? {}), ...path } } };
}

/**
 * Lambda entry point: the Lex V2 code hook (dialog and fulfillment) of the citizen-services
 * bot. Never throws; every failure closes the intent as Failed with `handoff: AGENT`.
 */
export const handler = lexHandler(fulfilOnPath);
