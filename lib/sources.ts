import * as fs from 'fs';
import * as path from 'path';
import { loadBotDefinitions } from './bots/loader';
import type { BotDefinition } from './bots/schema';
import { CHAT_FLOW } from './config/chat-checks';
import { FOLLOW_UP_FLOW } from './config/follow-up-checks';
import { lexLocaleOf } from './config/lex-locale';
import { ConfigError } from './config/errors';
import { displayPath } from './config/display-path';
import { closest } from './config/zod-issues';
import type { JurisdictionConfig } from './config/schema';
import { flowSources, lintContextFor } from './flows/context';
import { FlowError, formatFinding } from './flows/errors';
import { lintFlows } from './flows/lint';
import { FlowSet, loadFlows } from './flows/loader';
import type { LoadedFlow } from './flows/types';
import { checkPromptFiles, type JurisdictionPrompts } from './prompts/files';
import { withHoldMusic } from './prompts/hold-music';

/** What a jurisdiction deploys besides its config: bot definitions and flow files, checked. */
export interface JurisdictionSources {
  /** Bot definitions by name (the jurisdiction's `bots`). */
  readonly bots: ReadonlyMap<string, BotDefinition>;
  /** The flows and modules to deploy, linted with the jurisdiction's names. */
  readonly flows: readonly LoadedFlow[];
  /** The recorded prompts, their audio files checked. */
  readonly prompts: JurisdictionPrompts;
  /** Lint warnings (bots and flows), in the problem-line format. */
  readonly warnings: readonly string[];
}

/**
 * Files already read and checked in this run, so jurisdictions sharing the kit's bots and flows
 * (the usual case) parse them once. Create one per run; never keep it across file changes.
 */
export class SourceCache {
  readonly bots = new Map<string, ReturnType<typeof loadBotDefinitions>>();
  readonly flows = new Map<string, FlowSet>();
}

/**
 * Reads and checks a jurisdiction's bot definitions and flow files. Throws a ConfigError
 * (bots) or a FlowError (flows) listing every problem; never returns a half-checked set.
 * Flow lint runs for every jurisdiction: the names it checks references against are its own.
 *
 * @param root the repository root that `config/bots`, `contact-flows` and `flows.folders` are relative to
 * @param cache files already read in this run; @default - none (everything is read)
 * @param configFile the jurisdiction file, as shown in messages; @default `config/jurisdictions/<id>.yaml`
 */
export function loadJurisdictionSources(
  config: JurisdictionConfig,
  root: string = process.cwd(),
  cache: SourceCache = new SourceCache(),
  configFile: string = `config/jurisdictions/${config.id}.yaml`,
): JurisdictionSources {
  const botsKey = `${config.region}|${config.bots.join(',')}`;
  const bots =
    cache.bots.get(botsKey) ?? loadBotDefinitions({ botsDir: path.join(root, 'config', 'bots'), names: config.bots, region: config.region });
  cache.bots.set(botsKey, bots);
  const { definitions, warnings: botWarnings } = bots;
  checkBotLocales(config, definitions, configFile);

  checkFlowFolders(config, root, configFile);
  const prompts = checkPromptFiles(config, configFile);
  const { paths, options } = flowSources(config);
  const absolute = paths.map((p) => path.resolve(root, p));
  // The flows the kit leaves out by itself (the follow-up task flow while followUp is off) are
  // dropped after reading, so jurisdictions that differ only in them share one read of the files.
  const flowsKey = JSON.stringify([absolute, config.flows.exclude]);
  const loaded = cache.flows.get(flowsKey) ?? loadFlows(absolute, { ...options, exclude: config.flows.exclude });
  cache.flows.set(flowsKey, loaded);
  const dropped = new Set((options.exclude ?? []).filter((name) => !config.flows.exclude.includes(name)));
  const set = dropped.size === 0 ? loaded : { ...loaded, flows: loaded.flows.filter((flow) => !dropped.has(flow.name)) };
  // Hold music is woven into the queue flow per jurisdiction: lint, app and simulator all see it.
  const flows = withHoldMusic(config, set.flows, configFile);
  const findings = lintFlows({ ...set, flows }, lintContextFor(config, flows));
  FlowError.throwIfErrors(findings);
  checkPhoneNumberFlows(config, flows, configFile);
  return {
    bots: definitions,
    flows,
    prompts,
    warnings: [...botWarnings, ...findings.filter((f) => f.severity === 'warning').map(formatFinding)],
  };
}

