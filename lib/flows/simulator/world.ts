import type { BotDefinition } from '../../bots/schema';
import type { JurisdictionConfig } from '../../config/schema';
import { botRoles, configValues, FLOW_LAMBDAS, ROUTES, routeQueueName, type BotRole } from '../context';
import { FlowError } from '../errors';
import { tryResolveReferences, type ReferenceKind } from '../references';
import type { LoadedFlow } from '../types';
import type { SimFlow, SimWorld } from './types';

/**
 * The jurisdiction as the simulator sees it. Flow references resolve to names, not to
 * CloudFormation tokens: `${queue:General}` and `${route:spanish}` become the queue's name,
 * `${lambda:case-status}` the function's name, `${flow:…}` / `${module:…}` / `${bot:…}` /
 * `${botRole:…}` (the bot playing the role) /
 * `${hours:…}` / `${prompt:…}` theirs, and `${config:…}` its text, so the interpreter knows which one is meant.
 */
export function buildWorld(config: JurisdictionConfig, flows: readonly LoadedFlow[], bots: ReadonlyMap<string, BotDefinition>): SimWorld {
  const values = configValues(config);
  const queues = new Set(config.queues.map((q) => q.name));
  const flowNames = new Set(flows.map((f) => f.name));
  const route = (name: string) => ((ROUTES as readonly string[]).includes(name) ? routeQueueName(config, name as (typeof ROUTES)[number]) : undefined);
  const roles = botRoles(config);
  const resolve = (kind: ReferenceKind, name: string): string | undefined => {
    switch (kind) {
      case 'queue':
        return queues.has(name) ? name : undefined;
      case 'route':
        return route(name);
      case 'lambda':
        return FLOW_LAMBDAS.includes(name) ? name : undefined;
      case 'flow':
      case 'module':
        return flowNames.has(name) ? name : undefined;
      case 'bot':
        return bots.has(name) ? name : undefined;
      case 'botRole': {
        const bot = Object.hasOwn(roles, name) ? roles[name as BotRole] : undefined;
        return bot !== undefined && bots.has(bot) ? bot : undefined;
      }
      case 'hours':
        return config.hours.some((h) => h.name === name) ? name : undefined;
      case 'prompt':
        return config.prompts.files.some((p) => p.name === name) ? name : undefined;
      case 'config':
        return values[name];
      default:
        return name;
    }
  };
  const simFlows = new Map<string, SimFlow>();
  const findings = [];
  for (const flow of flows) {
    const { content, findings: problems } = tryResolveReferences(flow, resolve, { metadata: 'strip' });
    findings.push(...problems);
    simFlows.set(flow.name, { name: flow.name, type: flow.type, start: content.StartAction, actions: new Map(content.Actions.map((a) => [a.Identifier, a])), source: flow });
  }
  FlowError.throwIfErrors(findings);
  return {
    jurisdiction: config.id,
    languages: config.languages,
    flows: simFlows,
    hours: new Map(config.hours.map((h) => [h.name, h])),
    queues: new Map(config.queues.map((q) => [q.name, { name: q.name, hours: q.hours, maxContacts: q.maxContacts }])),
    bots,
    predefinedAttributes: config.proficiencyRouting.enabled
      ? new Map([[config.proficiencyRouting.attribute, config.proficiencyRouting.languages.map((l) => l.value)]])
      : new Map(),
  };
}

/**
 * Entry flows: inbound flows (CONTACT_FLOW) that no other flow hands a contact to (by an
 * event hook or a transfer), and queue-transfer flows (an agent's quick connect starts them).
 */
export function entryFlows(world: SimWorld): string[] {
  const referenced = new Set<string>();
  for (const flow of world.flows.values()) {
    for (const action of flow.actions.values()) {
      const hooks = action.Parameters.EventHooks as Record<string, string> | undefined;
      for (const target of Object.values(hooks ?? {})) referenced.add(String(target));
      if (action.Type === 'TransferToFlow') referenced.add(String(action.Parameters.ContactFlowId));
    }
  }
  return [...world.flows.values()].filter((f) => (f.type === 'CONTACT_FLOW' && !referenced.has(f.name)) || f.type === 'QUEUE_TRANSFER').map((f) => f.name);
}
