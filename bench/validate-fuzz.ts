/**
 * A larger config-fuzz campaign than test/config/fuzz.test.ts: seeded mutations of the example
 * jurisdictions through the config, bot and flow checks, then every accepted case through the
 * full `gcck validate` path (the in-memory app, nag packs, synthesis; bundling skipped).
 *
 *   npx tsx bench/validate-fuzz.ts [--seed N] [--cases N] [--cfn-validation]
 *
 * Prints the table: tried / clear error / accepted / unclear error / stack trace / over 10 s,
 * and the cases that were not clean. `--cfn-validation` keeps aws-cdk-lib's CloudFormation
 * validation on in the builds, as `cdk synth` has it (slower: seconds per build).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SEED = option('--seed', 20261128);
const CASES = option('--cases', 1000);
const CFN_VALIDATION = args.includes('--cfn-validation');
if (!CFN_VALIDATION) process.env.CDK_VALIDATION = 'false';

async function main(): Promise<void> {
  // Imported after CDK_VALIDATION is set, so aws-cdk-lib reads it.
  const { validateKit } = await import('../lib/cli/validate');
  const { loadKitInputs } = await import('../lib/kit-app');
  const { SourceCache } = await import('../lib/sources');
  const fuzz = await import('../test/helpers/config-fuzz');
  const root = path.join(__dirname, '..');

  const started = performance.now();
  const cases = fuzz.fuzzCases(SEED, CASES);
  const generatedMs = performance.now() - started;
  const scratch = fuzz.fuzzScratch();
  const cache = new SourceCache();
  const folders = new fuzz.CaseFolders(scratch);
  const configLevel = fuzz.emptyTally();
  const fullBuild = fuzz.emptyTally();
  const endToEnd = fuzz.emptyTally();
  const notClean: string[] = [];
  const buildMs: number[] = [];
  try {
    for (const fuzzCase of cases) {
      const dir = folders.write(fuzzCase);
      const checked = fuzz.classify(() => loadKitInputs({ configDir: dir }, root, cache));
      fuzz.count(configLevel, checked);
      let final = checked;
      if (checked.outcome === 'accepted') {
        const built = fuzz.classify(() => validateKit({ configDir: dir, root }));
        fuzz.count(fullBuild, built);
        buildMs.push(built.ms);
        final = { ...built, ms: checked.ms + built.ms };
      }
      fuzz.count(endToEnd, final);
      if (final.outcome === 'unclear-error' || final.outcome === 'stack-trace' || final.ms > 10_000) {
        notClean.push(`  case ${fuzzCase.index} (${final.outcome}, ${final.ms} ms): ${JSON.stringify(fuzzCase.mutations).slice(0, 200)}\n    ${final.detail ?? ''}`);
      }
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const sorted = [...buildMs].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  const headers = ['tried', 'clear error', 'accepted', 'unclear error', 'stack trace', 'over 10 s', 'slowest ms'];
  const row = (label: string, t: ReturnType<typeof fuzz.emptyTally>) =>
    `| ${label.padEnd(28)} | ${[t.tried, t.clearError, t.accepted, t.unclearError, t.stackTrace, t.over10s, t.slowestMs].map((n, i) => String(n).padStart(headers[i].length)).join(' | ')} |`;
  const out = [
    `Config fuzz — seed ${SEED}, ${CASES} cases, CloudFormation validation ${CFN_VALIDATION ? 'on' : 'off'}, node ${process.version}, ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    `generated in ${(generatedMs / 1000).toFixed(1)} s; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
    '',
    `| ${'stage'.padEnd(28)} | ${headers.join(' | ')} |`,
    `|${'-'.repeat(30)}|${headers.map((h) => '-'.repeat(h.length + 2)).join('|')}|`,
    row('config, bot and flow checks', configLevel),
    row('full app build (accepted)', fullBuild),
    row('end to end', endToEnd),
    '',
    `full build ms: median ${at(0.5)}, p90 ${at(0.9)}, max ${at(1)}`,
    notClean.length === 0 ? 'every case ended accepted or with a clear error, within 10 s' : `FAIL: ${notClean.length} cases not clean:\n${notClean.join('\n')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

void main();