/**
 * The flows a phone number can start: inbound flows (CONTACT_FLOW) other than the web chat's
 * flow, the follow-up task flow (tasks only) and the flows other flows set as event hooks (the post-contact survey runs after an
 * agent leaves, never as a call's first flow).
 */
export function voiceEntryFlows(flows: readonly LoadedFlow[]): string[] {
  const hooked = new Set<string>();
  for (const flow of flows) {
    for (const action of flow.content.Actions ?? []) {
      if (action.Type !== 'UpdateContactEventHooks') continue;
      for (const match of JSON.stringify(action.Parameters ?? {}).matchAll(/\$\{flow:([^}]+)\}/g)) hooked.add(match[1]);
    }
  }
  return flows.filter((flow) => flow.type === 'CONTACT_FLOW' && flow.name !== CHAT_FLOW && flow.name !== FOLLOW_UP_FLOW && !hooked.has(flow.name)).map((flow) => flow.name);
}

/** Every phone number must be bound to a flow that can answer a call (see {@link voiceEntryFlows}) the jurisdiction deploys. */
function checkPhoneNumberFlows(config: JurisdictionConfig, flows: readonly LoadedFlow[], configFile: string): void {
  const inbound = voiceEntryFlows(flows);
  const problems = config.phoneNumbers.flatMap((number, i) => {
    if (inbound.includes(number.flow)) return [];
    const where = `${configFile}: phoneNumbers[${i}].flow: ${JSON.stringify(number.flow)}`;
    const list = `(inbound voice flows: ${inbound.join(', ') || 'none'})`;
    if (flows.some((flow) => flow.name === number.flow)) return [`${where} is deployed, but cannot answer a call (a chat, task, event-hook, queue or module flow) ${list}`];
    const hint = closest(number.flow, inbound);
    return [
      `${configFile}: phoneNumbers[${i}].flow: ${JSON.stringify(number.flow)} is not an inbound voice flow this jurisdiction deploys${hint ? `, did you mean "${hint}"?` : ''} (inbound voice flows: ${inbound.join(', ') || 'none'})`,
    ];
  });
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * Every bot is built with every locale in `lexLocales`: a bot that does not declare one would
 * otherwise fail only when its construct is built, naming neither the jurisdiction nor the key.
 */
function checkBotLocales(config: JurisdictionConfig, definitions: ReadonlyMap<string, BotDefinition>, configFile: string): void {
  const problems: string[] = [];
  config.bots.forEach((name, j) => {
    const definition = definitions.get(name);
    if (!definition) return;
    const declared = Object.keys(definition.locales);
    config.lexLocales.forEach((locale, k) => {
      if (declared.includes(locale)) return;
      const i = config.languages.findIndex((language) => lexLocaleOf(language) === locale);
      const needs = i >= 0 ? `languages[${i}] ${JSON.stringify(config.languages[i])}` : `lexLocales[${k}]`;
      problems.push(
        `${configFile}: bots[${j}]: bot ${JSON.stringify(name)} has no ${locale} locale, which ${needs} needs (declared: ${declared.join(', ') || 'none'}; add ${locale} to config/bots/${name}.yaml, or list another bot)`,
      );
    });
  });
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Every `flows.folders` entry must exist: a missing one would deploy without the agency's flows. Throws a ConfigError naming the file and key. */
export function checkFlowFolders(config: JurisdictionConfig, root: string, configFile: string): void {
  const problems = config.flows.folders.flatMap((folder, i) => {
    const resolved = path.resolve(root, folder);
    if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) return [];
    const what = fs.existsSync(resolved) ? 'is not a folder' : 'does not exist';
    return [`${configFile}: flows.folders[${i}]: ${JSON.stringify(folder)} ${what} (folders are relative to the repository root, ${displayPath(root) || '.'})`];
  });
  if (problems.length > 0) throw new ConfigError(problems);
}
