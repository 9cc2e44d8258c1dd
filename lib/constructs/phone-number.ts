import * as path from 'path';
import { Annotations, ArnFormat, CfnDeletionPolicy, CustomResource, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { BUNDLING, LAMBDAS_DIR } from './connect-function';
import { IConnectInstance } from './connect-instance';
import { handlerCode } from './handler-code';

/** CloudFormation type of the kit's phone number custom resource. */
export const PHONE_NUMBER_RESOURCE_TYPE = 'Custom::ConnectPhoneNumber';

/** The Amazon Connect IAM actions the phone number handler uses, by purpose. */
export const PHONE_NUMBER_ACTIONS = Object.freeze({
  /** Find available numbers and list the instance's numbers (adopt, rename, claim recovery); these support no condition keys. */
  find: ['connect:SearchAvailablePhoneNumbers', 'connect:ListPhoneNumbersV2'],
  /** Claim a number for the instance, tagged with the stack's ledger. */
  claim: ['connect:ClaimPhoneNumber'],
  /** Read a number's claim status and ledger. */
  read: ['connect:DescribePhoneNumber'],
  /** Bind a number to its inbound flow, and unbind it. */
  bind: ['connect:AssociatePhoneNumberContactFlow', 'connect:DisassociatePhoneNumberContactFlow'],
  /** Write the ledger and the jurisdiction's tags. */
  tag: ['connect:TagResource'],
  /** Take an entry off a number's ledger. */
  untag: ['connect:UntagResource'],
  /** Release a number (only one the stack claimed, when the entry holding it is deleted with `releaseOnDelete: true`). */
  release: ['connect:ReleasePhoneNumber'],
});

/**
 * Tag keys of the ownership ledger the handler keeps on each number (lambdas/phone-number/ledger.ts
 * writes and reads them; the IAM conditions name them).
 */
export const PHONE_NUMBER_LEDGER_TAGS = Object.freeze({
  claimedBy: 'gcck:claimed-by',
  stack: 'gcck:stack',
  entry: 'gcck:entry',
  releaseOnDelete: 'gcck:release-on-delete',
  adoptedByPrefix: 'gcck:adopted-by:',
});

/** What {@link phoneNumberResourceProperties} needs: one config entry and the list of all of them. */
export interface PhoneNumberResourceInput {
  /** ARN of the Amazon Connect instance. */
  readonly instanceArn: string;
  /** ARN of the inbound flow. */
  readonly flowArn: string;
  /** The entry's name (the ledger's key). */
  readonly name: string;
  /** ISO country code. */
  readonly countryCode: string;
  /** DID or TOLL_FREE. */
  readonly type: string;
  /** Claim prefix (ignored when adopting). */
  readonly prefix?: string;
  /** The E.164 number to adopt. */
  readonly adopt?: string;
  /** The entry's releaseOnDelete (never passed on for an adopted number). */
  readonly releaseOnDelete: boolean;
  /** Names of every entry of the provider (the current config). */
  readonly entries: string[];
  /** Numbers adopted by any entry of the provider (the current config). */
  readonly adoptedNumbers: string[];
  /** Tags the handler writes on the number. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The properties of a `Custom::ConnectPhoneNumber` (without the service token): the contract
 * with lambdas/phone-number/properties.ts. `Entries` and `AdoptedNumbers` carry the whole
 * config to every number, so each update writes the current truth into the numbers' ledgers
 * before CloudFormation's cleanup deletes run.
 */
export function phoneNumberResourceProperties(input: PhoneNumberResourceInput): Record<string, unknown> {
  const props: Record<string, unknown> = {
    InstanceArn: input.instanceArn,
    ContactFlowArn: input.flowArn,
    CountryCode: input.countryCode,
    Type: input.type,
    Prefix: input.adopt === undefined ? input.prefix : undefined,
    Adopt: input.adopt,
    // Never true for an adopted number; the handler checks again.
    ReleaseOnDelete: input.releaseOnDelete && input.adopt === undefined,
    Description: `gov-contact-center-kit ${input.name}`,
    Name: input.name,
    Entries: input.entries,
    AdoptedNumbers: input.adoptedNumbers,
    Tags: { ...input.tags },
  };
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
}

/** The kind of number to claim. */
export enum PhoneNumberType {
  /** A direct inward dialing (local) number. */
  DID = 'DID',
  /** A toll-free number. */
  TOLL_FREE = 'TOLL_FREE',
}

/** Properties of {@link PhoneNumberProvider}. */
export interface PhoneNumberProviderProps {
  /** The Amazon Connect instance whose numbers the provider claims and binds. */
  readonly instance: IConnectInstance;
  /** Customer-managed key for the provider's log groups. */
  readonly logKey: kms.IKey;
  /**
   * Days the provider's logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The custom resource provider behind {@link PhoneNumber}: one per stack and instance.
 *
 * Two handlers from lambdas/phone-number (`onEvent` claims or adopts, `isComplete` waits for
 * CLAIMED and binds the flow), bundled once with the kit's esbuild settings, Node.js 24 on
 * arm64 with X-Ray tracing, sharing one role that holds only the phone number actions, scoped
 * by the ownership ledger's tags rather than by number ids, which are only known once claimed
 * (phone number ARNs are not under the instance; condition keys per action from
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonconnect.html):
 *
 * - ClaimPhoneNumber only for this instance (`connect:InstanceId`) and only with the request
 *   tagging the number `gcck:claimed-by` and `gcck:stack` = this stack's id (`aws:RequestTag`).
 * - Describe, bind, unbind and untag only numbers tagged `gcck:stack` = this stack
 *   (`aws:ResourceTag`); bind and unbind also only in this instance.
 * - ReleasePhoneNumber only numbers tagged `gcck:claimed-by` = this stack, a tag only a claim
 *   writes: TagResource and UntagResource may not name it (`aws:TagKeys`), so the role can never
 *   release a number the stack did not claim, whatever the handler does.
 * - TagResource only with `gcck:stack` = this stack in the request and only the ledger's and
 *   the jurisdiction's keys (an adopted number must be tagged before it can be described).
 * - SearchAvailablePhoneNumbers and ListPhoneNumbersV2 support no condition keys; they read.
 *
 * The Provider framework's own functions and its waiter state machine get explicit roles
 * without managed policies and log to a KMS-encrypted log group with retention.
 */
export class PhoneNumberProvider extends Construct {
  /** Construct id of the stack's shared provider (see {@link PhoneNumberProvider.of}). */
  public static readonly SHARED_ID = 'PhoneNumberProvider';

  /**
   * The stack's shared provider for `props.instance`, created on first use.
   * Throws if the stack already has one for another instance.
   */
  public static of(scope: Construct, props: PhoneNumberProviderProps): PhoneNumberProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PhoneNumberProvider.SHARED_ID);
    if (existing === undefined) return new PhoneNumberProvider(stack, PhoneNumberProvider.SHARED_ID, props);
    if (!(existing instanceof PhoneNumberProvider)) {
      throw new Error(`${stack.node.path}: the construct id ${PhoneNumberProvider.SHARED_ID} is taken by something other than a PhoneNumberProvider`);
    }
    if (existing.instanceArn !== props.instance.instanceArn) {
      throw new Error(`${existing.node.path}: the stack's phone number provider serves another instance; pass a provider for this instance explicitly`);
    }
    return existing;
  }

  /** The service token custom resources use. */
  public readonly serviceToken: string;
  /** ARN of the instance the provider serves. */
  public readonly instanceArn: string;
  /** `arn:<partition>:connect:<region>:<account>:phone-number/*`: numbers get their ids when claimed, so the role names them by tag conditions. */
  public readonly phoneNumbersArn: string;
  /** The ledger value naming this provider's numbers: the stack id (`gcck:stack`, `gcck:claimed-by`). */
  public readonly owner: string;
  /** Role shared by both handlers. */
  public readonly role: iam.Role;
  /** The Connect phone number permissions (custom resources depend on it); log and X-Ray rights are in the role's default policy. */
  public readonly policy: iam.Policy;
  /** The `onEvent` handler. */
  public readonly onEventFunction: nodejs.NodejsFunction;
  /** The `isComplete` handler. */
  public readonly isCompleteFunction: nodejs.NodejsFunction;
  /** Log group of both handlers. */
  public readonly logGroup: logs.LogGroup;
  /** Log group of the Provider framework's functions and waiter state machine. */
  public readonly frameworkLogGroup: logs.LogGroup;
  /** The CDK Provider framework. */
  public readonly provider: cr.Provider;

  private readonly bindStatement: iam.PolicyStatement;
  private readonly flowArns = new Set<string>();
  private readonly entries = new Map<string, string | undefined>();
  private readonly tagKeys = new Set<string>();

  constructor(scope: Construct, id: string, props: PhoneNumberProviderProps) {
    super(scope, id);
    this.instanceArn = props.instance.instanceArn;
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    const stack = Stack.of(this);
    // Phone number ARNs are arn:<partition>:connect:<region>:<account>:phone-number/<id>, outside
    // the instance; their ids are only known once claimed, hence the wildcard.
    const phoneNumbers = stack.formatArn({ service: 'connect', resource: 'phone-number', resourceName: '*' });
    this.phoneNumbersArn = phoneNumbers;

    this.logGroup = new logs.LogGroup(this, 'Logs', { encryptionKey: props.logKey, retention, removalPolicy: RemovalPolicy.RETAIN });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the Amazon Connect phone number custom resource',
    });
    this.logGroup.grantWrite(this.role);

    this.owner = stack.stackId;
    const instanceId = stack.splitArn(this.instanceArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    const ledger = PHONE_NUMBER_LEDGER_TAGS;
    const ownedBy = (key: string) => ({ [`aws:ResourceTag/${key}`]: this.owner });
    const inInstance = { 'connect:InstanceId': instanceId };
    // The handler binds numbers to flows of the instance; the flows are named one by one.
    this.bindStatement = new iam.PolicyStatement({
      sid: 'BindFlows',
      actions: ['connect:AssociatePhoneNumberContactFlow'],
      resources: [],
      conditions: { StringEquals: inInstance },
    });
    const tagKeys = Lazy.list({ produce: () => [ledger.stack, ledger.entry, ledger.releaseOnDelete, `${ledger.adoptedByPrefix}*`, ...[...this.tagKeys].sort()] });
    this.policy = new iam.Policy(this, 'Permissions', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({ sid: 'FindNumbers', actions: [...PHONE_NUMBER_ACTIONS.find], resources: [this.instanceArn, phoneNumbers] }),
        new iam.PolicyStatement({
          sid: 'ClaimNumbers',
          actions: [...PHONE_NUMBER_ACTIONS.claim],
          resources: [this.instanceArn, phoneNumbers],
          conditions: { StringEquals: { ...inInstance, [`aws:RequestTag/${ledger.claimedBy}`]: this.owner, [`aws:RequestTag/${ledger.stack}`]: this.owner } },
        }),
        new iam.PolicyStatement({
          sid: 'ReadNumbers',
          actions: [...PHONE_NUMBER_ACTIONS.read],
          resources: [phoneNumbers],
          conditions: { StringEquals: ownedBy(ledger.stack) },
        }),
        new iam.PolicyStatement({
          sid: 'BindNumbers',
          actions: [...PHONE_NUMBER_ACTIONS.bind],
          resources: [phoneNumbers],
          conditions: { StringEquals: { ...ownedBy(ledger.stack), ...inInstance } },
        }),
        this.bindStatement,
        new iam.PolicyStatement({
          sid: 'TagNumbers',
          actions: [...PHONE_NUMBER_ACTIONS.tag],
          resources: [phoneNumbers],
          conditions: { StringEquals: { [`aws:RequestTag/${ledger.stack}`]: this.owner }, 'ForAllValues:StringLike': { 'aws:TagKeys': tagKeys } },
        }),
        new iam.PolicyStatement({
          sid: 'UntagNumbers',
          actions: [...PHONE_NUMBER_ACTIONS.untag],
          resources: [phoneNumbers],
          conditions: { StringEquals: ownedBy(ledger.stack), 'ForAllValues:StringLike': { 'aws:TagKeys': [ledger.entry, ledger.releaseOnDelete, `${ledger.adoptedByPrefix}*`] } },
        }),
        // Granted even when no number asks for it today: a number removed from the config is
        // deleted after the policy is updated, so a grant tied to the current config would come
        // too late. The tag condition limits it to numbers this stack claimed.
        new iam.PolicyStatement({ sid: 'ReleaseClaimedNumbers', actions: [...PHONE_NUMBER_ACTIONS.release], resources: [phoneNumbers], conditions: { StringEquals: ownedBy(ledger.claimedBy) } }),
      ],
    });

    const entry = path.join(LAMBDAS_DIR, 'phone-number', 'index.ts');
    const projectRoot = path.join(LAMBDAS_DIR, '..');
    const runtime = lambda.Runtime.NODEJS_24_X;
    const handler = (name: string, exportName: string, timeout: Duration, description: string): nodejs.NodejsFunction =>
      new nodejs.NodejsFunction(this, name, {
        entry,
        ...handlerCode(this, { entry, exportName, projectRoot, bundling: BUNDLING, runtime }),
        projectRoot,
        depsLockFilePath: path.join(LAMBDAS_DIR, '..', 'package-lock.json'),
        description,
        runtime,
        architecture: lambda.Architecture.ARM_64,
        memorySize: 256,
        timeout,
        tracing: lambda.Tracing.ACTIVE,
        role: this.role,
        logGroup: this.logGroup,
        bundling: BUNDLING,
        environment: {
          POWERTOOLS_SERVICE_NAME: 'phone-number',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
          POWERTOOLS_LOGGER_LOG_EVENT: 'false',
          NODE_OPTIONS: '--enable-source-maps',
          NUMBER_OWNER: this.owner,
        },
      });
    // onEvent may back off on throttling for a minute or more; isComplete makes two calls.
    this.onEventFunction = handler('OnEvent', 'onEvent', Duration.minutes(3), 'Claims or adopts Amazon Connect phone numbers (custom resource)');
    this.isCompleteFunction = handler('IsComplete', 'isComplete', Duration.minutes(1), 'Waits for claimed phone numbers and binds their flows (custom resource)');

    // The framework's functions and waiter: explicit roles (no AWSLambdaBasicExecutionRole),
    // an encrypted log group, and waiter logging on. Two roles, as the framework requires.
    this.frameworkLogGroup = new logs.LogGroup(this, 'FrameworkLogs', { encryptionKey: props.logKey, retention, removalPolicy: RemovalPolicy.RETAIN });
    const frameworkRole = (roleId: string, description: string): iam.Role => {
      const role = new iam.Role(this, roleId, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description });
      this.frameworkLogGroup.grantWrite(role);
      return role;
    };
    this.provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.onEventFunction,
      isCompleteHandler: this.isCompleteFunction,
      queryInterval: Duration.seconds(5),
      totalTimeout: Duration.minutes(10),
      logGroup: this.frameworkLogGroup,
      frameworkOnEventRole: frameworkRole('FrameworkOnEventRole', 'Provider framework onEvent role of the phone number custom resource'),
      frameworkCompleteAndTimeoutRole: frameworkRole('FrameworkWaiterRole', 'Provider framework isComplete and onTimeout role of the phone number custom resource'),
      disableWaiterStateMachineLogging: false,
      waiterStateMachineLogOptions: { destination: this.frameworkLogGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    this.serviceToken = this.provider.serviceToken;
    this.traceWaiter();
  }

  /**
   * Turns on X-Ray tracing for the framework's waiter state machine, which the Provider has no
   * prop for (AwsSolutions-SF2). The role gets the X-Ray actions Step Functions needs; they
   * support no resource-level permissions
   * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html).
   * The construct ids are the framework's own; test/constructs/phone-number.spec.ts notices if a
   * CDK upgrade renames them.
   */
  private traceWaiter(): void {
    const waiter = this.provider.node.tryFindChild('waiter-state-machine');
    const stateMachine = waiter?.node.defaultChild;
    const role = waiter?.node.tryFindChild('Role');
    if (!(stateMachine instanceof sfn.CfnStateMachine) || !(role instanceof iam.Role)) return;
    stateMachine.tracingConfiguration = { enabled: true };
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
        resources: ['*'],
      }),
    );
  }

  /** Lets the handler bind numbers to `flowArn` (each flow once). */
  public allowFlow(flowArn: string): void {
    if (this.flowArns.has(flowArn)) return;
    this.flowArns.add(flowArn);
    this.bindStatement.addResources(flowArn);
  }

  /**
   * Records a config entry served by the provider: every number's properties list all entries and
   * the numbers they adopt, and TagResource may write `tagKeys`. Throws on a second entry with the
   * same name (the name is the ledger's key).
   */
  public register(name: string, adopt: string | undefined, tagKeys: readonly string[]): void {
    if (this.entries.has(name)) throw new Error(`${this.node.path}: two phone numbers are named ${JSON.stringify(name)}; names key the numbers' ownership ledger`);
    this.entries.set(name, adopt);
    for (const key of tagKeys) this.tagKeys.add(key);
  }

  /** Names of the registered entries (resolved at synthesis, once every entry is registered). */
  public readonly entryNames: string[] = Lazy.list({ produce: () => [...this.entries.keys()].sort() });

  /** Numbers adopted by registered entries (resolved at synthesis). */
  public readonly adoptedNumbers: string[] = Lazy.list({
    produce: () => [...new Set([...this.entries.values()].filter((adopt): adopt is string => adopt !== undefined && !Token.isUnresolved(adopt)))].sort(),
  });
}

