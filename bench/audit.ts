/**
 * Audit benchmark: `gcck audit` for one jurisdiction and `gcck audit-diff` of two cloud
 * assemblies, against the budgets of 3 s and 2 s.
 *
 *   npx tsx bench/audit.ts          # or: npm run bench:audit
 *
 * Synthesizes both examples once (in-process, nag packs on so acknowledgements are in the
 * templates, bundling skipped, path metadata on as `cdk synth` writes it) into a temp folder,
 * copies it with one mutation (a new `*` statement) as the "new" assembly, then measures:
 * - the command as a user runs it, in a fresh `node --import tsx bin/gcck.ts` process (includes
 *   Node and tsx start-up and loading the config);
 * - the work inside it: read cdk.out + build the pack + write its files (audit), and read both
 *   assemblies + diff (audit-diff).
 * The first run is discarded; the median of the rest is shown. Temp folders are removed.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App } from 'aws-cdk-lib';
import { diffAssemblies } from '../lib/audit/diff';
import { packFor, writePack } from '../lib/cli/audit';
import { jurisdictionStacks, readCloudAssembly } from '../lib/cli/cdk-out';
import { addNagPacks } from '../lib/compliance/nag';
import { loadKitInputs, addKit } from '../lib/kit-app';

const RUNS = 6;
const ROOT = path.join(__dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    fn();
    if (i > 0) times.push(performance.now() - t);
  }
  return median(times);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-audit-'));
try {
  const before = path.join(tmp, 'before');
  const context = { ...JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')).context, 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-path-metadata': true };
  const app = new App({ outdir: before, context });
  addKit(app, loadKitInputs({ configDir: path.join(ROOT, 'config') }, ROOT));
  const nag = addNagPacks(app);
  nag.write(app.synth().directory);

  const after = path.join(tmp, 'after');
  fs.cpSync(before, after, { recursive: true });
  const file = path.join(after, 'riverton-311-contact-center.template.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf8'));
  const policy = Object.values(template.Resources as Record<string, { Type: string; Properties: { PolicyDocument: { Statement: unknown[] } } }>).find((r) => r.Type === 'AWS::IAM::Policy')!;
  policy.Properties.PolicyDocument.Statement.push({ Effect: 'Allow', Action: '*', Resource: '*' });
  fs.writeFileSync(file, JSON.stringify(template));

  const out = path.join(tmp, 'audit');
  const cli = (...args: string[]) => () => {
    try {
      execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin', 'gcck.ts'), ...args], { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
      // audit-diff exits 1 when a change needs review: that is the measured case.
      if ((error as { status?: number }).status !== 1) throw error;
    }
  };
  const { loadJurisdictions } = require('../lib/config/loader') as typeof import('../lib/config/loader');
  const config = loadJurisdictions({ configDir: path.join(ROOT, 'config'), only: ['riverton-311'] }).configs[0];

  const rows: Array<[string, number, number]> = [
    ['gcck audit --jurisdiction riverton-311 (process)', timeIt(cli('audit', '--jurisdiction', 'riverton-311', '--cdk-out', before, '--out', out)), 3000],
    ['  read cdk.out + build pack + write files', timeIt(() => writePack(packFor(config, jurisdictionStacks(readCloudAssembly(before), 'riverton-311'), '2026-01-01T00:00:00Z'), path.join(out, 'inproc'))), 3000],
    ['gcck audit-diff before after, 6 stacks (process)', timeIt(cli('audit-diff', before, after)), 2000],
    ['  read both + diff (with control evidence)', timeIt(() => {
      const a = readCloudAssembly(before);
      const b = readCloudAssembly(after);
      diffAssemblies(a, b, { before: [packFor(config, jurisdictionStacks(a, 'riverton-311'), 'x')], after: [packFor(config, jurisdictionStacks(b, 'riverton-311'), 'x')] });
    }), 2000],
  ];
  process.stdout.write(`audit bench: median of ${RUNS} runs (first discarded), ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}\n`);
  for (const [name, ms, budget] of rows) process.stdout.write(`${name.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(6)} s   budget ${(budget / 1000).toFixed(0)} s ${ms <= budget ? 'ok' : 'FAIL'}\n`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
