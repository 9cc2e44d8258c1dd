import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { displayPath } from './config/files';
import type { LoadOptions } from './config/loader';
import { loadJurisdictions } from './config/loader';
import type { JurisdictionConfig } from './config/schema';
import { addJurisdiction, JurisdictionStacks } from './jurisdiction';
import { JurisdictionSources, loadJurisdictionSources, SourceCache } from './sources';

/** Everything the app reads before building anything: configs, their bots and flows, warnings. */
export interface KitInputs {
  /** The selected jurisdictions. */
  readonly configs: readonly JurisdictionConfig[];
  /** Each jurisdiction's checked bots and flows, in the order of `configs`. */
  readonly sources: readonly JurisdictionSources[];
  /** Warnings from config, bot and flow checks, in the problem-line format. */
  readonly warnings: readonly string[];
}

/**
 * Reads and checks every input of the selected jurisdictions. Throws a ConfigError or FlowError
 * listing every problem, before any construct exists.
 *
 * @param root the repository root bots and flows are relative to; @default the working folder
 */
export function loadKitInputs(options: LoadOptions, root: string = process.cwd()): KitInputs {
  const loaded = loadJurisdictions(options);
  const cache = new SourceCache();
  const sources = loaded.configs.map((config) =>
    loadJurisdictionSources(config, root, cache, displayPath(path.join(options.configDir, 'jurisdictions', `${config.id}.yaml`))),
  );
  return { configs: loaded.configs, sources, warnings: [...loaded.warnings, ...sources.flatMap((s) => s.warnings)] };
}

/** Adds every jurisdiction's stacks to the app (the nag packs are the caller's to add). */
export function addKit(app: App, inputs: KitInputs): JurisdictionStacks[] {
  return inputs.configs.map((config, i) => addJurisdiction(app, config, inputs.sources[i]));
}
