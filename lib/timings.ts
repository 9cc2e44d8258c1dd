/**
 * Opt-in phase timings of a synthesis: `GCCK_TIMINGS=<file> npx cdk synth` writes where the app's
 * time went to `<file>` as {@link SynthTimings} JSON. bench/synth.ts sets it; without the variable
 * nothing is measured or written and no aws-cdk-lib function is wrapped.
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { App, AssetStaging, CloudFormationValidatePlugin } from 'aws-cdk-lib';

/** The environment variable naming the file the timings are written to. */
export const TIMINGS_ENV = 'GCCK_TIMINGS';

/** Wall-clock and CPU time of one phase, ms: user + system of the main thread (on Linux; the whole process elsewhere), child processes excluded. */
export interface PhaseTime {
  readonly wall: number;
  readonly cpu: number;
}

/** What one app process measured. */
export interface SynthTimings {
  /** When the process started (epoch ms, `performance.timeOrigin`): the parent subtracts its spawn time to get the CLI's start-up. */
  readonly processStartEpochMs: number;
  /** When the app had written everything (epoch ms): the parent's exit time minus this is the CLI's finish. */
  readonly doneEpochMs: number;
  /** Process start until the app's own first line: node, the TypeScript loader and every import. */
  readonly appLoad: PhaseTime;
  /** Reading and checking config, bots and flows (the floor: reading the templates it copies). */
  readonly config: PhaseTime;
  /** Building the construct tree until `app.synth()`, bundling excluded. */
  readonly build: PhaseTime;
  /** Lambda asset bundling: aws-cdk-lib's AssetStaging bundling and anything wrapped in `timed('bundling')`; its esbuild processes' CPU is not in `cpu`. */
  readonly bundling: PhaseTime;
  /** The validation plugins the app registered (the cdk-nag packs). */
  readonly nag: PhaseTime;
  /** aws-cdk-lib's CloudFormation default-rules validation (engine start included, also the validation worker thread's CPU, which ran beside the other phases). */
  readonly validation: PhaseTime;
  /** `app.synth()` without the validation plugins (aspects, references, rendering and writing templates), plus what the app writes after it. */
  readonly templateWrite: PhaseTime;
  /** Every phase measured by name (nested ones overlap their parents). */
  readonly phases: Readonly<Record<string, PhaseTime>>;
  /** Peak resident set size of the app process, MB. */
  readonly maxRssMb: number;
  /** The app process's CPU by thread, ms (see {@link ThreadCpu}). */
  readonly threads: ThreadCpu;
}

/**
 * An app process's CPU time by thread, ms, at the end of the synthesis. On Linux `main` is the main
 * thread's own; elsewhere it holds all but the worker's recorded work and `others` is 0.
 */
export interface ThreadCpu {
  /** The main thread: config, constructs, nag, rendering and writing templates. */
  readonly main: number;
  /** What the validation worker thread recorded: its engine starts and template checks. */
  readonly validationWorker: number;
  /** Every other thread: V8's garbage collector and JavaScript and WebAssembly compiler threads, and the worker's own start-up. */
  readonly others: number;
}

const phases = new Map<string, PhaseTime>();
let enabled = false;
/** What the validation worker thread did (lib/compliance/validation-worker.ts): engine starts and template checks. */
const workerTimes: Array<{ startEpochMs: number; endEpochMs: number; cpu?: number }> = [];
/**
 * Records work of the validation worker thread (from `startEpochMs` to `endEpochMs`, `cpu` ms of
 * that thread): an engine start or a template's validation. It runs beside the main thread's
 * phases; its CPU is added to `validation`.
 */
export function recordWorkerTime(time: { startEpochMs: number; endEpochMs: number; cpu?: number }): void {
  if (enabled) workerTimes.push(time);
}

/** Whether /proc/thread-self/stat is readable (Linux): then phases count this thread's CPU only. */
let threadStat: boolean | undefined;

/**
 * CPU time of this thread, ms: the main thread's own where Linux tells it (10 ms ticks), so that
 * the validation worker thread and V8's helper threads running beside a phase are not counted in
 * it; else the whole process's.
 */
