/**
 * Events and environments shared by the cross-handler suites (deadlines, fuzz): one valid
 * event per handler, the environment it needs, and the handler itself.
 */
import { handler as callerVerification } from '../../lambdas/caller-verification';
import { handler as caseStatus } from '../../lambdas/case-status';
import { handler as contactCenterStatus, resetCacheForTests } from '../../lambdas/contact-center-status';
import { handler as lexFulfillment } from '../../lambdas/lex-fulfillment';
import { handler as surveyCapture } from '../../lambdas/survey-capture';

export const CONTACT_ID = 'c0ffee00-1111-2222-3333-444455556666';

/** The environment every handler below needs (each reads only its own variables). */
export const HANDLER_ENV: Readonly<Record<string, string>> = {
  CASE_TABLE_NAME: 'CaseTable',
  VERIFICATION_TABLE_NAME: 'VerificationTable',
  CLOSURE_PARAMETER_NAME: '/contact-center/closure',
  SURVEY_TABLE_NAME: 'SurveyTable',
  SURVEY_BUCKET_NAME: 'survey-bucket',
  SURVEY_KMS_KEY_ARN: 'key-arn-placeholder',
  SURVEY_RETENTION_DAYS: '365',
  SURVEY_QUEUE_NAMES: JSON.stringify(['General', 'Benefits']),
  OFFICE_INFO: JSON.stringify({ en_US: 'We are open 8 to 5.', es_US: 'Abrimos de 8 a 5.' }),
};

/** A contact-flow event with these flow parameters and contact attributes. */
export function connectEvent(parameters: Record<string, string>, attributes: Record<string, string> = {}): Record<string, unknown> {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: CONTACT_ID,
        InitialContactId: CONTACT_ID,
        Channel: 'VOICE',
        LanguageCode: 'en-US',
        Attributes: attributes,
        CustomerEndpoint: { Address: '+12025550143', Type: 'TELEPHONE_NUMBER' },
        Queue: { Name: 'General' },
      },
      Parameters: parameters,
    },
  };
}

/** A Lex V2 code-hook event of the citizen-services bot with these slots (values as spoken). */
export function lexEvent(intent: string, slots: Record<string, string>, sessionAttributes: Record<string, string> = {}, locale = 'en_US'): Record<string, unknown> {
  const slotValues = Object.fromEntries(Object.entries(slots).map(([name, text]) => [name, { value: { originalValue: text, interpretedValue: text, resolvedValues: [text] } }]));
  return {
    messageVersion: '1.0',
    invocationSource: 'FulfillmentCodeHook',
    inputMode: 'Speech',
    sessionId: 'session-0001',
    inputTranscript: 'my case number',
    bot: { id: 'BOT1234ABC', name: 'citizen-services', aliasId: 'ALIASABCDE', aliasName: 'live', localeId: locale, version: '1' },
    sessionState: { sessionAttributes, intent: { name: intent, slots: slotValues, state: 'ReadyForFulfillment', confirmationState: 'None' } },
  };
}

/** A handler as the suites call it. */
export type AnyHandler = (event: unknown) => Promise<unknown>;

/** The Connect handlers with an event that reaches their downstream calls. */
export const CONNECT_HANDLERS: ReadonlyArray<{ readonly name: string; readonly handler: AnyHandler; readonly event: () => Record<string, unknown>; readonly reset?: () => void }> = [
  { name: 'case-status', handler: caseStatus, event: () => connectEvent({ caseNumber: 'CS1234567' }) },
  { name: 'caller-verification', handler: callerVerification, event: () => connectEvent({ caseNumber: 'CS1234567', pin: '4821' }) },
  { name: 'contact-center-status', handler: contactCenterStatus, event: () => connectEvent({}), reset: resetCacheForTests },
  { name: 'survey-capture', handler: surveyCapture, event: () => connectEvent({ satisfaction: '4', trust: '5', ease: '3' }) },
];

/** The Lex code hook with an event that reaches its downstream call. */
export const LEX_HANDLER = { name: 'lex-fulfillment', handler: lexFulfillment as AnyHandler, event: () => lexEvent('CheckCaseStatus', { caseNumber: 'CS1234567' }) };
