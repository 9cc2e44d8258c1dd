import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IPolicyValidationPluginBeta1 } from 'aws-cdk-lib';
import type { SynthTimings } from '../../lib/timings';

/** Keeps the CPU busy for `ms`, so that the phase it runs in has a known minimum. */
function busy(ms: number): void {
  // performance.now, the clock lib/timings reads: Date.now's whole milliseconds could end the spin early.
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* spin */
  }
}

/** A validation plugin standing in for a nag pack: slow, and finds nothing. */
const slowPlugin: IPolicyValidationPluginBeta1 = {
  name: 'slow-pack',
  validate: () => {
    busy(60);
    return { success: true, violations: [] };
  },
};

/** A fresh copy of lib/timings (its state is per process), started with GCCK_TIMINGS = `file` or unset. */
function startedTimings(app: App, file: string | undefined): { timings: typeof import('../../lib/timings'); write: () => void } {
  let timings: typeof import('../../lib/timings') | undefined;
  jest.isolateModules(() => {
    timings = require('../../lib/timings');
  });
  const saved = process.env.GCCK_TIMINGS;
  if (file === undefined) delete process.env.GCCK_TIMINGS;
  else process.env.GCCK_TIMINGS = file;
  try {
    return { timings: timings!, write: timings!.startTimings(app) };
  } finally {
    if (saved === undefined) delete process.env.GCCK_TIMINGS;
    else process.env.GCCK_TIMINGS = saved;
  }
}

describe('lib/timings (GCCK_TIMINGS, read by bench/synth.ts)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-timings-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The app's phases as bin/app.ts runs them: config, then the build and synth of one stack. */
  function runApp(file: string): void {
    const app = new App({ outdir: path.join(dir, 'out') });
    const { timings, write } = startedTimings(app, file);
    timings.timed('config', () => busy(40));
    timings.timedSynthesis(app, () => {
      const stack = new Stack(app, 'S');
      new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
      busy(50);
      Validations.of(app).addPlugins(slowPlugin);
      app.synth();
    });
    write();
  }

  test('attributes each phase its own time: config, construct build, the validation plugins as nag', () => {
    const file = path.join(dir, 'timings.json');
    runApp(file);
    const t = JSON.parse(fs.readFileSync(file, 'utf8')) as SynthTimings;
    expect(t.config.wall).toBeGreaterThanOrEqual(40);
    expect(t.config.wall).toBeLessThan(40 + 1000);
    expect(t.build.wall).toBeGreaterThanOrEqual(50);
    expect(t.nag.wall).toBeGreaterThanOrEqual(60);
    // The plugin's 60 ms are not counted again as template writing (half of them is the margin for
    // a loaded machine's clock jitter; counted twice, the gap would be about 0).
    expect(t.templateWrite.wall).toBeLessThan(t.phases.synth.wall - 30);
    expect(t.bundling).toEqual({ wall: 0, cpu: 0 });
    expect(t.doneEpochMs).toBeGreaterThan(t.processStartEpochMs);
    expect(t.maxRssMb).toBeGreaterThan(0);
  });

  test('counts the CPU of the validation worker thread as validation, not in the main-thread phase it ran beside', () => {
    // GIVEN a config phase of 80 ms during which the worker reports 2000 ms of its own CPU
    const file = path.join(dir, 'timings.json');
    const app = new App({ outdir: path.join(dir, 'out') });
    const { timings, write } = startedTimings(app, file);
    const start = Date.now();
    timings.timed('config', () => busy(80));
    timings.recordWorkerTime({ startEpochMs: start, endEpochMs: Date.now(), cpu: 2000 });
    timings.timedSynthesis(app, () => app.synth());
    write();
    // WHEN the timings are read
    const t = JSON.parse(fs.readFileSync(file, 'utf8')) as SynthTimings;
    // THEN config keeps only its own CPU and validation has the worker's
    expect(t.config.cpu).toBeLessThan(1000);
    expect(t.validation.cpu).toBeGreaterThanOrEqual(2000);
    expect(t.phases['validation (worker thread)'].cpu).toBe(2000);
    expect(t.threads.validationWorker).toBe(2000);
  });

  test('splits the process CPU by thread: the main thread, and another thread that ran under "others"', async () => {
    // GIVEN a main thread that spun for 100 ms and another thread that used 200 ms of its own CPU
    // (read from /proc/thread-self/stat, as lib/timings reads the main thread's: spinning for 200 ms
    // of wall time would use less CPU on a loaded machine) and ended
    const file = path.join(dir, 'timings.json');
    const app = new App({ outdir: path.join(dir, 'out') });
    const { timings, write } = startedTimings(app, file);
    timings.timed('config', () => busy(100));
    await new Promise((resolve, reject) => {
      const spin = `const fs = require('fs');
        const cpu = () => { const f = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
        const end = cpu() + 200;
        while (cpu() < end) {}`;
      const other = new Worker(spin, { eval: true });
      other.on('exit', resolve);
      other.on('error', reject);
    });
    // WHEN the timings are written
    timings.timedSynthesis(app, () => app.synth());
    write();
    // THEN the other thread's CPU is under others, not the main thread's (10 ms ticks, hence the margins)
    const t = JSON.parse(fs.readFileSync(file, 'utf8')) as SynthTimings;
    expect(t.threads.main).toBeGreaterThanOrEqual(90);
    expect(t.threads.main).toBeGreaterThanOrEqual(t.config.cpu);
    expect(t.threads.validationWorker).toBe(0);
    expect(t.threads.others).toBeGreaterThanOrEqual(180);
  });

  test('without GCCK_TIMINGS nothing is written and app.synth is left as it was', () => {
    const app = new App({ outdir: path.join(dir, 'out') });
    const synth = app.synth;
    const { timings, write } = startedTimings(app, undefined);
    timings.timedSynthesis(app, () => expect(app.synth).toBe(synth));
    write();
    expect(app.synth).toBe(synth);
    expect(fs.readdirSync(dir).filter((f) => f !== 'out')).toEqual([]);
  });
});