/** Properties of {@link PhoneNumber}. */
export interface PhoneNumberProps {
  /** The Amazon Connect instance the number is claimed to. */
  readonly instance: IConnectInstance;
  /** ARN of the inbound flow calls to the number start in (a contact flow of the instance). */
  readonly flowArn: string;
  /** Name of the number in the config; it becomes part of the number's description. */
  readonly name: string;
  /**
   * ISO country code of the number.
   * @default 'US'
   */
  readonly countryCode?: string;
  /**
   * Kind of number.
   * @default PhoneNumberType.TOLL_FREE
   */
  readonly type?: PhoneNumberType;
  /**
   * Claim a number starting with this prefix, e.g. "+1800" or "+1217".
   * @default - any available number
   */
  readonly prefix?: string;
  /**
   * Use this number (E.164), already claimed to the instance, instead of claiming one. An
   * adopted number is never released.
   * @default - a new number is claimed
   */
  readonly adopt?: string;
  /**
   * Release the number when the entry is deleted (removed from the config, or the stack
   * deleted) while this says true. Never released by any other edit: a changed prefix the number
   * still matches keeps it; a changed type or prefix, a rename (the renamed entry takes the
   * number over), switching to `adopt` or turning this off keep the old number claimed; a number
   * another entry adopts is never released. A released public number is hard to get back.
   * @default false
   */
  readonly releaseOnDelete?: boolean;
  /**
   * Tags written on the number (the jurisdiction's tags: the README promises every taggable
   * resource carries them). Plain identifiers only.
   * @default - only the ownership ledger's tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The provider to use; share one across the stack's numbers.
   * @default - the stack's shared provider (PhoneNumberProvider.of), created with `logKey` on first use
   */
  readonly provider?: PhoneNumberProvider;
  /**
   * Key for the shared provider's log groups, when it has to be created. Required if
   * `provider` is not given.
   * @default - none
   */
  readonly logKey?: kms.IKey;
  /**
   * The region's CloudFormation registry has `AWS::Connect::PhoneNumber`
   * (`REGION_CAPABILITIES[region].cfnPhoneNumber`). If true, a claimed number is an
   * `AWS::Connect::PhoneNumber` (retained unless `releaseOnDelete`) and the custom resource
   * only binds it to the flow, since that resource has no flow association. Adopted numbers
   * always use the custom resource alone.
   * @default false - the custom resource claims and binds (us-gov-west-1)
   */
  readonly useCfnPhoneNumber?: boolean;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const US_PREFIX = /^\+1\d{0,9}$/;
const FLOW_ARN = /^arn:aws(?:-[a-z]+)*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]{36}\/contact-flow\/[A-Za-z0-9-]+$/;