const cpuMs = () => {
  if (threadStat !== false) {
    try {
      const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
      threadStat = true;
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      threadStat = false;
    }
  }
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function add(phase: string, wall: number, cpu: number): void {
  const previous = phases.get(phase) ?? { wall: 0, cpu: 0 };
  phases.set(phase, { wall: previous.wall + wall, cpu: previous.cpu + cpu });
}

/**
 * Runs `fn` and, when timings are on, adds its wall and CPU time to `phase` (repeated calls add
 * up). The work is the same either way.
 */
export function timed<T>(phase: string, fn: () => T): T {
  if (!enabled) return fn();
  const wall = performance.now();
  const cpu = cpuMs();
  try {
    return fn();
  } finally {
    add(phase, performance.now() - wall, cpuMs() - cpu);
  }
}

/** Wraps `target[method]`, if it is a function, so that its time is added to `phase`. */
function wrap(target: object, method: string, phase: string): void {
  const holder = target as Record<string, unknown>;
  const original = holder[method];
  if (typeof original !== 'function') return;
  holder[method] = function (this: unknown, ...args: unknown[]) {
    return timed(phase, () => original.apply(this, args));
  };
}

/**
 * Starts timing this process if {@link TIMINGS_ENV} is set; call it first thing after the imports.
 * Wraps aws-cdk-lib's asset bundling and CloudFormation validation so that they can be told apart
 * (private methods are wrapped only if they exist: another aws-cdk-lib version loses that split, not the run).
 *
 * @returns a function that writes the timings file (a no-op when timings are off)
 */
export function startTimings(app: App): () => void {
  const file = process.env[TIMINGS_ENV];
  if (!file) return () => undefined;
  enabled = true;
  add('app load', performance.now(), cpuMs());
  wrap(app, 'synth', 'synth');
  wrap(CloudFormationValidatePlugin.prototype, 'validate', 'validation');
  wrap(AssetStaging.prototype, 'stageByBundling', 'bundling');
  return () => {
    const at = (name: string) => phases.get(name) ?? { wall: 0, cpu: 0 };
    const minus = (a: PhaseTime, ...bs: PhaseTime[]): PhaseTime => ({
      wall: Math.max(0, bs.reduce((w, b) => w - b.wall, a.wall)),
      cpu: Math.max(0, bs.reduce((c, b) => c - b.cpu, a.cpu)),
    });
    const bundling = at('bundling');
    const afterSynth = minus(at('kit'), at('before synth'), at('synth'));
    const templateWrite = minus(at('synth'), at('nag'), at('validation'));
    // The worker thread's work (engine start, template checks), beside the main thread's phases: all of it is validation.
    const workerCpu = workerTimes.reduce((sum, t) => sum + (t.cpu ?? 0), 0);
    if (workerTimes.length > 0) add('validation (worker thread)', workerTimes[workerTimes.length - 1].endEpochMs - workerTimes[0].startEpochMs, workerCpu);
    const validation = { wall: at('validation').wall, cpu: at('validation').cpu + workerCpu };
    const usage = process.cpuUsage();
    const processCpu = (usage.user + usage.system) / 1000;
    const main = threadStat ? cpuMs() : processCpu - workerCpu;
    const timings: SynthTimings = {
      processStartEpochMs: performance.timeOrigin,
      doneEpochMs: Date.now(),
      appLoad: at('app load'),
      config: at('config'),
      build: minus(at('before synth'), bundling),
      bundling,
      nag: at('nag'),
      validation,
      templateWrite: { wall: templateWrite.wall + afterSynth.wall, cpu: templateWrite.cpu + afterSynth.cpu },
      phases: Object.fromEntries(phases),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      threads: { main, validationWorker: workerCpu, others: Math.max(0, processCpu - main - workerCpu) },
    };
    fs.writeFileSync(file, JSON.stringify(timings, null, 2));
  };
}

/**
 * Times `run` as the app's synthesis: what it does before `app.synth()` is the construct build
 * (the validation plugins registered by then are timed as `nag`), what follows `app.synth()`
 * counts as template writing.
 */
export function timedSynthesis<T>(app: App, run: () => T): T {
  if (!enabled) return run();
  const wall = performance.now();
  const cpu = cpuMs();
  const synth = app.synth;
  app.synth = function (this: App, ...args: Parameters<App['synth']>) {
    add('before synth', performance.now() - wall, cpuMs() - cpu);
    const plugins = (app as unknown as { _validationPlugins?: object[] })._validationPlugins ?? [];
    for (const plugin of plugins) if (!(plugin instanceof CloudFormationValidatePlugin)) wrap(plugin, 'validate', 'nag');
    return synth.apply(this, args);
  };
  try {
    return timed('kit', run);
  } finally {
    app.synth = synth;
  }
}
