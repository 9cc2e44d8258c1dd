import * as fs from 'fs';
import { Command, parseArgs, UsageError } from './command';
import { formatFinding } from '../flows/errors';
import { countFindings, lintFlows, LintContext } from '../flows/lint';
import { loadFlows } from '../flows/loader';

// Required only with --jurisdiction (the context also without a PATH): the config loader brings
// zod and yaml, the flow context aws-cdk-lib (through the handler names), together about a third
// of a CPU-second that linting the files named on the command line does not need.
/* eslint-disable @typescript-eslint/no-require-imports */
const configErrors = () => require('../config/errors') as typeof import('../config/errors');
const configLoader = () => require('../config/loader') as typeof import('../config/loader');
const sources = () => require('../sources') as typeof import('../sources');
const flowContext = () => require('../flows/context') as typeof import('../flows/context');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Said when lint-flows runs without --jurisdiction, whose names the reference checks need. */
export const NO_JURISDICTION_NOTE =
  'note: without --jurisdiction, ${...} references are checked for syntax and kind only, not that the queues, hours, functions, bots, prompts or flows they name exist (add --jurisdiction ID to check them)';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `gcck lint-flows`: lints flow files. Without `--jurisdiction`, references are checked for
 * syntax and kind only (any name); with it, against the names the jurisdiction defines, and
 * the default paths are the flows it deploys (the kit folder and its `flows.folders`, minus
 * `flows.exclude`). Exit 0 clean, 1 errors (or warnings with `--strict`), 2 usage.
 */
export const lintFlowsCommand: Command = {
  name: 'lint-flows',
  summary: 'check contact flow files and report every problem',
  usage: 'gcck lint-flows [--format text|json] [--strict] [--jurisdiction ID [--config-dir DIR]] [PATH ...]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { format: 'string', strict: 'boolean', jurisdiction: 'string', 'config-dir': 'string' });
    const format = String(options.format ?? 'text');
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(format)}`);
    if (options['config-dir'] !== undefined && options.jurisdiction === undefined) throw new UsageError('--config-dir needs --jurisdiction');
    for (const p of positional) if (!fs.existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);

    let context: LintContext = {};
    let paths = positional;
    let exclude: readonly string[] = [];
    if (options.jurisdiction !== undefined) {
      const { flowSources, lintContextFor } = flowContext();
      let loaded;
      try {
        const configDir = String(options['config-dir'] ?? 'config');
        loaded = configLoader().loadJurisdictions({ configDir, only: [String(options.jurisdiction)] });
        sources().checkFlowFolders(loaded.configs[0], process.cwd(), loaded.files[0]);
      } catch (error) {
        if (!(error instanceof configErrors().ConfigError)) throw error;
        io.err(error.message);
        return 1;
      }
      for (const warning of loaded.warnings) io.err(`warning: ${warning}`);
      const config = loaded.configs[0];
      const deploys = flowSources(config);
      if (paths.length === 0) {
        paths = deploys.paths;
        exclude = deploys.options.exclude ?? [];
      }
      // The flows the jurisdiction deploys are what ${flow:…} and ${module:…} may name.
      const deployed = loadFlows(deploys.paths, deploys.options).flows;
      context = lintContextFor(config, deployed);
    } else {
      if (paths.length === 0) {
        const { KIT_FLOW_FOLDER } = flowContext();
        if (!fs.existsSync(KIT_FLOW_FOLDER)) throw new UsageError(`no such folder: ${KIT_FLOW_FOLDER} (run from the repository root or give a PATH)`);
        paths = [KIT_FLOW_FOLDER];
      }
      // A clean result must not read as "every name resolves": say what was left out.
      io.err(NO_JURISDICTION_NOTE);
    }

    const set = loadFlows(paths, { exclude });
    if (options.jurisdiction !== undefined) {
      const names = context.names!;
      context = {
        ...context,
        names: {
          ...names,
          flow: [...new Set([...(names.flow ?? []), ...set.flows.filter((f) => f.type !== 'MODULE').map((f) => f.name)])],
          module: [...new Set([...(names.module ?? []), ...set.flows.filter((f) => f.type === 'MODULE').map((f) => f.name)])],
        },
      };
    }
    const findings = lintFlows(set, context);
    const { errors, warnings } = countFindings(findings);
    const flowCount = set.files.length;
    if (format === 'json') {
      io.out(JSON.stringify({ flows: flowCount, errors, warnings, findings }, null, 2));
    } else {
      for (const finding of findings) io.out(formatFinding(finding));
      io.out(`${plural(flowCount, 'flow file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
    }
    if (errors === 0 && options.strict === true && warnings > 0) {
      io.err(`--strict: exit 1 because of ${plural(warnings, 'warning')} (without --strict, warnings do not fail)`);
      return 1;
    }
    return errors > 0 ? 1 : 0;
  },
};
