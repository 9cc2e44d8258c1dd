import {
  AssociatePhoneNumberContactFlowCommand,
  ClaimPhoneNumberCommand,
  ConnectClient,
  ConnectServiceException,
  DescribePhoneNumberCommand,
  DisassociatePhoneNumberContactFlowCommand,
  ListPhoneNumbersV2Command,
  ReleasePhoneNumberCommand,
  SearchAvailablePhoneNumbersCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { PHONE_NUMBER_LEDGER_TAGS } from '../../lib/constructs/phone-number';
import { clientToken, isComplete, onEvent } from '../../lambdas/phone-number';
import { LEDGER_TAGS } from '../../lambdas/phone-number/ledger';
import { captureOutput } from './helpers';

const connectMock = mockClient(ConnectClient);

const INSTANCE_ID = '11111111-2222-3333-4444-555555555555';
const INSTANCE_ARN = `arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/${INSTANCE_ID}`;
const OTHER_INSTANCE_ARN = 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/99999999-8888-7777-6666-555555555555';
const MAIN_FLOW_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const AFTER_HOURS_FLOW_ID = 'ffffffff-0000-1111-2222-333333333333';
const MAIN_FLOW_ARN = `${INSTANCE_ARN}/contact-flow/${MAIN_FLOW_ID}`;
const AFTER_HOURS_FLOW_ARN = `${INSTANCE_ARN}/contact-flow/${AFTER_HOURS_FLOW_ID}`;
const NUMBER = '+18005550100';
const NUMBER_ID = '0f0f0f0f-1111-2222-3333-444444444444';
const NUMBER_ARN = `arn:aws-us-gov:connect:us-gov-west-1:111111111111:phone-number/${NUMBER_ID}`;
const NEW_NUMBER = '+18885550123';
const NEW_NUMBER_ID = '0e0e0e0e-5555-6666-7777-888888888888';
const NEW_NUMBER_ARN = `arn:aws-us-gov:connect:us-gov-west-1:111111111111:phone-number/${NEW_NUMBER_ID}`;
const ADOPTED = '+12175550188';
const ADOPTED_ID = '0d0d0d0d-9999-aaaa-bbbb-cccccccccccc';
const ADOPTED_ARN = `arn:aws-us-gov:connect:us-gov-west-1:111111111111:phone-number/${ADOPTED_ID}`;
const REQUEST_ID = 'b1c2d3e4-0000-4000-8000-123456789abc';
const OWNER = 'arn:aws-us-gov:cloudformation:us-gov-west-1:111111111111:stack/Numbers/00000000-0000-4000-8000-000000000000';
const JURISDICTION_TAGS = { Jurisdiction: 'springfield', ManagedBy: 'gov-contact-center-kit' };
/** The ledger a number claimed by the entry "main" carries (releaseOnDelete as given). */
const HELD_BY_MAIN = (releaseOnDelete: 'true' | 'false' = 'false'): Record<string, string> => ({
  ...JURISDICTION_TAGS,
  'gcck:claimed-by': OWNER,
  'gcck:stack': OWNER,
  'gcck:entry': 'main',
  'gcck:release-on-delete': releaseOnDelete,
});
const CLAIM_TOKEN = clientToken('claim', REQUEST_ID);

/** Resource properties as CloudFormation passes them: every scalar a string. */
function properties(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const all: Record<string, unknown> = {
    ServiceToken: 'arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:Numbers-PhoneNumberProviderframeworkonEvent',
    InstanceArn: INSTANCE_ARN,
    ContactFlowArn: MAIN_FLOW_ARN,
    CountryCode: 'US',
    Type: 'TOLL_FREE',
    Prefix: '+1800',
    ReleaseOnDelete: 'false',
    Description: 'gov-contact-center-kit main',
    Name: 'main',
    Entries: ['main'],
    AdoptedNumbers: [],
    Tags: JURISDICTION_TAGS,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter((entry) => entry[1] !== undefined));
}

/** A Provider framework request (the onEvent and isComplete envelopes share these fields). */
function request(
  requestType: 'Create' | 'Update' | 'Delete',
  options: { props?: Record<string, unknown>; old?: Record<string, unknown>; physicalId?: string; data?: Record<string, string> } = {},
): Record<string, unknown> {
  return {
    RequestType: requestType,
    ServiceToken: 'arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:Numbers-PhoneNumberProviderframeworkonEvent',
    ResponseURL: 'https://cloudformation-custom-resource-response-usgovwest1.s3-us-gov-west-1.amazonaws.com/redacted',
    StackId: 'arn:aws-us-gov:cloudformation:us-gov-west-1:111111111111:stack/Numbers/00000000-0000-0000-0000-000000000000',
    RequestId: REQUEST_ID,
    LogicalResourceId: 'MainNumber',
    ResourceType: 'Custom::ConnectPhoneNumber',
    ResourceProperties: options.props ?? properties(),
    ...(options.old ? { OldResourceProperties: options.old } : {}),
    ...(options.physicalId ? { PhysicalResourceId: options.physicalId } : {}),
    ...(options.data ? { Data: options.data } : {}),
  };
}

/** DescribePhoneNumber's answer for a number of the instance. */
function described(
  status: 'IN_PROGRESS' | 'CLAIMED' | 'FAILED',
  options: { id?: string; number?: string; arn?: string; target?: string; message?: string; tags?: Record<string, string> } = {},
) {
  return {
    ClaimedPhoneNumberSummary: {
      PhoneNumberId: options.id ?? NUMBER_ID,
      PhoneNumberArn: options.arn ?? NUMBER_ARN,
      PhoneNumber: options.number ?? NUMBER,
      PhoneNumberCountryCode: 'US' as const,
      PhoneNumberType: 'TOLL_FREE' as const,
      TargetArn: options.target ?? INSTANCE_ARN,
      InstanceId: INSTANCE_ID,
      PhoneNumberStatus: { Status: status, ...(options.message ? { Message: options.message } : {}) },
      Tags: options.tags ?? HELD_BY_MAIN(),
    },
  };
}

/** An error as the Connect client raises it. */
function connectError(name: string, message = `mocked ${name}`): ConnectServiceException {
  return new ConnectServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: name === 'ThrottlingException' ? 429 : 400 } });
}

