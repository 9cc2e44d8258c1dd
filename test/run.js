#!/usr/bin/env node
/**
 * `npm test`: the type-check and jest side by side, so that on two cores the type-check fills the
 * core jest leaves idle while one long test file finishes. Jest prints as it runs; the
 * type-check's output follows at the end. Exits non-zero if either fails. Arguments go to jest.
 *
 * The type-check (`npm run typecheck`) is tsgo, TypeScript 7's native compiler, on one thread:
 * about 6 CPU-seconds for the kit and web/ against tsc 5.9's 36, the same errors at the same
 * places (tsconfig.typecheck.json says which module resolution it uses and why).
 */
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.join(__dirname, '..');

/** Runs a command to its end; resolves with its exit code and, when `capture`, its output. */
function run(command, args, capture) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', (error) => resolve({ code: 1, output: `${output}${command}: ${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/**
 * V8 flags for jest and its workers (jest-worker forks them with node's flags), measured on the
 * heavy files (example-apps, flows, config fuzz, constructs) in band. They change when V8
 * collects and how far it compiles, never what a test computes.
 * - A 32 MB young-generation semi-space (the default is 16): the module registries and construct
 *   trees a test file keeps alive made each of ~300 scavenges copy ~10 ms of survivors; with 32
 *   half as many scavenges cost half the time (3.5 s to 1.8 s, --trace-gc) and jest 6-9% less CPU.
 *   64 was no better.
 * - No optimizing compiler for JavaScript (`--max-opt=2`: Ignition and Sparkplug; Maglev is off
 *   in this V8): each test file loads its modules afresh, so what TurboFan compiles on its
 *   background thread is thrown away with the file's module registry. 11-14% less CPU on
 *   those files in pairs run side by side (same load); the CPU-bound files (the phone-number
 *   model walk, the handler fuzz) took the same CPU either way. WebAssembly (the validation
 *   engine) keeps its own tiers, with the tier-up budget its worker sets (ENGINE_V8_FLAGS in
 *   lib/compliance/validation-worker.ts).
 * - Single-threaded garbage collection (`--single-threaded-gc`): V8's helper threads for parallel
 *   scavenges and concurrent marking and sweeping compete with the other worker for two cores,
 *   and cost more CPU in all than the collections they shorten. Whole `npm test` runs in
 *   alternating pairs: 125 against 132 CPU-s and 101 against 124 CPU-s.
 * The processes tests spawn get none of these flags: they run as `cdk synth` (cdk.json's `app`,
 * which has its own `--single-threaded-gc`) and `npm run gcck` do.
 */
const NODE_FLAGS = ['--max-semi-space-size=32', '--max-opt=2', '--single-threaded-gc'];

async function main() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const typecheck = run(npm, ['run', '--silent', 'typecheck'], true);
  const jestArgs = [...NODE_FLAGS, require.resolve('jest/bin/jest'), ...process.argv.slice(2)];
  const jest = await run(process.execPath, jestArgs, false);
  const types = await typecheck;
  if (types.code !== 0) process.stderr.write(`\nType-check (npm run typecheck) failed:\n${types.output}`);
  else process.stdout.write('Type-check (npm run typecheck): no errors\n');
  process.exitCode = jest.code !== 0 || types.code !== 0 ? 1 : 0;
}

main();
