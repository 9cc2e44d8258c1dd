import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundleHandler, forgetResolvedBundles, HandlerBundleOptions } from '../../lib/cache/handler-bundle';
import { readEntry } from '../../lib/cache/store';
import { useScratchCache } from '../helpers/scratch-cache';

const OPTIONS: HandlerBundleOptions = { minify: true, sourceMap: true, sourcesContent: false, target: 'node24', format: 'cjs', externalModules: ['@aws-sdk/*'] };
const cacheDir = useScratchCache();

let root: string;
let cache: string;

/**
 * Writes a file dated a minute ago: the bundler records no inputs saved in the second its build
 * started (they may have changed under esbuild), and tests write just before they bundle.
 */
function write(file: string, text: string): void {
  fs.writeFileSync(file, text);
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(file, past, past);
}

/** A project with a handler that imports a sibling module and an SDK client (left external). */
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-project-'));
  fs.mkdirSync(path.join(dir, 'lambdas', 'greet'), { recursive: true });
  write(path.join(dir, 'package.json'), '{"name":"p","private":true}');
  write(path.join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
  write(path.join(dir, 'tsconfig.json'), '{"compilerOptions":{"strict":true}}');
  write(path.join(dir, 'lambdas', 'greet', 'words.ts'), "export const word = (name: string): string => `hello ${name}`;\n");
  write(
    path.join(dir, 'lambdas', 'greet', 'index.ts'),
    "import { S3Client } from '@aws-sdk/client-s3';\nimport { word } from './words';\nexport const client = new S3Client({});\nexport const handler = async (e: { name: string }) => ({ text: word(e.name) });\n",
  );
  return dir;
}

const entry = () => path.join(root, 'lambdas', 'greet', 'index.ts');
/** Bundles as a new process would (nothing remembered in memory). */
const bundle = () => {
  forgetResolvedBundles();
  return bundleHandler(root, entry(), OPTIONS);
};
const code = (dir: string) => fs.readFileSync(path.join(dir, 'index.js'), 'utf8');

beforeEach(() => {
  root = project();
  cache = cacheDir();
});

