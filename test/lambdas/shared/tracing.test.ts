import * as dgram from 'node:dgram';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { connectHandler } from '../../../lambdas/shared/connect-handler';
import { connectResponse, HandlerResult } from '../../../lambdas/shared/connect-response';
import { daemonAddress, newId, parseTraceHeader, SubsegmentDocument, XRayTracer } from '../../../lambdas/shared/tracing';
import { tracer as kitTracer } from '../../../lambdas/shared/powertools';
import { captureOutput } from '../helpers';

const ROOT = '1-6745a1b2-0123456789abcdef01234567';
const FUNCTION_SEGMENT = '53995c3f42cd8ad8';
const SAMPLED = `Root=${ROOT};Parent=${FUNCTION_SEGMENT};Sampled=1;Lineage=a87bd80c:1`;

const EVENT = { Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: 'c-1', Attributes: {} }, Parameters: {} } };

/** A DynamoDB client whose HTTP layer answers locally (no network); records the requests it got. */
function localDynamo(status: number, body: object, headers: Record<string, string> = {}): { client: DynamoDBClient; requests: Array<{ headers: Record<string, string> }> } {
  const requests: Array<{ headers: Record<string, string> }> = [];
  const client = new DynamoDBClient({
    region: 'us-gov-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        requests.push({ headers: { ...request.headers } });
        return { response: { statusCode: status, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'REQ123', ...headers }, body: Buffer.from(JSON.stringify(body)) } };
      },
    },
  });
  return { client, requests };
}

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
  process.env.AWS_LAMBDA_FUNCTION_NAME = 'case-status-fn';
  process.env.POWERTOOLS_SERVICE_NAME = 'case-status';
  process.env._HANDLER = 'index.handler';
  process.env._X_AMZN_TRACE_ID = SAMPLED;
  delete process.env.POWERTOOLS_TRACE_ENABLED;
  captureOutput();
});
afterEach(() => {
  process.env = saved;
  jest.restoreAllMocks();
});

describe('parseTraceHeader', () => {
  test('reads root, parent, sampling and keeps the other fields for downstream', () => {
    expect(parseTraceHeader(SAMPLED)).toEqual({ root: ROOT, parent: FUNCTION_SEGMENT, sampled: true, extra: 'Lineage=a87bd80c:1' });
    expect(parseTraceHeader(`Root=${ROOT};Sampled=0`)).toEqual({ root: ROOT, parent: undefined, sampled: false, extra: '' });
  });

  test('rejects a header without a valid root', () => {
    expect(parseTraceHeader(undefined)).toBeUndefined();
    expect(parseTraceHeader('Parent=53995c3f42cd8ad8;Sampled=1')).toBeUndefined();
    expect(parseTraceHeader('Root=not-a-trace;Sampled=1')).toBeUndefined();
  });
});

