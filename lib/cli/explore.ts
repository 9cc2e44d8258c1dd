import { Command, parseArgs } from './command';
import { explorationEntries } from '../flows/simulator/entries';
import { explore } from '../flows/simulator/explore';
import { loadSimulations } from './simulation';

/**
 * `gcck explore`: enumerates every path through every entry flow of each jurisdiction and
 * reports stranded callers (a disconnect after an error with no message since), missing
 * transitions, unbounded loops and English prompts on the Spanish path. Exits 1 if any.
 */
export const exploreCommand: Command = {
  name: 'explore',
  summary: 'prove no caller is stranded: every path through every entry flow',
  usage: 'gcck explore [--jurisdiction ID] [--config-dir DIR] [--faults N]   (default: 1 injected fault per path)',
  async run(args, io) {
    const { options } = parseArgs(args, { jurisdiction: 'string', 'config-dir': 'string', faults: 'string' });
    const maxFaults = options.faults === undefined ? 1 : Number(options.faults);
    const sims = loadSimulations(process.cwd(), options.jurisdiction ? [String(options.jurisdiction)] : undefined, options['config-dir'] === undefined ? undefined : String(options['config-dir']));
    let problems = 0;
    for (const sim of sims) {
      const started = Date.now();
      const report = explore(sim.world, explorationEntries(sim.config, sim.world), { maxFaults });
      io.out(`${sim.config.id}: ${report.paths.toLocaleString('en-US')} paths, ${report.states.toLocaleString('en-US')} states, ${report.problems.length} problem path(s) (${Date.now() - started} ms)`);
      for (const e of report.entries) {
        io.out(`  ${e.flow} (${e.channel}${e.language ? `, ${e.language}` : ''}): ${e.paths.toLocaleString('en-US')} paths, ${e.states} states, ${e.problems} problem(s)`);
      }
      for (const p of report.problems) {
        io.out(`  ${p.kind}: ${p.message}`);
        io.out(p.path.slice(-12).map((t) => `      ${t}`).join('\n'));
      }
      problems += report.problems.length;
    }
    return problems > 0 ? 1 : 0;
  },
};
