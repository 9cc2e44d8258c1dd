/**
 * Synth benchmark: `npx cdk synth` of the kit against a fair floor, as a user runs it.
 *
 *   npm run bench:synth                          1, 2, 10 and 50 jurisdictions, 3 runs (1 at 50)
 *   npm run bench:synth -- --quick               1 and 2 jurisdictions, 1 run (a few minutes)
 *   npm run bench:synth -- --sizes 1,2,10 --runs 2
 *
 * Every run is a whole `npx cdk synth -q` process tree with cdk.json's context (CloudFormation
 * validation on); the floor app (bench/synth-floor-app.ts) re-emits the kit's own templates through
 * the same CLI. The app writes its phase timings to GCCK_TIMINGS (lib/timings.ts). See bench/README.md.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { PhaseTime, SynthTimings, ThreadCpu } from '../lib/timings';
import { generatedIdentity, writeJurisdictionFixtures } from './synth-fixtures';
import { AssemblyShape, childrenCpuMs, median, readAssemblyShape } from './synth-stats';
import { cdkJsonAppNodeOptions } from '../lib/cdk-json';
import { ENGINE_V8_FLAGS } from '../lib/compliance/validation-worker';
import { STACK_LIMITS } from '../lib/kit-app';

const REPO_ROOT = path.resolve(__dirname, '..');
/**
 * The floor app's command: cdk.json's `app` with the floor app in place of bin/app.ts, so the floor
 * runs with the same node options (the loader, the V8 flags) as the kit.
 * @param extraNodeOptions node options added after cdk.json's; @default none
 */
function floorAppCommand(extraNodeOptions: readonly string[] = []): string {
  return ['node', ...cdkJsonAppNodeOptions(REPO_ROOT), ...extraNodeOptions, path.join('bench', 'synth-floor-app.ts')].join(' ');
}
/** Target: the kit within this factor of the floor (wall and CPU), and per extra jurisdiction. */
const TARGET_RATIO = 1.3;
/** Target: a second synth with nothing changed, both examples, wall ms. */
const TARGET_WARM_MS = 5000;

/** The phases the app reports, in the order they happen. */
const PHASES = ['appLoad', 'config', 'build', 'bundling', 'nag', 'validation', 'templateWrite'] as const;
type Phase = (typeof PHASES)[number];
const PHASE_LABEL: Record<Phase | 'cliStart' | 'cliFinish', string> = {
  cliStart: 'CLI start',
  appLoad: 'app load',
  config: 'config + sources',
  build: 'construct build',
  bundling: 'bundling',
  nag: 'nag',
  validation: 'validation',
  templateWrite: 'template write',
  cliFinish: 'CLI finish',
};

/** One whole `npx cdk synth`. */
interface Sample {
  /** Spawn to exit, ms. */
  readonly wall: number;
  /** User + system CPU of the whole process tree (npx, the CLI, the app, esbuild), ms. */
  readonly cpu: number;
  /** Peak RSS of the app process, MB. */
  readonly rss: number;
  /** Spawn until the app process started, ms. */
  readonly cliStart: number;
  /** The app's end until the CLI exited, ms. */
  readonly cliFinish: number;
  readonly phases: Record<Phase, PhaseTime>;
  /** The app process's CPU by thread, ms. */
  readonly threads: ThreadCpu;
}

/** The threads of {@link ThreadCpu}, as the report names them. */
const THREAD_LABEL: Record<keyof ThreadCpu, string> = { main: 'main thread', validationWorker: 'validation worker', others: 'other threads (GC, compilers)' };
const THREADS = Object.keys(THREAD_LABEL) as Array<keyof ThreadCpu>;

interface Options {
  readonly sizes: number[];
  readonly runs: number;
  readonly examples: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  let sizes = [1, 2, 10, 50];
  let runs: number | undefined;
  let examples = true;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') {
      sizes = [1, 2];
      runs = 1;
    } else if (flag === '--sizes') sizes = value().split(',').map((s) => Number(s.trim()));
    else if (flag === '--runs') runs = Number(value());
    else if (flag === '--no-examples') examples = false;
    else throw new Error(`unknown option ${argv[i]} (--quick, --sizes 1,2,10,50, --runs N, --no-examples)`);
  }
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || sizes.length === 0) throw new Error('--sizes takes positive integers, e.g. 1,2,10');
  sizes = [...new Set(sizes)].sort((a, b) => a - b);
  return { sizes, runs: runs ?? 3, examples };
}