describe('newId', () => {
  test('gives 16 hex digits, never the same id twice, across many refills of its random pool', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(ids.every((id) => /^[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('daemonAddress', () => {
  test('reads host:port and the udp part of "udp:… tcp:…", else the X-Ray default', () => {
    expect(daemonAddress('169.254.79.129:2000')).toEqual({ host: '169.254.79.129', port: 2000 });
    expect(daemonAddress('tcp:127.0.0.1:2001 udp:127.0.0.2:2002')).toEqual({ host: '127.0.0.2', port: 2002 });
    expect(daemonAddress(undefined)).toEqual({ host: '127.0.0.1', port: 2000 });
  });
});

describe('XRayTracer', () => {
  test('records the handler as a subsegment under the function segment, ColdStart only on the first invocation', async () => {
    // Prepare
    const sent: SubsegmentDocument[] = [];
    const tracer = new XRayTracer({ sink: (d) => sent.push(d) });
    const handler = tracer.captureHandler(async (n: number) => n * 2);

    // Act
    const answers = [await handler(1), await handler(2)];

    // Assess
    expect(answers).toEqual([2, 4]);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ type: 'subsegment', trace_id: ROOT, parent_id: FUNCTION_SEGMENT, name: '## index.handler', annotations: { ColdStart: true, Service: 'case-status' } });
    expect(sent[1].annotations).toEqual({ ColdStart: false, Service: 'case-status' });
    expect(sent[0].id).toMatch(/^[0-9a-f]{16}$/);
    expect(sent[0].end_time! >= sent[0].start_time).toBe(true);
  });

  test('records nothing for an unsampled invocation, outside Lambda, or with POWERTOOLS_TRACE_ENABLED=false', async () => {
    const sent: SubsegmentDocument[] = [];
    const tracer = new XRayTracer({ sink: (d) => sent.push(d) });
    const handler = tracer.captureHandler(async () => 'ok');

    process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=${FUNCTION_SEGMENT};Sampled=0`;
    await handler();
    process.env._X_AMZN_TRACE_ID = SAMPLED;
    process.env.POWERTOOLS_TRACE_ENABLED = 'false';
    await handler();
    delete process.env.POWERTOOLS_TRACE_ENABLED;
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    await handler();

    expect(sent).toEqual([]);
  });

  test('records an SDK call as an aws subsegment nested under the handler and passes the trace on in X-Amzn-Trace-Id', async () => {
    // Prepare
    const sent: SubsegmentDocument[] = [];
    const tracer = new XRayTracer({ sink: (d) => sent.push(d) });
    const { client, requests } = localDynamo(200, { Item: { caseNumber: { S: 'CS1234567' } } });
    tracer.captureAWSv3Client(client);
    const handler = tracer.captureHandler(async () => client.send(new GetItemCommand({ TableName: 'cases', Key: { caseNumber: { S: 'CS1234567' } } })));

    // Act
    const output = await handler();

    // Assess
    expect(output.Item).toEqual({ caseNumber: { S: 'CS1234567' } });
    expect(sent.map((d) => d.name)).toEqual(['DynamoDB', '## index.handler']);
    const [call, handlerSegment] = sent;
    expect(call).toMatchObject({
      type: 'subsegment',
      trace_id: ROOT,
      parent_id: handlerSegment.id,
      namespace: 'aws',
      aws: { operation: 'GetItem', region: 'us-gov-west-1', request_id: 'REQ123', retries: 0, table_name: 'cases' },
      http: { response: { status: 200 } },
    });
    expect(call.error ?? call.fault ?? call.throttle).toBeUndefined();
    expect(requests[0].headers['X-Amzn-Trace-Id']).toBe(`Root=${ROOT};Parent=${call.id};Sampled=1;Lineage=a87bd80c:1`);
  });

  test('flags a throttled SDK call as throttle and error, with the exception type and a redacted message', async () => {
    const sent: SubsegmentDocument[] = [];
    const tracer = new XRayTracer({ sink: (d) => sent.push(d) });
    const { client } = localDynamo(400, { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Rate exceeded for case CS1234567' });
    tracer.captureAWSv3Client(client);
    const handler = tracer.captureHandler(async () => client.send(new GetItemCommand({ TableName: 'cases', Key: { caseNumber: { S: 'CS1234567' } } })));

    await expect(handler()).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });

    const call = sent.find((d) => d.name === 'DynamoDB')!;
    expect(call).toMatchObject({ throttle: true, error: true, http: { response: { status: 400 } } });
    expect(call.fault).toBeUndefined();
    expect(call.cause!.exceptions[0]).toMatchObject({ type: 'ProvisionedThroughputExceededException', remote: true });
    expect(call.cause!.exceptions[0].message).not.toContain('1234567');
    expect(sent.find((d) => d.name === '## index.handler')).toMatchObject({ error: true });
  });

  test('leaves SDK calls made outside a traced handler untouched (no subsegment; the header is the SDK\'s own)', async () => {
    const sent: SubsegmentDocument[] = [];
    const tracer = new XRayTracer({ sink: (d) => sent.push(d) });
    const { client, requests } = localDynamo(200, {});
    tracer.captureAWSv3Client(tracer.captureAWSv3Client(client));

    await client.send(new GetItemCommand({ TableName: 'cases', Key: { caseNumber: { S: 'x' } } }));

    expect(sent).toEqual([]);
    // The SDK's recursion-detection middleware forwards Lambda's header as it is, parented to the function segment.
    expect(requests[0].headers['X-Amzn-Trace-Id']).toBe(SAMPLED);
  });

  test('a kit Connect handler sends its subsegment, annotated with the result, to the daemon over UDP', async () => {
    // Prepare: a local "daemon" on the loopback interface.
    const daemon = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${daemon.address().port}`;
    const received = new Promise<string>((resolve) => daemon.once('message', (message) => resolve(message.toString())));
    const handler = connectHandler(async () => connectResponse(HandlerResult.NOT_FOUND));

    try {
      // Act
      const response = await handler(EVENT);
      const datagram = await received;

      // Assess
      expect(response).toEqual({ result: 'NOT_FOUND' });
      const [header, body] = datagram.split('\n');
      expect(JSON.parse(header)).toEqual({ format: 'json', version: 1 });
      expect(JSON.parse(body)).toMatchObject({ type: 'subsegment', trace_id: ROOT, parent_id: FUNCTION_SEGMENT, name: '## index.handler', annotations: { Service: 'case-status', Result: 'NOT_FOUND' } });
    } finally {
      daemon.close();
    }
  });

  test('the kit tracer is the X-Ray-SDK-free one', () => {
    expect(kitTracer).toBeInstanceOf(XRayTracer);
  });
});
