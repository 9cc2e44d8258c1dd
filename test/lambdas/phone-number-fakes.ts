/**
 * A fake Amazon Connect (phone numbers only) and a fake CloudFormation that drives the phone
 * number handler the way CloudFormation and the Provider framework do, for the model-based test.
 *
 * The fake Connect enforces the IAM conditions lib/constructs/phone-number.ts writes (a request
 * the role would be refused fails with AccessDeniedException), so the handler is also checked
 * against its own permissions. The fake CloudFormation follows the documented update order:
 * creates and updates first (an update that answers another physical id is a replacement), then
 * in the cleanup phase a Delete for every removed resource and every replaced physical id, with
 * the properties it had before the update; a stack delete sends Delete with the current ones.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requesttypes-update.html
 */
import {
  AssociatePhoneNumberContactFlowCommand,
  ClaimPhoneNumberCommand,
  ConnectServiceException,
  DescribePhoneNumberCommand,
  DisassociatePhoneNumberContactFlowCommand,
  ListPhoneNumbersV2Command,
  ReleasePhoneNumberCommand,
  SearchAvailablePhoneNumbersCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-connect';
import type { AwsStub } from 'aws-sdk-client-mock';
import { PHONE_NUMBER_LEDGER_TAGS as LEDGER } from '../../lib/constructs/phone-number';

export const ACCOUNT = '111111111111';
export const INSTANCE_ID = '11111111-2222-3333-4444-555555555555';
export const INSTANCE_ARN = `arn:aws-us-gov:connect:us-gov-west-1:${ACCOUNT}:instance/${INSTANCE_ID}`;
export const OWNER = `arn:aws-us-gov:cloudformation:us-gov-west-1:${ACCOUNT}:stack/Numbers/00000000-0000-4000-8000-000000000000`;

/** A number in the fake instance. */
export interface FakeNumber {
  readonly id: string;
  readonly arn: string;
  readonly phoneNumber: string;
  readonly type: 'TOLL_FREE' | 'DID';
  status: 'IN_PROGRESS' | 'CLAIMED';
  tags: Record<string, string>;
  flowId?: string;
  description?: string;
}

function denied(what: string): ConnectServiceException {
  return new ConnectServiceException({ name: 'AccessDeniedException', message: `fake IAM: ${what}`, $fault: 'client', $metadata: { httpStatusCode: 403 } });
}
function notFound(id: string): ConnectServiceException {
  return new ConnectServiceException({ name: 'ResourceNotFoundException', message: `no number ${id}`, $fault: 'client', $metadata: { httpStatusCode: 404 } });
}

/** Numbers the carrier offers, in the order a search lists them. */
const POOL: ReadonlyArray<{ phoneNumber: string; type: 'TOLL_FREE' | 'DID' }> = [
  ...['+1800555', '+1888555'].flatMap((area) => Array.from({ length: 12 }, (_, i) => ({ phoneNumber: `${area}${String(101 + i).padStart(4, '0')}`, type: 'TOLL_FREE' as const }))),
  ...['+1217555', '+1312555'].flatMap((area) => Array.from({ length: 12 }, (_, i) => ({ phoneNumber: `${area}${String(101 + i).padStart(4, '0')}`, type: 'DID' as const }))),
];

/** The allowed tag keys TagResource may write (mirrors the TagNumbers statement). */
function tagKeyAllowed(key: string, extraKeys: readonly string[]): boolean {
  return key === LEDGER.stack || key === LEDGER.entry || key === LEDGER.releaseOnDelete || key.startsWith(LEDGER.adoptedByPrefix) || extraKeys.includes(key);
}

/** A fake Connect: claimed numbers, released numbers, and the IAM conditions of the provider's role. */
export class FakeConnect {
  readonly numbers = new Map<string, FakeNumber>();
  /** E.164 numbers released, in order. */
  readonly released: string[] = [];
  private readonly tokens = new Map<string, string>();
  private nextId = 1;

  constructor(private readonly jurisdictionTagKeys: readonly string[]) {
    this.define();
  }

  /** An independent copy (the model-based test branches the world at every edit). */
  clone(): FakeConnect {
    const copy = new FakeConnect(this.jurisdictionTagKeys);
    for (const [id, number] of this.numbers) copy.numbers.set(id, { ...number, tags: { ...number.tags } });
    copy.released.push(...this.released);
    for (const [token, id] of this.tokens) copy.tokens.set(token, id);
    copy.nextId = this.nextId;
    return copy;
  }

  /** A number claimed to the instance outside the stack (no ledger tags). */
  addExternal(phoneNumber: string, type: 'TOLL_FREE' | 'DID'): FakeNumber {
    return this.add(phoneNumber, type, 'CLAIMED', {});
  }

  private add(phoneNumber: string, type: 'TOLL_FREE' | 'DID', status: FakeNumber['status'], tags: Record<string, string>): FakeNumber {
    const id = `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
    const number: FakeNumber = { id, arn: `arn:aws-us-gov:connect:us-gov-west-1:${ACCOUNT}:phone-number/${id}`, phoneNumber, type, status, tags: { ...tags } };
    this.numbers.set(id, number);
    return number;
  }

  private byArn(arn: string): FakeNumber {
    const number = [...this.numbers.values()].find((candidate) => candidate.arn === arn);
    if (number === undefined) throw notFound(arn);
    return number;
  }

  private get(id: string): FakeNumber {
    const number = this.numbers.get(id);
    if (number === undefined) throw notFound(id);
    return number;
  }

  private managed(number: FakeNumber, action: string): void {
    if (number.tags[LEDGER.stack] !== OWNER) throw denied(`${action} needs ${LEDGER.stack}=${OWNER} on ${number.id}`);
  }

  /**
   * Answers one command. (One dispatcher on the client's `send` rather than a matcher per
   * command: sinon's argument matching made the walk of thousands of sequences ten times slower.)
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async handle(command: { input: any; constructor: unknown }): Promise<unknown> {
    const handler = this.handlers.get(command.constructor);
    if (handler === undefined) throw new Error(`the fake Connect has no ${String((command.constructor as { name?: string }).name)}`);
    return handler(command.input);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly handlers = new Map<unknown, (input: any) => Promise<unknown>>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private on(command: unknown): { callsFake: (fn: (input: any) => Promise<unknown>) => void } {
    return { callsFake: (fn) => void this.handlers.set(command, fn) };
  }

  /** Defines the fake's answers (mirroring the provider role's IAM conditions). */
  private define(): void {
    const mock = { on: (command: unknown) => this.on(command) };
    mock.on(SearchAvailablePhoneNumbersCommand).callsFake(async (input) => {
      const taken = new Set([...[...this.numbers.values()].map((number) => number.phoneNumber), ...this.released]);
      const list = POOL.filter((offer) => offer.type === input.PhoneNumberType && offer.phoneNumber.startsWith(input.PhoneNumberPrefix ?? '+') && !taken.has(offer.phoneNumber));
      return { AvailableNumbersList: list.slice(0, input.MaxResults ?? 10).map((offer) => ({ PhoneNumber: offer.phoneNumber, PhoneNumberCountryCode: 'US', PhoneNumberType: offer.type })) };
    });
    mock.on(ClaimPhoneNumberCommand).callsFake(async (input) => {
      const tags = input.Tags ?? {};
      if (input.TargetArn !== INSTANCE_ARN) throw denied('ClaimPhoneNumber outside the instance');
      if (tags[LEDGER.claimedBy] !== OWNER || tags[LEDGER.stack] !== OWNER) throw denied('ClaimPhoneNumber without the ledger tags');
      const earlier = this.tokens.get(input.ClientToken);
      if (earlier !== undefined) return { PhoneNumberId: earlier, PhoneNumberArn: this.get(earlier).arn };
      const offer = POOL.find((candidate) => candidate.phoneNumber === input.PhoneNumber);
      if (offer === undefined || [...this.numbers.values()].some((number) => number.phoneNumber === input.PhoneNumber) || this.released.includes(input.PhoneNumber)) {
        throw new ConnectServiceException({ name: 'InvalidParameterException', message: 'not available', $fault: 'client', $metadata: {} });
      }
      const number = this.add(offer.phoneNumber, offer.type, 'IN_PROGRESS', tags);
      number.description = input.PhoneNumberDescription;
      this.tokens.set(input.ClientToken, number.id);
      return { PhoneNumberId: number.id, PhoneNumberArn: number.arn };
    });
    mock.on(DescribePhoneNumberCommand).callsFake(async (input) => {
      const number = this.get(input.PhoneNumberId);
      this.managed(number, 'DescribePhoneNumber');
      const summary = {
        PhoneNumberId: number.id,
        PhoneNumberArn: number.arn,
        PhoneNumber: number.phoneNumber,
        PhoneNumberCountryCode: 'US',
        PhoneNumberType: number.type,
        TargetArn: INSTANCE_ARN,
        InstanceId: INSTANCE_ID,
        PhoneNumberStatus: { Status: number.status },
        Tags: { ...number.tags },
      };
      // A claim finishes between two looks.
      number.status = 'CLAIMED';
      return { ClaimedPhoneNumberSummary: summary };
    });
    mock.on(ListPhoneNumbersV2Command).callsFake(async (input) => ({
      ListPhoneNumbersSummaryList: [...this.numbers.values()]
        .filter((number) => input.TargetArn === INSTANCE_ARN && number.phoneNumber.startsWith(input.PhoneNumberPrefix ?? '+'))
        .map((number) => ({
          PhoneNumberId: number.id,
          PhoneNumberArn: number.arn,
          PhoneNumber: number.phoneNumber,
          PhoneNumberCountryCode: 'US',
          PhoneNumberType: number.type,
          TargetArn: INSTANCE_ARN,
          InstanceId: INSTANCE_ID,
          PhoneNumberDescription: number.description,
        })),
    }));
    mock.on(AssociatePhoneNumberContactFlowCommand).callsFake(async (input) => {
      const number = this.get(input.PhoneNumberId);
      this.managed(number, 'AssociatePhoneNumberContactFlow');
      if (input.InstanceId !== INSTANCE_ID) throw denied('AssociatePhoneNumberContactFlow outside the instance');
      number.flowId = input.ContactFlowId;
      return {};
    });
    mock.on(DisassociatePhoneNumberContactFlowCommand).callsFake(async (input) => {
      const number = this.get(input.PhoneNumberId);
      this.managed(number, 'DisassociatePhoneNumberContactFlow');
      if (number.flowId === undefined) throw notFound(`flow of ${number.id}`);
      number.flowId = undefined;
      return {};
    });
    mock.on(TagResourceCommand).callsFake(async (input) => {
      const number = this.byArn(input.resourceArn);
      const tags: Record<string, string> = input.tags ?? {};
      if (tags[LEDGER.stack] !== OWNER) throw denied(`TagResource without ${LEDGER.stack}=${OWNER} in the request`);
      const refused = Object.keys(tags).filter((key) => !tagKeyAllowed(key, this.jurisdictionTagKeys));
      if (refused.length > 0) throw denied(`TagResource may not write ${refused.join(', ')}`);
      Object.assign(number.tags, tags);
      return {};
    });
    mock.on(UntagResourceCommand).callsFake(async (input) => {
      const number = this.byArn(input.resourceArn);
      this.managed(number, 'UntagResource');
      const keys: string[] = input.tagKeys ?? [];
      const refused = keys.filter((key) => !(key === LEDGER.entry || key === LEDGER.releaseOnDelete || key.startsWith(LEDGER.adoptedByPrefix)));
      if (refused.length > 0) throw denied(`UntagResource may not remove ${refused.join(', ')}`);
      for (const key of keys) delete number.tags[key];
      return {};
    });
    mock.on(ReleasePhoneNumberCommand).callsFake(async (input) => {
      const number = this.get(input.PhoneNumberId);
      if (number.tags[LEDGER.claimedBy] !== OWNER) throw denied(`ReleasePhoneNumber needs ${LEDGER.claimedBy}=${OWNER}`);
      this.numbers.delete(number.id);
      this.released.push(number.phoneNumber);
      return {};
    });
  }
}

/** Routes every command of a mocked client to whichever fake `current()` returns. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function routeTo(mock: AwsStub<any, any, any>, current: () => FakeConnect): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mock.send.callsFake((command: any) => current().handle(command));
}

/** A custom resource as the fake CloudFormation records it. */
export interface DeployedResource {
  props: Record<string, unknown>;
  physicalId: string;
  data: Record<string, string>;
}

type Handler<T> = (event: unknown) => Promise<T>;

/** CloudFormation turns every scalar property into a string. */
function asCloudFormationPasses(props: Record<string, unknown>): Record<string, unknown> {
  const convert = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(convert) : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)])) : String(value);
  return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, convert(value)]));
}

/** A fake CloudFormation stack of `Custom::ConnectPhoneNumber` resources behind the Provider framework. */
export class FakeCloudFormation {
  readonly resources = new Map<string, DeployedResource>();
  private requests = 0;

  /**
   * @param order CloudFormation works on resources without dependencies in parallel, in no set
   * order: `reverse` runs every phase backwards, so both orders of two numbers are walked.
   */
  constructor(
    private readonly onEvent: Handler<{ PhysicalResourceId: string; Data?: Record<string, string> }>,
    private readonly isComplete: Handler<{ IsComplete: boolean; Data?: Record<string, string> }>,
    private readonly order: 'template' | 'reverse' = 'template',
  ) {}

  private ordered<T>(items: T[]): T[] {
    return this.order === 'reverse' ? [...items].reverse() : items;
  }

  /** An independent copy of the stack's state, driving the same handlers. */
  clone(): FakeCloudFormation {
    const copy = new FakeCloudFormation(this.onEvent, this.isComplete, this.order);
    for (const [logicalId, resource] of this.resources) copy.resources.set(logicalId, { props: resource.props, physicalId: resource.physicalId, data: { ...resource.data } });
    copy.requests = this.requests;
    return copy;
  }

  private event(type: 'Create' | 'Update' | 'Delete', logicalId: string, props: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    this.requests += 1;
    return {
      RequestType: type,
      RequestId: `req-${this.requests}`,
      StackId: OWNER,
      LogicalResourceId: logicalId,
      ResourceType: 'Custom::ConnectPhoneNumber',
      ResourceProperties: { ServiceToken: 'arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:framework-onEvent', ...props },
      ...extra,
    };
  }

  /** onEvent, then isComplete until it answers true, as the Provider framework does. */
  private async run(event: Record<string, unknown>): Promise<{ physicalId: string; data: Record<string, string> }> {
    const started = await this.onEvent(event);
    let data = { ...(started.Data ?? {}) };
    if (event.RequestType === 'Delete') return { physicalId: started.PhysicalResourceId, data };
    for (let attempt = 0; attempt < 10; attempt++) {
      const done = await this.isComplete({ ...event, PhysicalResourceId: started.PhysicalResourceId, Data: data });
      data = { ...data, ...(done.Data ?? {}) };
      if (done.IsComplete) return { physicalId: started.PhysicalResourceId, data };
    }
    throw new Error('isComplete never answered true');
  }

  /** Deploys a template (logical id → properties), in CloudFormation's order. */
  async deploy(template: ReadonlyMap<string, Record<string, unknown>>): Promise<void> {
    const cleanup: Array<{ logicalId: string; resource: DeployedResource }> = [];
    for (const [logicalId, raw] of this.ordered([...template])) {
      const props = asCloudFormationPasses(raw);
      const existing = this.resources.get(logicalId);
      if (existing === undefined) {
        const created = await this.run(this.event('Create', logicalId, props));
        this.resources.set(logicalId, { props, physicalId: created.physicalId, data: created.data });
      } else if (JSON.stringify(existing.props) !== JSON.stringify(props)) {
        const updated = await this.run(
          this.event('Update', logicalId, props, { PhysicalResourceId: existing.physicalId, OldResourceProperties: { ServiceToken: 'x', ...existing.props } }),
        );
        if (updated.physicalId !== existing.physicalId) cleanup.push({ logicalId, resource: existing });
        this.resources.set(logicalId, { props, physicalId: updated.physicalId, data: { ...existing.data, ...updated.data } });
      }
    }
    for (const [logicalId, resource] of [...this.resources]) {
      if (!template.has(logicalId)) {
        cleanup.push({ logicalId, resource });
        this.resources.delete(logicalId);
      }
    }
    for (const { logicalId, resource } of this.ordered(cleanup)) await this.run(this.event('Delete', logicalId, resource.props, { PhysicalResourceId: resource.physicalId }));
  }

  /** Deletes the stack: a Delete for every resource, with its current properties. */
  async deleteStack(): Promise<void> {
    for (const [logicalId, resource] of this.ordered([...this.resources])) {
      await this.run(this.event('Delete', logicalId, resource.props, { PhysicalResourceId: resource.physicalId }));
      this.resources.delete(logicalId);
    }
  }
}