let tmpRoot: string | undefined;
/** The synth caches' folder of the last run (bundles, validation results), when the kit honours GCCK_CACHE_DIR. */
let synthCache = '';
const children = new Set<ChildProcess>();
function cleanup(): void {
  for (const child of children) child.kill();
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
  tmpRoot = undefined;
}

/**
 * Runs `npx cdk synth -q` once into `outdir` and reads the app's timings.
 * @param app the floor app's command, or undefined for cdk.json's (the kit)
 * @param tsCache the TypeScript loader's cache folder (bin/ts-cache.cjs; an empty one makes the run compile the kit)
 * @param coldCaches true to give the kit's synth caches an empty folder (GCCK_CACHE_DIR), false to keep the last one
 */
async function synth(context: Record<string, string>, outdir: string, tsCache: string, app?: string, coldCaches = true): Promise<Sample> {
  const timingsFile = path.join(tmpRoot!, `timings-${process.hrtime.bigint()}.json`);
  if (coldCaches) synthCache = path.join(tmpRoot!, `synth-cache-${process.hrtime.bigint()}`);
  const env: NodeJS.ProcessEnv = { ...process.env, GCCK_TIMINGS: timingsFile, GCCK_TS_CACHE_DIR: tsCache, GCCK_CACHE_DIR: synthCache };
  // A warm run replays the stored assembly, which writes no phase timings: its figures are the process's.
  const replayExpected = !coldCaches;
  for (const key of ['CDK_CONTEXT_JSON', 'CDK_OUTDIR', 'NODE_OPTIONS', 'CDK_VALIDATION']) delete env[key];
  const args = ['--no-install', 'cdk', 'synth', '-q', '-o', outdir, ...Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  if (app) args.push('--app', app);
  const spawnedAt = Date.now();
  const cpuBefore = childrenCpuMs();
  const child = spawn('npx', args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const exitedAt = Date.now();
  children.delete(child);
  const cpu = childrenCpuMs() - cpuBefore;
  if (code === 0 && replayExpected && !fs.existsSync(timingsFile)) {
    return { wall: exitedAt - spawnedAt, cpu, rss: NaN, cliStart: NaN, cliFinish: NaN, phases: Object.fromEntries(PHASES.map((p) => [p, { wall: 0, cpu: 0 }])) as Record<Phase, PhaseTime>, threads: { main: NaN, validationWorker: NaN, others: NaN } };
  }
  if (code !== 0 || !fs.existsSync(timingsFile)) {
    const first = stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn')).slice(0, 4).join(' | ');
    throw new Error(`cdk synth exited with ${code}: ${first}`);
  }
  const t = JSON.parse(fs.readFileSync(timingsFile, 'utf8')) as SynthTimings;
  fs.rmSync(timingsFile, { force: true });
  return {
    wall: exitedAt - spawnedAt,
    cpu,
    rss: t.maxRssMb,
    cliStart: t.processStartEpochMs - spawnedAt,
    cliFinish: exitedAt - t.doneEpochMs,
    phases: Object.fromEntries(PHASES.map((p) => [p, t[p]])) as Record<Phase, PhaseTime>,
    threads: t.threads,
  };
}

/** Field-by-field median of several samples. */
function medianOf(samples: readonly Sample[]): Sample {
  const m = (get: (s: Sample) => number) => median(samples.map(get));
  return {
    wall: m((s) => s.wall),
    cpu: m((s) => s.cpu),
    rss: m((s) => s.rss),
    cliStart: m((s) => s.cliStart),
    cliFinish: m((s) => s.cliFinish),
    phases: Object.fromEntries(PHASES.map((p) => [p, { wall: m((s) => s.phases[p].wall), cpu: m((s) => s.phases[p].cpu) }])) as Record<Phase, PhaseTime>,
    threads: { main: m((s) => s.threads.main), validationWorker: m((s) => s.threads.validationWorker), others: m((s) => s.threads.others) },
  };
}

/**
 * Per round, what one more jurisdiction costs the kit over what it costs the floor, from the four
 * runs of that round (kit and floor at both sizes): the kit's increment divided by the floor's.
 * Rounds where an increment is not positive (noise larger than the increment) are left out.
 */
function roundIncrementRatios(small: { n: number; kitRuns: Sample[]; floorRuns: Sample[] }, large: { n: number; kitRuns: Sample[]; floorRuns: Sample[] }): { wall: number[]; cpu: number[] } {
  const out = { wall: [] as number[], cpu: [] as number[] };
  const rounds = Math.min(small.kitRuns.length, small.floorRuns.length, large.kitRuns.length, large.floorRuns.length);
  for (let i = 0; i < rounds; i++) {
    for (const field of ['wall', 'cpu'] as const) {
      const kit = large.kitRuns[i][field] - small.kitRuns[i][field];
      const floor = large.floorRuns[i][field] - small.floorRuns[i][field];
      if (kit > 0 && floor > 0) out[field].push(kit / floor);
    }
  }
  return out;
}

const fmt = (v: number | undefined, digits = 0) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));
const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? a / b : NaN);
const verdict = (r: number, limit = TARGET_RATIO) => (Number.isFinite(r) ? (r <= limit ? 'PASS' : 'FAIL') : 'n/a');

