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

/** Wall-clock and CPU time (user + system of this process, child processes excluded) of one phase, ms. */
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
  /** aws-cdk-lib's CloudFormation default-rules validation (engine start included, also the CPU of a start that ran early in the validation worker thread, taken off template write and nag). */
  readonly validation: PhaseTime;
  /** `app.synth()` without the validation plugins (aspects, references, rendering and writing templates), plus what the app writes after it. */
  readonly templateWrite: PhaseTime;
  /** Every phase measured by name (nested ones overlap their parents). */
  readonly phases: Readonly<Record<string, PhaseTime>>;
  /** Peak resident set size of the app process, MB. */
  readonly maxRssMb: number;
}

const phases = new Map<string, PhaseTime>();
let enabled = false;
/** Engine starts in the validation worker thread (lib/compliance/validation-worker.ts). */
const engineStarts: Array<{ startEpochMs: number; endEpochMs: number; cpu?: number }> = [];
/** When each phase ran (performance.now() ms): where the worker's engine start overlapped it. */
const intervals = new Map<string, Array<[number, number]>>();

/**
 * Records that the validation engine started in its worker thread (from `startEpochMs` to
 * `endEpochMs`, `cpu` ms of that thread). Process CPU measured for the phases it ran beside
 * (app load, config, build, template writing, nag) included it: its CPU is moved from those
 * phases to `validation`, in proportion to their overlap.
 */
export function recordEngineStart(start: { startEpochMs: number; endEpochMs: number; cpu?: number }): void {
  if (enabled) engineStarts.push(start);
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function add(phase: string, wall: number, cpu: number, startedAt = performance.now() - wall): void {
  const previous = phases.get(phase) ?? { wall: 0, cpu: 0 };
  phases.set(phase, { wall: previous.wall + wall, cpu: previous.cpu + cpu });
  intervals.set(phase, [...(intervals.get(phase) ?? []), [startedAt, startedAt + wall]]);
}

/** The worker thread's engine-start CPU that ran during `phase` (by wall-clock overlap). */
function engineCpuDuring(phase: string): number {
  let sum = 0;
  for (const start of engineStarts) {
    const from = start.startEpochMs - performance.timeOrigin;
    const to = start.endEpochMs - performance.timeOrigin;
    if (to <= from || start.cpu === undefined) continue;
    for (const [a, b] of intervals.get(phase) ?? []) sum += (Math.max(0, Math.min(b, to) - Math.max(a, from)) / (to - from)) * start.cpu;
  }
  return sum;
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
  add('app load', performance.now(), cpuMs(), 0);
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
    // The worker thread's engine start, taken off the phases it ran beside and given to validation.
    if (engineStarts.length > 0) {
      const last = engineStarts[engineStarts.length - 1];
      add('validation engine start (worker thread)', last.endEpochMs - engineStarts[0].startEpochMs, engineStarts.reduce((sum, s) => sum + (s.cpu ?? 0), 0), engineStarts[0].startEpochMs - performance.timeOrigin);
    }
    const during = engineCpuDuring;
    const less = (t: PhaseTime, cpu: number): PhaseTime => ({ wall: t.wall, cpu: Math.max(0, t.cpu - Math.max(0, cpu)) });
    const moved = {
      appLoad: during('app load'),
      config: during('config'),
      build: during('before synth') - during('bundling'),
      bundling: during('bundling'),
      nag: during('nag'),
      templateWrite: during('synth') - during('nag') - during('validation') + during('kit') - during('before synth') - during('synth'),
    };
    const totalMoved = Object.values(moved).reduce((a, b) => a + Math.max(0, b), 0);
    const rawWrite = minus(at('synth'), at('nag'), at('validation'));
    const templateWrite = less({ wall: rawWrite.wall + afterSynth.wall, cpu: rawWrite.cpu + afterSynth.cpu }, moved.templateWrite);
    const validation = { wall: at('validation').wall, cpu: at('validation').cpu + totalMoved };
    const timings: SynthTimings = {
      processStartEpochMs: performance.timeOrigin,
      doneEpochMs: Date.now(),
      appLoad: less(at('app load'), moved.appLoad),
      config: less(at('config'), moved.config),
      build: less(minus(at('before synth'), bundling), moved.build),
      bundling: less(bundling, moved.bundling),
      nag: less(at('nag'), moved.nag),
      validation,
      templateWrite,
      phases: Object.fromEntries(phases),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
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