/**
 * An Amazon Connect phone number bound to an inbound flow: claimed from the config's country,
 * type and optional prefix, or adopted from the instance's existing numbers.
 *
 * CloudFormation in us-gov-west-1 has no `AWS::Connect::PhoneNumber`, so by default the number
 * is a `Custom::ConnectPhoneNumber` (lambdas/phone-number) that claims, waits for CLAIMED and
 * binds the flow, and writes the jurisdiction's `tags` on the number.
 *
 * **A number is never released as a side effect of an edit.** It is released only when the
 * entry is deleted (removed from the config, or the stack deleted) while the entry's *current*
 * config says `releaseOnDelete: true`, the stack claimed the number, and no other entry adopts
 * it. Why this needs more than the resource's own properties: when an update answers another
 * physical id, CloudFormation later sends a Delete for the old id *with the old properties*
 * (its cleanup phase), and a renamed entry is a new resource whose old one is deleted the same
 * way; a Delete alone cannot tell a replaced or renamed number from a removed one. So the
 * handler keeps an ownership ledger in each number's tags (which entry holds it, that entry's
 * releaseOnDelete, which entries adopt it, and that this stack claimed it), rewritten on every
 * create and update and read back on delete. Every number's properties list all the provider's
 * entries and adopted numbers, so any config change updates every number, and the ledgers hold
 * the current truth before CloudFormation's cleanup deletes run.
 *
 * - A new flow, description, tags or releaseOnDelete, or a narrowed prefix the number still
 *   matches: the same number, its ledger rewritten.
 * - Another type or country, a prefix the number does not match, or switching to `adopt`:
 *   another number; the entry leaves the old number's ledger, so the cleanup Delete unbinds it
 *   and keeps it claimed (release it by hand if it is not wanted).
 * - A rename: the renamed entry (created before the old one is deleted) takes over the number
 *   of the entry that left the config with the same type and a matching prefix; the old entry's
 *   Delete finds the number held by another entry and leaves it.
 * - A number another entry adopts is never released; the adopter binds its flow.
 *
 * With `useCfnPhoneNumber` (regions whose registry has `AWS::Connect::PhoneNumber`) the claim is
 * that resource's: a replacement keeps the old number (UpdateReplacePolicy Retain), but
 * CloudFormation releases a `releaseOnDelete: true` number when the entry is renamed, or removed
 * while another entry adopts it; synthesis warns.
 */
