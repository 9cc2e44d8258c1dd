/**
 * Jest runs TypeScript through esbuild, one file at a time without type information
 * (test/esbuild-transform.js); `npm run typecheck` does the type-checking once for the project,
 * beside jest (test/run.js).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/esbuild-transform.js' },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // Passing suites print nothing but results: see the file.
  setupFilesAfterEnv: ['<rootDir>/test/setup-quiet.ts'],
  testTimeout: 60000,
  // Jest's default is one worker per core less one: on CI's 2 cores that leaves a core idle.
  maxWorkers: 2,
  // The slowest files first even on a clean clone (no duration cache): see the file.
  testSequencer: '<rootDir>/test/sequencer.js',
};
