/**
 * Lambda bench: for every handler folder in lambdas/ (except shared), the production bundle's
 * size and what dominates it, cold init against a floor bundle that only constructs the same
 * AWS SDK clients, and in-process latency with the SDK mocked. Prints one plain-text table.
 *
 *   npx tsx bench/lambda.ts          # or: npm run bench:lambda
 *
 * See bench/README.md for what each figure means.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { bundle, BundleInfo, floorLabel, floorSource, productionOptions } from './lambda/bundle';
import { FIXTURES, genericFixture, lambdaEnvironment } from './lambda/fixtures';
import type { LatencyResult } from './lambda/latency-runner';
import { median } from './synth-stats';

const REPO_ROOT = path.resolve(__dirname, '..');
/** Handler folders; BENCH_LAMBDAS_DIR points elsewhere to measure a candidate change (it needs node_modules beside it). */
const LAMBDAS_DIR = path.resolve(process.env.BENCH_LAMBDAS_DIR ?? path.join(REPO_ROOT, 'lambdas'));
const LATENCY_RUNNER = path.join(__dirname, 'lambda', 'latency-runner.ts');
/** The handlers the kit plans; any other folder with an index.ts is measured too. */
const EXPECTED = ['contact-center-status', 'case-status', 'caller-verification', 'survey-capture', 'lex-fulfillment'];
/** Cold starts per bundle (BENCH_INIT_RUNS overrides): the machine is shared, so the medians need many rounds. */
const INIT_RUNS = Number(process.env.BENCH_INIT_RUNS ?? 21);
const INVOCATIONS = 10_000;
/** Latency runs per handler (fresh process each); the median run's figures are shown, all p99s in the notes. */
const LATENCY_RUNS = 3;
/** Targets: cold init within 1.15x the SDK-only floor (issue 16), bundles under 150 KB. */
const INIT_RATIO_TARGET = 1.15;
const BUNDLE_KB_TARGET = 150;
const P99_TARGET_MS = 2;
/** A child that takes longer than this is killed and its row says so. */
const CHILD_TIMEOUT_MS = 120_000;

/**
 * Loads a bundle in a fresh process and reports how long `require` took: wall time, and the
 * process's CPU time (user + system), which other work on a shared machine moves far less.
 */
const INIT_SCRIPT = [
  "const { performance } = require('perf_hooks');",
  'const cpu0 = process.cpuUsage();',
  'const t0 = performance.now();',
  'require(process.env.BENCH_BUNDLE);',
  'const ms = performance.now() - t0;',
  'const cpu = process.cpuUsage(cpu0);',
  "require('fs').writeFileSync(process.env.BENCH_RESULT, JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }));",
].join('\n');

/** One cold start: wall and CPU milliseconds. */
interface InitSample {
  readonly ms: number;
  readonly cpuMs: number;
}

interface Row {
  readonly name: string;
  handler?: BundleInfo;
  floor?: BundleInfo;
  readonly init: InitSample[];
  readonly floorInit: InitSample[];
  /** Handler / floor of each round (the two cold starts run back to back, so under the same load). */
  readonly pairRatios: Array<{ readonly wall: number; readonly cpu: number }>;
  readonly latency: LatencyResult[];
  readonly errors: string[];
}

let tmpRoot: string | undefined;
const children = new Set<import('child_process').ChildProcess>();

function cleanup(): void {
  for (const child of children) child.kill();
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
  tmpRoot = undefined;
}

/** Runs a child process to completion; rejects with the first lines of stderr if it fails or overruns. */
async function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, resultFile: string): Promise<string> {
  const child = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0 || !fs.existsSync(resultFile)) {
      const first = stderr.split('\n').filter((l) => l.trim() !== '').slice(0, 3).join(' | ');
      throw new Error(`exited with ${code ?? 'a signal (timeout?)'}${first ? `: ${first}` : ''}`);
    }
    return fs.readFileSync(resultFile, 'utf8');
  } finally {
    clearTimeout(timer);
    children.delete(child);
    fs.rmSync(resultFile, { force: true });
  }
}

/** Milliseconds to `require` a bundle in a fresh node process with a Lambda-like environment. */
async function initOnce(name: string, bundleFile: string): Promise<InitSample> {
  const resultFile = path.join(tmpRoot!, `init-${process.hrtime.bigint()}.json`);
  const env = { ...lambdaEnvironment(name, (FIXTURES[name] ?? genericFixture).env), BENCH_BUNDLE: bundleFile, BENCH_RESULT: resultFile };
  return JSON.parse(await run(process.execPath, ['-e', INIT_SCRIPT], env, resultFile)) as InitSample;
}

/** p50/p99 over {@link INVOCATIONS} in-process invocations, in a fresh `node --import tsx` process. */
async function latency(name: string, info: BundleInfo): Promise<LatencyResult> {
  const resultFile = path.join(tmpRoot!, `latency-${name}-${process.hrtime.bigint()}.json`);
  const env = { ...lambdaEnvironment(name, (FIXTURES[name] ?? genericFixture).env) };
  const args = ['--import', 'tsx', LATENCY_RUNNER, resultFile, name, info.file, JSON.stringify(info.sdk), String(INVOCATIONS)];
  return JSON.parse(await run(process.execPath, args, env, resultFile)) as LatencyResult;
}

