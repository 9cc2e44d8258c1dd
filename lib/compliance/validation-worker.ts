/**
 * aws-cdk-lib's CloudFormation validation engine run in a worker thread, called synchronously.
 *
 * Why: the engine (WebAssembly) makes V8 run a full old-space garbage collection a few hundred
 * times per synthesis, and each one walks the whole JavaScript heap of its thread. In the app's
 * main thread that heap holds the kit's construct tree and every loaded module, so the same
 * validation of the same templates cost about 1.5-2 CPU-seconds more than in the bench's floor
 * app; in a worker the heap is the engine's few megabytes. A worker also lets the engine start
 * (~2-3 CPU-seconds, WebAssembly compilation and its schema set) while the main thread is still
 * loading config and building the constructs.
 *
 * Only the engine moves: aws-cdk-lib's own `CloudFormationValidatePlugin.validate` still reads the
 * templates, chooses the rules (the same resource types, the same exclusions) and turns the
 * diagnostics into violations in the main thread, so its findings are exactly the built-in's.
 *
 * The worker also raises V8's WebAssembly tier-up budget before it compiles the engine
 * ({@link ENGINE_V8_FLAGS}).
 */
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import type { CloudFormationValidatePlugin, IPolicyValidationContext } from 'aws-cdk-lib';

/**
 * V8 settings the worker applies (`v8.setFlagsFromString`) before it compiles the engine: a tier-up
 * budget 333 times V8's default (1,800,000).
 *
 * Why: with the default, V8 sends about 350 of the engine's functions to its optimizing compiler
 * (TurboFan) during one synthesis of the examples; the two largest (170 and 210 KB of WebAssembly)
 * took 1.0 and 1.7 s each (`--trace-wasm-compilation-times`). On V8's helper threads that came to
 * 3.5-4.5 CPU-seconds per synthesis, more than the validation itself. With this budget about 45
 * functions are optimized, those the checks run most; the rest keep V8's baseline (Liftoff) code,
 * the same program compiled quickly. Validation alone (`npm run bench:validation`, bench/README.md):
 * the examples' 6 templates 3.3-3.7 CPU-s instead of 5.9-7.1, 30 templates 8.1-8.4 instead of
 * 11.0-13.7, 150 templates 28.9 instead of 38.0. Baseline code only (`--liftoff-only`) is slower
 * still: 15.1-16.5 CPU-s for the 30 templates.
 *
 * The flag is process-wide (V8 has one set of flags), but only WebAssembly reads it: the main
 * thread's JavaScript is not affected.
 */
export const ENGINE_V8_FLAGS = '--wasm-tiering-budget=600000000';

/** The longest a validation call may take before the worker is given up on, ms. */
const CALL_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The worker's code (plain JavaScript, so that it needs no TypeScript loader, in jest or not), run
 * by {@link WORKER_BOOTSTRAP} as a function of `require`. It keeps one aws-cdk-lib
 * CloudFormationValidatePlugin whose engine it initializes for the resource types asked, and
 * answers `validate` requests with the engine's report.
 * @internal exported for its tests
 */
