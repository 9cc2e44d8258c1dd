/**
 * Case status lookup for callers. The flow collects the case number (DTMF or Lex) and passes
 * it as the `caseNumber` parameter (or leaves it in the `caseNumber` contact attribute); this
 * function reads the case from DynamoDB and answers with the status in the caller's language.
 *
 * The case number is never logged and never returned: the flow already has it, and log
 * groups are readable by more people than the case system is.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { callerLanguage, connectHandler, connectResponse, HandlerResult, logger, normalizeCaseNumber, requireEnv, tracer } from '../shared';
import { CASE_STATUS, Language, UNKNOWN_STATUS } from './messages';

/** A status code as the case system writes it: upper-case letters, digits and underscores. */
const STATUS_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

const text = z.looseObject({ S: z.string() });

/**
 * The case item as GetItem returns it (DynamoDB attribute values). `status` is required;
 * `nextStep` (a map of language to text) and `updatedAt` (ISO date) are optional.
 */
const caseItemSchema = z.looseObject({
  status: z.looseObject({ S: z.string().regex(STATUS_CODE) }),
  nextStep: z.looseObject({ M: z.looseObject({ 'en-US': text.optional(), 'es-US': text.optional() }) }).optional(),
  updatedAt: text.optional(),
});

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

  const out = await dynamodb.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { caseNumber: { S: caseNumber } },
      ConsistentRead: false,
      ProjectionExpression: '#status, nextStep, updatedAt',
      ExpressionAttributeNames: { '#status': 'status' }, // STATUS is a DynamoDB reserved word
    }),
    { abortSignal: deadline.signal },
  );
  if (out.Item === undefined) return connectResponse(HandlerResult.NOT_FOUND);

  const item = caseItemSchema.safeParse(out.Item);
  if (!item.success) {
    logger.error('case item is malformed', { issues: item.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) });
    return connectResponse(HandlerResult.ERROR);
  }
  const language = callerLanguage(event);
  const code = item.data.status.S;
  const texts = Object.hasOwn(CASE_STATUS, code) ? CASE_STATUS[code] : UNKNOWN_STATUS;
  return connectResponse(HandlerResult.OK, {
    caseStatus: code,
    statusText: texts.status[language],
    nextStep: caseNextStep(item.data.nextStep?.M, language) ?? texts.nextStep[language],
    updatedAt: item.data.updatedAt?.S,
  });
});

/** The case's own next step in the caller's language, if it has a non-blank one. */
function caseNextStep(nextStep: Partial<Record<Language, { S: string }>> | undefined, language: Language): string | undefined {
  const value = nextStep?.[language]?.S.trim();
  return value ? value : undefined;
}
