/**
 * What the kit's caches save (README "Caches"): `npx cdk synth` of the example jurisdictions cold
 * (empty cache), warm (nothing changed), after an edit that changes no template, and with the
 * caches off; then the cost of bundling each handler three ways (one `npx esbuild` per entry as
 * NodejsFunction does, esbuild's API in process, a cache hit).
 *
 *   npm run bench:synth-cache            (BENCH_RUNS=n for another number of runs per row; default 3)
 *
 * Every synth runs the real CLI in this checkout with `-o` and `-c configDir` pointing at a temp
 * folder (a copy of config/) and `GCCK_CACHE_DIR` at a temp cache, so nothing in the checkout or
 * its own cache is touched. Prints figures only; always exits 0.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { bundleHandler, forgetResolvedBundles } from '../lib/cache/handler-bundle';
import { BUNDLING, LAMBDAS_DIR } from '../lib/constructs/connect-function';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const TARGET_WARM_MS = 5000;

/** User + system CPU of this process's waited-for children, in ms (Linux /proc). */
function childrenCpuMs(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

/** Runs a command to completion; wall and children CPU in ms. Throws with its output if it fails. */
function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Sample {
  const cpu = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  return { wall, cpu: childrenCpuMs() - cpu };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function synthRows(tmp: string): void {
  const config = path.join(tmp, 'config');
  fs.cpSync(path.join(ROOT, 'config'), config, { recursive: true });
  const jurisdictions = fs.readdirSync(path.join(config, 'jurisdictions')).filter((f) => f.endsWith('.yaml'));
  const synth = (cache: string, extraEnv: NodeJS.ProcessEnv = {}) =>
    timed('npx', ['cdk', 'synth', '-q', '-o', path.join(tmp, 'out'), '-c', `configDir=${config}`], { ...process.env, GCCK_CACHE_DIR: cache, ...extraEnv });

  const rows: Array<[string, Sample[]]> = [
    ['cold (empty cache)', []],
    ['warm (nothing changed)', []],
    ['edit, templates unchanged', []],
    ['caches off (GCCK_CACHE=off)', []],
  ];
  for (let run = 0; run < RUNS; run++) {
    const cache = path.join(tmp, `cache-${run}`);
    rows[0][1].push(synth(cache));
    rows[1][1].push(synth(cache));
    // A comment in a jurisdiction file: the assembly cache misses (its input changed), the
    // bundles and every stack's validation hit (no template changed).
    fs.appendFileSync(path.join(config, 'jurisdictions', jurisdictions[0]), `\n# bench edit ${run}\n`);
    rows[2][1].push(synth(cache));
    rows[3][1].push(synth(cache, { GCCK_CACHE: 'off' }));
  }

  console.log(`npx cdk synth of ${jurisdictions.length} jurisdictions (${jurisdictions.map((f) => f.replace(/\.yaml$/, '')).join(', ')}), median of ${RUNS}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`${'case'.padEnd(30)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)}`);
  for (const [label, samples] of rows) console.log(`${label.padEnd(30)} ${seconds(median(samples.map((s) => s.wall))).padStart(9)} ${seconds(median(samples.map((s) => s.cpu))).padStart(9)}`);
  const warm = median(rows[1][1].map((s) => s.wall));
  const cold = median(rows[0][1].map((s) => s.wall));
  console.log(`warm/cold wall ${(warm / cold).toFixed(2)}; target: warm under ${seconds(TARGET_WARM_MS)} wall: ${warm < TARGET_WARM_MS ? 'PASS' : 'FAIL'}`);
}

function bundlingRows(tmp: string): void {
  const entries = fs
    .readdirSync(LAMBDAS_DIR)
    .filter((name) => name !== 'shared' && fs.existsSync(path.join(LAMBDAS_DIR, name, 'index.ts')))
    .sort();
  const options = {
    minify: BUNDLING.minify ?? false,
    sourceMap: BUNDLING.sourceMap ?? false,
    sourcesContent: BUNDLING.sourcesContent ?? true,
    target: BUNDLING.target ?? 'node24',
    format: 'cjs' as const,
    externalModules: BUNDLING.externalModules ?? ['@aws-sdk/*'],
  };
  process.env.GCCK_CACHE_DIR = path.join(tmp, 'bundle-cache');
  const byEntry: Array<[string, number, number, number, number]> = [];
  for (const name of entries) {
    const entry = path.join(LAMBDAS_DIR, name, 'index.ts');
    // What NodejsFunction runs for each function (aws-lambda-nodejs bundling.ts): one npx per entry.
    const cli = median(
      Array.from({ length: RUNS }, (_, i) =>
        timed(
          'npx',
          ['--no-install', 'esbuild', '--bundle', entry, `--target=${options.target}`, '--platform=node', '--format=cjs', `--outfile=${path.join(tmp, 'cli', name, String(i), 'index.js')}`, '--minify', '--sourcemap', '--sources-content=false', ...options.externalModules.map((m) => `--external:${m}`)],
          process.env,
        ),
      ).map((s) => s.wall),
    );
    const inProcess = median(
      Array.from({ length: RUNS }, () => {
        process.env.GCCK_CACHE = 'off';
        forgetResolvedBundles();
        const start = performance.now();
        bundleHandler(ROOT, entry, options);
        return performance.now() - start;
      }),
    );
    process.env.GCCK_CACHE = 'on';
    forgetResolvedBundles();
    bundleHandler(ROOT, entry, options);
    const hit = median(
      Array.from({ length: RUNS }, () => {
        forgetResolvedBundles();
        const start = performance.now();
        if (!bundleHandler(ROOT, entry, options).cached) throw new Error(`${name}: expected a cache hit`);
        return performance.now() - start;
      }),
    );
    const out = bundleHandler(ROOT, entry, options).dir;
    byEntry.push([name, cli, inProcess, hit, fs.statSync(path.join(out, 'index.js')).size]);
  }
  console.log('');
  console.log(`handler bundling, ms per entry (median of ${RUNS}; a cache hit hashes every input again, as a new process does)`);
  console.log(`${'handler'.padEnd(24)} ${'npx esbuild'.padStart(12)} ${'API in-proc'.padStart(12)} ${'cache hit'.padStart(10)} ${'bundle KB'.padStart(10)}`);
  for (const [name, cli, inProcess, hit, bytes] of byEntry) {
    console.log(`${name.padEnd(24)} ${cli.toFixed(0).padStart(12)} ${inProcess.toFixed(0).padStart(12)} ${hit.toFixed(0).padStart(10)} ${(bytes / 1024).toFixed(0).padStart(10)}`);
  }
  const sum = (i: 1 | 2 | 3) => byEntry.reduce((total, row) => total + row[i], 0);
  console.log(`${'total'.padEnd(24)} ${sum(1).toFixed(0).padStart(12)} ${sum(2).toFixed(0).padStart(12)} ${sum(3).toFixed(0).padStart(10)}`);
}

function main(): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-cache-'));
  try {
    synthRows(tmp);
    bundlingRows(tmp);
  } catch (error) {
    console.log(`FAIL ${(error as Error).message}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