describe('handler bundles', () => {
  test('are byte for byte what NodejsFunction gets from the esbuild command line for the same options', () => {
    // GIVEN NodejsFunction's command (aws-lambda-nodejs bundling.ts) run in a cdk.out bundling folder
    const out = path.join(root, 'cdk.out', 'bundling-temp-abc-building');
    execFileSync(
      path.join(__dirname, '..', '..', 'node_modules', '.bin', 'esbuild'),
      ['--bundle', entry(), '--target=node24', '--platform=node', '--format=cjs', `--outfile=${path.join(out, 'index.js')}`, '--minify', '--sourcemap', '--sources-content=false', '--external:@aws-sdk/*'],
      { cwd: root, stdio: 'ignore' },
    );
    // WHEN the in-process bundler builds the same handler
    const built = bundle();
    // THEN both files are identical, the SDK is left out and the source map names the sources from the project
    expect(fs.readdirSync(built.dir).sort()).toEqual(['index.js', 'index.js.map']);
    for (const name of ['index.js', 'index.js.map']) expect(fs.readFileSync(path.join(built.dir, name))).toEqual(fs.readFileSync(path.join(out, name)));
    expect(code(built.dir)).toContain('require("@aws-sdk/client-s3")');
    expect(JSON.parse(fs.readFileSync(path.join(built.dir, 'index.js.map'), 'utf8')).sources).toEqual(['../../lambdas/greet/index.ts', '../../lambdas/greet/words.ts']);
  });

  test('are reused by the next run when nothing changed', () => {
    const first = bundle();
    const second = bundle();
    expect(first.cached).toBe(false);
    expect(second).toEqual({ dir: first.dir, cached: true });
  });

  test('are rebuilt when an imported source changes, and the new bundle holds the change', () => {
    const first = bundle();
    write(path.join(root, 'lambdas', 'greet', 'words.ts'), "export const word = (name: string): string => `hola ${name}`;\n");
    const second = bundle();
    expect(second.cached).toBe(false);
    expect(second.dir).not.toBe(first.dir);
    expect(code(second.dir)).toContain('hola');
    expect(code(second.dir)).not.toContain('hello');
  });

  test('are rebuilt when a new file changes what an import resolves to', () => {
    // GIVEN a bundle of index.ts importing './words' (words.ts)
    bundle();
    // WHEN words.tsx appears beside it (esbuild tries .tsx before .ts)
    write(path.join(root, 'lambdas', 'greet', 'words.tsx'), "export const word = (name: string): string => `bonjour ${name}`;\n");
    const second = bundle();
    // THEN the handler is bundled again, with the new file
    expect(second.cached).toBe(false);
    expect(code(second.dir)).toContain('bonjour');
  });

  test.each(['package-lock.json', 'tsconfig.json', 'package.json'])('are rebuilt when %s changes', (file) => {
    bundle();
    write(path.join(root, file), `${fs.readFileSync(path.join(root, file), 'utf8')}\n`);
    expect(bundle().cached).toBe(false);
  });

  test('are rebuilt when the options change', () => {
    bundle();
    forgetResolvedBundles();
    const unminified = bundleHandler(root, entry(), { ...OPTIONS, minify: false });
    expect(unminified.cached).toBe(false);
    expect(code(unminified.dir)).toContain('hello ${name}');
  });

  test('ignore a corrupted record and a tampered bundle, and rebuild both', () => {
    // GIVEN a record whose text was damaged
    const first = bundle();
    const records = fs.readdirSync(path.join(cache, 'bundles')).filter((n) => n.endsWith('.json'));
    expect(records).toHaveLength(1);
    const record = path.join(cache, 'bundles', records[0]);
    fs.writeFileSync(record, fs.readFileSync(record, 'utf8').replace('words', 'wordz'));
    // THEN it is a miss, rebuilt and readable again
    expect(readEntry(record)).toBeUndefined();
    expect(bundle().cached).toBe(false);
    expect(readEntry(record)).toBeDefined();
    // GIVEN the stored bundle edited in place
    fs.writeFileSync(path.join(first.dir, 'index.js'), 'module.exports = {};');
    // THEN it is never served: the bundle is rebuilt with the real code
    const rebuilt = bundle();
    expect(rebuilt.cached).toBe(false);
    expect(code(rebuilt.dir)).toContain('hello');
  });

  test('rebuild a deleted cache', () => {
    bundle();
    fs.rmSync(cache, { recursive: true, force: true });
    const again = bundle();
    expect(again.cached).toBe(false);
    expect(code(again.dir)).toContain('hello');
    expect(bundle().cached).toBe(true);
  });

  test('store nothing with GCCK_CACHE=off', () => {
    process.env.GCCK_CACHE = 'off';
    const built = bundle();
    expect(built.cached).toBe(false);
    expect(bundle().cached).toBe(false);
    expect(fs.existsSync(path.join(cache, 'bundles'))).toBe(false);
  });

  test('with GCCK_CACHE=off, are still built once per process and shared by every jurisdiction that uses the handler', () => {
    process.env.GCCK_CACHE = 'off';
    const first = bundle();
    // The second jurisdiction of the same synth: same process, nothing forgotten.
    const second = bundleHandler(root, entry(), OPTIONS);
    expect(first.cached).toBe(false);
    expect(second).toEqual({ dir: first.dir, cached: true });
    expect(code(second.dir)).toBe(code(first.dir));
    expect(fs.existsSync(path.join(cache, 'bundles'))).toBe(false);
  });

  test('name the handler when esbuild cannot bundle it', () => {
    fs.writeFileSync(path.join(root, 'lambdas', 'greet', 'words.ts'), 'export const word = (;\n');
    expect(bundle).toThrow(/^lambdas\/greet\/index\.ts: esbuild could not bundle the handler: lambdas\/greet\/words\.ts:1: /);
  });
});
