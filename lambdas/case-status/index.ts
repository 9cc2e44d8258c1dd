/**
 * Case status lookup for callers. The flow collects the case number (DTMF or Lex) and passes
 * it as the `caseNumber` parameter (or leaves it in the `caseNumber` contact attribute); this
 * function reads the case from DynamoDB and answers with the status in the caller's language.
 *
 * The case number is never logged and never returned: the flow already has it, and log
 * groups are readable by more people than the case system is.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { callerLanguage, connectHandler, connectResponse, describeIssues, HandlerResult, logger, normalizeCaseNumber, requireEnv, tracer, truncateText, withinDeadline } from '../shared';
import { CASE_ITEM_FIELDS, parseCaseItem } from './case-item';
import { CASE_STATUS, Language, UNKNOWN_STATUS } from './messages';

/**
 * Longest next step passed to the flow, in characters (as long as a closure message may be):
 * more is not something a caller can listen to. The case system's text is cut there; the
 * response as a whole is also capped at Connect's limit by `connectResponse`.
 */
const MAX_NEXT_STEP_CHARS = 1000;

/** Longest `updatedAt` passed on (an ISO date-time is 29 characters at most). */
const MAX_UPDATED_AT_CHARS = 40;

// maxAttempts 2 and short socket timeouts: the flow waits 8 s at most and the deadline aborts
// sooner still; a second attempt is all the budget allows.
const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } }));

/**
 * Amazon Connect handler. Answers `{ result: "OK", caseStatus, statusText, nextStep,
 * updatedAt }` for a known case, `NOT_FOUND` for an unknown one, `INVALID_INPUT` when the case
 * number is missing or malformed, and `ERROR`, `THROTTLED` or `TIMEOUT` when the table cannot
 * answer in time. Environment: CASE_TABLE_NAME (required), TIME_BUDGET_MS (default 3000).
 */
export const handler = connectHandler(async (event, deadline) => {
  const { Parameters, ContactData } = event.Details;
  // A flow that maps the parameter from an unset attribute sends "", so fall back on blank too.
  const caseNumber = normalizeCaseNumber(Parameters.caseNumber?.trim() || ContactData.Attributes.caseNumber);
  if (caseNumber === undefined) {
    logger.info('case number missing or malformed');
    return connectResponse(HandlerResult.INVALID_INPUT);
  }
  const tableName = requireEnv('CASE_TABLE_NAME');

  const out = await withinDeadline(
    dynamodb.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { caseNumber: { S: caseNumber } },
        ConsistentRead: false,
        ProjectionExpression: '#status, nextStep, updatedAt',
        ExpressionAttributeNames: { '#status': 'status' }, // STATUS is a DynamoDB reserved word
      }),
      { abortSignal: deadline.signal },
    ),
    deadline,
  );
  if (out.Item === undefined) return connectResponse(HandlerResult.NOT_FOUND);

  const item = parseCaseItem(out.Item);
  if (!item.success) {
    logger.error('case item is malformed', { issues: describeIssues(item.issues, CASE_ITEM_FIELDS) });
    return connectResponse(HandlerResult.ERROR);
  }
  const language = callerLanguage(event);
  const code = item.data.status;
  const texts = Object.hasOwn(CASE_STATUS, code) ? CASE_STATUS[code] : UNKNOWN_STATUS;
  return connectResponse(HandlerResult.OK, {
    caseStatus: code,
    statusText: texts.status[language],
    nextStep: caseNextStep(item.data.nextStep, language) ?? texts.nextStep[language],
    updatedAt: truncateText(item.data.updatedAt ?? '', MAX_UPDATED_AT_CHARS) || undefined,
  });
});

/** The case's own next step in the caller's language, if it has a non-blank one, cut to {@link MAX_NEXT_STEP_CHARS}. */
function caseNextStep(nextStep: Partial<Record<Language, string>> | undefined, language: Language): string | undefined {
  const value = nextStep?.[language]?.trim();
  return value ? truncateText(value, MAX_NEXT_STEP_CHARS).trim() : undefined;
}
