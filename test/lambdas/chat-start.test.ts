import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ConnectClient, StartChatContactCommand } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { chatAttributes, handler, MAX_DISPLAY_NAME, REQUEST_KEYS, START_CHAT_REQUEST_JSON_SCHEMA } from '../../lambdas/chat-start';
import { CHAT_START_ATTRIBUTES } from '../../lib/flows/lint/rules/unset-attribute';
import { awsError, captureOutput, neverAnswers } from './helpers';

const connectMock = mockClient(ConnectClient);

const ORIGIN = 'https://benefits.pinecrest.example.gov';
const QUEUE_ARN = 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/i-1/queue/q-claims';
const NAME = 'María José Ortega';

/** An API Gateway (REST, proxy integration) event for POST /chat. */
function apiEvent(body: unknown, options: { origin?: string | null; raw?: boolean } = {}): APIGatewayProxyEvent {
  const origin = options.origin === undefined ? ORIGIN : options.origin;
  return {
    httpMethod: 'POST',
    path: '/chat',
    resource: '/chat',
    headers: origin === null ? {} : { origin, 'content-type': 'application/json' },
    multiValueHeaders: {},
    body: options.raw ? (body as string) : JSON.stringify(body),
    isBase64Encoded: false,
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
  };
}

const REQUEST = { displayName: NAME, language: 'es-US', topic: 'claims', page: '/beneficios/reclamos' };

let output: string[];
beforeEach(() => {
  connectMock.reset();
  output = captureOutput();
  process.env.INSTANCE_ID = 'instance-1';
  process.env.CONTACT_FLOW_ID = 'flow-chat';
  process.env.ALLOWED_ORIGINS = JSON.stringify([ORIGIN]);
  process.env.CHAT_LANGUAGES = JSON.stringify(['en-US', 'es-US']);
  process.env.CHAT_TOPICS = JSON.stringify({ claims: QUEUE_ARN, general: '' });
  delete process.env.TIME_BUDGET_MS;
});
afterEach(() => jest.restoreAllMocks());

const bodyOf = (result: { body: string }) => JSON.parse(result.body);

