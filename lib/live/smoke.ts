import {
  ConnectClient,
  DescribeInstanceCommand,
  InstanceStorageResourceType,
  ListBotsCommand,
  ListContactFlowsCommand,
  ListFlowAssociationsCommand,
  ListInstanceStorageConfigsCommand,
  ListLambdaFunctionsCommand,
  ListPhoneNumbersV2Command,
} from '@aws-sdk/client-connect';
import type { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { JurisdictionConfig } from '../config/schema';
import type { LoadedFlow } from '../flows/types';
import { describeAwsError, LiveOptions, paginate, RetryOptions, withRetry } from './aws';
import { AssociatedAlias, botNameLookup, checkBot, ExpectedBot, parseAliasArn } from './smoke-bots';

/**
 * Post-deploy smoke checks of one jurisdiction's live contact center, each pass or fail with a
 * one-line detail: the instance, its storage, phone numbers, bots (alias, version, built locales,
 * code hook), Lambda functions and the
 * closure parameter. Read-only except for one invocation of each associated function with a
 * canned Amazon Connect event (the handlers never write on an event without a real contact).
 */

/** One row of the smoke table. */
export interface SmokeCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** What the deployment should look like, from the jurisdiction's config. */
export interface SmokeExpectations {
  readonly identityManagement: string;
  readonly inboundCalls: boolean;
  readonly outboundCalls: boolean;
  /** Storage resource types, and whether each must be S3 encrypted with a KMS key. */
  readonly storage: ReadonlyArray<{ readonly type: InstanceStorageResourceType; readonly kms: boolean }>;
  /** Each configured number's name and the display name of the flow it must be bound to. */
  readonly phoneNumbers: ReadonlyArray<{ readonly name: string; readonly flow: string }>;
  /** The bots whose `live` aliases must be associated, each with the locales it must serve. */
  readonly bots: readonly ExpectedBot[];
  /** How many Lambda functions flows invoke (each must be associated). */
  readonly lambdas: number;
  /** SSM name of the closure parameter. */
  readonly closureParameter: string;
}

/** The expectations of a jurisdiction: its config and the flows it deploys (for display names). */
export function smokeExpectations(config: JurisdictionConfig, flows: readonly LoadedFlow[], flowLambdas: number): SmokeExpectations {
  const display = new Map(flows.map((f) => [f.name, f.displayName]));
  return {
    identityManagement: config.instance.identityManagement,
    inboundCalls: config.instance.inboundCalls,
    outboundCalls: config.instance.outboundCalls,
    // lib/constructs/instance-storage.ts: three S3 stores with CMKs, CTRs to Firehose, agent events to Kinesis.
    storage: [
      { type: 'CALL_RECORDINGS', kms: true },
      { type: 'CHAT_TRANSCRIPTS', kms: true },
      { type: 'SCHEDULED_REPORTS', kms: true },
      { type: 'CONTACT_TRACE_RECORDS', kms: false },
      { type: 'AGENT_EVENTS', kms: false },
    ],
    phoneNumbers: config.phoneNumbers.map((n) => ({ name: n.name, flow: display.get(n.flow) ?? n.flow })),
    // lib/stacks/contact-center-stack.ts builds every bot in the jurisdiction's lexLocales (each
    // declared by the definition, or synthesis fails; each caller language has one: cross-checks).
    bots: config.bots.map((name) => ({ name, locales: [...config.lexLocales] })),
    lambdas: flowLambdas,
    closureParameter: `/${config.id}/contact-center/closure`,
  };
}

/** The AWS clients smoke needs. */
export interface SmokeClients {
  readonly connect: ConnectClient;
  readonly lambda: LambdaClient;
  readonly ssm: SSMClient;
  readonly lex: LexModelsV2Client;
}

/** A canned Amazon Connect invocation event: a voice contact with no attributes or parameters. */
export function cannedEvent(instanceArn: string): object {
  const contactId = '00000000-0000-4000-8000-000000000000';
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: {},
        Channel: 'VOICE',
        ContactId: contactId,
        InitialContactId: contactId,
        PreviousContactId: contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: instanceArn,
        CustomerEndpoint: { Address: '+15555550100', Type: 'TELEPHONE_NUMBER' },
        SystemEndpoint: { Address: '+15555550199', Type: 'TELEPHONE_NUMBER' },
        Queue: null,
        MediaStreams: {},
      },
      Parameters: {},
    },
  };
}

