/**
 * One latency measurement, in a child process of bench/lambda.ts:
 *
 *   node --import tsx bench/lambda/latency-runner.ts <result.json> <handler> <bundle.js> <sdk-uses.json> <invocations>
 *
 * Mocks every AWS SDK client the bundle constructs (aws-sdk-client-mock, on the same module
 * instances the bundle requires), loads the production bundle, warms it up, then times
 * `await handler(event, context)` one invocation at a time. Log and metric output is counted
 * and discarded (it is still formatted, as in Lambda).
 */
import * as dgram from 'dgram';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { mockClient } from 'aws-sdk-client-mock';
import type { SdkUse } from './bundle';
import { FIXTURES, genericFixture } from './fixtures';

/** What the runner writes to its result file. */
export interface LatencyResult {
  readonly p50Ms: number;
  readonly p99Ms: number;
  /**
   * p50 / p99 of the CPU time (user + system, all threads of the process) each invocation took:
   * unlike wall time it excludes waiting for a CPU, so other work on a shared machine moves it
   * far less.
   */
  readonly cpuP50Ms: number;
  readonly cpuP99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** Log + metric bytes written per invocation. */
  readonly outputBytesPerCall: number;
  /** The first response, summarized (e.g. `result=OK verification=VERIFIED`, `Close/Fulfilled`). */
  readonly answer: string;
  /** True if that response is a fallback (not the success path the fixture intends). */
  readonly fallback: boolean;
  readonly fixturePath: string;
  /** X-Ray subsegment documents the handler sent to the (local) daemon per invocation, and their names. */
  readonly subsegmentsPerCall: number;
  readonly subsegmentNames: string[];
}

const WARM_UP = 500;
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A short, non-sensitive summary of a handler response. */
function summarize(response: unknown): { answer: string; fallback: boolean } {
  const r = response as Record<string, unknown> | undefined;
  const sessionState = r?.sessionState as { dialogAction?: { type?: string }; intent?: { state?: string }; sessionAttributes?: Record<string, string> } | undefined;
  if (sessionState) {
    const state = sessionState.intent?.state;
    const handoff = sessionState.sessionAttributes?.handoff ? ' handoff' : '';
    return { answer: `${sessionState.dialogAction?.type}${state ? `/${state}` : ''}${handoff}`, fallback: state === 'Failed' };
  }
  if (r && typeof r.result === 'string') {
    const extra = Object.entries(r)
      .filter(([key, value]) => key !== 'result' && typeof value === 'string' && value.length <= 12)
      .slice(0, 2)
      .map(([key, value]) => `${key}=${value}`);
    return { answer: [`result=${r.result}`, ...extra].join(' '), fallback: r.result !== 'OK' };
  }
  if (r && typeof r.IsComplete === 'boolean') {
    // A custom resource provider's isComplete answer (phone-number).
    return { answer: `IsComplete=${r.IsComplete}`, fallback: r.IsComplete !== true };
  }
  if (r && typeof r.statusCode === 'number') {
    // An API Gateway proxy answer (chat-start): the status and the error code, if any.
    const error = typeof r.body === 'string' && r.body.startsWith('{') ? (JSON.parse(r.body) as { error?: string }).error : undefined;
    return { answer: `HTTP ${r.statusCode}${error ? ` ${error}` : ''}`, fallback: r.statusCode !== 200 };
  }
  return { answer: 'unrecognized response', fallback: true };
}

