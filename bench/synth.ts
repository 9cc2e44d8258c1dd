/**
 * Synth-scale benchmark: the kit app against a bare aws-cdk-lib "floor" app of the same
 * shape, for 1, 10 and 50 generated jurisdictions. Prints one plain-text table. The kit is
 * measured with and without asset bundling (esbuild for its NodejsFunctions) and without cdk-nag.
 *
 *   npx tsx bench/synth.ts
 *
 * Every measurement runs in a fresh `node --import tsx bench/synth-runner.ts` process with
 * CDK_VALIDATION=false; see bench/README.md for what each figure means.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { writeJurisdictionFixtures } from './synth-fixtures';
import type { RunnerResult } from './synth-shared';
import { AssemblyShape, childrenCpuMs, median, medianSample, readAssemblyShape, Sample } from './synth-stats';

const REPO_ROOT = path.resolve(__dirname, '..');
const RUNNER = path.join(__dirname, 'synth-runner.ts');
const SIZES = [1, 10, 50] as const;
const RUNS = 3;
/** Wall-clock budget for the whole bench; N=50 gets fewer runs if it would overrun. */
const BUDGET_MS = 8 * 60_000;
/** Target: kit within this factor of the floor, for one jurisdiction and per extra jurisdiction. */
const TARGET_RATIO = 1.5;

type Variant = 'kit' | 'kit-nobundle' | 'kit-nonag' | 'floor';
/** Measured in this order in every round; the floor copies the shape of the first kit run. */
const VARIANTS: readonly Variant[] = ['kit', 'kit-nobundle', 'kit-nonag', 'floor'];
const VARIANT_LABEL: Record<Variant, string> = {
  kit: 'kit (nag on)',
  'kit-nobundle': 'kit (no bundling)',
  'kit-nonag': 'kit (nag off)',
  floor: 'floor (bare L1)',
};
/** The kit rows the targets are checked for, with the label used in the target lines. */
const TARGET_VARIANTS: readonly [Variant, string][] = [
  ['kit', 'kit (nag on, with bundling)'],
  ['kit-nobundle', 'kit (no bundling)'],
];

interface Row {
  readonly n: number;
  readonly variant: Variant;
  readonly runs: number;
  readonly median?: Sample;
  readonly shape?: AssemblyShape;
  readonly error?: string;
}

let tmpRoot: string | undefined;
const children = new Set<ChildProcess>();

function cleanup(): void {
  for (const child of children) child.kill();
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
  tmpRoot = undefined;
}

/**
 * Runs the runner once in a fresh process (`launcher` node --import tsx, or npx tsx)
 * and turns its result file into a {@link Sample}.
 */
