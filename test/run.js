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
 * V8's young generation for jest and its workers (they inherit node's flags), in MB per
 * semi-space: the default 16 filled about 300 times in three heavy test files, and each
 * scavenge copied what the module registry and construct trees kept alive (10 ms on average).
 * With 32 half as many scavenges cost half the time (3.5 s to 1.8 s with --trace-gc) and jest
 * about 6-9% less CPU; 64 was no better. It changes no test's outcome, only when V8 collects.
 */
const SEMI_SPACE_MB = 32;

async function main() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const typecheck = run(npm, ['run', '--silent', 'typecheck'], true);
  const jestArgs = [`--max-semi-space-size=${SEMI_SPACE_MB}`, require.resolve('jest/bin/jest'), ...process.argv.slice(2)];
  const jest = await run(process.execPath, jestArgs, false);
  const types = await typecheck;
  if (types.code !== 0) process.stderr.write(`\nType-check (npm run typecheck) failed:\n${types.output}`);
  else process.stdout.write('Type-check (npm run typecheck): no errors\n');
  process.exitCode = jest.code !== 0 || types.code !== 0 ? 1 : 0;
}

main();
