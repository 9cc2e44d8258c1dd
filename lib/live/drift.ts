import {
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  DescribeHoursOfOperationCommand,
  DescribeQueueCommand,
  DescribeRoutingProfileCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
  ListFlowAssociationsCommand,
  ListHoursOfOperationOverridesCommand,
  ListHoursOfOperationsCommand,
  ListQueuesCommand,
  ListRoutingProfileQueuesCommand,
  ListRoutingProfilesCommand,
} from '@aws-sdk/client-connect';
import { instanceNames } from './export';
import { paginate, RetryOptions, withRetry } from './aws';

/**
 * Drift between what the synthesized templates say and what runs: flows and modules (content
 * normalized: Metadata dropped, ARNs as `<kind>:<name>`, keys sorted), queues, hours of
 * operation with their overrides, routing profiles and the flows phone numbers are bound to.
 * Lambda functions and bot aliases have generated names, so they compare by kind only
 * (`lambda:*`, `bot:*`). Resources the instance has that the kit does not manage (the default
 * flows, BasicQueue, …) are counted, not drift.
 */

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A resource's comparable settings, as canonical JSON-able values. */
export type Settings = Readonly<Record<string, unknown>>;

/** What the kit manages, by kind and name. */
export interface ContactCenterState {
  readonly flows: ReadonlyMap<string, Settings>;
  readonly modules: ReadonlyMap<string, Settings>;
  readonly queues: ReadonlyMap<string, Settings>;
  readonly hours: ReadonlyMap<string, Settings>;
  readonly routingProfiles: ReadonlyMap<string, Settings>;
  /** Names of the flows phone numbers are bound to, sorted (one entry per number). */
  readonly phoneNumberFlows: readonly string[];
}

const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d*:.+$/;

/** Sorted keys all the way down, Metadata dropped: the canonical form two contents compare in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isPlain(value)) {
    const out: Plain = {};
    for (const key of Object.keys(value).sort()) if (key !== 'Metadata') out[key] = canonical(value[key]);
    return out;
  }
  return value;
}

const time = (t: unknown) => (isPlain(t) ? `${String(t.Hours).padStart(2, '0')}:${String(t.Minutes).padStart(2, '0')}` : '?');
const dayRanges = (config: unknown): string[] =>
  (Array.isArray(config) ? config : [])
    .filter(isPlain)
    .map((c) => `${c.Day} ${time(c.StartTime)}-${time(c.EndTime)}`)
    .sort();

// ---------- expected: the synthesized templates ----------

const NAMED_TYPES: Readonly<Record<string, string>> = {
  'AWS::Connect::Queue': 'queue',
  'AWS::Connect::HoursOfOperation': 'hours',
  'AWS::Connect::ContactFlow': 'flow',
  'AWS::Connect::ContactFlowModule': 'module',
  'AWS::Connect::RoutingProfile': 'routingProfile',
  'AWS::Connect::QuickConnect': 'quickConnect',
  'AWS::Connect::Prompt': 'prompt',
};
const UNNAMED_TYPES: Readonly<Record<string, string>> = { 'AWS::Lambda::Function': 'lambda', 'AWS::Lambda::Alias': 'lambda', 'AWS::Lex::BotAlias': 'bot' };

/**
 * The state the templates describe. `templates` are the parsed `*.template.json` of one
 * jurisdiction's stacks (cdk.out); intrinsic functions are rendered as `<kind>:<name>`.
 */
