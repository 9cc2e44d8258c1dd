/**
 * Jest transform: TypeScript to CommonJS with esbuild's transformSync, one file at a time and
 * without type information (the type-check is `npm run typecheck`'s job). esbuild is already a
 * dev dependency (it bundles the Lambda handlers); against ts-jest it spares each jest worker
 * loading the TypeScript compiler (about 1 s) and transforms a cold cache several times faster.
 * The options mirror tsconfig.json where they change emitted code: strict mode ("use strict", as
 * tsc emits: a write to a frozen config throws), ES2022 class fields, CommonJS with ES-module
 * interop (esbuild always emits it) and import() as require, isolated modules (each file alone).
 */
const crypto = require('crypto');
const { transformSync, version } = require('esbuild');

const OPTIONS = {
  loader: 'ts',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'external',
  sourcesContent: false,
  tsconfigRaw: { compilerOptions: { strict: true, useDefineForClassFields: true } },
  // import() becomes require() as tsc's CommonJS output has it: jest's module registry (and the
  // aws-sdk-client-mock stubs the CLI tests install) serve require, and a real import() in a
  // jest sandbox fails without --experimental-vm-modules.
  supported: { 'dynamic-import': false },
};
const OPTIONS_KEY = `${version}\0${JSON.stringify(OPTIONS)}`;

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { ...OPTIONS, sourcefile: filename });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(OPTIONS_KEY).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