async function runOnce(args: string[], launcher: 'node' | 'npx' = 'node'): Promise<Sample> {
  const resultFile = path.join(tmpRoot!, `result-${process.hrtime.bigint()}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_VALIDATION: 'false' };
  for (const key of ['CDK_CONTEXT_JSON', 'CDK_OUTDIR', 'NODE_OPTIONS']) delete env[key];
  const [cmd, cmdArgs] =
    launcher === 'node'
      ? [process.execPath, ['--import', 'tsx', RUNNER, resultFile, ...args]]
      : ['npx', ['--no-install', 'tsx', RUNNER, resultFile, ...args]];
  const spawnedAt = Date.now();
  const cpuBefore = childrenCpuMs();
  const child = spawn(cmd, cmdArgs, { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  children.delete(child);
  const cpu = childrenCpuMs() - cpuBefore; // the child has been waited for once 'close' fired
  if (code !== 0 || !fs.existsSync(resultFile)) {
    const first = stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn')).slice(0, 3).join(' | ');
    throw new Error(`runner exited with ${code}: ${first}`);
  }
  const r = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunnerResult;
  fs.rmSync(resultFile, { force: true });
  return {
    wall: r.doneEpochMs - spawnedAt,
    startup: r.mainStartMs,
    imports: r.importedMs - r.mainStartMs,
    load: r.loadedMs - r.importedMs,
    build: r.builtMs - r.loadedMs,
    synth: r.synthDoneMs - r.builtMs,
    inProcess: r.synthDoneMs - r.importedMs,
    rss: r.maxRssMb,
    cpu,
  };
}

const fmt = (v: number | undefined, digits = 0) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits));
const verdict = (ratio: number) => (Number.isFinite(ratio) ? (ratio <= TARGET_RATIO ? 'PASS' : 'FAIL') : 'n/a');

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-synth-'));
  const notes: string[] = [];

  for (const n of SIZES) writeJurisdictionFixtures(path.join(tmpRoot, `config-${n}`), n, REPO_ROOT);
  let outdirSeq = 0;
  const outdir = () => path.join(tmpRoot!, `out-${++outdirSeq}`);
  const argsFor = (variant: Variant, n: number, out: string) =>
    variant === 'floor'
      ? ['floor', path.join(tmpRoot!, `floor-spec-${n}.json`), out]
      : ['kit', path.join(tmpRoot!, `config-${n}`), out, variant === 'kit-nonag' ? 'nonag' : 'nag', variant === 'kit-nobundle' ? 'nobundle' : 'bundle'];

  // Warm-up (discarded): fills the OS file cache and tsx's transform cache.
  try {
    const out = outdir();
    await runOnce(argsFor('kit', 1, out));
    fs.rmSync(out, { recursive: true, force: true });
  } catch {
    /* the measured runs report the error */
  }

  // Launcher overhead: an empty runner under `node --import tsx` and under `npx tsx` (as cdk.json's "app").
  const empty: Record<'node' | 'npx', number[]> = { node: [], npx: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const launcher of ['node', 'npx'] as const) {
      try {
        empty[launcher].push((await runOnce(['empty'], launcher)).wall);
      } catch {
        /* reported as '-' */
      }
    }
  }

  const rows: Row[] = [];
  for (const n of SIZES) {
    const samples: Record<Variant, Sample[]> = { kit: [], 'kit-nobundle': [], 'kit-nonag': [], floor: [] };
    const shapes: Partial<Record<Variant, AssemblyShape>> = {};
    const errors: Partial<Record<Variant, string>> = {};
    let runs = RUNS;
    for (let rep = 0; rep < runs; rep++) {
      const repStarted = performance.now();
      for (const variant of VARIANTS) {
        if (errors[variant]) continue;
        if (variant === 'floor' && !shapes.kit) {
          errors.floor = 'no kit assembly to copy the shape from';
          continue;
        }
        const out = outdir();
        try {
          samples[variant].push(await runOnce(argsFor(variant, n, out)));
          if (!shapes[variant]) {
            shapes[variant] = readAssemblyShape(out);
            if (variant === 'kit') fs.writeFileSync(path.join(tmpRoot, `floor-spec-${n}.json`), JSON.stringify(shapes.kit!.stacks));
          }
        } catch (error) {
          errors[variant] = (error as Error).message;
        } finally {
          fs.rmSync(out, { recursive: true, force: true });
        }
      }
      // Keep inside the budget: the largest size gets fewer runs if the remaining ones would overrun.
      const repMs = performance.now() - repStarted;
      const remainingReps = runs - rep - 1;
      if (n === SIZES[SIZES.length - 1] && remainingReps > 0) {
        const affordable = Math.floor((BUDGET_MS - (performance.now() - started)) / repMs);
        if (affordable < remainingReps) {
          runs = rep + 1 + Math.max(0, affordable);
          notes.push(`N=${n}: ${runs} run(s) instead of ${RUNS} to stay within the ${BUDGET_MS / 60_000}-minute budget (one run of the ${VARIANTS.length} variants took ${(repMs / 1000).toFixed(1)} s).`);
        }
      }
    }
    for (const variant of VARIANTS) {
      rows.push({
        n,
        variant,
        runs: samples[variant].length,
        median: samples[variant].length ? medianSample(samples[variant]) : undefined,
        shape: shapes[variant],
        error: errors[variant],
      });
    }
  }
  cleanup();

  // ---- report ----
  const headers = ['N', 'app', 'runs', 'stacks', 'res', 'res/stk', 'KB tpl', 'wall ms', 'start ms', 'import ms', 'load ms', 'build ms', 'synth ms', 'in-proc ms', 'CPU ms', 'RSS MB'];
  const table: string[][] = rows.map((r) => {
    const m = r.median;
    const s = r.shape;
    if (r.error && !m) return [String(r.n), VARIANT_LABEL[r.variant], '0', `FAILED: ${r.error}`];
    return [
      String(r.n),
      VARIANT_LABEL[r.variant],
      String(r.runs),
      fmt(s?.stacks.length),
      fmt(s?.resources),
      s ? fmt(s.resources / Math.max(1, s.stacks.length), 1) : '-',
      s ? fmt(s.templateBytes / 1024) : '-',
      fmt(m?.wall),
      fmt(m?.startup),
      fmt(m?.imports),
      fmt(m?.load),
      fmt(m?.build),
      fmt(m?.synth),
      fmt(m?.inProcess),
      fmt(m?.cpu),
      fmt(m?.rss),
    ];
  });
  const widths = headers.map((h, i) => Math.max(h.length, ...table.filter((row) => row.length === headers.length).map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.length === headers.length
      ? cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
      : `${cells[0].padStart(widths[0])}  ${cells[1].padEnd(widths[1])}  ${cells.slice(2).join('  ')}`;

  const get = (n: number, v: Variant) => rows.find((r) => r.n === n && r.variant === v)?.median;
  const first = SIZES[0];
  const last = SIZES[SIZES.length - 1];
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? a / b : NaN);
  const inc = (v: Variant, key: keyof Sample) => {
    const a = get(first, v)?.[key];
    const b = get(last, v)?.[key];
    return a !== undefined && b !== undefined ? (b - a) / (last - first) : NaN;
  };
  const diff = (n: number, a: Variant, b: Variant, key: keyof Sample = 'wall') => (get(n, a)?.[key] ?? NaN) - (get(n, b)?.[key] ?? NaN);

  const out: string[] = [];
  out.push(`Synth scale — kit vs bare aws-cdk-lib floor (CDK_VALIDATION=false, cdk.json context + CLI defaults, node ${process.version}, ${os.cpus().length} CPUs)`);
  out.push(`Each figure: median of fresh \`node --import tsx\` processes; wall = spawn → synth done; start = node+tsx startup; load = config YAML + zod; in-proc = load + build + synth.`);
  out.push(`Bundling (esbuild) runs while the tree is built, so it is in "build"; "kit (no bundling)" sets the context aws:cdk:bundling-stacks = [] as \`cdk ls\` does.`);
  out.push('');
  out.push(line(headers));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  let previousN = rows[0]?.n;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].n !== previousN) out.push('');
    previousN = rows[i].n;
    out.push(line(table[i]));
  }
  out.push('');
  const f1 = get(first, 'floor');
  const iff = inc('floor', 'wall');
  for (const [variant, label] of TARGET_VARIANTS) {
    const k1 = get(first, variant);
    const r1 = ratio(k1?.wall, f1?.wall);
    const r1in = ratio(k1?.inProcess, f1?.inProcess);
    out.push(`Target 1 — ${label}, N=${first}, within ${TARGET_RATIO}x the floor:`);
    out.push(`  wall      ${fmt(k1?.wall)} / ${fmt(f1?.wall)} ms = ${fmt(r1, 2)}x   ${verdict(r1)}`);
    out.push(`  in-proc   ${fmt(k1?.inProcess)} / ${fmt(f1?.inProcess)} ms = ${fmt(r1in, 2)}x   (${verdict(r1in)} on in-process time alone)`);
    out.push(`  CPU       ${fmt(k1?.cpu)} / ${fmt(f1?.cpu)} ms = ${fmt(ratio(k1?.cpu, f1?.cpu), 2)}x   (whole process tree; steadier than wall when the machine is busy)`);
    out.push(`  peak RSS  ${fmt(k1?.rss)} / ${fmt(f1?.rss)} MB = ${fmt(ratio(k1?.rss, f1?.rss), 2)}x`);
  }
  for (const [variant, label] of TARGET_VARIANTS) {
    const ik = inc(variant, 'wall');
    const ri = ratio(ik, iff);
    const iin = inc(variant, 'inProcess');
    out.push(`Target 2 — ${label}, each extra jurisdiction adds <= ${TARGET_RATIO}x what the floor adds for stacks of the same size, (t${last} - t${first}) / ${last - first}:`);
    out.push(`  wall      kit ${fmt(ik, 1)} ms vs floor ${fmt(iff, 1)} ms = ${fmt(ri, 2)}x   ${verdict(ri)}`);
    out.push(`  in-proc   kit ${fmt(iin, 1)} ms vs floor ${fmt(inc('floor', 'inProcess'), 1)} ms = ${fmt(ratio(iin, inc('floor', 'inProcess')), 2)}x`);
    out.push(`  CPU       kit ${fmt(inc(variant, 'cpu'), 1)} ms vs floor ${fmt(inc('floor', 'cpu'), 1)} ms = ${fmt(ratio(inc(variant, 'cpu'), inc('floor', 'cpu')), 2)}x`);
    out.push(`  peak RSS  kit ${fmt(inc(variant, 'rss'), 1)} MB vs floor ${fmt(inc('floor', 'rss'), 1)} MB = ${fmt(ratio(inc(variant, 'rss'), inc('floor', 'rss')), 2)}x`);
  }
  const phases = (v: Variant) => `load ${fmt(inc(v, 'load'), 1)}, build ${fmt(inc(v, 'build'), 1)}, synth ${fmt(inc(v, 'synth'), 1)}`;
  out.push(`Per extra jurisdiction by phase, ms: kit (no bundling) ${phases('kit-nobundle')}; floor ${phases('floor')}.`);
  out.push(`Bundling cost (kit nag on, with - without bundling): wall N=${first} ${fmt(diff(first, 'kit', 'kit-nobundle'))} ms, ` +
    `N=${last} ${fmt(diff(last, 'kit', 'kit-nobundle'))} ms, per extra jurisdiction ${fmt(inc('kit', 'wall') - inc('kit-nobundle', 'wall'), 1)} ms; ` +
    `CPU N=${first} ${fmt(diff(first, 'kit', 'kit-nobundle', 'cpu'))} ms, N=${last} ${fmt(diff(last, 'kit', 'kit-nobundle', 'cpu'))} ms, ` +
    `per extra jurisdiction ${fmt(inc('kit', 'cpu') - inc('kit-nobundle', 'cpu'), 1)} ms ` +
    `(esbuild runs once per distinct entry and process; later jurisdictions reuse the bundles).`);
  const ikn = inc('kit-nonag', 'wall');
  out.push(`Nag cost (kit nag on - nag off, both with bundling): wall N=${first} ${fmt(diff(first, 'kit', 'kit-nonag'))} ms, ` +
    `N=${last} ${fmt(diff(last, 'kit', 'kit-nonag'))} ms, per extra jurisdiction ${fmt(inc('kit', 'wall') - ikn, 1)} ms; ` +
    `CPU N=${first} ${fmt(diff(first, 'kit', 'kit-nonag', 'cpu'))} ms, N=${last} ${fmt(diff(last, 'kit', 'kit-nonag', 'cpu'))} ms, ` +
    `per extra jurisdiction ${fmt(inc('kit', 'cpu') - inc('kit-nonag', 'cpu'), 1)} ms ` +
    `(kit without nag vs floor per jurisdiction: wall ${fmt(ratio(ikn, iff), 2)}x, CPU ${fmt(ratio(inc('kit-nonag', 'cpu'), inc('floor', 'cpu')), 2)}x)`);
  out.push(`Launcher: empty script ${fmt(empty.node.length ? median(empty.node) : undefined)} ms under \`node --import tsx\`, ` +
    `${fmt(empty.npx.length ? median(empty.npx) : undefined)} ms under \`npx tsx\` (cdk.json's "app"; not included above).`);
  for (const note of notes) out.push(`Note: ${note}`);
  out.push(`Bench took ${((performance.now() - started) / 1000).toFixed(0)} s; 1-minute load average ${loadAtStart.toFixed(2)} at the start, ` +
    `${os.loadavg()[0].toFixed(2)} at the end (the bench keeps about 1 of ${os.cpus().length} CPUs busy; well above 1 means other work competed and the figures are noisier).`);
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
