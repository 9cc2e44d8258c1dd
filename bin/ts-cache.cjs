'use strict';
/**
 * Runs the kit's TypeScript as cached JavaScript: `node --require ./bin/ts-cache.cjs bin/app.ts`.
 *
 * Each `.ts` file node requires is compiled once by esbuild's transform (types stripped, nothing
 * bundled, CommonJS as tsconfig.json says) and the result kept in
 * `node_modules/.cache/gcck-ts/`, keyed by a SHA-256 of the file's path and content, the
 * compiler options and the esbuild and node versions. The key is recomputed from the file on
 * every load, so an edited file is recompiled and a stale compilation is never run; the folder
 * is safe to delete. Modules keep their own paths, so `__dirname`, relative `require`s and JSON
 * files work as in the sources.
 *
 * Why not tsx: `node --import tsx` spends about 0.3 s of CPU before the first line and its
 * per-file work makes loading the kit about twice as slow as plain JavaScript (bench/README.md,
 * "Loader"). No type-check happens here, as with tsx: `npm test` runs tsc.
 *
 * Compiled files carry inline source maps, read only when asked (they cost about 0.15 s of CPU
 * per run): `cdk synth --debug` (CDK_DEBUG=true) or `NODE_OPTIONS=--enable-source-maps` shows
 * TypeScript lines in stack traces.
 */
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
/** Bumped when this file's output changes for the same inputs. */
const FORMAT = 2;
const CACHE_DIR = process.env.GCCK_TS_CACHE_DIR || path.join(ROOT, 'node_modules', '.cache', 'gcck-ts');

if (process.env.CDK_DEBUG === 'true') process.setSourceMapsEnabled(true);

let esbuild;
let tsconfigRaw;
let salt;

/** What, besides a file, decides its output: this file's format, esbuild and node versions, tsconfig. */
function cacheSalt() {
  if (salt === undefined) {
    let tsconfig = '{}';
    try {
      tsconfig = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
    } catch {
      /* no tsconfig: esbuild defaults */
    }
    const esbuildVersion = require('esbuild/package.json').version;
    salt = `${FORMAT}\0${esbuildVersion}\0${process.versions.node}\0${tsconfig}\0`;
  }
  return salt;
}

function compile(source, filename) {
  esbuild ??= require('esbuild');
  if (tsconfigRaw === undefined) {
    try {
      tsconfigRaw = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'));
    } catch {
      tsconfigRaw = {};
    }
  }
  return esbuild.transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    sourcefile: filename,
    sourcemap: 'inline',
    sourcesContent: false,
    tsconfigRaw,
    // `import()` of a kit file (the simulator's handlers, gcck's AWS commands) becomes `require`,
    // as in jest: node's own import() resolves neither `.ts` files nor folder imports.
    supported: { 'dynamic-import': false },
  }).code;
}

/** Writes next to the final name then renames, so a concurrent reader never sees half a file. */
function store(file, code) {
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, file);
  } catch {
    /* a read-only cache only costs the next run a compile */
  }
}

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(cacheSalt()).update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = compile(source, filename);
    store(cached, code);
  }
  module._compile(code, filename);
};