/** The error `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the handler to fail');
}

const savedEnv = { ...process.env };
let logs: string[] = [];

beforeEach(() => {
  connectMock.reset();
  // Retries back off for a millisecond here instead of a second.
  process.env = { ...savedEnv, RETRY_BASE_MS: '1', RETRY_ATTEMPTS: '4', POWERTOOLS_LOG_LEVEL: 'INFO', NUMBER_OWNER: OWNER };
  logs = captureOutput();
  // No number of the instance to inherit, and tags are written; tests override these.
  connectMock.on(ListPhoneNumbersV2Command).resolves({ ListPhoneNumbersSummaryList: [] });
  connectMock.on(TagResourceCommand).resolves({});
  connectMock.on(UntagResourceCommand).resolves({});
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
});

describe('phone number custom resource: ledger', () => {
  test('writes the tag keys the provider\'s IAM conditions name (the handler cannot import the construct)', () => {
    expect({ ...LEDGER_TAGS }).toEqual({ ...PHONE_NUMBER_LEDGER_TAGS });
  });
});

describe('phone number custom resource: create', () => {
  test('claims the first available number, waits until CLAIMED, then binds it to the flow', async () => {
    // Prepare
    connectMock.on(SearchAvailablePhoneNumbersCommand).resolves({ AvailableNumbersList: [{ PhoneNumber: NUMBER, PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE' }] });
    connectMock.on(ClaimPhoneNumberCommand).resolves({ PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN });
    connectMock.on(DescribePhoneNumberCommand).resolvesOnce(described('IN_PROGRESS')).resolves(described('CLAIMED'));
    connectMock.on(AssociatePhoneNumberContactFlowCommand).resolves({});

    // Act
    const started = await onEvent(request('Create'));
    const first = await isComplete(request('Create', { physicalId: started.PhysicalResourceId, data: started.Data }));
    const second = await isComplete(request('Create', { physicalId: started.PhysicalResourceId, data: started.Data }));

    // Assess
    expect(started).toEqual({ PhysicalResourceId: NUMBER_ID, Data: { PhoneNumber: NUMBER, PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN } });
    expect(connectMock.commandCalls(SearchAvailablePhoneNumbersCommand).map((call) => call.args[0].input)).toEqual([
      { TargetArn: INSTANCE_ARN, PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', PhoneNumberPrefix: '+1800', MaxResults: 10 },
    ]);
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand).map((call) => call.args[0].input)).toEqual([
      {
        TargetArn: INSTANCE_ARN,
        PhoneNumber: NUMBER,
        PhoneNumberDescription: `gov-contact-center-kit main (claim ${CLAIM_TOKEN.slice(0, 8)})`,
        Tags: HELD_BY_MAIN('false'),
        ClientToken: CLAIM_TOKEN,
      },
    ]);
    expect(first).toEqual({ IsComplete: false });
    expect(second).toEqual({ IsComplete: true, Data: { PhoneNumber: NUMBER, PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN } });
    expect(connectMock.commandCalls(AssociatePhoneNumberContactFlowCommand).map((call) => call.args[0].input)).toEqual([
      { PhoneNumberId: NUMBER_ID, InstanceId: INSTANCE_ID, ContactFlowId: MAIN_FLOW_ID },
    ]);
  });

  test('derives the claim token from the request id, as a lower-case UUID, the same on every attempt', () => {
    // Prepare
    const uuid = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

    // Act
    const again = clientToken('claim', REQUEST_ID);
    const release = clientToken('release', REQUEST_ID);
    const other = clientToken('claim', 'another-request');

    // Assess
    expect(CLAIM_TOKEN).toMatch(uuid);
    expect(again).toBe(CLAIM_TOKEN);
    expect(release).toMatch(uuid);
    expect(release).not.toBe(CLAIM_TOKEN);
    expect(other).not.toBe(CLAIM_TOKEN);
  });

  test('adopts a number already claimed to the instance without searching or claiming', async () => {
    // Prepare
    connectMock.on(ListPhoneNumbersV2Command).resolves({
      ListPhoneNumbersSummaryList: [{ PhoneNumberId: ADOPTED_ID, PhoneNumberArn: ADOPTED_ARN, PhoneNumber: ADOPTED, PhoneNumberType: 'DID', TargetArn: INSTANCE_ARN }],
    });
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { id: ADOPTED_ID, number: ADOPTED, arn: ADOPTED_ARN }));
    connectMock.on(AssociatePhoneNumberContactFlowCommand).resolves({});
    const props = properties({ Type: 'DID', Prefix: undefined, Adopt: ADOPTED });

    // Act
    const started = await onEvent(request('Create', { props }));
    const done = await isComplete(request('Create', { props, physicalId: started.PhysicalResourceId }));

    // Assess
    expect(started).toEqual({ PhysicalResourceId: ADOPTED_ID, Data: { PhoneNumber: ADOPTED, PhoneNumberId: ADOPTED_ID, PhoneNumberArn: ADOPTED_ARN } });
    expect(connectMock.commandCalls(ListPhoneNumbersV2Command).map((call) => call.args[0].input)).toEqual([
      { TargetArn: INSTANCE_ARN, PhoneNumberPrefix: ADOPTED, MaxResults: 100, NextToken: undefined },
    ]);
    expect(connectMock.commandCalls(SearchAvailablePhoneNumbersCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(TagResourceCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: ADOPTED_ARN, tags: { ...JURISDICTION_TAGS, 'gcck:stack': OWNER, 'gcck:adopted-by:main': 'true' } },
    ]);
    expect(done).toEqual({ IsComplete: true, Data: { PhoneNumber: ADOPTED, PhoneNumberId: ADOPTED_ID, PhoneNumberArn: ADOPTED_ARN } });
    expect(connectMock.commandCalls(AssociatePhoneNumberContactFlowCommand).map((call) => call.args[0].input)).toEqual([
      { PhoneNumberId: ADOPTED_ID, InstanceId: INSTANCE_ID, ContactFlowId: MAIN_FLOW_ID },
    ]);
  });

  test('fails with a clear reason when the number to adopt is not claimed to the instance', async () => {
    // Prepare
    connectMock.on(ListPhoneNumbersV2Command).resolves({ ListPhoneNumbersSummaryList: [] });

    // Act
    const error = await failure(onEvent(request('Create', { props: properties({ Prefix: undefined, Adopt: ADOPTED }) })));

    // Assess
    expect(error.message).toBe(
      `cannot adopt ${ADOPTED}: it is not claimed to the instance ${INSTANCE_ID}. Claim or port it to the instance first, or remove "adopt" to claim a new number.`,
    );
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(0);
  });

  test('fails with a clear reason when no number is available for the prefix', async () => {
    // Prepare
    connectMock.on(SearchAvailablePhoneNumbersCommand).resolves({ AvailableNumbersList: [] });

    // Act
    const error = await failure(onEvent(request('Create', { props: properties({ Type: 'DID', Prefix: '+1217555' }) })));

    // Assess
    expect(error.message).toBe('no DID number is available in US with the prefix +1217555; choose a shorter or another prefix, or none.');
    expect(error.stack).toBe(`PhoneNumberError: ${error.message}`);
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(0);
  });

  test('waits, rewriting the stack tag, while IAM does not yet let the handler describe the number it just tagged', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).rejectsOnce(connectError('AccessDeniedException', 'not authorized')).resolves(described('CLAIMED'));
    connectMock.on(AssociatePhoneNumberContactFlowCommand).resolves({});

    // Act
    const first = await isComplete(request('Create', { physicalId: NUMBER_ID }));
    const second = await isComplete(request('Create', { physicalId: NUMBER_ID }));

    // Assess
    expect(first).toEqual({ IsComplete: false });
    expect(connectMock.commandCalls(TagResourceCommand).map((call) => call.args[0].input)).toEqual([{ resourceArn: NUMBER_ARN, tags: { 'gcck:stack': OWNER } }]);
    expect(second).toEqual({ IsComplete: true, Data: { PhoneNumber: NUMBER, PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN } });
  });

  test('fails with Connect\'s status message when the claim ends FAILED', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('FAILED', { message: 'The phone number is no longer available.' }));

    // Act
    const error = await failure(isComplete(request('Create', { physicalId: NUMBER_ID })));

    // Assess
    expect(error.message).toBe(`claiming ${NUMBER} failed: The phone number is no longer available.`);
    expect(connectMock.commandCalls(AssociatePhoneNumberContactFlowCommand)).toHaveLength(0);
  });

  test('retries a throttled claim with the same number and token until it succeeds', async () => {
    // Prepare
    connectMock.on(SearchAvailablePhoneNumbersCommand).resolves({ AvailableNumbersList: [{ PhoneNumber: NUMBER }] });
    connectMock
      .on(ClaimPhoneNumberCommand)
      .rejectsOnce(connectError('ThrottlingException', 'Rate exceeded'))
      .rejectsOnce(connectError('ThrottlingException', 'Rate exceeded'))
      .resolves({ PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN });

    // Act
    const started = await onEvent(request('Create'));

    // Assess
    expect(started.PhysicalResourceId).toBe(NUMBER_ID);
    const claims = connectMock.commandCalls(ClaimPhoneNumberCommand).map((call) => call.args[0].input);
    expect(claims).toHaveLength(3);
    expect(new Set(claims.map((input) => `${input.PhoneNumber} ${input.ClientToken}`))).toEqual(new Set([`${NUMBER} ${CLAIM_TOKEN}`]));
  });

  test('fails with a clear reason when the claim stays throttled past the last attempt', async () => {
    // Prepare
    connectMock.on(SearchAvailablePhoneNumbersCommand).resolves({ AvailableNumbersList: [{ PhoneNumber: NUMBER }] });
    connectMock.on(ClaimPhoneNumberCommand).rejects(connectError('ThrottlingException', 'Rate exceeded'));

    // Act
    const error = await failure(onEvent(request('Create')));

    // Assess
    expect(error.message).toBe('ClaimPhoneNumber was throttled 4 times in a row; deploy again later (ThrottlingException)');
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(4);
  });

  test('uses the number an earlier attempt of the same request claimed when Connect refuses the token', async () => {
    // Prepare
    const description = `gov-contact-center-kit main (claim ${CLAIM_TOKEN.slice(0, 8)})`;
    connectMock.on(SearchAvailablePhoneNumbersCommand).resolves({ AvailableNumbersList: [{ PhoneNumber: NEW_NUMBER }] });
    connectMock.on(ClaimPhoneNumberCommand).rejects(connectError('IdempotencyException', 'An entity already exists with the same ClientToken'));
    connectMock.on(ListPhoneNumbersV2Command).resolves({
      ListPhoneNumbersSummaryList: [
        { PhoneNumberId: ADOPTED_ID, PhoneNumberArn: ADOPTED_ARN, PhoneNumber: ADOPTED, PhoneNumberDescription: 'front desk' },
        { PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN, PhoneNumber: NUMBER, PhoneNumberDescription: description },
      ],
    });

    // Act
    const started = await onEvent(request('Create'));

    // Assess
    expect(started).toEqual({ PhysicalResourceId: NUMBER_ID, Data: { PhoneNumber: NUMBER, PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN } });
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(1);
  });

  test('fails with every problem named when the properties are invalid', async () => {
    // Prepare
    const props = properties({ Type: 'MOBILE', Prefix: '1800', ContactFlowArn: `${OTHER_INSTANCE_ARN}/contact-flow/${MAIN_FLOW_ID}`, Extra: 'x' });

    // Act
    const error = await failure(onEvent(request('Create', { props })));

    // Assess
    expect(error.message).toBe(
      'invalid Custom::ConnectPhoneNumber properties: Type: must be DID or TOLL_FREE, got "MOBILE"; ' +
        'Prefix: must be "+1" followed by up to 9 digits, got "1800"; properties: Unrecognized key: "Extra"',
    );
    expect(connectMock.calls()).toHaveLength(0);
  });

  test('fails when the flow belongs to another instance', async () => {
    // Prepare
    const props = properties({ ContactFlowArn: `${OTHER_INSTANCE_ARN}/contact-flow/${MAIN_FLOW_ID}` });

    // Act
    const error = await failure(onEvent(request('Create', { props })));

    // Assess
    expect(error.message).toBe('invalid Custom::ConnectPhoneNumber properties: ContactFlowArn: the contact flow belongs to another instance than InstanceArn');
  });

  test('keeps a long reason under 1000 characters for the 4 KB custom resource response', async () => {
    // Prepare
    connectMock.on(SearchAvailablePhoneNumbersCommand).rejects(connectError('InvalidParameterException', 'x'.repeat(5000)));

    // Act
    const error = await failure(onEvent(request('Create')));

    // Assess
    expect(error.message).toHaveLength(1000);
    expect(error.message.startsWith('SearchAvailablePhoneNumbers failed: InvalidParameterException: xxx')).toBe(true);
    expect(error.stack).toBe(`PhoneNumberError: ${error.message}`);
  });

  test('names the handler log group in the reason, since the framework points at the default one', async () => {
    // Prepare
    process.env.AWS_LAMBDA_LOG_GROUP_NAME = 'Numbers-PhoneNumberProviderLogsF667A516-AbCdEf';
    connectMock.on(SearchAvailablePhoneNumbersCommand).rejects(connectError('AccessDeniedException', 'not authorized'));

    // Act
    const error = await failure(onEvent(request('Create')));

    // Assess
    expect(error.message).toBe('SearchAvailablePhoneNumbers failed: AccessDeniedException: not authorized (handler logs: Numbers-PhoneNumberProviderLogsF667A516-AbCdEf)');
  });
});

describe('phone number custom resource: update', () => {
  test('rebinds the same number when only the flow changes', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED'));
    connectMock.on(AssociatePhoneNumberContactFlowCommand).resolves({});
    const props = properties({ ContactFlowArn: AFTER_HOURS_FLOW_ARN });

    // Act
    const started = await onEvent(request('Update', { props, old: properties(), physicalId: NUMBER_ID }));
    const done = await isComplete(request('Update', { props, old: properties(), physicalId: started.PhysicalResourceId }));

    // Assess
    expect(started).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(SearchAvailablePhoneNumbersCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(0);
    expect(done).toEqual({ IsComplete: true, Data: { PhoneNumber: NUMBER, PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN } });
    expect(connectMock.commandCalls(AssociatePhoneNumberContactFlowCommand).map((call) => call.args[0].input)).toEqual([
      { PhoneNumberId: NUMBER_ID, InstanceId: INSTANCE_ID, ContactFlowId: AFTER_HOURS_FLOW_ID },
    ]);
  });

  test('keeps the number and rewrites its ledger when only releaseOnDelete or the description changes', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED'));
    const props = properties({ ReleaseOnDelete: 'true', Description: 'gov-contact-center-kit main line' });

    // Act
    const started = await onEvent(request('Update', { props, old: properties(), physicalId: NUMBER_ID }));

    // Assess
    expect(started).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(TagResourceCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: NUMBER_ARN, tags: { ...JURISDICTION_TAGS, 'gcck:stack': OWNER, 'gcck:entry': 'main', 'gcck:release-on-delete': 'true' } },
    ]);
  });

  test('keeps the number when the prefix narrows to one it still matches', async () => {
    // Prepare: the number is +18005550100; the prefix narrows from +1800 to +18005
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { tags: HELD_BY_MAIN('true') }));
    const props = properties({ Prefix: '+18005', ReleaseOnDelete: 'true' });

    // Act
    const started = await onEvent(request('Update', { props, old: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID }));

    // Assess
    expect(started).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(SearchAvailablePhoneNumbersCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
  });

  test('claims a new number when the prefix no longer matches, and takes the entry off the old number\'s ledger', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { tags: HELD_BY_MAIN('true') }));
    connectMock.on(SearchAvailablePhoneNumbersCommand).resolves({ AvailableNumbersList: [{ PhoneNumber: NEW_NUMBER }] });
    connectMock.on(ClaimPhoneNumberCommand).resolves({ PhoneNumberId: NEW_NUMBER_ID, PhoneNumberArn: NEW_NUMBER_ARN });
    const props = properties({ Prefix: '+1888', ReleaseOnDelete: 'true' });

    // Act
    const started = await onEvent(request('Update', { props, old: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID }));

    // Assess
    expect(started).toEqual({ PhysicalResourceId: NEW_NUMBER_ID, Data: { PhoneNumber: NEW_NUMBER, PhoneNumberId: NEW_NUMBER_ID, PhoneNumberArn: NEW_NUMBER_ARN } });
    expect(connectMock.commandCalls(SearchAvailablePhoneNumbersCommand).map((call) => call.args[0].input.PhoneNumberPrefix)).toEqual(['+1888']);
    expect(connectMock.commandCalls(UntagResourceCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: NUMBER_ARN, tagKeys: ['gcck:entry', 'gcck:release-on-delete'] },
    ]);
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
  });

  test('a renamed entry takes over the number of the entry that left the config instead of claiming one', async () => {
    // Prepare: "main" was renamed "main-line"; CloudFormation creates main-line before deleting main
    connectMock.on(ListPhoneNumbersV2Command).resolves({
      ListPhoneNumbersSummaryList: [{ PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN, PhoneNumber: NUMBER, PhoneNumberType: 'TOLL_FREE', TargetArn: INSTANCE_ARN }],
    });
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { tags: HELD_BY_MAIN('true') }));
    const props = properties({ Name: 'main-line', Entries: ['main-line'], ReleaseOnDelete: 'true' });

    // Act
    const started = await onEvent(request('Create', { props }));

    // Assess
    expect(started).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(TagResourceCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: NUMBER_ARN, tags: { ...JURISDICTION_TAGS, 'gcck:stack': OWNER, 'gcck:entry': 'main-line', 'gcck:release-on-delete': 'true' } },
    ]);
  });

  test('never takes over a number of an entry still in the config', async () => {
    // Prepare: a new entry "spanish" with the same type and prefix as "main", which stays
    connectMock.on(ListPhoneNumbersV2Command).resolves({
      ListPhoneNumbersSummaryList: [{ PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN, PhoneNumber: NUMBER, PhoneNumberType: 'TOLL_FREE', TargetArn: INSTANCE_ARN }],
    });
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED'));
    connectMock.on(SearchAvailablePhoneNumbersCommand).resolves({ AvailableNumbersList: [{ PhoneNumber: NEW_NUMBER }] });
    connectMock.on(ClaimPhoneNumberCommand).resolves({ PhoneNumberId: NEW_NUMBER_ID, PhoneNumberArn: NEW_NUMBER_ARN });

    // Act
    const started = await onEvent(request('Create', { props: properties({ Name: 'spanish', Entries: ['main', 'spanish'] }) }));

    // Assess
    expect(started.PhysicalResourceId).toBe(NEW_NUMBER_ID);
    expect(connectMock.commandCalls(TagResourceCommand)).toHaveLength(0);
  });

  test('adopts the configured number in place of the claimed one when adopt is added', async () => {
    // Prepare
    connectMock.on(ListPhoneNumbersV2Command).resolves({
      ListPhoneNumbersSummaryList: [{ PhoneNumberId: ADOPTED_ID, PhoneNumberArn: ADOPTED_ARN, PhoneNumber: ADOPTED, PhoneNumberType: 'TOLL_FREE' }],
    });
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED'));
    const props = properties({ Prefix: undefined, Adopt: ADOPTED });

    // Act
    const started = await onEvent(request('Update', { props, old: properties(), physicalId: NUMBER_ID }));

    // Assess
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    expect(connectMock.commandCalls(ClaimPhoneNumberCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(UntagResourceCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: NUMBER_ARN, tagKeys: ['gcck:entry', 'gcck:release-on-delete'] },
    ]);
  });

  test('does not bind a claimed number another entry adopts: the adopter binds its own flow', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED'));
    const props = properties({ AdoptedNumbers: [NUMBER] });

    // Act
    const done = await isComplete(request('Update', { props, old: properties(), physicalId: NUMBER_ID }));

    // Assess
    expect(done).toEqual({ IsComplete: true, Data: { PhoneNumber: NUMBER, PhoneNumberId: NUMBER_ID, PhoneNumberArn: NUMBER_ARN } });
    expect(connectMock.commandCalls(AssociatePhoneNumberContactFlowCommand)).toHaveLength(0);
  });
});

describe('phone number custom resource: delete', () => {
  test('unbinds the flow and keeps the number by default', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED'));
    connectMock.on(DisassociatePhoneNumberContactFlowCommand).resolves({});

    // Act
    const deleted = await onEvent(request('Delete', { physicalId: NUMBER_ID }));
    const done = await isComplete(request('Delete', { physicalId: NUMBER_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(done).toEqual({ IsComplete: true });
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand).map((call) => call.args[0].input)).toEqual([
      { PhoneNumberId: NUMBER_ID, InstanceId: INSTANCE_ID },
    ]);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(UntagResourceCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: NUMBER_ARN, tagKeys: ['gcck:entry', 'gcck:release-on-delete'] },
    ]);
    expect(logs.join('')).toContain('number kept: releaseOnDelete is false');
  });

  test('releases a number the stack claimed when the entry holding it is deleted with releaseOnDelete true', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { tags: HELD_BY_MAIN('true') }));
    connectMock.on(DisassociatePhoneNumberContactFlowCommand).resolves({});
    connectMock.on(ReleasePhoneNumberCommand).resolves({});

    // Act
    const deleted = await onEvent(request('Delete', { props: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(1);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand).map((call) => call.args[0].input)).toEqual([
      { PhoneNumberId: NUMBER_ID, ClientToken: clientToken('release', REQUEST_ID) },
    ]);
  });

  test('keeps a replaced number when CloudFormation deletes it with its old releaseOnDelete true', async () => {
    // Prepare: an update moved "main" to another number and took it off this one's ledger
    const { 'gcck:entry': _entry, 'gcck:release-on-delete': _release, ...detached } = HELD_BY_MAIN('true');
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { tags: detached }));
    connectMock.on(DisassociatePhoneNumberContactFlowCommand).resolves({});

    // Act
    const deleted = await onEvent(request('Delete', { props: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(1);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
  });

  test('leaves the number to the renamed entry when the old entry is deleted', async () => {
    // Prepare: "main-line" (the renamed "main") holds the number now
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { tags: { ...HELD_BY_MAIN('true'), 'gcck:entry': 'main-line' } }));

    // Act
    const deleted = await onEvent(request('Delete', { props: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(UntagResourceCommand)).toHaveLength(0);
  });

  test.each([
    ['an adopted-by tag', { 'gcck:adopted-by:front-desk': 'true' }, []],
    ['the config\'s adopted numbers', {}, [NUMBER]],
  ])('never releases a number another entry adopts (known from %s), and leaves the adopter\'s flow bound', async (_source, extraTags, adoptedNumbers) => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { tags: { ...HELD_BY_MAIN('true'), ...extraTags } }));

    // Act
    const deleted = await onEvent(request('Delete', { props: properties({ ReleaseOnDelete: 'true', AdoptedNumbers: adoptedNumbers }), physicalId: NUMBER_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(UntagResourceCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: NUMBER_ARN, tagKeys: ['gcck:entry', 'gcck:release-on-delete'] },
    ]);
  });

  test('never releases when the number\'s ledger says releaseOnDelete false, whatever the old properties say', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { tags: HELD_BY_MAIN('false') }));
    connectMock.on(DisassociatePhoneNumberContactFlowCommand).resolves({});

    // Act
    await onEvent(request('Delete', { props: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID }));

    // Assess
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
  });

  test('leaves a number without this stack\'s tag untouched (the role may not even describe it)', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).rejects(connectError('AccessDeniedException', 'not authorized'));

    // Act
    const deleted = await onEvent(request('Delete', { props: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
  });

  test('never releases an adopted number, even with releaseOnDelete true', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(
      described('CLAIMED', { id: ADOPTED_ID, number: ADOPTED, arn: ADOPTED_ARN, tags: { 'gcck:stack': OWNER, 'gcck:adopted-by:main': 'true' } }),
    );
    connectMock.on(DisassociatePhoneNumberContactFlowCommand).resolves({});
    const props = properties({ Prefix: undefined, Adopt: ADOPTED, ReleaseOnDelete: 'true' });

    // Act
    const deleted = await onEvent(request('Delete', { props, physicalId: ADOPTED_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: ADOPTED_ID });
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(1);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(UntagResourceCommand).map((call) => call.args[0].input)).toEqual([{ resourceArn: ADOPTED_ARN, tagKeys: ['gcck:adopted-by:main'] }]);
    expect(logs.join('')).toContain('number kept: it was adopted, and adopted numbers are never released');
  });

  test('never releases when the stored properties cannot be read', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED'));

    // Act
    const deleted = await onEvent(request('Delete', { props: { ServiceToken: 'x', ReleaseOnDelete: 'true' }, physicalId: NUMBER_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
  });

  test('leaves a number claimed to another instance untouched', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { target: OTHER_INSTANCE_ARN }));

    // Act
    const deleted = await onEvent(request('Delete', { props: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
  });

  test('succeeds without calls when the number no longer exists', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).rejects(connectError('ResourceNotFoundException', 'Phone number not found'));

    // Act
    const deleted = await onEvent(request('Delete', { props: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID }));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: NUMBER_ID });
    expect(connectMock.commandCalls(DescribePhoneNumberCommand)).toHaveLength(1);
    expect(connectMock.commandCalls(DisassociatePhoneNumberContactFlowCommand)).toHaveLength(0);
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
  });

  test('fails with a clear reason when the flow cannot be unbound', async () => {
    // Prepare
    connectMock.on(DescribePhoneNumberCommand).resolves(described('CLAIMED', { tags: HELD_BY_MAIN('true') }));
    connectMock.on(DisassociatePhoneNumberContactFlowCommand).rejects(connectError('AccessDeniedException', 'not authorized'));

    // Act
    const error = await failure(onEvent(request('Delete', { props: properties({ ReleaseOnDelete: 'true' }), physicalId: NUMBER_ID })));

    // Assess
    expect(error.message).toBe('DisassociatePhoneNumberContactFlow failed: AccessDeniedException: not authorized');
    expect(connectMock.commandCalls(ReleasePhoneNumberCommand)).toHaveLength(0);
  });
});
