/**
 * Per-handler inputs for the latency bench: a valid event, the environment, and what each
 * mocked AWS SDK command answers. The path measured is the main success path of each handler.
 * A handler without an entry here gets {@link genericFixture} (a valid Connect event, every
 * SDK call answering `{}`), and the table says so.
 */

/** What a mocked command answers: a value, or a thrown error. */
export type MockAnswer = (input: Record<string, unknown>) => unknown;

/** Inputs for one handler. */
export interface HandlerFixture {
  /** The path measured, for the table. */
  readonly path: string;
  /**
   * The bundle's export the function runs (its CDK `handler`, after the dot).
   * @default 'handler'
   */
  readonly exportName?: string;
  /** Environment variables the handler needs (besides the Lambda-like ones the bench sets). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Builds the event and the mocked answers, keyed by command class name (e.g. GetItemCommand).
   * Gets the loaded bundle's exports, for fixtures that need the handler's own helpers.
   */
  prepare(exports: Record<string, unknown>): { readonly event: unknown; readonly answers: Readonly<Record<string, MockAnswer>> };
}

const CONTACT_ID = '2f1b6c9e-8d4a-4f0e-9b7c-1a2b3c4d5e6f';
const CASE_NUMBER = 'CS-123 4567';
const PARTITION = 'aws-us-gov';
const PHONE_NUMBER_ID = '7c1a4e55-9a3b-0f6d-2c8e-4a1bb8f2e0d4';
const INSTANCE_ARN = ['arn', PARTITION, 'connect', 'us-gov-west-1', '123456789012', 'instance/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d'].join(':');

/** A valid Amazon Connect flow event with the given parameters and attributes. */
export function connectEvent(parameters: Record<string, string> = {}, attributes: Record<string, string> = {}): Record<string, unknown> {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: CONTACT_ID,
        InitialContactId: CONTACT_ID,
        Channel: 'VOICE',
        InstanceARN: INSTANCE_ARN,
        InitiationMethod: 'INBOUND',
        LanguageCode: 'en-US',
        Attributes: attributes,
        CustomerEndpoint: { Address: '+12025550143', Type: 'TELEPHONE_NUMBER' },
        SystemEndpoint: { Address: '+12025550100', Type: 'TELEPHONE_NUMBER' },
        Queue: { Name: 'General', ARN: `${INSTANCE_ARN}/queue/6e7f8a9b-0c1d-2e3f-4a5b-6c7d8e9f0a1b` },
      },
      Parameters: parameters,
    },
  };
}

/** A valid Lex V2 code-hook event. */
function lexEvent(intent: string, slots: Record<string, unknown>): Record<string, unknown> {
  return {
    messageVersion: '1.0',
    invocationSource: 'FulfillmentCodeHook',
    inputMode: 'Speech',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: CONTACT_ID,
    inputTranscript: `my case number is ${CASE_NUMBER}`,
    bot: { id: 'BOT1234ABC', name: 'citizen-services', aliasId: 'ALIASABCDE', aliasName: 'live', localeId: 'es_US', version: '4' },
    interpretations: [{ intent: { name: intent, slots, state: 'ReadyForFulfillment', confirmationState: 'None' }, nluConfidence: 0.93 }],
    requestAttributes: {},
    sessionState: {
      activeContexts: [],
      sessionAttributes: { language: 'es-US' },
      intent: { name: intent, slots, state: 'ReadyForFulfillment', confirmationState: 'None' },
      originatingRequestId: 'b8f2e0d4-7c1a-4e55-9a3b-0f6d2c8e4a1b',
    },
  };
}

const CASE_ITEM = {
  caseNumber: { S: 'CS1234567' },
  status: { S: 'IN_REVIEW' },
  nextStep: { M: { 'en-US': { S: 'Watch your mail for a letter.' }, 'es-US': { S: 'Espere una carta por correo.' } } },
  updatedAt: { S: '2026-11-02' },
};