export class PhoneNumber extends Construct {
  /** The number in E.164 form. */
  public readonly phoneNumber: string;
  /** The phone number id. */
  public readonly phoneNumberId: string;
  /** The phone number ARN. */
  public readonly phoneNumberArn: string;
  /** The custom resource that claims (or adopts) and binds the number. */
  public readonly binding: CustomResource;
  /** The `AWS::Connect::PhoneNumber`, when `useCfnPhoneNumber` claimed with it. */
  public readonly cfnPhoneNumber?: connect.CfnPhoneNumber;
  /** The provider used. */
  public readonly provider: PhoneNumberProvider;

  constructor(scope: Construct, id: string, props: PhoneNumberProps) {
    super(scope, id);
    const countryCode = props.countryCode ?? 'US';
    const type = props.type ?? PhoneNumberType.TOLL_FREE;
    const releaseOnDelete = props.releaseOnDelete ?? false;
    const known = (value: string | undefined): value is string => value !== undefined && !Token.isUnresolved(value);

    const problems: string[] = [];
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(props.name)) problems.push(`name ${JSON.stringify(props.name)} must be a plain identifier (letters, digits, - and _, at most 64)`);
    if (known(countryCode) && countryCode !== 'US') problems.push(`countryCode ${JSON.stringify(countryCode)} is not supported (supported: US)`);
    if (known(props.prefix) && !US_PREFIX.test(props.prefix)) problems.push(`prefix ${JSON.stringify(props.prefix)} must be "+1" followed by up to 9 digits, e.g. "+1800"`);
    if (known(props.adopt) && !E164.test(props.adopt)) problems.push(`adopt ${JSON.stringify(props.adopt)} must be an E.164 number such as "+18005550100"`);
    if (known(props.flowArn) && !FLOW_ARN.test(props.flowArn)) problems.push(`flowArn ${JSON.stringify(props.flowArn)} is not a contact flow ARN`);
    if (props.provider === undefined && props.logKey === undefined) problems.push('give either provider or logKey (to create the stack\'s shared provider)');
    if (props.provider !== undefined && props.provider.instanceArn !== props.instance.instanceArn) problems.push('provider serves another instance than instance');
    for (const key of Object.keys(props.tags ?? {})) {
      if (key.startsWith('gcck:') || key.startsWith('aws:')) problems.push(`tag key ${JSON.stringify(key)} is reserved (gcck: is the ownership ledger's, aws: is AWS's)`);
    }
    if (problems.length > 0) throw new Error(`${this.node.path}: invalid phone number: ${problems.join('; ')}`);