export const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
// Before anything compiles the engine: V8 reads the budget when it instantiates a module.
require('v8').setFlagsFromString(workerData.v8Flags);
const fs = require('fs');
const path = require('path');
const flag = new Int32Array(workerData.flag);
const port = workerData.port;
let plugin;
let engine;
let engineKey;
let engineStart;
let rules;
/** This thread's CPU time, ms (Linux), else undefined. */
function threadCpuMs() {
  try {
    const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
/**
 * What the engine aws-cdk-lib starts for these resource types is made of: the rule files of its
 * rules index that apply to them (as its loadBuiltinRegoRules picks them). Two type sets with the
 * same files get the same engine. Where the index cannot be read, the types themselves.
 */
function keyOf(wanted) {
  try {
    rules ??= JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve(workerData.cdkLib)), 'core', 'lib', 'validation', 'rules', 'index.generated.json'), 'utf8')).rules;
    const set = new Set(wanted);
    return 'rules:' + JSON.stringify(rules.filter((r) => r.types === null || r.types.some((t) => set.has(t))).map((r) => r.file).sort());
  } catch {
    return 'types:' + JSON.stringify([...wanted].sort());
  }
}
/** The engine aws-cdk-lib's plugin starts for these resource types (kept while the next types need the same). */
function engineFor(wanted) {
  const key = keyOf(wanted);
  if (engine === undefined || key !== engineKey) {
    if (plugin !== undefined) plugin._dispose();
    plugin = undefined;
    engine = undefined;
    const wall = Date.now();
    const cpu = threadCpuMs();
    const { CloudFormationValidatePlugin } = require(workerData.cdkLib);
    const fresh = new CloudFormationValidatePlugin();
    engine = fresh.initializeEngine(new Set(wanted));
    plugin = fresh;
    engineKey = key;
    const cpuAfter = threadCpuMs();
    engineStart = { startEpochMs: wall, endEpochMs: Date.now(), cpu: cpu === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpu };
  }
  return engine;
}
port.on('message', (message) => {
  let reply = {};
  try {
    if (message.type === 'start') {
      try {
        engineFor(message.types);
      } catch {
        // Reported by the validation that needs it (it starts the engine again).
      }
    } else if (message.type === 'validate') {
      const current = engineFor(message.types);
      const content = message.content;
      const wall = Date.now();
      const cpu = threadCpuMs();
      const report = current.validateTemplate({ path: message.name, readBytes: () => Buffer.from(content, 'utf8') }, message.config);
      const cpuAfter = threadCpuMs();
      const check = { startEpochMs: wall, endEpochMs: Date.now(), cpu: cpu === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpu };
      reply = { report, work: engineStart === undefined ? [check] : [engineStart, check] };
      engineStart = undefined;
    } else if (message.type === 'free') {
      if (plugin !== undefined) plugin._dispose();
      plugin = undefined;
      engine = undefined;
    }
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack || error.message) : String(error) };
  }
  if (message.id !== undefined) {
    port.postMessage({ ...reply, id: message.id });
    Atomics.add(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
});
`;

/** How long something took in the worker thread: an engine start or one template's validation. */
export interface WorkerTime {
  /** When it started and ended (epoch ms). */
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  /** The worker thread's CPU time for it, ms (undefined where the thread's time cannot be read). */
  readonly cpu?: number;
}

/** Called with the time of everything the worker did (lib/timings records it). */
export type WorkerTimeListener = (time: WorkerTime) => void;

interface Reply {
  readonly report?: unknown;
  /** The engine start (if one happened since the last reply) and the validation, as the worker timed them. */
  readonly work?: WorkerTime[];
  readonly error?: string;
}

/** The template a CloudFormationValidatePlugin hands its engine (@aws/cloudformation-validate's TemplateContent). */
interface TemplateLike {
  readonly content: string | Uint8Array;
  readonly name: string;
}

/**
 * What the worker thread runs: {@link WORKER_SOURCE} (given as `workerData.source`) or, if that fails
 * to compile or throws while loading, a stand-in that answers every request with the failure. A
 * main thread blocked in `Atomics.wait` never sees the worker's `error` event, so without the
 * stand-in a worker that failed to start would block its caller for {@link CALL_TIMEOUT_MS}.
 */
const WORKER_BOOTSTRAP = `
const { workerData } = require('worker_threads');
try {
  new Function('require', workerData.source)(require);
} catch (error) {
  const reason = 'the worker failed to start: ' + ((error && error.stack) || String(error));
  const flag = new Int32Array(workerData.flag);
  workerData.port.on('message', (message) => {
    if (message.id === undefined) return;
    workerData.port.postMessage({ id: message.id, error: reason });
    Atomics.add(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
}
`;

/**
 * The worker thread holding the engine; one per process (jest's module registries included).
 * @internal exported for its tests
 */
export class ValidationWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private broken?: Error;
  private lastId = 0;
  /** Replies received while waiting for another. */
  private readonly replies = new Map<number, Reply>();
  listener?: WorkerTimeListener;

  /**
   * @param source the worker's code; @default WORKER_SOURCE
   * @param callTimeoutMs the longest a call waits for the worker's answer; @default CALL_TIMEOUT_MS
   */
  constructor(
    source: string = WORKER_SOURCE,
    private readonly callTimeoutMs: number = CALL_TIMEOUT_MS,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      // No TypeScript loader or profiler flags of the main thread: the worker runs plain JavaScript.
      execArgv: [],
      workerData: { source, cdkLib: require.resolve('aws-cdk-lib'), flag: this.flag.buffer, port: port2, v8Flags: ENGINE_V8_FLAGS },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
    // Never keeps the process alive. A failure to start surfaces as a failed call (WORKER_BOOTSTRAP).
    this.worker.unref();
    this.port.unref();
    this.worker.on('error', (error) => (this.broken = error));
  }

  /** Starts the engine for `types` without waiting (errors come with the next validation). */
  start(types: readonly string[]): void {
    this.port.postMessage({ type: 'start', types: [...types].sort() });
  }

  /**
   * Asks the worker to validate one template (its name and text) with the engine for `types`, without waiting.
   * @returns the request's id, for {@link wait}
   */
  post(types: readonly string[], name: string, content: string, config: unknown): number {
    if (this.broken) throw this.broken;
    const id = ++this.lastId;
    this.port.postMessage({ type: 'validate', id, types: [...types].sort(), name, content, config });
    return id;
  }

  /** The engine's report for request `id`, blocking until the worker has answered it. */
  wait(id: number): unknown {
    const deadline = Date.now() + this.callTimeoutMs;
    for (;;) {
      const seen = Atomics.load(this.flag, 0);
      for (let received = receiveMessageOnPort(this.port); received !== undefined; received = receiveMessageOnPort(this.port)) {
        const reply = received.message as Reply & { id: number };
        this.replies.set(reply.id, reply);
      }
      const reply = this.replies.get(id);
      if (reply !== undefined) {
        this.replies.delete(id);
        for (const work of reply.work ?? []) this.listener?.(work);
        if (reply.error !== undefined) throw new Error(`CloudFormation validation (worker thread): ${reply.error}`);
        return reply.report;
      }
      if (this.broken) throw this.broken;
      if (Date.now() > deadline || Atomics.wait(this.flag, 0, seen, Math.max(1, deadline - Date.now())) === 'timed-out') {
        this.broken = new Error(`the CloudFormation validation worker did not answer within ${this.callTimeoutMs / 1000} s`);
        throw this.broken;
      }
    }
  }

  /** Frees the engine (the worker stays for the next validation). */
  free(): void {
    this.port.postMessage({ type: 'free' });
  }
}

const SHARED = Symbol.for('gov-contact-center-kit.validation-worker');

/** The process's validation worker, started on first use. */
function sharedWorker(): ValidationWorker {
  const holder = globalThis as unknown as Record<symbol, ValidationWorker | undefined>;
  holder[SHARED] ??= new ValidationWorker();
  return holder[SHARED];
}

/** True where aws-cdk-lib's plugin has the engine seam this file replaces (else validation stays in the main thread). */
function hasEngineSeam(plugin: CloudFormationValidatePlugin): boolean {
  return typeof (plugin as unknown as { initializeEngine?: unknown }).initializeEngine === 'function';
}

/**
 * Makes `plugin` (an aws-cdk-lib CloudFormationValidatePlugin built without props) run its engine
 * in the process's validation worker: its `validate` is unchanged, only the engine it asks for
 * lives in the worker. A no-op on an aws-cdk-lib without that seam.
 *
 * @param onWorkerTime told how long each engine start and template validation took in the worker
 * @default onWorkerTime - nobody
 */
export function validateInWorker<T extends CloudFormationValidatePlugin>(plugin: T, onWorkerTime?: WorkerTimeListener): T {
  if (!hasEngineSeam(plugin)) return plugin;
  inWorker.add(plugin);
  const worker = sharedWorker();
  if (onWorkerTime) worker.listener = onWorkerTime;
  (plugin as unknown as { initializeEngine: (types: Set<string>) => object }).initializeEngine = (resourceTypes: Set<string>) => {
    const types = [...resourceTypes];
    return {
      validateTemplate: (template: TemplateLike, config: unknown) => {
        const key = requestKey(types, template, config);
        const content = textOf(template);
        const queued = prefetched.get(key);
        const matching = queued !== undefined && queued.content === content ? queued.id : undefined;
        if (prefetching.has(plugin)) {
          if (matching === undefined) prefetched.set(key, { content, id: worker.post(types, template.name, content, config) });
          // What the prefetching run of validate() returns is thrown away.
          return { diagnostics: [] };
        }
        // A prefetch of other text (the template changed since) is dropped, not waited for.
        prefetched.delete(key);
        return worker.wait(matching ?? worker.post(types, template.name, content, config));
      },
      free: () => worker.free(),
    };
  };
  return plugin;
}

/** Plugins whose engine is the worker's. */
const inWorker = new WeakSet<CloudFormationValidatePlugin>();
/** Plugins whose validate() is running only to queue their templates in the worker. */
const prefetching = new WeakSet<CloudFormationValidatePlugin>();
/**
 * Requests queued by a prefetch, by what they ask (the engine's types, the template's name and
 * the settings) with the template's text: the real validation of the same text then waits for
 * their answer. The text is compared, not put in the key: a key holding it cost a copy and a hash
 * of every template (about 0.5 MB per jurisdiction) twice per synthesis.
 */
const prefetched = new Map<string, { readonly content: string; readonly id: number }>();

function textOf(template: TemplateLike): string {
  return typeof template.content === 'string' ? template.content : Buffer.from(template.content).toString('utf8');
}

function requestKey(types: readonly string[], template: TemplateLike, config: unknown): string {
  return JSON.stringify([[...types].sort(), template.name, config]);
}

/**
 * Queues the validation of `context`'s templates in the worker and returns at once, so that the
 * worker validates them while this thread does other work (the nag packs). The plugin's own
 * `validate` runs to decide what the engine is asked (same templates, types and settings); the
 * later real `validate` of the same templates then only waits for the answers. A no-op for a
 * plugin that did not go through {@link validateInWorker}.
 */
export function prefetchInWorker(plugin: CloudFormationValidatePlugin, context: IPolicyValidationContext): void {
  if (!inWorker.has(plugin)) return;
  prefetching.add(plugin);
  try {
    plugin.validate(context);
  } finally {
    prefetching.delete(plugin);
  }
}

/**
 * Starts the validation engine for `resourceTypes` in the worker now, so that it is ready when the
 * templates are. The engine aws-cdk-lib starts depends on the types only through the rules of its
 * index that apply to them: if the templates' types select other rules, the engine is started
 * again for theirs (the rules always match the templates validated).
 */
export function startEngineInWorker(resourceTypes: Iterable<string>): void {
  sharedWorker().start([...new Set(resourceTypes)]);
}