/** Fixtures of the handlers known when the bench was written. */
export const FIXTURES: Readonly<Record<string, HandlerFixture>> = {
  'lex-fulfillment': {
    path: 'CheckCaseStatus fulfillment, es_US, case found',
    env: {
      CASE_TABLE_NAME: 'bench-cases',
      OFFICE_INFO: JSON.stringify({ en_US: 'Open 8 to 5.', es_US: 'Abierto de 8 a 5.' }),
    },
    prepare: () => ({
      event: lexEvent('CheckCaseStatus', {
        caseNumber: { shape: 'Scalar', value: { originalValue: CASE_NUMBER, interpretedValue: CASE_NUMBER, resolvedValues: [CASE_NUMBER] } },
      }),
      answers: { GetItemCommand: () => ({ Item: CASE_ITEM }) },
    }),
  },
  'case-status': {
    path: 'case found, next step in caller language',
    env: { CASE_TABLE_NAME: 'bench-cases' },
    prepare: () => ({
      event: connectEvent({ caseNumber: CASE_NUMBER, language: 'es-US' }),
      answers: { GetItemCommand: () => ({ Item: CASE_ITEM }) },
    }),
  },
  'contact-center-status': {
    path: 'closed (weather), CACHE_SECONDS=0 so every call reads SSM',
    env: { CLOSURE_PARAMETER_NAME: '/bench/closure', CACHE_SECONDS: '0' },
    prepare: () => ({
      event: connectEvent({ language: 'en-US' }),
      answers: {
        GetParameterCommand: () => ({
          Parameter: {
            Name: '/bench/closure',
            Type: 'String',
            Value: JSON.stringify({
              closed: true,
              reason: 'WEATHER',
              message: { 'en-US': 'All offices are closed today because of the ice storm.', 'es-US': 'Todas las oficinas están cerradas hoy por la tormenta de hielo.' },
            }),
          },
        }),
      },
    }),
  },
  'caller-verification': {
    path: 'PIN matches (2 UpdateItem, PBKDF2)',
    env: { VERIFICATION_TABLE_NAME: 'bench-verification' },
    prepare: (exports) => {
      const record = (exports.verificationRecord as (c: string, s: { pin: string }) => Record<string, unknown>)(CASE_NUMBER, { pin: '4821' });
      return {
        event: connectEvent({ caseNumber: CASE_NUMBER, pin: '4821' }),
        answers: { UpdateItemCommand: () => ({ Attributes: { ...record, failedAttempts: { N: '1' } } }) },
      };
    },
  },
  'chat-start': {
    path: 'web chat started (API Gateway event, StartChatContact)',
    env: {
      INSTANCE_ID: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
      CONTACT_FLOW_ID: '846ec553-a005-41c0-8341-0123456789ab',
      ALLOWED_ORIGINS: JSON.stringify(['https://benefits.example.gov']),
      CHAT_LANGUAGES: JSON.stringify(['en-US', 'es-US']),
      CHAT_TOPICS: JSON.stringify({ claims: `${INSTANCE_ARN}/queue/q-claims` }),
    },
    prepare: () => ({
      event: {
        httpMethod: 'POST',
        path: '/chat',
        headers: { origin: 'https://benefits.example.gov', 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'María Ortega', language: 'es-US', topic: 'claims', page: '/beneficios' }),
        isBase64Encoded: false,
      },
      answers: { StartChatContactCommand: () => ({ ContactId: CONTACT_ID, ParticipantId: 'participant-1', ParticipantToken: 'token-1' }) },
    }),
  },
  'phone-number': {
    path: 'isComplete: the claimed number is CLAIMED, bind its flow (DescribePhoneNumber + AssociatePhoneNumberContactFlow)',
    exportName: 'isComplete',
    env: { NUMBER_OWNER: 'bench-stack' },
    prepare: () => ({
      event: {
        RequestType: 'Create',
        RequestId: 'b8f2e0d4-7c1a-4e55-9a3b-0f6d2c8e4a1b',
        LogicalResourceId: 'MainNumber',
        PhysicalResourceId: PHONE_NUMBER_ID,
        ResourceProperties: {
          ServiceToken: ['arn', PARTITION, 'lambda', 'us-gov-west-1', '123456789012', 'function:bench-provider'].join(':'),
          InstanceArn: INSTANCE_ARN,
          ContactFlowArn: `${INSTANCE_ARN}/contact-flow/846ec553-a005-41c0-8341-0123456789ab`,
          CountryCode: 'US',
          Type: 'DID',
          Name: 'main',
        },
      },
      answers: {
        DescribePhoneNumberCommand: () => ({
          ClaimedPhoneNumberSummary: {
            PhoneNumberId: PHONE_NUMBER_ID,
            PhoneNumber: '+12025550100',
            PhoneNumberArn: ['arn', PARTITION, 'connect', 'us-gov-west-1', '123456789012', `phone-number/${PHONE_NUMBER_ID}`].join(':'),
            TargetArn: INSTANCE_ARN,
            PhoneNumberStatus: { Status: 'CLAIMED' },
            Tags: { 'gcck:stack': 'bench-stack' },
          },
        }),
        AssociatePhoneNumberContactFlowCommand: () => ({}),
      },
    }),
  },
  'survey-capture': {
    path: 'first answer: PutItem + PutObject',
    env: {
      SURVEY_TABLE_NAME: 'bench-surveys',
      SURVEY_BUCKET_NAME: 'bench-survey-bucket',
      SURVEY_KMS_KEY_ARN: ['arn', PARTITION, 'kms', 'us-gov-west-1', '123456789012', 'key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d'].join(':'),
      SURVEY_RETENTION_DAYS: '365',
      SURVEY_QUEUE_NAMES: JSON.stringify(['General']),
    },
    prepare: () => ({
      event: connectEvent({ satisfaction: '5', trust: '4', ease: '5', language: 'en-US' }),
      answers: { PutItemCommand: () => ({}), PutObjectCommand: () => ({ ETag: '"bench"' }) },
    }),
  },
};

/** Fixture of a handler the bench does not know yet: a valid Connect event; every SDK call answers `{}`. */
export const genericFixture: HandlerFixture = {
  path: 'no fixture: generic Connect event, every SDK call answers {}',
  env: {},
  prepare: () => ({ event: connectEvent({ language: 'en-US' }), answers: {} }),
};

/** Environment variables Lambda sets, plus the Powertools settings ConnectFunction gives every handler. */
export function lambdaEnvironment(handlerName: string, extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'UTC',
    AWS_REGION: 'us-gov-west-1',
    AWS_DEFAULT_REGION: 'us-gov-west-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: `bench-${handlerName}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    POWERTOOLS_SERVICE_NAME: handlerName,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
    POWERTOOLS_LOGGER_LOG_EVENT: 'false',
    ...extra,
  };
}
