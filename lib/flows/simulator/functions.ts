import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand, type AttributeValue, type GetItemCommandInput, type PutItemCommandInput, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { FOLLOW_UP_FLOW } from '../../config/follow-up-checks';
import type { JurisdictionConfig } from '../../config/schema';
import type { CodeHook } from './lex-dialog';
import { applyUpdate, conditionHolds } from './dynamo-expressions';

/**
 * The kit's Lambda handlers run in-process, for real, with the AWS SDK mocked from scenario
 * data: DynamoDB tables in memory (case rows, verification records, survey answers), the
 * closure switch as the SSM parameter's JSON, S3 writes recorded. A scenario thereby proves a
 * flow and its functions together. Handlers read their settings from `process.env`, which is
 * set here the way the ContactCenterFunctions construct sets it in the deployed functions.
 *
 * Not part of the pure simulator core: it sets environment variables and stubs SDK clients
 * process-wide (aws-sdk-client-mock), so only the CLI and tests use it.
 */

/** A case row: what case-status and the bot read. */
export interface CaseRow {
  readonly status: string;
  readonly nextStep?: Readonly<Record<string, string>>;
}

/** A verification record, before hashing (the real helper hashes it as the admin tool does). */
export interface VerificationRow {
  readonly pin?: string;
  readonly dob?: string;
  readonly failedAttempts?: number;
  /** Locked until this many seconds from now. */
  readonly lockedForSeconds?: number;
}

/** The data behind the kit's functions in one scenario. */
export interface FunctionData {
  readonly cases?: Readonly<Record<string, CaseRow>>;
  readonly verification?: Readonly<Record<string, VerificationRow>>;
  /** The closure switch parameter's value (an object is written as JSON). @default closed: false */
  readonly closure?: unknown;
}

const TABLES = { cases: 'sim-cases', verification: 'sim-verification', surveys: 'sim-surveys' };

const stubClients = () => ({ ddb: mockClient(DynamoDBClient), ssm: mockClient(SSMClient), s3: mockClient(S3Client) });

/**
 * The SDK stubs, made on first use (not at import: other commands in the process may call AWS).
 * Each client's `send` is one fake that answers from the {@link KitFunctions} whose function
 * runs now: the clients are stubbed and wired once per simulated call, not once per invocation
 * (re-stubbing three clients with a fake per command for every invocation took most of a
 * scenario suite's CPU time).
 */
let stubs: ReturnType<typeof stubClients> | undefined;
/** The call whose functions the stubs answer for. */
let active: KitFunctions | undefined;

function mocks(): ReturnType<typeof stubClients> {
  // Made again if something else in the process restored or replaced a client's `send`.
  if (stubs && DynamoDBClient.prototype.send === stubs.ddb.send && SSMClient.prototype.send === stubs.ssm.send && S3Client.prototype.send === stubs.s3.send) return stubs;
  const made = stubClients();
  // The SDK's output types are per client; the answers are the shapes the handlers read.
  const fake = (command: unknown) => (active ? active.answer(command) : Promise.reject(new Error('no simulated call is running'))) as Promise<never>;
  made.ddb.send.callsFake(fake);
  made.ssm.send.callsFake(fake);
  made.s3.send.callsFake(fake);
  stubs = made;
  return made;
}

/** How many {@link withSdkStubs} runs are under way: the outermost puts the real clients back. */
let holders = 0;

/** Puts the real SDK clients back (after a simulation in a process that also calls AWS). */
export function restoreSdkClients(): void {
  if (!stubs) return;
  stubs.ddb.restore();
  stubs.ssm.restore();
  stubs.s3.restore();
  stubs = undefined;
  active = undefined;
}

/**
 * Runs `run` (simulated calls) and then puts the real SDK clients back, unless an enclosing
 * run still simulates: a suite of scenarios stubs the clients once, not once per scenario
 * (stubbing a client's prototype costs milliseconds; a suite runs hundreds of scenarios).
 */
export async function withSdkStubs<T>(run: () => Promise<T>): Promise<T> {
  holders++;
  try {
    return await run();
  } finally {
    holders--;
    if (holders === 0) restoreSdkClients();
  }
}

