import {
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  ListBotsCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
  ListHoursOfOperationsCommand,
  ListLambdaFunctionsCommand,
  ListPromptsCommand,
  ListQueuesCommand,
  ListQuickConnectsCommand,
  ListRoutingProfilesCommand,
} from '@aws-sdk/client-connect';
import { importFlows, ImportResult } from '../flows/import';
import type { JurisdictionNames } from '../flows/import';
import type { ReferenceKind } from '../flows/references';
import { paginate, RetryOptions, withRetry } from './aws';

/** What an instance holds that flows refer to: names by kind and ARN → `[kind, name]`. */
export interface InstanceNames {
  readonly names: JurisdictionNames;
  readonly byArn: ReadonlyMap<string, readonly [ReferenceKind, string]>;
}

/** Flows and modules pulled from an instance, as `describe-contact-flow(-module)` would print them. */
export interface InstanceExport {
  /** `{"ContactFlow": {…}}` / `{"ContactFlowModule": {…}}` texts, by a file name. */
  readonly files: ReadonlyArray<{ readonly file: string; readonly text: string }>;
  readonly instance: InstanceNames;
}

type Summary = { Arn?: string; Name?: string; Id?: string };

/** The instance's queues, hours, Lambda functions, bots, prompts, routing profiles and quick connects. */
export async function instanceNames(client: ConnectClient, InstanceId: string, retry: RetryOptions = {}): Promise<InstanceNames> {
  const list = async (kind: ReferenceKind, fetch: (token?: string) => Promise<{ NextToken?: string; items?: readonly Summary[] }>) => ({ kind, items: await paginate(fetch, retry) });
  const lists = await Promise.all([
    list('queue', (NextToken) => client.send(new ListQueuesCommand({ InstanceId, NextToken, QueueTypes: ['STANDARD'] })).then((r) => ({ NextToken: r.NextToken, items: r.QueueSummaryList }))),
    list('hours', (NextToken) => client.send(new ListHoursOfOperationsCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.HoursOfOperationSummaryList }))),
    list('prompt', (NextToken) => client.send(new ListPromptsCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.PromptSummaryList }))),
    list('routingProfile', (NextToken) => client.send(new ListRoutingProfilesCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.RoutingProfileSummaryList }))),
    list('quickConnect', (NextToken) => client.send(new ListQuickConnectsCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.QuickConnectSummaryList }))),
    list('lambda', (NextToken) =>
      client.send(new ListLambdaFunctionsCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: (r.LambdaFunctions ?? []).map((Arn) => ({ Arn, Name: Arn.split(':function:')[1]?.split(':')[0] })) })),
    ),
    list('bot', (NextToken) =>
      client.send(new ListBotsCommand({ InstanceId, NextToken, LexVersion: 'V2' })).then((r) => ({
        NextToken: r.NextToken,
        // The alias ARN carries no name (bot-alias/<botId>/<aliasId>): the bot id stands in for it.
        items: (r.LexBots ?? []).flatMap((b) => (b.LexV2Bot?.AliasArn ? [{ Arn: b.LexV2Bot.AliasArn, Name: b.LexV2Bot.AliasArn.split('/')[1] }] : [])),
      })),
    ),
  ]);
  const names: Record<string, string[]> = {};
  const byArn = new Map<string, readonly [ReferenceKind, string]>();
  for (const { kind, items } of lists) {
    names[kind] = [];
    for (const item of items) {
      if (!item.Name) continue;
      names[kind].push(item.Name);
      if (item.Arn) byArn.set(item.Arn, [kind, item.Name]);
    }
  }
  return { names: names as JurisdictionNames, byArn };
}

/** Every flow and module of the instance, described, plus the instance's names. */
export async function pullInstance(client: ConnectClient, InstanceId: string, retry: RetryOptions = {}): Promise<InstanceExport> {
  const [flows, modules, instance] = await Promise.all([
    paginate((NextToken) => client.send(new ListContactFlowsCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.ContactFlowSummaryList })), retry),
    paginate((NextToken) => client.send(new ListContactFlowModulesCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.ContactFlowModulesSummaryList })), retry),
    instanceNames(client, InstanceId, retry),
  ]);
  const files: Array<{ file: string; text: string }> = [];
  // One at a time: Describe* share a low request rate; throttling is retried.
  for (const flow of flows) {
    if (!flow.Id) continue;
    const { ContactFlow } = await withRetry(() => client.send(new DescribeContactFlowCommand({ InstanceId, ContactFlowId: flow.Id })), retry);
    if (ContactFlow) files.push({ file: `${flow.Name ?? flow.Id}.flow`, text: JSON.stringify({ ContactFlow }) });
  }
  for (const module of modules) {
    if (!module.Id) continue;
    const { ContactFlowModule } = await withRetry(() => client.send(new DescribeContactFlowModuleCommand({ InstanceId, ContactFlowModuleId: module.Id })), retry);
    if (ContactFlowModule) files.push({ file: `${module.Name ?? module.Id}.module`, text: JSON.stringify({ ContactFlowModule }) });
  }
  return { files, instance };
}

/** Converts a pulled instance into kit flow files: its own names replace its ARNs. */
export function importInstance(pulled: InstanceExport): ImportResult {
  return importFlows(pulled.files, pulled.instance.names, { arnNames: pulled.instance.byArn });
}