describe('chat-start handler', () => {
  test('starts a chat on the chat flow with the name and allow-listed attributes, and returns only the ids and token', async () => {
    // Prepare
    connectMock.on(StartChatContactCommand).resolves({ ContactId: 'contact-1', ParticipantId: 'participant-1', ParticipantToken: 'token-1', ContinuedFromContactId: 'x' });
    // Act
    const result = await handler(apiEvent(REQUEST));
    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ contactId: 'contact-1', participantId: 'participant-1', participantToken: 'token-1' });
    expect(result.headers).toMatchObject({ 'Access-Control-Allow-Origin': ORIGIN, 'Cache-Control': 'no-store', Vary: 'Origin' });
    expect(connectMock.commandCalls(StartChatContactCommand)[0].args[0].input).toEqual({
      InstanceId: 'instance-1',
      ContactFlowId: 'flow-chat',
      ParticipantDetails: { DisplayName: NAME },
      Attributes: { channelSource: 'web-chat', language: 'es-US', topic: 'claims', topicQueue: QUEUE_ARN, page: '/beneficios/reclamos' },
      SupportedMessagingContentTypes: ['text/plain'],
    });
  });

  test('sets no topicQueue for a topic that routes by language', async () => {
    connectMock.on(StartChatContactCommand).resolves({ ContactId: 'c', ParticipantId: 'p', ParticipantToken: 't' });
    await handler(apiEvent({ displayName: 'Ann', language: 'en-US', topic: 'general' }));
    expect(connectMock.commandCalls(StartChatContactCommand)[0].args[0].input.Attributes).toEqual({ channelSource: 'web-chat', language: 'en-US', topic: 'general' });
  });

  test('never logs the display name, page or token', async () => {
    connectMock.on(StartChatContactCommand).resolves({ ContactId: 'contact-1', ParticipantId: 'participant-1', ParticipantToken: 'secret-token' });
    await handler(apiEvent(REQUEST));
    const logs = output.join('');
    expect(logs).toContain('"outcome":"STARTED"');
    expect(logs).toContain('"contactId":"contact-1"');
    expect(logs).not.toContain('Ortega');
    expect(logs).not.toContain('reclamos');
    expect(logs).not.toContain('secret-token');
  });

  test.each([
    ['a site that is not listed', 'https://evil.example.com'],
    ['the http version of a listed site', 'http://benefits.pinecrest.example.gov'],
    ['no Origin header', null],
  ])('refuses %s with 403 ORIGIN_NOT_ALLOWED and no CORS header', async (_what, origin) => {
    const result = await handler(apiEvent(REQUEST, { origin }));
    expect(result.statusCode).toBe(403);
    expect(bodyOf(result)).toEqual({ error: 'ORIGIN_NOT_ALLOWED', message: 'This web site may not start chats.' });
    expect(result.headers).not.toHaveProperty('Access-Control-Allow-Origin');
    expect(connectMock.commandCalls(StartChatContactCommand)).toHaveLength(0);
  });

  test.each([
    ['an unknown attribute', { ...REQUEST, customerId: '123' }, ['customerId']],
    ['an oversized display name', { ...REQUEST, displayName: 'x'.repeat(MAX_DISPLAY_NAME + 1) }, ['displayName']],
    ['markup in the display name', { ...REQUEST, displayName: '<img src=x>' }, ['displayName']],
    ['a page with a query string', { ...REQUEST, page: '/apply?ssn=123456789' }, ['page']],
    ['a full URL as the page', { ...REQUEST, page: 'https://evil.example.com/' }, ['page']],
    ['a language the jurisdiction does not offer', { ...REQUEST, language: 'fr-CA' }, ['language']],
    ['a topic not in the config', { ...REQUEST, topic: 'taxes' }, ['topic']],
    ['no display name', { language: 'es-US' }, ['displayName']],
  ])('refuses %s with 400 INVALID_REQUEST naming the field, not its value', async (_what, body, fields) => {
    const result = await handler(apiEvent(body));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toEqual({ error: 'INVALID_REQUEST', message: `Check these fields: ${fields.join(', ')}.`, fields });
    expect(result.headers).toMatchObject({ 'Access-Control-Allow-Origin': ORIGIN });
    expect(connectMock.commandCalls(StartChatContactCommand)).toHaveLength(0);
  });

  test('refuses a body that is not JSON or is larger than 2 KB', async () => {
    expect(bodyOf(await handler(apiEvent('{"displayName":', { raw: true })))).toMatchObject({ error: 'INVALID_REQUEST', fields: ['body'] });
    expect(bodyOf(await handler(apiEvent(JSON.stringify({ ...REQUEST, page: `/${'a'.repeat(3000)}` }), { raw: true })))).toMatchObject({ fields: ['body'] });
  });

  test.each([
    ['ThrottlingException', 429, 'BUSY', '60'],
    ['LimitExceededException', 429, 'BUSY', '60'],
    ['InternalServiceException', 503, 'UNAVAILABLE', '30'],
  ])('answers Connect %s with %i %s and Retry-After', async (name, status, code, retryAfter) => {
    connectMock.on(StartChatContactCommand).rejects(awsError(name));
    const result = await handler(apiEvent(REQUEST));
    expect(result.statusCode).toBe(status);
    expect(bodyOf(result).error).toBe(code);
    expect(result.headers).toMatchObject({ 'Retry-After': retryAfter, 'Access-Control-Allow-Origin': ORIGIN });
  });

  test.each(['ResourceNotFoundException', 'AccessDeniedException', 'InvalidParameterException'])(
    'answers Connect %s (a deployment error) with 500 INTERNAL and no stack trace',
    async (name) => {
      connectMock.on(StartChatContactCommand).rejects(awsError(name));
      const result = await handler(apiEvent(REQUEST));
      expect(result.statusCode).toBe(500);
      expect(bodyOf(result)).toEqual({ error: 'INTERNAL', message: 'Chat could not be started. Please try again later.' });
      expect(result.body).not.toMatch(/\sat \S+ \(|Exception|mocked/);
    },
  );

  test('answers 503 UNAVAILABLE when Connect does not answer within the time budget', async () => {
    process.env.TIME_BUDGET_MS = '50';
    neverAnswers(connectMock);
    const result = await handler(apiEvent(REQUEST));
    expect(result.statusCode).toBe(503);
    expect(bodyOf(result).error).toBe('UNAVAILABLE');
  });

  test('answers 500 INTERNAL, not a crash, when its configuration is missing', async () => {
    delete process.env.CONTACT_FLOW_ID;
    const result = await handler(apiEvent(REQUEST));
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result).error).toBe('INTERNAL');
  });

  test('answers every body with well-formed JSON and a status of 200, 400 or 403, never throwing', async () => {
    connectMock.on(StartChatContactCommand).resolves({ ContactId: 'c', ParticipantId: 'p', ParticipantToken: 't' });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.dictionary(fc.constantFrom('displayName', 'language', 'topic', 'page', 'other'), fc.string())), async (body) => {
        const result = await handler(apiEvent(typeof body === 'string' ? body : JSON.stringify(body), { raw: true }));
        expect([200, 400]).toContain(result.statusCode);
        expect(() => JSON.parse(result.body)).not.toThrow();
      }),
      { seed: 1127, numRuns: 150 },
    );
  });
});

describe('chat start attributes', () => {
  test('are exactly the ones the flow linter knows a chat starts with', () => {
    // Prepare: a request with every optional field and a topic routed to its own queue
    const request = { displayName: NAME, language: 'es-US', topic: 'claims', page: '/benefits/apply' } as Parameters<typeof chatAttributes>[0];
    // Act
    const keys = Object.keys(chatAttributes(request, new Map([['claims', QUEUE_ARN]])));
    // Assess
    expect(keys.sort()).toEqual([...CHAT_START_ATTRIBUTES].sort());
  });
});

describe('start-chat request schemas', () => {
  test('the API Gateway model and the handler check allow the same keys and limits', () => {
    expect(Object.keys(START_CHAT_REQUEST_JSON_SCHEMA.properties).sort()).toEqual([...REQUEST_KEYS].sort());
    expect(START_CHAT_REQUEST_JSON_SCHEMA.properties.displayName.maxLength).toBe(MAX_DISPLAY_NAME);
    const pattern = new RegExp(START_CHAT_REQUEST_JSON_SCHEMA.properties.page.pattern);
    expect(pattern.test('/a/b')).toBe(true);
    expect(pattern.test('/a?b=1')).toBe(false);
  });
});