/** Handler folders: every lambdas/<name>/index.ts except shared. */
function discover(notes: string[]): string[] {
  const found = fs
    .readdirSync(LAMBDAS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'shared')
    .filter((d) => {
      const ok = fs.existsSync(path.join(LAMBDAS_DIR, d.name, 'index.ts'));
      if (!ok) notes.push(`${d.name}/ has no index.ts yet: skipped.`);
      return ok;
    })
    .map((d) => d.name)
    .sort();
  const missing = EXPECTED.filter((name) => !found.includes(name));
  if (missing.length) notes.push(`not present yet (skipped): ${missing.join(', ')}.`);
  return found;
}

/** The run with the median p99 (its p50 is shown with it). */
function medianRun(runs: readonly LatencyResult[]): LatencyResult | undefined {
  return [...runs].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor((runs.length - 1) / 2)];
}

const fmt = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const shortName = (group: string) => group.replace('@aws-lambda-powertools/', 'powertools/');

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  const notes: string[] = [];
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-lambda-'));
  // Bundles live in the temp dir; @aws-sdk/* (external, as in production) resolves through this link.
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(tmpRoot, 'node_modules'), 'dir');

  const { options, source } = productionOptions();
  const names = discover(notes);
  const rows: Row[] = names.map((name) => ({ name, init: [], floorInit: [], pairRatios: [], latency: [], errors: [] }));
  const loads: Record<'start' | 'initStart' | 'initEnd' | 'end', number> = { start: loadAtStart, initStart: NaN, initEnd: NaN, end: NaN };

  // 1. Bundle each handler and its floor.
  for (const row of rows) {
    try {
      row.handler = await bundle(path.join(LAMBDAS_DIR, row.name, 'index.ts'), path.join(tmpRoot, row.name), options, REPO_ROOT);
      const floorEntry = path.join(tmpRoot, `${row.name}-floor-src`, 'floor.js');
      fs.mkdirSync(path.dirname(floorEntry), { recursive: true });
      fs.writeFileSync(floorEntry, floorSource(row.handler.sdk));
      row.floor = await bundle(floorEntry, path.join(tmpRoot, `${row.name}-floor`), options, REPO_ROOT);
    } catch (error) {
      const first = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }).errors?.[0];
      const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
      row.errors.push(`bundle: ${first ? `${where}${first.text}` : (error as Error).message.split('\n')[0]}`);
    }
  }

  // 2. Cold init: a discarded warm-up round (file cache), then INIT_RUNS rounds, handler and floor
  // back to back, which goes first alternating by round (so neither always inherits the other's caches).
  loads.initStart = os.loadavg()[0];
  for (let round = 0; round <= INIT_RUNS; round++) {
    for (const row of rows) {
      if (!row.handler || !row.floor || row.errors.length) continue;
      try {
        const handlerFirst = round % 2 === 0;
        const first = await initOnce(row.name, handlerFirst ? row.handler.file : row.floor.file);
        const second = await initOnce(row.name, handlerFirst ? row.floor.file : row.handler.file);
        const [h, f] = handlerFirst ? [first, second] : [second, first];
        if (round > 0) {
          row.init.push(h);
          row.floorInit.push(f);
          row.pairRatios.push({ wall: h.ms / f.ms, cpu: h.cpuMs / f.cpuMs });
        }
      } catch (error) {
        row.errors.push(`init: ${(error as Error).message}`);
      }
    }
  }

  loads.initEnd = os.loadavg()[0];

  // 3. In-process latency with the SDK mocked, LATENCY_RUNS rounds over all handlers (spreads a noisy neighbour).
  for (let round = 0; round < LATENCY_RUNS; round++) {
    for (const row of rows) {
      if (!row.handler || row.errors.some((e) => e.startsWith('bundle') || e.startsWith('latency'))) continue;
      try {
        row.latency.push(await latency(row.name, row.handler));
      } catch (error) {
        row.errors.push(`latency: ${(error as Error).message}`);
      }
    }
  }
  cleanup();
  loads.end = os.loadavg()[0];

  // ---- report ----
  const headers = ['handler', 'KB', 'init ms', 'floor ms', 'ratio', 'CPU ms', 'floor CPU', 'CPU ratio', 'p50 ms', 'p99 ms', 'CPU p99', 'answer', 'top 3 in bundle (KB)'];
  const ratioCell = (ratio: number | undefined) => (ratio === undefined ? '-' : `${ratio.toFixed(2)}x${ratio <= INIT_RATIO_TARGET ? '' : ' FAIL'}`);
  const table = rows.map((row) => {
    const pick = (samples: InitSample[], key: keyof InitSample) => (samples.length ? median(samples.map((s) => s[key])) : undefined);
    const init = pick(row.init, 'ms');
    const floor = pick(row.floorInit, 'ms');
    const ratio = row.pairRatios.length ? median(row.pairRatios.map((r) => r.wall)) : undefined;
    const initCpu = pick(row.init, 'cpuMs');
    const floorCpu = pick(row.floorInit, 'cpuMs');
    const cpuRatio = row.pairRatios.length ? median(row.pairRatios.map((r) => r.cpu)) : undefined;
    const l = medianRun(row.latency);
    return [
      row.name,
      row.handler ? `${kb(row.handler.bytes)}${row.handler.bytes <= BUNDLE_KB_TARGET * 1024 ? '' : ' FAIL'}` : '-',
      fmt(init),
      fmt(floor),
      ratioCell(ratio),
      fmt(initCpu),
      fmt(floorCpu),
      ratioCell(cpuRatio),
      fmt(l?.p50Ms, 3),
      l ? `${l.p99Ms.toFixed(3)}${l.p99Ms <= P99_TARGET_MS ? '' : ' FAIL'}` : '-',
      l ? `${l.cpuP99Ms.toFixed(3)}${l.cpuP99Ms <= P99_TARGET_MS ? '' : ' FAIL'}` : '-',
      l ? `${l.answer}${l.fallback ? ' (fallback!)' : ''}` : '-',
      row.handler ? row.handler.top.slice(0, 3).map((t) => `${shortName(t.name)} ${kb(t.bytes)}`).join(', ') : '-',
    ];
  });
  const widths = headers.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i >= 11 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();

  const out: string[] = [];
  const runtime = String(options.target ?? 'node22').replace(/^node(\d+)$/, 'nodejs$1.x');
  out.push(
    `Lambda handlers — bundle, cold init vs an SDK-only floor, in-process latency (measured on node ${process.version} here; ` +
      `the functions run ${runtime} on arm64 in Lambda, so absolute times are indicative, ratios less so)`,
  );
  if (process.env.BENCH_LAMBDAS_DIR) out.push(`Handlers from ${LAMBDAS_DIR} (BENCH_LAMBDAS_DIR), not this repo's lambdas/.`);
  out.push(`Bundled with esbuild as in production (${source}): platform node, target ${options.target}, ${options.format}, minify, sourcemap, external ${(options.external ?? []).join(' ')}.`);
  out.push(
    `init = require() of the bundle in a fresh node process, median of ${INIT_RUNS} (after one discarded round), wall and CPU (user + system) time; ` +
      `floor = the same for a bundle that only requires and constructs the handler's AWS SDK clients, run back to back with the handler's in each round; ` +
      `ratio = the median of the ${INIT_RUNS} rounds' handler/floor ratios. Targets: bundle <= ${BUNDLE_KB_TARGET} KB, ratio <= ${INIT_RATIO_TARGET}x.`,
  );
  out.push(
    `p50/p99 = one in-process invocation, over ${INVOCATIONS.toLocaleString('en-US')} after 500 warm-up, SDK mocked with aws-sdk-client-mock; the median of ${LATENCY_RUNS} runs. ` +
      `A sampled X-Ray trace header is set and the handler's subsegments go to a local UDP daemon, as in Lambda. CPU p99 = the same for the CPU time of each invocation (no waiting for a CPU in it). Target: p99 <= ${P99_TARGET_MS} ms.`,
  );
  const load = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
  out.push(
    `${os.cpus().length} CPUs, 1-minute load average ${load(loads.start)} at the start, ${load(loads.initStart)} to ${load(loads.initEnd)} over the cold starts, ` +
      `${load(loads.end)} at the end (other work on the machine moves p99 and init).`,
  );
  if (Math.max(loads.start, loads.initStart, loads.initEnd, loads.end) > os.cpus().length) {
    out.push(`The load is above the CPU count: wall times include waiting for a CPU, so the CPU ratio is the steadier figure.`);
  }
  out.push('');
  out.push(line(headers));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of table) out.push(line(cells));
  out.push('');
  for (const row of rows) {
    const parts = [`floor = ${row.handler ? floorLabel(row.handler.sdk) : '-'}`];
    const l = medianRun(row.latency);
    if (l) {
      parts.push(
        `path: ${l.fixturePath}`,
        `p99 of each run ${row.latency.map((r) => r.p99Ms.toFixed(3)).join(' / ')} ms (CPU ${row.latency.map((r) => r.cpuP99Ms.toFixed(3)).join(' / ')})`,
        `${Math.round(l.outputBytesPerCall)} B of logs+metrics per call`,
        `X-Ray: ${l.subsegmentsPerCall.toFixed(2)} subsegments per call (${l.subsegmentNames.join(', ') || 'none'}; SDK calls are mocked above the middleware, so their subsegments show in test/lambdas/shared/tracing.test.ts, not here)`,
      );
    }
    if (row.floor) parts.push(`floor bundle ${kb(row.floor.bytes)} KB`);
    out.push(`${row.name}: ${parts.join('; ')}`);
    for (const error of row.errors) out.push(`  ERROR ${error}`);
  }
  if (!rows.length) out.push('No handlers found under lambdas/.');
  for (const note of notes) out.push(`Note: ${note}`);
  out.push(`Bench took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(cleanup);