/** Sets the environment the handlers read (as the construct does), quieting Powertools output. */
function setEnvironment(config: JurisdictionConfig, officeInfo: Record<string, string>): void {
  const env: Record<string, string> = {
    AWS_REGION: config.region,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_DEV: 'false',
    CLOSURE_PARAMETER_NAME: '/sim/closure',
    CACHE_SECONDS: '0',
    CASE_TABLE_NAME: TABLES.cases,
    VERIFICATION_TABLE_NAME: TABLES.verification,
    SURVEY_TABLE_NAME: TABLES.surveys,
    SURVEY_RETENTION_DAYS: String(config.retention.surveyDays),
    SURVEY_BUCKET_NAME: 'sim-analytics',
    SURVEY_KMS_KEY_ARN: 'sim-key',
    OFFICE_INFO: JSON.stringify(officeInfo),
    // The simulator names flows by file name; '' clears a previous jurisdiction's settings.
    FOLLOW_UP_FLOW_ID: config.followUp?.enabled && config.followUp.surveyTasks ? FOLLOW_UP_FLOW : '',
    FOLLOW_UP_SCORE_AT_MOST: config.followUp?.enabled && config.followUp.surveyTasks ? String(config.followUp.surveyScoreAtMost) : '',
    FAILED_CALLBACK_FLOW_ID: config.followUp?.enabled && config.followUp.failedCallbackTasks ? FOLLOW_UP_FLOW : '',
  };
  Object.assign(process.env, env);
}

type Item = Record<string, AttributeValue>;

/** The key value of a single-attribute key (the kit's tables have a partition key only). */
const keyOf = (key: Item | undefined) => (Object.values(key ?? {})[0] as AttributeValue | undefined)?.S ?? '';

/** In-memory tables and the parameter, wired into the mocked clients for one call. */
export class KitFunctions {
  readonly tables = new Map<string, Map<string, Item>>();
  /** Survey items written by survey-capture, in order. */
  readonly surveys: Item[] = [];
  /** S3 objects written (key → body). */
  readonly objects = new Map<string, string>();

  constructor(
    private readonly config: JurisdictionConfig,
    private readonly data: FunctionData,
    private readonly officeInfo: Record<string, string>,
  ) {}

  private async prepare(): Promise<void> {
    setEnvironment(this.config, this.officeInfo);
    const cases = new Map<string, Item>();
    for (const [number, row] of Object.entries(this.data.cases ?? {})) {
      const item: Item = { caseNumber: { S: number }, status: { S: row.status } };
      if (row.nextStep) item.nextStep = { M: Object.fromEntries(Object.entries(row.nextStep).map(([k, v]) => [k, { S: v }])) };
      cases.set(number, item);
    }
    const verification = new Map<string, Item>();
    const { verificationRecord } = await import('../../../lambdas/caller-verification');
    for (const [number, row] of Object.entries(this.data.verification ?? {})) {
      const item = verificationRecord(number, { pin: row.pin, dob: row.dob });
      if (row.failedAttempts) item.failedAttempts = { N: String(row.failedAttempts) };
      if (row.lockedForSeconds) item.lockedUntil = { N: String(Math.floor(Date.now() / 1000) + row.lockedForSeconds) };
      verification.set(item.caseNumber.S!, item);
    }
    this.tables.set(TABLES.cases, cases);
    this.tables.set(TABLES.verification, verification);
    this.tables.set(TABLES.surveys, new Map());
  }

  private table(name: string | undefined): Map<string, Item> {
    const t = this.tables.get(name ?? '');
    if (!t) throw Object.assign(new Error(`no table ${name}`), { name: 'ResourceNotFoundException' });
    return t;
  }

  private getItem(input: GetItemCommandInput): unknown {
    return { Item: this.table(input.TableName).get(keyOf(input.Key)) };
  }

