import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { coverage, percent, type FlowCoverage } from '../flows/simulator/coverage';
import { absentJurisdictions, isKitFlow, loadScenarios, loadSimulations, runSuite, scenarioFiles, scenarioFolders } from './simulation';

function table(rows: readonly FlowCoverage[], out: (line: string) => void, verbose: boolean): number {
  const total = rows.reduce((n, r) => n + r.total, 0);
  const covered = rows.reduce((n, r) => n + r.covered, 0);
  for (const r of rows) {
    out(`    ${r.flow.padEnd(24)} ${String(r.covered).padStart(4)}/${String(r.total).padEnd(4)} ${percent(r.covered, r.total).toFixed(1).padStart(5)}%`);
    if (verbose) for (const m of r.missed) out(`      not taken: ${m}`);
  }
  out(`    ${'all'.padEnd(24)} ${String(covered).padStart(4)}/${String(total).padEnd(4)} ${percent(covered, total).toFixed(1).padStart(5)}%`);
  return percent(covered, total);
}

/**
 * `gcck test-flows`: runs every scenario against every jurisdiction it applies to, prints
 * pass/fail (with a diff of what was expected and what the caller heard), the transition
 * coverage of each jurisdiction's flows and of the kit's own flows over all jurisdictions run,
 * and exits 1 on a failure or when the kit flows' coverage is under `--min-coverage`.
 */
export const testFlowsCommand: Command = {
  name: 'test-flows',
  summary: 'run the scenario calls of contact-flows/tests/ and report transition coverage',
  usage: 'gcck test-flows [--jurisdiction ID] [--config-dir DIR] [--min-coverage PERCENT] [--verbose] [SCENARIO.yaml ...]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { jurisdiction: 'string', 'config-dir': 'string', 'min-coverage': 'string', verbose: 'boolean' });
    const root = process.cwd();
    const min = options['min-coverage'] === undefined ? undefined : Number(options['min-coverage']);
    if (min !== undefined && !(min >= 0 && min <= 100)) throw new UsageError('--min-coverage must be a percentage from 0 to 100');
    const sims = loadSimulations(root, options.jurisdiction ? [String(options.jurisdiction)] : undefined, options['config-dir'] === undefined ? undefined : String(options['config-dir']));
    const files = positional.length > 0 ? positional.map((p) => path.resolve(root, p)) : scenarioFiles(scenarioFolders(root, sims.map((s) => s.config)));
    const scenarios = loadScenarios(files);
    // A fork that removed an example keeps the kit's scenarios pinned to it: say so, never fail.
    if (!options.jurisdiction) {
      const skipped = scenarios.filter(({ scenario }) => scenario.jurisdictions && absentJurisdictions(scenario, sims).length === scenario.jurisdictions.length);
      const absent = [...new Set(skipped.flatMap(({ scenario }) => absentJurisdictions(scenario, sims)))].sort();
      if (skipped.length > 0) io.out(`skipped ${skipped.length} scenario(s) naming only jurisdictions not in the config (${absent.join(', ')})`);
    }
    if (sims.length === 0) {
      io.out('no jurisdiction to run');
      return 0;
    }
    const suite = await runSuite(sims, scenarios);
    const verbose = options.verbose === true;
    for (const sim of sims) {
      io.out(`${sim.config.id}:`);
      for (const c of suite.cases.filter((x) => x.jurisdiction === sim.config.id)) {
        io.out(`  ${c.failures.length === 0 ? 'PASS' : 'FAIL'} ${c.name}${c.failures.length === 0 ? '' : ` (${c.file})`}`);
        for (const f of c.failures) io.out(f.split('\n').map((l) => `       ${l}`).join('\n'));
        for (const w of c.warnings) io.out(`       warning: ${w}`);
      }
      io.out('  transition coverage:');
      table(coverage(sim.world, suite.taken.get(sim.config.id)!), io.out, false);
    }
    io.out(`kit flows (contact-flows/), all jurisdictions run:`);
    const kit = [...sims[0].world.flows.keys()].filter((f) => isKitFlow(sims[0], f));
    const kitPercent = table(coverage(sims[0].world, suite.kitTaken, kit), io.out, verbose);
    const failed = suite.cases.filter((c) => c.failures.length > 0).length;
    io.out(`${suite.cases.length - failed} passed, ${failed} failed`);
    if (min !== undefined && kitPercent < min) {
      io.out(`kit flow coverage ${kitPercent}% is under the minimum ${min}%`);
      return 1;
    }
    return failed > 0 ? 1 : 0;
  },
};
