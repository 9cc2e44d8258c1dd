import * as path from 'path';
import { loadBotDefinitions } from './bots/loader';
import type { BotDefinition } from './bots/schema';
import type { JurisdictionConfig } from './config/schema';
import { flowSources, lintContextFor } from './flows/context';
import { FlowError, formatFinding } from './flows/errors';
import { lintFlows } from './flows/lint';
import { loadFlows } from './flows/loader';
import type { LoadedFlow } from './flows/types';

/** What a jurisdiction deploys besides its config: bot definitions and flow files, checked. */
export interface JurisdictionSources {
  /** Bot definitions by name (the jurisdiction's `bots`). */
  readonly bots: ReadonlyMap<string, BotDefinition>;
  /** The flows and modules to deploy, linted with the jurisdiction's names. */
  readonly flows: readonly LoadedFlow[];
  /** Lint warnings (bots and flows), in the problem-line format. */
  readonly warnings: readonly string[];
}

/**
 * Reads and checks a jurisdiction's bot definitions and flow files. Throws a ConfigError
 * (bots) or a FlowError (flows) listing every problem; never returns a half-checked set.
 *
 * @param root the repository root that `config/bots`, `contact-flows` and `flows.folders` are relative to
 */
export function loadJurisdictionSources(config: JurisdictionConfig, root: string = process.cwd()): JurisdictionSources {
  const { definitions, warnings: botWarnings } = loadBotDefinitions({
    botsDir: path.join(root, 'config', 'bots'),
    names: config.bots,
    region: config.region,
  });
  const { paths, options } = flowSources(config);
  const set = loadFlows(
    paths.map((p) => path.resolve(root, p)),
    options,
  );
  const findings = lintFlows(set, lintContextFor(config, set.flows));
  FlowError.throwIfErrors(findings);
  return {
    bots: definitions,
    flows: set.flows,
    warnings: [...botWarnings, ...findings.filter((f) => f.severity === 'warning').map(formatFinding)],
  };
}