  private putItem(input: PutItemCommandInput): unknown {
    const t = this.table(input.TableName);
    const key = (Object.values(input.Item ?? {})[0] as AttributeValue | undefined)?.S ?? String(t.size);
    const old = t.get(key);
    if (input.ConditionExpression && !conditionHolds(input.ConditionExpression, old, input.ExpressionAttributeNames, input.ExpressionAttributeValues)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    t.set(key, input.Item ?? {});
    if (input.TableName === TABLES.surveys) this.surveys.push(input.Item ?? {});
    return {};
  }

  private updateItem(input: UpdateItemCommandInput): unknown {
    const t = this.table(input.TableName);
    const key = keyOf(input.Key);
    const old = t.get(key);
    if (input.ConditionExpression && !conditionHolds(input.ConditionExpression, old, input.ExpressionAttributeNames, input.ExpressionAttributeValues)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' ? old : undefined });
    }
    const updated = applyUpdate(input.UpdateExpression ?? '', { ...(old ?? (input.Key as Item)) }, input.ExpressionAttributeNames, input.ExpressionAttributeValues);
    t.set(key, updated);
    return { Attributes: input.ReturnValues === 'ALL_NEW' ? updated : undefined };
  }

  private closureParameter(): unknown {
    const closure = this.data.closure ?? { closed: false, reason: 'OTHER', message: { 'en-US': '', 'es-US': '' } };
    return { Parameter: { Value: typeof closure === 'string' ? closure : JSON.stringify(closure) } };
  }

  private putObject(input: PutObjectCommandInput): unknown {
    this.objects.set(String(input.Key), String(input.Body));
    return {};
  }

  /**
   * Answers a command one of the stubbed clients was sent: a failed check (a condition) as a
   * rejected promise, as the SDK rejects; a command the kit's functions do not send gets
   * undefined, as an unconfigured stub gives.
   */
  answer(command: unknown): Promise<unknown> {
    try {
      if (command instanceof GetItemCommand) return Promise.resolve(this.getItem(command.input));
      if (command instanceof PutItemCommand) return Promise.resolve(this.putItem(command.input));
      if (command instanceof UpdateItemCommand) return Promise.resolve(this.updateItem(command.input));
      if (command instanceof GetParameterCommand) return Promise.resolve(this.closureParameter());
      if (command instanceof PutObjectCommand) return Promise.resolve(this.putObject(command.input));
      return Promise.resolve(undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Routes the stubbed SDK clients to this call's tables, parameter and bucket. */
  private wire(): void {
    mocks();
    active = this;
  }

  private ready?: Promise<void>;

  /** Invokes a kit function the way Amazon Connect does; returns its flat string map. */
  async invoke(fn: string, event: Record<string, unknown>): Promise<Record<string, string>> {
    this.ready ??= this.prepare();
    await this.ready;
    this.wire();
    const handler = await loadHandler(fn);
    const response = await handler(event, { getRemainingTimeInMillis: () => 8000 });
    return response as Record<string, string>;
  }

  /** The bot's code hook (the real lex-fulfillment handler). */
  readonly lexHook: CodeHook = async (event) => {
    this.ready ??= this.prepare();
    await this.ready;
    this.wire();
    const handler = await loadHandler('lex-fulfillment');
    return (await handler(event, { getRemainingTimeInMillis: () => 8000 })) as Awaited<ReturnType<CodeHook>>;
  };
}

type Handler = (event: unknown, context?: unknown) => Promise<unknown>;

/** The handler modules, loaded on first use (after the environment is set). */
async function loadHandler(fn: string): Promise<Handler> {
  switch (fn) {
    case 'contact-center-status': {
      const m = await import('../../../lambdas/contact-center-status');
      m.resetCacheForTests();
      return m.handler as Handler;
    }
    case 'case-status':
      return (await import('../../../lambdas/case-status')).handler as Handler;
    case 'caller-verification':
      return (await import('../../../lambdas/caller-verification')).handler as Handler;
    case 'survey-capture':
      return (await import('../../../lambdas/survey-capture')).handler as Handler;
    case 'lex-fulfillment':
      return (await import('../../../lambdas/lex-fulfillment')).handler as Handler;
    default:
      throw new Error(`${fn} is not a kit function the simulator can run (script its answer in the scenario)`);
  }
}