    if (props.adopt !== undefined && props.prefix !== undefined) {
      Annotations.of(this).addWarningV2('gov-contact-center-kit:phone-number-adopt-prefix', `prefix ${props.prefix} is ignored: the number adopts ${props.adopt}`);
    }
    if (props.adopt !== undefined && releaseOnDelete) {
      Annotations.of(this).addWarningV2('gov-contact-center-kit:phone-number-adopt-release', `releaseOnDelete is ignored: the adopted number ${props.adopt} is never released`);
    }
    if (props.useCfnPhoneNumber && props.adopt === undefined && releaseOnDelete) {
      Annotations.of(this).addWarningV2(
        'gov-contact-center-kit:phone-number-cfn-release',
        'releaseOnDelete with AWS::Connect::PhoneNumber: CloudFormation also releases the number when the entry is renamed, or removed while another entry adopts it; the ownership ledger protects only numbers the custom resource claims',
      );
    }

    this.provider = props.provider ?? PhoneNumberProvider.of(this, { instance: props.instance, logKey: props.logKey! });
    this.provider.allowFlow(props.flowArn);
    const description = `gov-contact-center-kit ${props.name}`;
    const tags = props.tags ?? {};

    let adopt = props.adopt;
    let bindingId = 'Resource';
    if (props.useCfnPhoneNumber && props.adopt === undefined) {
      this.cfnPhoneNumber = new connect.CfnPhoneNumber(this, 'Resource', {
        targetArn: props.instance.instanceArn,
        countryCode,
        type,
        prefix: props.prefix,
        description,
      });
      // AWS::Connect::PhoneNumber releases the number when deleted or replaced: retain it unless
      // told, and always on replacement (a new country, type or prefix is an edit, not a delete).
      this.cfnPhoneNumber.applyRemovalPolicy(releaseOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);
      this.cfnPhoneNumber.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
      adopt = this.cfnPhoneNumber.attrAddress;
      bindingId = 'Binding';
    }

    // Only a config adopt is a number another entry may hold; a number claimed through
    // AWS::Connect::PhoneNumber is adopted by its own entry alone.
    this.provider.register(props.name, props.adopt, Object.keys(tags));
    this.binding = new CustomResource(this, bindingId, {
      serviceToken: this.provider.serviceToken,
      resourceType: PHONE_NUMBER_RESOURCE_TYPE,
      properties: phoneNumberResourceProperties({
        instanceArn: props.instance.instanceArn,
        flowArn: props.flowArn,
        name: props.name,
        countryCode,
        type,
        prefix: props.prefix,
        adopt,
        releaseOnDelete,
        entries: this.provider.entryNames,
        adoptedNumbers: this.provider.adoptedNumbers,
        tags,
      }),
    });
    // The handler must hold the new flow's permission before it rebinds a number to it.
    this.binding.node.addDependency(this.provider.policy);

    this.phoneNumber = this.binding.getAttString('PhoneNumber');
    this.phoneNumberId = this.binding.getAttString('PhoneNumberId');
    this.phoneNumberArn = this.binding.getAttString('PhoneNumberArn');
  }
}
