/**
 * Synth-scale benchmark: the kit app against a bare aws-cdk-lib "floor" app of the same
 * shape, for 1, 10 and 50 generated jurisdictions. Prints one plain-text table.
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
import { AssemblyShape, median, medianSample, readAssemblyShape, Sample } from './synth-stats';

const REPO_ROOT = path.resolve(__dirname, '..');
const RUNNER = path.join(__dirname, 'synth-runner.ts');
const SIZES = [1, 10, 50] as const;
const RUNS = 3;
/** Wall-clock budget for the whole bench; N=50 gets fewer runs if it would overrun. */
const BUDGET_MS = 7 * 60_000;
/** Target: kit within this factor of the floor, for one jurisdiction and per extra jurisdiction. */
const TARGET_RATIO = 1.5;

type Variant = 'kit' | 'kit-nonag' | 'floor';
const VARIANT_LABEL: Record<Variant, string> = { kit: 'kit (nag on)', 'kit-nonag': 'kit (nag off)', floor: 'floor (bare L1)' };

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
  const child = spawn(cmd, cmdArgs, { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  children.delete(child);
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
  };
}

const fmt = (v: number | undefined, digits = 0) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits));
const verdict = (ratio: number) => (Number.isFinite(ratio) ? (ratio <= TARGET_RATIO ? 'PASS' : 'FAIL') : 'n/a');

async function main(): Promise<void> {
  const started = performance.now();
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-synth-'));
  const notes: string[] = [];

  for (const n of SIZES) writeJurisdictionFixtures(path.join(tmpRoot, `config-${n}`), n, REPO_ROOT);
  let outdirSeq = 0;
  const outdir = () => path.join(tmpRoot!, `out-${++outdirSeq}`);
  const argsFor = (variant: Variant, n: number, out: string) =>
    variant === 'floor'
      ? ['floor', path.join(tmpRoot!, `floor-spec-${n}.json`), out]
      : ['kit', path.join(tmpRoot!, `config-${n}`), out, variant === 'kit' ? 'nag' : 'nonag'];

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
    const samples: Record<Variant, Sample[]> = { kit: [], 'kit-nonag': [], floor: [] };
    const shapes: Partial<Record<Variant, AssemblyShape>> = {};
    const errors: Partial<Record<Variant, string>> = {};
    let runs = RUNS;
    for (let rep = 0; rep < runs; rep++) {
      const repStarted = performance.now();
      for (const variant of ['kit', 'kit-nonag', 'floor'] as const) {
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
          notes.push(`N=${n}: ${runs} run(s) instead of ${RUNS} to stay within the ${BUDGET_MS / 60_000}-minute budget (one run of the three variants took ${(repMs / 1000).toFixed(1)} s).`);
        }
      }
    }
    for (const variant of ['kit', 'kit-nonag', 'floor'] as const) {
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
  const headers = ['N', 'app', 'runs', 'stacks', 'res', 'res/stk', 'KB tpl', 'wall ms', 'start ms', 'import ms', 'load ms', 'build ms', 'synth ms', 'in-proc ms', 'RSS MB'];
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

  const out: string[] = [];
  out.push(`Synth scale — kit vs bare aws-cdk-lib floor (CDK_VALIDATION=false, cdk.json context + CLI defaults, node ${process.version}, ${os.cpus().length} CPUs)`);
  out.push(`Each figure: median of fresh \`node --import tsx\` processes; wall = spawn → synth done; start = node+tsx startup; load = config YAML + zod; in-proc = load + build + synth.`);
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
  const k1 = get(first, 'kit');
  const f1 = get(first, 'floor');
  const r1 = ratio(k1?.wall, f1?.wall);
  const r1in = ratio(k1?.inProcess, f1?.inProcess);
  out.push(`Target 1 — N=${first}, kit (nag on) within ${TARGET_RATIO}x the floor:`);
  out.push(`  wall      ${fmt(k1?.wall)} / ${fmt(f1?.wall)} ms = ${fmt(r1, 2)}x   ${verdict(r1)}`);
  out.push(`  in-proc   ${fmt(k1?.inProcess)} / ${fmt(f1?.inProcess)} ms = ${fmt(r1in, 2)}x   (${verdict(r1in)} on in-process time alone)`);
  out.push(`  peak RSS  ${fmt(k1?.rss)} / ${fmt(f1?.rss)} MB = ${fmt(ratio(k1?.rss, f1?.rss), 2)}x`);
  const ik = inc('kit', 'wall');
  const ikn = inc('kit-nonag', 'wall');
  const iff = inc('floor', 'wall');
  const ri = ratio(ik, iff);
  out.push(`Target 2 — each extra jurisdiction adds <= ${TARGET_RATIO}x what the floor adds for stacks of the same size, (t${last} - t${first}) / ${last - first}:`);
  out.push(`  wall      kit ${fmt(ik, 1)} ms vs floor ${fmt(iff, 1)} ms = ${fmt(ri, 2)}x   ${verdict(ri)}`);
  out.push(`  in-proc   kit ${fmt(inc('kit', 'inProcess'), 1)} ms vs floor ${fmt(inc('floor', 'inProcess'), 1)} ms = ${fmt(ratio(inc('kit', 'inProcess'), inc('floor', 'inProcess')), 2)}x`);
  out.push(`  peak RSS  kit ${fmt(inc('kit', 'rss'), 1)} MB vs floor ${fmt(inc('floor', 'rss'), 1)} MB = ${fmt(ratio(inc('kit', 'rss'), inc('floor', 'rss')), 2)}x`);
  out.push(`Nag cost (kit nag on - nag off, wall): N=${first} ${fmt((k1?.wall ?? NaN) - (get(first, 'kit-nonag')?.wall ?? NaN))} ms, ` +
    `N=${last} ${fmt((get(last, 'kit')?.wall ?? NaN) - (get(last, 'kit-nonag')?.wall ?? NaN))} ms; per extra jurisdiction ${fmt(ik - ikn, 1)} ms ` +
    `(kit without nag vs floor per jurisdiction: ${fmt(ratio(ikn, iff), 2)}x)`);
  out.push(`Launcher: empty script ${fmt(empty.node.length ? median(empty.node) : undefined)} ms under \`node --import tsx\`, ` +
    `${fmt(empty.npx.length ? median(empty.npx) : undefined)} ms under \`npx tsx\` (cdk.json's "app"; not included above).`);
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