export function expectedState(templates: readonly Plain[]): ContactCenterState {
  const resources: Record<string, Plain> = {};
  for (const t of templates) if (isPlain(t.Resources)) for (const [id, r] of Object.entries(t.Resources)) if (isPlain(r)) resources[id] = r;
  const props = (r: Plain): Plain => (isPlain(r.Properties) ? r.Properties : {});
  const nameOf = (logicalId: string): string => {
    const r = resources[logicalId];
    if (!r) return `?${logicalId}`;
    const type = String(r.Type);
    if (Object.hasOwn(NAMED_TYPES, type)) return `${NAMED_TYPES[type]}:${String(props(r).Name)}`;
    if (Object.hasOwn(UNNAMED_TYPES, type)) return `${UNNAMED_TYPES[type]}:*`;
    return `?${logicalId}`;
  };
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (isPlain(value)) {
      if (Array.isArray(value['Fn::GetAtt'])) return nameOf(String(value['Fn::GetAtt'][0]));
      if (typeof value.Ref === 'string') return value.Ref.startsWith('AWS::') ? `\${${value.Ref}}` : nameOf(value.Ref);
      if (Array.isArray(value['Fn::Join'])) {
        const [sep, parts] = value['Fn::Join'] as [string, unknown[]];
        return parts.map(render).join(sep);
      }
      if (value['Fn::ImportValue'] !== undefined) return 'import:*';
    }
    return JSON.stringify(value);
  };
  const flows = new Map<string, Settings>();
  const modules = new Map<string, Settings>();
  const queues = new Map<string, Settings>();
  const hours = new Map<string, Settings>();
  const routingProfiles = new Map<string, Settings>();
  const phoneNumberFlows: string[] = [];
  for (const r of Object.values(resources)) {
    const p = props(r);
    const name = String(p.Name);
    switch (r.Type) {
      case 'AWS::Connect::ContactFlow':
      case 'AWS::Connect::ContactFlowModule': {
        let content: unknown;
        try {
          content = JSON.parse(render(p.Content));
        } catch {
          content = render(p.Content);
        }
        const settings = { ...(r.Type === 'AWS::Connect::ContactFlow' ? { Type: p.Type } : {}), Content: canonical(content) };
        (r.Type === 'AWS::Connect::ContactFlow' ? flows : modules).set(name, settings);
        break;
      }
      case 'AWS::Connect::Queue':
        queues.set(name, { Description: p.Description ?? '', MaxContacts: p.MaxContacts ?? 0, Hours: render(p.HoursOfOperationArn) });
        break;
      case 'AWS::Connect::HoursOfOperation':
        hours.set(name, {
          TimeZone: p.TimeZone,
          Config: dayRanges(p.Config),
          Overrides: (Array.isArray(p.HoursOfOperationOverrides) ? p.HoursOfOperationOverrides : []).filter(isPlain).map((o) => `${o.OverrideName} ${o.EffectiveFrom}..${o.EffectiveTill} [${dayRanges(o.OverrideConfig).join(', ')}]`).sort(),
        });
        break;
      case 'AWS::Connect::RoutingProfile':
        routingProfiles.set(name, {
          DefaultOutboundQueue: render(p.DefaultOutboundQueueArn),
          Queues: (Array.isArray(p.QueueConfigs) ? p.QueueConfigs : []).filter(isPlain).map((q) => {
            const ref = isPlain(q.QueueReference) ? q.QueueReference : {};
            return `${ref.Channel} ${render(ref.QueueArn)} priority ${q.Priority} delay ${q.Delay}`;
          }).sort(),
          Concurrency: (Array.isArray(p.MediaConcurrencies) ? p.MediaConcurrencies : []).filter(isPlain).map((m) => `${m.Channel} ${m.Concurrency}`).sort(),
        });
        break;
      default:
        if (r.Type === 'Custom::ConnectPhoneNumber' && p.ContactFlowArn !== undefined) phoneNumberFlows.push(render(p.ContactFlowArn).replace(/^flow:/, ''));
    }
  }
  return { flows, modules, queues, hours, routingProfiles, phoneNumberFlows: phoneNumberFlows.sort() };
}

// ---------- deployed: the live instance ----------

