import * as fs from 'fs';
import * as path from 'path';
import { lexLocaleOf } from '../config/lex-locale';
import { ConfigError } from '../config/errors';
import { displayPath } from '../config/display-path';
import { readYamlFile } from '../config/files';
import { loadJurisdictions } from '../config/loader';
import type { JurisdictionConfig } from '../config/schema';
import { formatZodIssues } from '../config/zod-issues';
import { KIT_FLOW_FOLDER } from '../flows/context';
import { buildWorld } from '../flows/simulator/world';
import { checkExpectations } from '../flows/simulator/check';
import { KitFunctions, withSdkStubs } from '../flows/simulator/functions';
import { runCall, scenarioSetup } from '../flows/simulator/runner';
import type { CallResult, CallScript } from '../flows/simulator/runner';
import { scenarioSchema, type Scenario } from '../flows/simulator/scenario';
import type { Taken } from '../flows/simulator/engine';
import { transitionKey } from '../flows/simulator/coverage';
import type { SimWorld } from '../flows/simulator/types';
import { loadJurisdictionSources, SourceCache } from '../sources';
import { DEFAULT_OFFICE_INFO } from '../stacks/contact-center-stack';

/**
 * The file side of the simulator commands: reads a jurisdiction (config, bots, flows) into a
 * simulated world, finds and parses scenario files, and runs a scenario with the kit's real
 * functions.
 */

/** A jurisdiction ready to simulate. */
export interface Simulation {
  readonly config: JurisdictionConfig;
  readonly world: SimWorld;
  /** OFFICE_INFO as the stack gives it to lex-fulfillment. */
  readonly officeInfo: Record<string, string>;
}

/**
 * Loads the jurisdictions (`only`, or all) of the repository at `root`.
 * @param configDir the config folder (`--config-dir`) @default `<root>/config`
 */
export function loadSimulations(root: string, only?: readonly string[], configDir: string = path.join(root, 'config')): Simulation[] {
  const { configs, files } = loadJurisdictions({ configDir, only: only ? [...only] : undefined });
  const cache = new SourceCache();
  return configs.map((config, i) => {
    const sources = loadJurisdictionSources(config, root, cache, files[i]);
    const text = { ...DEFAULT_OFFICE_INFO, ...config.officeInfo };
    const officeInfo = Object.fromEntries(config.languages.map((language) => [lexLocaleOf(language), text[language]!]));
    return { config, world: buildWorld(config, sources.flows, sources.bots), officeInfo };
  });
}

/** A scenario read from a file. */
export interface ScenarioFile {
  readonly file: string;
  readonly scenario: Scenario;
}

/** Folders holding scenarios: `tests/` of the kit's flow folder and of every folder a jurisdiction lists. */
export function scenarioFolders(root: string, configs: readonly JurisdictionConfig[]): string[] {
  const folders = [KIT_FLOW_FOLDER, ...configs.flatMap((c) => c.flows.folders)].map((f) => path.resolve(root, f, 'tests'));
  return [...new Set(folders)].filter((f) => fs.existsSync(f));
}

/** Reads scenario files; every problem is collected, then thrown once as a ConfigError. */
export function loadScenarios(files: readonly string[]): ScenarioFile[] {
  const problems: string[] = [];
  const out: ScenarioFile[] = [];
  for (const file of files) {
    const data = readYamlFile(file, problems);
    if (data === undefined) continue;
    const parsed = scenarioSchema.safeParse(data);
    if (!parsed.success) problems.push(...formatZodIssues(displayPath(file), scenarioSchema, parsed.error.issues));
    else out.push({ file: displayPath(file), scenario: parsed.data });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out;
}

/** The scenario files (`*.yaml`) in `folders`, sorted. */
export function scenarioFiles(folders: readonly string[]): string[] {
  return folders.flatMap((folder) => fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(folder, f)));
}

/** Whether a scenario runs for a jurisdiction: it names it (or none) and the jurisdiction deploys its flow. */
export function appliesTo(scenario: Scenario, sim: Simulation): boolean {
  return (!scenario.jurisdictions || scenario.jurisdictions.includes(sim.config.id)) && sim.world.flows.has(scenario.flow);
}

