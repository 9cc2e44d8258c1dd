/** Jest runs TypeScript through SWC (transpile only); `npm run typecheck` does the type-checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 60000,
};