async function main(): Promise<void> {
  const [resultFile, name, bundleFile, sdkJson, countArg] = process.argv.slice(2);
  const invocations = Number(countArg);
  const sdk = JSON.parse(sdkJson) as SdkUse[];
  const fixture = FIXTURES[name] ?? genericFixture;
  const requireFromRepo = createRequire(path.join(REPO_ROOT, 'package.json'));

  // The bundle requires @aws-sdk/* through a node_modules symlink to this repo's, so these are
  // the very classes it constructs; mocking stubs their prototypes' send().
  const mocks: Array<{ pkg: Record<string, unknown>; mock: ReturnType<typeof mockClient> }> = [];
  for (const use of sdk) {
    const pkg = requireFromRepo(use.pkg) as Record<string, unknown>;
    for (const client of [...use.clients, ...use.fromClients]) {
      const mock = mockClient(pkg[client] as never);
      mock.resolves({});
      mocks.push({ pkg, mock });
    }
  }

  // A sampled trace and a local X-Ray "daemon": the handler sends its subsegments as in Lambda
  // (so their cost is in the figures) and the runner counts them.
  const daemon = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  let datagrams = 0;
  const names = new Set<string>();
  daemon.on('message', (message) => {
    datagrams++;
    const name = (JSON.parse(message.toString().split('\n')[1] ?? '{}') as { name?: string }).name;
    if (name) names.add(name);
  });
  process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${daemon.address().port}`;
  process.env._X_AMZN_TRACE_ID = 'Root=1-6745a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';

  const exportName = fixture.exportName ?? 'handler';
  const exports = require(bundleFile) as Record<string, unknown>;
  const handler = exports[exportName] as (event: unknown, context: unknown) => Promise<unknown>;
  if (typeof handler !== 'function') throw new Error(`${bundleFile} exports no ${exportName} (exports: ${Object.keys(exports).join(', ')})`);
  const { event, answers } = fixture.prepare(exports);
  for (const { pkg, mock } of mocks) {
    for (const [command, answer] of Object.entries(answers)) {
      if (typeof pkg[command] === 'function') mock.on(pkg[command] as never).callsFake(answer as never);
    }
  }

  const context = {
    awsRequestId: 'bench',
    functionName: `bench-${name}`,
    memoryLimitInMB: '256',
    getRemainingTimeInMillis: () => 8000,
  };

  let outputBytes = 0;
  const originalOut = process.stdout.write.bind(process.stdout);
  const originalErr = process.stderr.write.bind(process.stderr);
  const swallow = ((chunk: string | Uint8Array) => {
    outputBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = swallow;
  process.stderr.write = swallow;

  let first: unknown;
  const samples = new Float64Array(invocations);
  const cpuSamples = new Float64Array(invocations);
  try {
    for (let i = 0; i < WARM_UP; i++) {
      const response = await handler(structuredClone(event), context);
      if (i === 0) first = response;
      await new Promise((resolve) => setImmediate(resolve));
    }
    outputBytes = 0;
    for (let i = 0; i < invocations; i++) {
      const input = structuredClone(event);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await handler(input, context);
      samples[i] = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      cpuSamples[i] = (cpu.user + cpu.system) / 1000;
      // Between invocations Lambda's runtime does I/O (and so the event loop turns, sending the
      // trace); with the SDK mocked nothing else would let it turn. Not timed.
      await new Promise((resolve) => setImmediate(resolve));
      // The mocks' call history (sinon keeps every call's arguments) would otherwise grow the heap by
      // about 7 KB a call, to 80 MB, and make each young-generation collection 4-6 ms: a cost of the
      // bench, not of the handler. Not timed.
      for (const { mock } of mocks) mock.resetHistory();
    }
  } finally {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
  }

  // Let the last datagrams arrive, then count.
  await new Promise((resolve) => setTimeout(resolve, 200));
  daemon.close();
  const subsegmentsPerCall = datagrams / (invocations + WARM_UP);

  const sorted = samples.slice().sort();
  const cpuSorted = cpuSamples.slice().sort();
  const result: LatencyResult = {
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    cpuP50Ms: percentile(cpuSorted, 0.5),
    cpuP99Ms: percentile(cpuSorted, 0.99),
    meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    maxMs: sorted[sorted.length - 1],
    outputBytesPerCall: outputBytes / invocations,
    ...summarize(first),
    fixturePath: fixture.path,
    subsegmentsPerCall,
    subsegmentNames: [...names].sort(),
  };
  fs.writeFileSync(resultFile, JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