/** The same state read from a live instance (every call retried on throttling, lists paginated). */
export async function deployedState(client: ConnectClient, InstanceId: string, retry: RetryOptions = {}): Promise<ContactCenterState> {
  const names = await instanceNames(client, InstanceId, retry);
  const [flowList, moduleList] = await Promise.all([
    paginate((NextToken) => client.send(new ListContactFlowsCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.ContactFlowSummaryList })), retry),
    paginate((NextToken) => client.send(new ListContactFlowModulesCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.ContactFlowModulesSummaryList })), retry),
  ]);
  const label = new Map<string, string>();
  for (const [arn, [kind, name]] of names.byArn) label.set(arn, kind === 'lambda' || kind === 'bot' ? `${kind}:*` : `${kind}:${name}`);
  const idLabel = new Map<string, string>();
  for (const f of flowList) {
    if (f.Arn) label.set(f.Arn, `flow:${f.Name}`);
    if (f.Id) idLabel.set(f.Id, `flow:${f.Name}`);
  }
  for (const m of moduleList) if (m.Arn) label.set(m.Arn, `module:${m.Name}`);
  for (const [arn, l] of label) idLabel.set(arn.split('/').pop()!, l);
  const name = (value: unknown): unknown => {
    if (typeof value === 'string') return ARN.test(value) ? label.get(value) ?? (/:lambda:/.test(value) ? 'lambda:*' : /:lex:/.test(value) ? 'bot:*' : value) : value;
    if (Array.isArray(value)) return value.map(name);
    if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, name(v)]));
    return value;
  };
  const parse = (text: string | undefined) => {
    try {
      return canonical(name(JSON.parse(text ?? '')));
    } catch {
      return text;
    }
  };

  const flows = new Map<string, Settings>();
  for (const f of flowList) {
    const { ContactFlow } = await withRetry(() => client.send(new DescribeContactFlowCommand({ InstanceId, ContactFlowId: f.Id })), retry);
    if (ContactFlow?.Name) flows.set(ContactFlow.Name, { Type: ContactFlow.Type, Content: parse(ContactFlow.Content) });
  }
  const modules = new Map<string, Settings>();
  for (const m of moduleList) {
    const { ContactFlowModule } = await withRetry(() => client.send(new DescribeContactFlowModuleCommand({ InstanceId, ContactFlowModuleId: m.Id })), retry);
    if (ContactFlowModule?.Name) modules.set(ContactFlowModule.Name, { Content: parse(ContactFlowModule.Content) });
  }
  const queues = new Map<string, Settings>();
  const queueList = await paginate((NextToken) => client.send(new ListQueuesCommand({ InstanceId, NextToken, QueueTypes: ['STANDARD'] })).then((r) => ({ NextToken: r.NextToken, items: r.QueueSummaryList })), retry);
  for (const q of queueList) {
    const { Queue } = await withRetry(() => client.send(new DescribeQueueCommand({ InstanceId, QueueId: q.Id })), retry);
    if (Queue?.Name) queues.set(Queue.Name, { Description: Queue.Description ?? '', MaxContacts: Queue.MaxContacts ?? 0, Hours: idLabel.get(Queue.HoursOfOperationId ?? '') ?? Queue.HoursOfOperationId });
  }
  const hours = new Map<string, Settings>();
  const hoursList = await paginate((NextToken) => client.send(new ListHoursOfOperationsCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.HoursOfOperationSummaryList })), retry);
  for (const h of hoursList) {
    const { HoursOfOperation } = await withRetry(() => client.send(new DescribeHoursOfOperationCommand({ InstanceId, HoursOfOperationId: h.Id })), retry);
    const overrides = await paginate((NextToken) => client.send(new ListHoursOfOperationOverridesCommand({ InstanceId, HoursOfOperationId: h.Id, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.HoursOfOperationOverrideList })), retry);
    if (HoursOfOperation?.Name) {
      hours.set(HoursOfOperation.Name, {
        TimeZone: HoursOfOperation.TimeZone,
        Config: dayRanges(HoursOfOperation.Config),
        Overrides: overrides.map((o) => `${o.Name} ${o.EffectiveFrom}..${o.EffectiveTill} [${dayRanges(o.Config).join(', ')}]`).sort(),
      });
    }
  }
  const routingProfiles = new Map<string, Settings>();
  const profileList = await paginate((NextToken) => client.send(new ListRoutingProfilesCommand({ InstanceId, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.RoutingProfileSummaryList })), retry);
  for (const p of profileList) {
    const { RoutingProfile } = await withRetry(() => client.send(new DescribeRoutingProfileCommand({ InstanceId, RoutingProfileId: p.Id })), retry);
    const queueConfigs = await paginate((NextToken) => client.send(new ListRoutingProfileQueuesCommand({ InstanceId, RoutingProfileId: p.Id, NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.RoutingProfileQueueConfigSummaryList })), retry);
    if (RoutingProfile?.Name) {
      routingProfiles.set(RoutingProfile.Name, {
        DefaultOutboundQueue: idLabel.get(RoutingProfile.DefaultOutboundQueueId ?? '') ?? RoutingProfile.DefaultOutboundQueueId,
        Queues: queueConfigs.map((q) => `${q.Channel} queue:${q.QueueName} priority ${q.Priority} delay ${q.Delay}`).sort(),
        Concurrency: (RoutingProfile.MediaConcurrencies ?? []).map((m) => `${m.Channel} ${m.Concurrency}`).sort(),
      });
    }
  }
  const associations = await paginate((NextToken) => client.send(new ListFlowAssociationsCommand({ InstanceId, NextToken, ResourceType: 'VOICE_PHONE_NUMBER' })).then((r) => ({ NextToken: r.NextToken, items: r.FlowAssociationSummaryList })), retry);
  const phoneNumberFlows = associations.map((a) => (label.get(a.FlowId ?? '') ?? idLabel.get(a.FlowId ?? '') ?? `flow:${a.FlowId}`).replace(/^flow:/, '')).sort();
  return { flows, modules, queues, hours, routingProfiles, phoneNumberFlows };
}

