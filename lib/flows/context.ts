import { FOLLOW_UP_FLOW, followUpQueueName } from '../config/follow-up-checks';
import { REGION_CAPABILITIES } from '../config/regions';
import type { JurisdictionConfig } from '../config/schema';
import { HandlerName } from '../constructs/contact-center-functions';
import type { LoadFlowsOptions } from './loader';
import type { KnownNames, LintContext } from './lint/rule';
import { BOT_ROLE_DEFAULTS, BOT_ROLES, type BotRole } from './bot-roles';
import { flowTextValues } from './texts';
import { proficiencyConfigValues } from '../quality/proficiency-routing';
import type { LoadedFlow } from './types';

/** Folder of the kit's own flows, relative to the repository root. */
export const KIT_FLOW_FOLDER = 'contact-flows';

/** AWS-managed agent workspace views flows may show as `${view:<name>}` (ShowView). */
export const MANAGED_VIEWS = ['detail', 'list', 'form', 'confirmation', 'cards'] as const;

/**
 * The routing roles flows name as `${route:<role>}` (config `routing`; unset roles fall back to
 * `default`). `followUp` is the queue of follow-up tasks (config `followUp.queue`, see {@link routeQueueName}).
 */
export const ROUTES = ['default', 'spanish', 'escalation', 'callback', 'followUp'] as const;

/** The name of the queue a routing role sends contacts to in a jurisdiction. */
export function routeQueueName(config: JurisdictionConfig, route: (typeof ROUTES)[number]): string {
  return route === 'followUp' ? followUpQueueName(config) : (config.routing[route] ?? config.routing.default);
}


export { BOT_ROLE_DEFAULTS, BOT_ROLES, type BotRole } from './bot-roles';

/**
 * The bot each role names in a jurisdiction: config `flows.bots` or the default, kept only if
 * the jurisdiction lists that bot (a role whose bot is not deployed names nothing).
 */
export function botRoles(config: JurisdictionConfig): Partial<Record<BotRole, string>> {
  const chosen = (config.flows.bots ?? {}) as Partial<Record<BotRole, string>>;
  const out: Partial<Record<BotRole, string>> = {};
  for (const role of BOT_ROLES) {
    const bot = chosen[role] ?? BOT_ROLE_DEFAULTS[role];
    if (config.bots.includes(bot)) out[role] = bot;
  }
  return out;
}

/**
 * Functions flows may invoke as `${lambda:<name>}`: every kit handler but the bot's code hook,
 * which Amazon Connect does not invoke (it has no integration association).
 */
export const FLOW_LAMBDAS: readonly string[] = Object.values(HandlerName).filter((name) => name !== HandlerName.LEX_FULFILLMENT);

/** The `${config:<name>}` values a jurisdiction offers flows (plain text, e.g. for a greeting). */
export function configValues(config: JurisdictionConfig): Record<string, string> {
  return {
    id: config.id,
    displayName: config.displayName,
    region: config.region,
    /** Comma-separated, e.g. `en-US,es-US`: flows test it with TextContains. */
    languages: config.languages.join(','),
    defaultLanguage: config.languages[0],
    /** `on` or `off` (config `agentView.enabled`): the inbound flows set the agent-context guide only when `on`. */
    agentView: config.agentView.enabled ? 'on' : 'off',
    ...flowTextValues(config.displayName, config.flows.texts),
    ...proficiencyConfigValues(config.proficiencyRouting),
  };
}

/**
 * Where a jurisdiction's flows come from: the kit folder and its extra folders, minus its
 * exclusions (and minus the follow-up task flow unless `followUp.enabled`).
 */
export function flowSources(config: JurisdictionConfig, kitFolder: string = KIT_FLOW_FOLDER): { paths: string[]; options: LoadFlowsOptions } {
  const exclude = config.followUp?.enabled || config.flows.exclude.includes(FOLLOW_UP_FLOW) ? config.flows.exclude : [...config.flows.exclude, FOLLOW_UP_FLOW];
  return { paths: [kitFolder, ...config.flows.folders], options: { exclude } };
}

/**
 * The lint context of a jurisdiction: the names of its queues, routes, hours, functions, bots,
 * routing profiles and quick connects, the `flows` it deploys (as flows and modules), its config
 * values, region, partition and account, and the contact attributes its own flows may set
 * besides the contract (`flows.attributes`). Its recorded prompts (`prompts.files`) are the
 * `${prompt:…}` names. Content size is estimated without Metadata, which the ContactFlows
 * construct strips.
 */
export function lintContextFor(config: JurisdictionConfig, flows: readonly LoadedFlow[]): LintContext {
  const values = configValues(config);
  const names: KnownNames = {
    queue: config.queues.map((q) => q.name),
    route: [...ROUTES],
    hours: config.hours.map((h) => h.name),
    lambda: [...FLOW_LAMBDAS],
    bot: [...config.bots],
    botRole: Object.keys(botRoles(config)),
    prompt: config.prompts.files.map((p) => p.name),
    flow: flows.filter((f) => f.type !== 'MODULE').map((f) => f.name),
    module: flows.filter((f) => f.type === 'MODULE').map((f) => f.name),
    routingProfile: config.routingProfiles.map((p) => p.name),
    quickConnect: config.quickConnects.map((q) => q.name),
    view: [...MANAGED_VIEWS],
    config: Object.keys(values),
  };
  return {
    names,
    configValues: values,
    region: config.region,
    partition: REGION_CAPABILITIES[config.region].partition,
    account: config.account,
    metadata: 'strip',
    attributes: config.flows.attributes ?? [],
  };
}
