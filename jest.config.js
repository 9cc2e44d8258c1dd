/**
 * Jest runs TypeScript through ts-jest in transpile-only mode (no type information: about 1 s
 * per suite instead of 7 s); `npm run typecheck` does the type-checking once for the project.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // Passing suites print nothing but results: see the file.
  setupFilesAfterEnv: ['<rootDir>/test/setup-quiet.ts'],
  testTimeout: 60000,
  // Jest's default is one worker per core less one: on CI's 2 cores that leaves a core idle.
  maxWorkers: 2,
};