const onOff = (v: boolean | undefined) => (v ? 'on' : 'off');

/** Runs every check; a failing call fails its check (with the AWS error in one line), never the run. */
export async function runSmoke(clients: SmokeClients, InstanceId: string, expected: SmokeExpectations, live: LiveOptions, retry: RetryOptions = {}): Promise<SmokeCheck[]> {
  const out: SmokeCheck[] = [];
  const check = async (name: string, body: () => Promise<Array<Omit<SmokeCheck, 'check'>> | Omit<SmokeCheck, 'check'>>) => {
    try {
      const result = await body();
      for (const r of Array.isArray(result) ? result : [result]) out.push({ check: name, ...r });
    } catch (error) {
      out.push({ check: name, ok: false, detail: describeAwsError(error, live) });
    }
  };
  const { connect } = clients;
  let instanceArn = '';

  await check('instance', async () => {
    const { Instance } = await withRetry(() => connect.send(new DescribeInstanceCommand({ InstanceId })), retry);
    instanceArn = Instance?.Arn ?? '';
    const problems = [
      Instance?.InstanceStatus !== 'ACTIVE' ? `status ${Instance?.InstanceStatus}` : undefined,
      Instance?.IdentityManagementType !== expected.identityManagement ? `identity management ${Instance?.IdentityManagementType} (expected ${expected.identityManagement})` : undefined,
      Instance?.InboundCallsEnabled !== expected.inboundCalls ? `inbound calls ${onOff(Instance?.InboundCallsEnabled)} (expected ${onOff(expected.inboundCalls)})` : undefined,
      Instance?.OutboundCallsEnabled !== expected.outboundCalls ? `outbound calls ${onOff(Instance?.OutboundCallsEnabled)} (expected ${onOff(expected.outboundCalls)})` : undefined,
    ].filter((p): p is string => p !== undefined);
    return problems.length === 0
      ? { ok: true, detail: `ACTIVE, ${Instance?.IdentityManagementType}, inbound ${onOff(Instance?.InboundCallsEnabled)}, outbound ${onOff(Instance?.OutboundCallsEnabled)}` }
      : { ok: false, detail: problems.join('; ') };
  });

  for (const { type, kms } of expected.storage) {
    await check(`storage ${type}`, async () => {
      const configs = await paginate((NextToken) => connect.send(new ListInstanceStorageConfigsCommand({ InstanceId, ResourceType: type, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.StorageConfigs })), retry);
      const config = configs[0];
      if (!config) return { ok: false, detail: 'no storage config: Amazon Connect keeps the data in storage the agency does not control' };
      if (!kms) return { ok: true, detail: config.StorageType ?? '' };
      const encryption = config.S3Config?.EncryptionConfig;
      return encryption?.EncryptionType === 'KMS' && encryption.KeyId
        ? { ok: true, detail: `S3 ${config.S3Config?.BucketName}, KMS ${encryption.KeyId.split('/').pop()}` }
        : { ok: false, detail: `${config.StorageType} without a KMS key (expected S3 encrypted with the jurisdiction's CMK)` };
    });
  }

  await check('phone numbers', async () => {
    const numbers = await paginate((NextToken) => connect.send(new ListPhoneNumbersV2Command({ TargetArn: instanceArn, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.ListPhoneNumbersSummaryList })), retry);
    const associations = await paginate((NextToken) => connect.send(new ListFlowAssociationsCommand({ InstanceId, ResourceType: 'VOICE_PHONE_NUMBER', NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.FlowAssociationSummaryList })), retry);
    const flows = await paginate((NextToken) => connect.send(new ListContactFlowsCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.ContactFlowSummaryList })), retry);
    const flowName = new Map<string, string>();
    for (const f of flows) for (const key of [f.Id, f.Arn]) if (key && f.Name) flowName.set(key, f.Name);
    const bound = new Map<string, string>();
    for (const a of associations) if (a.ResourceId) bound.set(a.ResourceId, flowName.get(a.FlowId ?? '') ?? a.FlowId ?? '?');
    const rows: Array<Omit<SmokeCheck, 'check'>> = [];
    const unbound = numbers.filter((n) => !bound.has(n.PhoneNumberArn ?? '') && !bound.has(n.PhoneNumberId ?? ''));
    if (numbers.length < expected.phoneNumbers.length) rows.push({ ok: false, detail: `${numbers.length} claimed, ${expected.phoneNumbers.length} configured` });
    if (unbound.length > 0) rows.push({ ok: false, detail: `not bound to a flow: ${unbound.map((n) => n.PhoneNumber).join(', ')}` });
    const boundFlows = [...bound.values()];
    for (const want of expected.phoneNumbers) {
      const i = boundFlows.indexOf(want.flow);
      if (i === -1) rows.push({ ok: false, detail: `${want.name}: no number is bound to flow ${JSON.stringify(want.flow)}` });
      else boundFlows.splice(i, 1);
    }
    return rows.length > 0 ? rows : { ok: true, detail: `${numbers.length} claimed, each bound (${expected.phoneNumbers.map((n) => `${n.name} → ${n.flow}`).join(', ') || 'none configured'})` };
  });

  let aliases: AssociatedAlias[] = [];
  await check('bots', async () => {
    const bots = await paginate((NextToken) => connect.send(new ListBotsCommand({ InstanceId, LexVersion: 'V2', NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.LexBots })), retry);
    aliases = bots.flatMap((b) => {
      const alias = parseAliasArn(b.LexV2Bot?.AliasArn ?? '');
      return alias ? [alias] : [];
    });
    const count = `${aliases.length} Lex V2 alias${aliases.length === 1 ? '' : 'es'} associated`;
    return aliases.length >= expected.bots.length ? { ok: true, detail: count } : { ok: false, detail: `${count}, ${expected.bots.length} configured` };
  });
  const botNameOf = botNameLookup(clients.lex, retry);
  for (const bot of expected.bots) {
    await check(`bot ${bot.name}`, () => checkBot(bot, { lex: clients.lex, lambda: clients.lambda, aliases, botNameOf, live, retry }));
  }

  let functions: string[] = [];
  await check('lambda associations', async () => {
    functions = await paginate((NextToken) => connect.send(new ListLambdaFunctionsCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.LambdaFunctions })), retry);
    return functions.length >= expected.lambdas ? { ok: true, detail: `${functions.length} associated` } : { ok: false, detail: `${functions.length} associated, ${expected.lambdas} expected` };
  });
  for (const arn of functions) {
    const name = arn.split(':function:')[1] ?? arn;
    await check(`lambda ${name}`, async () => {
      const result = await withRetry(() => clients.lambda.send(new InvokeCommand({ FunctionName: arn, Payload: new TextEncoder().encode(JSON.stringify(cannedEvent(instanceArn))) })), retry);
      if (result.FunctionError) return { ok: false, detail: `threw (${result.FunctionError}): a handler must return a fallback map, never throw at Amazon Connect` };
      let payload: unknown;
      try {
        payload = JSON.parse(new TextDecoder().decode(result.Payload ?? new Uint8Array()));
      } catch {
        return { ok: false, detail: 'answered with something that is not JSON' };
      }
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, detail: 'answered with no map (Amazon Connect needs a flat map of strings)' };
      const nonString = Object.entries(payload).filter(([, v]) => typeof v !== 'string').map(([k]) => k);
      return nonString.length === 0 ? { ok: true, detail: `answered a flat map (${Object.keys(payload).length} keys)` } : { ok: false, detail: `answered non-string values for ${nonString.join(', ')} (Amazon Connect needs a flat map of strings)` };
    });
  }

  await check('closure parameter', async () => {
    const { Parameter } = await withRetry(() => clients.ssm.send(new GetParameterCommand({ Name: expected.closureParameter })), retry);
    try {
      const value = JSON.parse(Parameter?.Value ?? '');
      return typeof value?.closed === 'boolean' ? { ok: true, detail: `${expected.closureParameter} readable (closed: ${value.closed})` } : { ok: false, detail: `${expected.closureParameter} has no boolean "closed"` };
    } catch {
      return { ok: false, detail: `${expected.closureParameter} is not JSON` };
    }
  });
  return out;
}

/** The pass/fail table. */
export function formatSmoke(checks: readonly SmokeCheck[]): string[] {
  const width = Math.max(...checks.map((c) => c.check.length), 5);
  return checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.check.padEnd(width)}  ${c.detail}`);
}
