import * as fs from 'fs';
import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { ConfigError } from '../config/errors';
import { loadJurisdictions } from '../config/loader';
import { flowSources, lintContextFor } from '../flows/context';
import { formatFinding } from '../flows/errors';
import { flowFileText, formatUnmapped, importFlows } from '../flows/import';
import { countFindings, lintFlows } from '../flows/lint';
import { displayPath, loadFlows } from '../flows/loader';

/** Where imported flows go by default: a folder the jurisdiction lists in `flows.folders`. */
export const defaultImportDir = (jurisdiction: string) => path.join('flows', jurisdiction);

/**
 * `gcck import-flow <file|template...> --jurisdiction ID [--out DIR]`: converts exported flows
 * (any container shape) into kit flow files with `${kind:name}` references to the jurisdiction's
 * names, writes them to DIR, prints every value it could not map, and lints the result with the
 * jurisdiction's names. Exit 0 when the written flows lint clean, 1 otherwise (the report says
 * why), 2 on usage.
 */
export const importFlowCommand: Command = {
  name: 'import-flow',
  summary: 'convert exported flows or CloudFormation templates into kit flow files',
  usage: 'gcck import-flow <file|template ...> --jurisdiction ID [--config-dir DIR] [--out DIR (default flows/<ID>)]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { jurisdiction: 'string', 'config-dir': 'string', out: 'string' });
    if (positional.length === 0) throw new UsageError('give at least one exported flow or template file');
    if (options.jurisdiction === undefined) throw new UsageError('--jurisdiction is required: its names are what ARNs are converted to');
    for (const p of positional) if (!fs.existsSync(p) || !fs.statSync(p).isFile()) throw new UsageError(`no such file: ${p}`);
    const id = String(options.jurisdiction);
    let loaded;
    try {
      loaded = loadJurisdictions({ configDir: String(options['config-dir'] ?? 'config'), only: [id] });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(error.message);
      return 1;
    }
    const config = loaded.configs[0];
    const out = String(options.out ?? defaultImportDir(id));
    const sources = flowSources(config);
    const deployed = loadFlows(sources.paths.filter((p) => fs.existsSync(p) && path.resolve(p) !== path.resolve(out)), sources.options).flows;
    const names = lintContextFor(config, deployed).names!;

    const result = importFlows(
      positional.map((file) => ({ file: displayPath(file), text: fs.readFileSync(file, 'utf8') })),
      names,
    );
    for (const problem of result.problems) io.err(`${problem.file}${problem.location ? ` ${problem.location}` : ''}: ${problem.message}`);
    fs.mkdirSync(out, { recursive: true });
    const written: string[] = [];
    for (const flow of result.flows) {
      const file = path.join(out, `${flow.name}.json`);
      fs.writeFileSync(file, flowFileText(flow));
      written.push(file);
      io.out(`wrote ${displayPath(file)} (${flow.type}, ${flow.converted} value${flow.converted === 1 ? '' : 's'} converted)`);
    }
    if (result.unmapped.length > 0) {
      io.out(`${result.unmapped.length} value${result.unmapped.length === 1 ? '' : 's'} could not be mapped (left as found):`);
      for (const u of result.unmapped) io.out(`  ${formatUnmapped(u)}`);
    }
    if (written.length === 0) return 1;

    // Lint what was written, with the jurisdiction's names and the new flows as flow names.
    const set = loadFlows(written);
    const context = lintContextFor(config, [...deployed, ...set.flows]);
    const findings = lintFlows(set, context);
    const { errors, warnings } = countFindings(findings);
    for (const finding of findings) io.out(formatFinding(finding));
    io.out(`lint: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${config.flows.folders.includes(out) ? '' : ` (add ${JSON.stringify(out)} to flows.folders of ${id} to deploy them)`}`);
    return errors > 0 || result.problems.length > 0 ? 1 : 0;
  },
};