// ---------- the diff ----------

/** One difference, as a line a person reads. */
export interface DriftReport {
  /** Managed resources that differ or are missing: exit 1 when any. */
  readonly drift: readonly string[];
  /** Resources in the instance the templates do not manage (default flows, BasicQueue, …). */
  readonly unmanaged: readonly string[];
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v));

function diffValues(prefix: string, expected: unknown, found: unknown, out: string[]): void {
  if (JSON.stringify(expected) === JSON.stringify(found)) return;
  if (Array.isArray(expected) && Array.isArray(found) && [...expected, ...found].every((v) => typeof v === 'string')) {
    // Multiset difference: two numbers bound to one flow are two entries.
    const less = (a: string[], b: string[]) => {
      const left = [...b];
      return a.filter((v) => {
        const i = left.indexOf(v);
        if (i === -1) return true;
        left.splice(i, 1);
        return false;
      });
    };
    const missing = less(expected as string[], found as string[]);
    const extra = less(found as string[], expected as string[]);
    for (const m of missing) out.push(`${prefix}: missing ${m}`);
    for (const e of extra) out.push(`${prefix}: unexpected ${e}`);
    if (missing.length === 0 && extra.length === 0) out.push(`${prefix}: order differs`);
    return;
  }
  out.push(`${prefix}: templates ${show(expected)}, instance ${show(found)}`);
}

/** Action-level differences of two canonical flow contents. */
function diffContent(prefix: string, expected: unknown, found: unknown, out: string[]): void {
  if (!isPlain(expected) || !isPlain(found)) return diffValues(`${prefix} content`, expected, found, out);
  if (expected.StartAction !== found.StartAction) out.push(`${prefix}: StartAction ${show(expected.StartAction)} in the templates, ${show(found.StartAction)} in the instance`);
  const byId = (doc: Plain) => new Map((Array.isArray(doc.Actions) ? doc.Actions : []).filter(isPlain).map((a) => [String(a.Identifier), a] as const));
  const want = byId(expected);
  const have = byId(found);
  for (const [id, action] of want) {
    const other = have.get(id);
    if (!other) out.push(`${prefix}: action ${show(id)} (${action.Type}) is missing in the instance`);
    else for (const key of ['Type', 'Parameters', 'Transitions']) diffValues(`${prefix}: action ${show(id)} ${key}`, action[key], other[key], out);
  }
  for (const [id, action] of have) if (!want.has(id)) out.push(`${prefix}: action ${show(id)} (${action.Type}) is in the instance only`);
}

/** Compares the two states: every managed resource missing or different, and what is unmanaged. */
export function diffStates(expected: ContactCenterState, deployed: ContactCenterState): DriftReport {
  const drift: string[] = [];
  const unmanaged: string[] = [];
  const kinds: Array<[string, keyof ContactCenterState]> = [['flow', 'flows'], ['module', 'modules'], ['queue', 'queues'], ['hours', 'hours'], ['routing profile', 'routingProfiles']];
  for (const [noun, key] of kinds) {
    const want = expected[key] as ReadonlyMap<string, Settings>;
    const have = deployed[key] as ReadonlyMap<string, Settings>;
    for (const [name, settings] of want) {
      const found = have.get(name);
      const prefix = `${noun} ${show(name)}`;
      if (!found) {
        drift.push(`${prefix}: missing in the instance`);
        continue;
      }
      for (const field of Object.keys(settings)) {
        if (field === 'Content') diffContent(prefix, settings.Content, found.Content, drift);
        else diffValues(`${prefix} ${field}`, settings[field], found[field], drift);
      }
    }
    for (const name of have.keys()) if (!want.has(name)) unmanaged.push(`${noun} ${show(name)}`);
  }
  diffValues('phone numbers bound to flows', expected.phoneNumberFlows, deployed.phoneNumberFlows, drift);
  return { drift, unmanaged };
}