/** A plain-text table: first column left-aligned, the others right-aligned. */
function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

async function main(): Promise<void> {
  // Read here, not at load: an unexpected cdk.json app fails the bench with its message, not a stack trace.
  const floorApp = floorAppCommand();
  // Not the target's floor (that one validates as aws-cdk-lib does): the same with the V8 setting the
  // kit's validation worker applies, to show how much of the kit/floor ratio that setting is.
  const tunedFloorApp = floorAppCommand([ENGINE_V8_FLAGS]);
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-synth-'));
  let seq = 0;
  const fresh = (name: string) => path.join(tmpRoot!, `${name}-${++seq}`);
  // Empty at first: the examples' cold run fills it, every later run finds the kit compiled.
  const tsCache = fresh('ts-cache');
  const notes: string[] = [];
  const out: string[] = [];
  const progress = (text: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${text}\n`);

  // ---- the README's main command on the examples, in rounds: cold (empty caches, new cdk.out),
  // warm (again, same cdk.out), then the floor; median of the rounds. ----
  let examples: { cold: Sample; warm: Sample; floor: Sample; tunedFloor: Sample; shape: AssemblyShape; rounds: { wall: number[]; cpu: number[] } } | undefined;
  if (options.examples) {
    const colds: Sample[] = [];
    const warms: Sample[] = [];
    const floors: Sample[] = [];
    const tunedFloors: Sample[] = [];
    let shape: AssemblyShape | undefined;
    for (let run = 0; run < options.runs; run++) {
      progress(`examples, round ${run + 1}/${options.runs}: cold, warm, floor, floor with the engine setting`);
      // Each round's cold run compiles the kit again, as a first run after `npm ci` does.
      const roundTsCache = run === 0 ? tsCache : fresh('ts-cache');
      const outdir = fresh('examples-out');
      colds.push(await synth({}, outdir, roundTsCache));
      const coldOut = fresh('examples-cold-copy');
      fs.cpSync(outdir, coldOut, { recursive: true });
      warms.push(await synth({}, outdir, roundTsCache, undefined, false));
      floors.push(await synth({ floorFrom: coldOut }, fresh('examples-floor-out'), roundTsCache, floorApp));
      tunedFloors.push(await synth({ floorFrom: coldOut }, fresh('examples-tuned-floor-out'), roundTsCache, tunedFloorApp));
      shape ??= readAssemblyShape(coldOut);
      for (const folder of [outdir, coldOut]) fs.rmSync(folder, { recursive: true, force: true });
    }
    const rounds = { wall: colds.map((c, i) => c.wall / floors[i].wall), cpu: colds.map((c, i) => c.cpu / floors[i].cpu) };
    examples = { cold: medianOf(colds), warm: medianOf(warms), floor: medianOf(floors), tunedFloor: medianOf(tunedFloors), shape: shape!, rounds };
  }

  // ---- scale: generated jurisdictions. Rounds, each running every size (kit, then floor), so
  // that a change in the machine's speed over the bench touches every size alike; median of the runs. ----
  interface SizeResult {
    n: number;
    kit?: Sample;
    floor?: Sample;
    /** Every run, in round order (index = round). */
    kitRuns: Sample[];
    floorRuns: Sample[];
    shape?: AssemblyShape;
    floorShape?: AssemblyShape;
    runs: number;
    configDir: string;
    error?: string;
  }
  const results: SizeResult[] = options.sizes.map((n) => {
    const configDir = fresh(`config-${n}`);
    writeJurisdictionFixtures(configDir, n, REPO_ROOT);
    const runs = n >= 50 ? Math.min(options.runs, 1) : options.runs;
    if (runs < options.runs) notes.push(`N=${n}: ${runs} run instead of ${options.runs} (one kit run alone takes minutes).`);
    return { n, runs, configDir, kitRuns: [], floorRuns: [] };
  });
  for (let run = 0; run < options.runs; run++) {
    for (const result of results) {
      if (run >= result.runs || result.error !== undefined) continue;
      const { n, configDir } = result;
      try {
        progress(`round ${run + 1}/${options.runs}, N=${n}: kit`);
        const outdir = fresh(`kit-${n}-out`);
        result.kitRuns.push(await synth({ configDir }, outdir, tsCache));
        if (run === 0) {
          result.shape = readAssemblyShape(outdir);
          fs.renameSync(outdir, path.join(tmpRoot, `kit-${n}-assembly`));
        } else fs.rmSync(outdir, { recursive: true, force: true });
        progress(`round ${run + 1}/${options.runs}, N=${n}: floor`);
        const floorOut = fresh(`floor-${n}-out`);
        result.floorRuns.push(await synth({ floorFrom: path.join(tmpRoot, `kit-${n}-assembly`) }, floorOut, tsCache, floorApp));
        if (run === 0) result.floorShape = readAssemblyShape(floorOut);
        fs.rmSync(floorOut, { recursive: true, force: true });
      } catch (error) {
        result.error = (error as Error).message;
      }
    }
  }
  for (const result of results) {
    result.kit = result.kitRuns.length ? medianOf(result.kitRuns) : undefined;
    result.floor = result.floorRuns.length ? medianOf(result.floorRuns) : undefined;
  }

  // ---- -c jurisdiction=<one>: one of 50 against one of 2 (only one is built either way, so --quick
  // affords it), alternating in rounds so that a slower minute of the machine hits both alike ----
  const selection: { n: number; sample?: Sample; error?: string }[] = [];
  const largest = Math.max(50, options.sizes[options.sizes.length - 1]);
  const selecting = [2, largest].map((n) => {
    const configDir = fresh(`config-${n}-selection`);
    writeJurisdictionFixtures(configDir, n, REPO_ROOT);
    return { n, configDir, samples: [] as Sample[], error: undefined as string | undefined };
  });
  for (let run = 0; run < Math.min(options.runs, 3); run++) {
    for (const entry of selecting) {
      if (entry.error !== undefined) continue;
      progress(`-c jurisdiction=${generatedIdentity(1).id} of ${entry.n}, round ${run + 1}`);
      const outdir = fresh('selection-out');
      try {
        entry.samples.push(await synth({ configDir: entry.configDir, jurisdiction: generatedIdentity(1).id }, outdir, tsCache));
      } catch (error) {
        entry.error = (error as Error).message;
      }
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  for (const { n, samples, error } of selecting) selection.push(error === undefined ? { n, sample: medianOf(samples) } : { n, error });
  cleanup();

  // ---- report ----
  out.push(`Synth bench: whole \`npx cdk synth -q\` process trees, cdk.json context (validation on), node ${process.version}, ${os.cpus().length} CPUs.`);
  out.push(`wall = spawn to exit; CPU = user+sys of the whole process tree; RSS = peak of the app process; median of the runs.`);
  out.push(`floor = bench/synth-floor-app.ts re-emitting the kit's own templates (same stacks, resources, properties) as literal CfnResources through the same CLI.`);
  out.push('');
  if (examples) {
    const { cold, warm, floor, tunedFloor, shape } = examples;
    out.push(`The README's main command (config/: ${shape.stacks.length} stacks, ${shape.resources} resources):`);
    out.push(
      ...table(
        ['run', 'wall ms', 'CPU ms', 'RSS MB', 'wall/floor', 'CPU/floor'],
        [
          ['kit cold (empty caches)', fmt(cold.wall), fmt(cold.cpu), fmt(cold.rss), fmt(ratio(cold.wall, floor.wall), 2), fmt(ratio(cold.cpu, floor.cpu), 2)],
          ['kit warm (again)', fmt(warm.wall), fmt(warm.cpu), fmt(warm.rss), fmt(ratio(warm.wall, floor.wall), 2), fmt(ratio(warm.cpu, floor.cpu), 2)],
          ['floor', fmt(floor.wall), fmt(floor.cpu), fmt(floor.rss), '1.00', '1.00'],
          [`floor + ${ENGINE_V8_FLAGS}`, fmt(tunedFloor.wall), fmt(tunedFloor.cpu), fmt(tunedFloor.rss), fmt(ratio(tunedFloor.wall, floor.wall), 2), fmt(ratio(tunedFloor.cpu, floor.cpu), 2)],
        ],
      ),
    );
    out.push(`Kit cold against the floor given the kit's validation-engine setting too (information, not the target): wall ${fmt(ratio(cold.wall, tunedFloor.wall), 2)}x, CPU ${fmt(ratio(cold.cpu, tunedFloor.cpu), 2)}x.`);
    if (examples.rounds.cpu.length > 1) {
      const { wall, cpu } = examples.rounds;
      out.push(`cold/floor round by round (each round's runs back to back; median, then range): wall ${fmt(median(wall), 2)}x (${fmt(Math.min(...wall), 2)}-${fmt(Math.max(...wall), 2)}), ` +
        `CPU ${fmt(median(cpu), 2)}x (${fmt(Math.min(...cpu), 2)}-${fmt(Math.max(...cpu), 2)}) over ${cpu.length} rounds`);
    }
    out.push(`Target: cold within ${TARGET_RATIO}x the floor: wall ${verdict(ratio(cold.wall, floor.wall))}, CPU ${verdict(ratio(cold.cpu, floor.cpu))}; ` +
      `warm faster than the floor and under ${TARGET_WARM_MS / 1000} s: ${warm.wall < floor.wall && warm.wall < TARGET_WARM_MS ? 'PASS' : 'FAIL'}.`);
    out.push('');
    out.push(`Per stack, against CloudFormation's limits (${STACK_LIMITS.resources} resources, ${STACK_LIMITS.templateBytes / 1000} KB of template; the app fails over them and warns at ${STACK_LIMITS.warnShare * 100}%):`);
    out.push(
      ...table(
        ['stack', 'resources', 'share', 'template KB', 'share'],
        shape.stacks.map((s) => [s.name, String(s.resources), `${fmt((100 * s.resources) / STACK_LIMITS.resources, 1)}%`, fmt(s.templateBytes / 1000, 1), `${fmt((100 * s.templateBytes) / STACK_LIMITS.templateBytes, 1)}%`]),
      ),
    );
    out.push('');
  }

  out.push('Scale (generated copies of pinecrest-benefits):');
  const scaleRows: string[][] = [];
  for (const r of results) {
    if (!r.kit || !r.floor) {
      scaleRows.push([`N=${r.n}`, `FAILED: ${r.error ?? 'no sample'}`]);
      continue;
    }
    const same = r.shape && r.floorShape && r.shape.resources === r.floorShape.resources ? '' : ' (shapes differ!)';
    scaleRows.push([
      `N=${r.n}${same}`,
      String(r.runs),
      fmt(r.shape?.stacks.length),
      fmt(r.shape?.resources),
      fmt(r.kit.wall),
      fmt(r.floor.wall),
      fmt(ratio(r.kit.wall, r.floor.wall), 2),
      fmt(r.kit.cpu),
      fmt(r.floor.cpu),
      fmt(ratio(r.kit.cpu, r.floor.cpu), 2),
      fmt(r.kit.rss),
      fmt(r.floor.rss),
      fmt(ratio(r.kit.rss, r.floor.rss), 2),
    ]);
  }
  out.push(...table(['size', 'runs', 'stacks', 'res', 'kit wall', 'floor wall', 'ratio', 'kit CPU', 'floor CPU', 'ratio', 'kit RSS', 'floor RSS', 'ratio'], scaleRows));
  const first = results[0];
  for (const r of results.slice(1)) {
    if (!first?.kit || !first.floor || !r.kit || !r.floor) continue;
    const per = (a: number, b: number) => (a - b) / (r.n - first.n);
    const kw = per(r.kit.wall, first.kit.wall);
    const fw = per(r.floor.wall, first.floor.wall);
    const kc = per(r.kit.cpu, first.kit.cpu);
    const fc = per(r.floor.cpu, first.floor.cpu);
    // A negative increment is run-to-run noise larger than one jurisdiction's cost: no verdict.
    const increment = (k: number, f: number) => (k > 0 && f > 0 ? `${fmt(k / f, 2)}x ${verdict(k / f)}` : 'n/a (noise exceeds the increment)');
    out.push(`Each extra jurisdiction, N=${first.n}->${r.n}: wall kit ${fmt(kw)} vs floor ${fmt(fw)} ms = ${increment(kw, fw)}; ` +
      `CPU kit ${fmt(kc)} vs floor ${fmt(fc)} ms = ${increment(kc, fc)}; RSS kit ${fmt(per(r.kit.rss, first.kit.rss), 1)} vs floor ${fmt(per(r.floor.rss, first.floor.rss), 1)} MB`);
    const byThread = (s: Sample, f: Sample) => THREADS.map((t) => `${fmt(per(s.threads[t], f.threads[t]))} ${THREAD_LABEL[t]}`).join(', ');
    out.push(`  by app thread, CPU ms: kit ${byThread(r.kit, first.kit)}; floor ${byThread(r.floor, first.floor)}`);
    const rounds = roundIncrementRatios(first, r);
    if (rounds.cpu.length > 1) {
      out.push(`  the same, round by round (each round's four runs back to back; median, then range): ` +
        `wall ${fmt(median(rounds.wall), 2)}x (${fmt(Math.min(...rounds.wall), 2)}-${fmt(Math.max(...rounds.wall), 2)}), ` +
        `CPU ${fmt(median(rounds.cpu), 2)}x (${fmt(Math.min(...rounds.cpu), 2)}-${fmt(Math.max(...rounds.cpu), 2)}) over ${rounds.cpu.length} rounds`);
    }
  }
  out.push(`Target: kit within ${TARGET_RATIO}x the floor (wall and CPU) at every size: ` +
    results.map((r) => `N=${r.n} ${verdict(Math.max(ratio(r.kit?.wall, r.floor?.wall), ratio(r.kit?.cpu, r.floor?.cpu)))}`).join(', '));
  out.push('');

  out.push('Where the time goes, ms (median; "wall/CPU"; CPU is the app\'s main thread, plus the validation worker thread in "validation"; the last rows split the app process\'s CPU by thread, V8\'s helper threads included; esbuild is only in the totals above; CLI rows are wall):');
  const phaseHeaders = ['phase', ...(examples ? ['examples kit', 'examples floor'] : []), ...results.flatMap((r) => [`N=${r.n} kit`, `N=${r.n} floor`])];
  const cell = (s: Sample | undefined, p: Phase | 'cliStart' | 'cliFinish') =>
    !s ? '-' : p === 'cliStart' || p === 'cliFinish' ? fmt(s[p]) : `${fmt(s.phases[p].wall)}/${fmt(s.phases[p].cpu)}`;
  const phaseRows = (['cliStart', ...PHASES, 'cliFinish'] as const).map((p) => [
    PHASE_LABEL[p],
    ...(examples ? [cell(examples.cold, p), cell(examples.floor, p)] : []),
    ...results.flatMap((r) => [cell(r.kit, p), cell(r.floor, p)]),
  ]);
  const threadCell = (s: Sample | undefined, t: keyof ThreadCpu) => (!s ? '-' : `CPU ${fmt(s.threads[t])}`);
  const threadRows = THREADS.map((t) => [
    `app ${THREAD_LABEL[t]}`,
    ...(examples ? [threadCell(examples.cold, t), threadCell(examples.floor, t)] : []),
    ...results.flatMap((r) => [threadCell(r.kit, t), threadCell(r.floor, t)]),
  ]);
  out.push(...table(phaseHeaders, [...phaseRows, ...threadRows]));
  out.push('');

  out.push(`-c jurisdiction=${generatedIdentity(1).id} (one jurisdiction selected):`);
  out.push(...table(['of', 'wall ms', 'CPU ms', 'RSS MB', 'config CPU ms'], selection.map((s) => (s.sample ? [`${s.n}`, fmt(s.sample.wall), fmt(s.sample.cpu), fmt(s.sample.rss), fmt(s.sample.phases.config.cpu)] : [`${s.n}`, `FAILED: ${s.error}`]))));
  const of2 = selection.find((s) => s.n === 2)?.sample;
  const ofMax = selection.find((s) => s.n === largest)?.sample;
  if (of2 && ofMax) {
    const r = ratio(ofMax.cpu, of2.cpu);
    out.push(`Target: one of ${largest} costs no more than one of 2 (10% allowed for run-to-run noise): CPU ${fmt(r, 2)}x ${verdict(r, 1.1)}, ` +
      `config + sources ${fmt(ofMax.phases.config.cpu)} vs ${fmt(of2.phases.config.cpu)} ms CPU.`);
  }
  for (const note of notes) out.push(`Note: ${note}`);
  out.push(`Bench took ${((performance.now() - started) / 1000).toFixed(0)} s; 1-minute load average ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end ` +
    `(one synth keeps about 1 of ${os.cpus().length} CPUs busy; well above that, wall figures stretch and CPU figures are the steadier ones).`);
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
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(cleanup);