/** The outcome of one scenario for one jurisdiction. */
export interface ScenarioRun {
  readonly result: CallResult;
  readonly failures: readonly string[];
}

/** Runs a scenario with the kit's real functions (unless it scripts them) and checks it. */
export async function runScenario(sim: Simulation, scenario: Scenario, onTaken?: (t: Taken) => void, inputs?: CallScript['inputs']): Promise<ScenarioRun> {
  const { setup, conditions } = scenarioSetup(scenario);
  const functions = new KitFunctions(sim.config, scenario.data, sim.officeInfo);
  return withSdkStubs(async () => {
    const result = await runCall(sim.world, setup, { inputs: inputs ?? scenario.inputs, functions: scenario.functions, agent: scenario.agent }, conditions, functions, onTaken);
    return { result, failures: inputs ? [] : checkExpectations(scenario, result, functions.surveys) };
  });
}

/** One scenario's outcome in a suite run. */
export interface SuiteCase {
  readonly jurisdiction: string;
  readonly file: string;
  readonly name: string;
  readonly failures: readonly string[];
  /** Faults naming no action of the jurisdiction's flows (they change nothing: a renamed action?). */
  readonly warnings: readonly string[];
}

/** The scenario's faults that name no action of the world's flows. */
export function unknownFaults(scenario: Scenario, world: SimWorld): string[] {
  return Object.keys(scenario.world.faults).filter((key) => {
    const slash = key.indexOf('/');
    if (slash > 0 && world.flows.get(key.slice(0, slash))?.actions.has(key.slice(slash + 1))) return false;
    return ![...world.flows.values()].some((f) => f.actions.has(key));
  });
}

/** The outcome of every scenario for every jurisdiction. */
export interface SuiteResult {
  readonly cases: readonly SuiteCase[];
  /** Transitions taken, by jurisdiction. */
  readonly taken: ReadonlyMap<string, ReadonlySet<string>>;
  /** Transitions of the kit's own flows taken in any jurisdiction (the same files everywhere). */
  readonly kitTaken: ReadonlySet<string>;
}

/** The jurisdictions a scenario names that none of `sims` is (a fork without an example): its calls are skipped for them. */
export function absentJurisdictions(scenario: Scenario, sims: readonly Simulation[]): string[] {
  return (scenario.jurisdictions ?? []).filter((id) => !sims.some((s) => s.config.id === id));
}

/** Runs every scenario that applies to each jurisdiction. */
export async function runSuite(sims: readonly Simulation[], scenarios: readonly ScenarioFile[]): Promise<SuiteResult> {
  const cases: SuiteCase[] = [];
  const taken = new Map<string, Set<string>>();
  const kitTaken = new Set<string>();
  // One set of SDK stubs for the whole suite, put back at its end.
  await withSdkStubs(async () => {
    for (const sim of sims) {
      const mine = new Set<string>();
      taken.set(sim.config.id, mine);
      for (const { file, scenario } of scenarios) {
        if (!appliesTo(scenario, sim)) continue;
        const { failures } = await runScenario(sim, scenario, (t) => {
          const key = transitionKey(t.flow, t.action, t.label);
          mine.add(key);
          if (isKitFlow(sim, t.flow)) kitTaken.add(key);
        });
        const warnings = unknownFaults(scenario, sim.world).map((key) => `fault ${JSON.stringify(key)} names no action of ${sim.config.id}'s flows; it changes nothing`);
        cases.push({ jurisdiction: sim.config.id, file, name: scenario.name, failures, warnings });
      }
    }
  });
  return { cases, taken, kitTaken };
}

/** Whether a flow is one of the kit's own (from contact-flows/, not a jurisdiction's folder). */
export function isKitFlow(sim: Simulation, flow: string): boolean {
  const file = sim.world.flows.get(flow)?.source.file ?? '';
  return file.split('/').slice(-2, -1)[0] === KIT_FLOW_FOLDER;
}
