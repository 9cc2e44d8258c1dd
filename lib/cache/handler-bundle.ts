import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as esbuild from 'esbuild';
import { cacheDir, cacheEnabled, readEntry, sha256, writeEntry } from './store';

/** The esbuild settings of a handler bundle (the subset of NodejsFunction's `bundling` the kit uses). */
export interface HandlerBundleOptions {
  /** Minify identifiers, syntax and whitespace. */
  readonly minify: boolean;
  /** Write `index.js.map` beside the bundle. */
  readonly sourceMap: boolean;
  /** Embed the sources in the source map. */
  readonly sourcesContent: boolean;
  /** esbuild target, e.g. `node24`. */
  readonly target: string;
  /** Module format of the bundle. */
  readonly format: 'cjs' | 'esm';
  /** Module names left out of the bundle (the runtime provides them). */
  readonly externalModules: readonly string[];
}

/** A bundled handler: the folder holding `index.js` (and its map), ready for `Code.fromAsset`. */
export interface HandlerBundle {
  /** Absolute path of the folder. Its content is never changed once written. */
  readonly dir: string;
  /** True when the bundle came from the cache, false when esbuild ran. */
  readonly cached: boolean;
}

/** What the cache remembers about one entry point's last bundle. */
interface BundleRecord {
  /** Every file esbuild read (esbuild's metafile inputs), relative to the root, with its SHA-256. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Every project folder holding an input, with the hash of its file names (a new file can change what an import resolves to). */
  readonly folders: Readonly<Record<string, string>>;
  /** SHA-256 of the output files; also the output folder's name. */
  readonly output: string;
}

/**
 * Where NodejsFunction writes its bundle, relative to the project root (`cdk.out/bundling-temp-…/`).
 * esbuild's source map names the sources relative to the output file, so bundling "as if" there
 * keeps the bytes (and the asset hash) of the bundles NodejsFunction produced for `cdk synth`.
 */
const VIRTUAL_OUTDIR = path.join('cdk.out', 'bundling-temp');

/** Bundles already resolved in this process, by cache folder, root and record key (jurisdictions share handlers). */
const resolved = new Map<string, string>();
/** File hashes computed in this process, by absolute path (handlers share most inputs). */
const fileHashes = new Map<string, string>();

function hashFile(file: string): string | undefined {
  let hash = fileHashes.get(file);
  if (hash === undefined) {
    try {
      hash = sha256(fs.readFileSync(file));
    } catch {
      return undefined;
    }
    fileHashes.set(file, hash);
  }
  return hash;
}

function hashFolder(dir: string): string {
  try {
    return sha256(...fs.readdirSync(dir).sort());
  } catch {
    return 'missing';
  }
}

/** Files that decide how every source compiles and resolves, read whatever the entry point. */
const PROJECT_FILES = ['package-lock.json', 'package.json', 'tsconfig.json'];

function recordKey(root: string, entry: string, options: HandlerBundleOptions, esbuildVersion: string): string {
  return sha256(
    'gcck-handler-bundle-v1',
    esbuildVersion,
    path.relative(root, entry),
    JSON.stringify(options),
    ...PROJECT_FILES.map((name) => `${name}=${hashFile(path.join(root, name)) ?? 'missing'}`),
  );
}

function projectFolders(root: string, inputs: readonly string[]): Record<string, string> {
  const folders: Record<string, string> = {};
  for (const input of inputs) {
    if (input.split(/[\\/]/).includes('node_modules')) continue;
    const folder = path.dirname(input);
    folders[folder] ??= hashFolder(path.join(root, folder));
  }
  return folders;
}

/** True when every input and folder of the record is as it was, and the output is intact. */
function stillValid(root: string, record: BundleRecord, outDir: string): boolean {
  if (typeof record.inputs !== 'object' || typeof record.folders !== 'object' || typeof record.output !== 'string') return false;
  for (const [input, hash] of Object.entries(record.inputs)) if (hashFile(path.join(root, input)) !== hash) return false;
  for (const [folder, hash] of Object.entries(record.folders)) if (hashFolder(path.join(root, folder)) !== hash) return false;
  return outputHash(outDir) === record.output;
}

function modifiedSince(file: string, since: number): boolean {
  try {
    // Some file systems keep whole seconds: a file written in the second the build started counts.
    return fs.statSync(file).mtimeMs >= since - 1000;
  } catch {
    return true;
  }
}

/** Uncached bundles: the asset stager copies them while the function is built, nothing needs them after the process. */
const temporary = new Set<string>();

function removeAtExit(dir: string): void {
  if (temporary.size === 0) process.once('exit', () => temporary.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  temporary.add(dir);
}

/** Forgets the bundles resolved in this process, as a new process would (tests). */
export function forgetResolvedBundles(): void {
  resolved.clear();
  fileHashes.clear();
}

function outputHash(dir: string): string | undefined {
  try {
    const names = fs.readdirSync(dir).sort();
    if (names.length === 0) return undefined;
    return sha256(...names.flatMap((name) => [name, fs.readFileSync(path.join(dir, name))]));
  } catch {
    return undefined;
  }
}

/**
 * The esbuild settings a handler is bundled with (NodejsFunction's options in esbuild's API terms),
 * without entry or output: what the Lambda bench and the bundle-size test build with too.
 */
export function handlerBuildSettings(options: HandlerBundleOptions): esbuild.BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: options.target,
    format: options.format,
    minify: options.minify,
    sourcemap: options.sourceMap,
    sourcesContent: options.sourcesContent,
    external: [...options.externalModules],
  };
}

function esbuildOptions(root: string, entry: string, options: HandlerBundleOptions): esbuild.BuildOptions & { write: false; metafile: true } {
  return {
    ...handlerBuildSettings(options),
    entryPoints: [entry],
    outfile: path.join(root, VIRTUAL_OUTDIR, options.format === 'esm' ? 'index.mjs' : 'index.js'),
    absWorkingDir: root,
    // Errors are thrown (naming the handler), warnings printed by bundleHandler.
    logLevel: 'silent',
    write: false,
    metafile: true,
  };
}

/**
 * Bundles a handler with esbuild's API in this process, or reuses the bundle of an earlier run
 * whose inputs are unchanged: the same esbuild version and options, the same lock file,
 * package.json and tsconfig.json, the same content in every file esbuild read, and the same file
 * names in every project folder it read from. Bundles live in {@link cacheDir}`/bundles`.
 *
 * The output is what NodejsFunction writes for the same options, byte for byte.
 *
 * @param root the project root (source-map paths and the cache's relative paths start there)
 * @param entry absolute path of the handler's entry file
 */
export function bundleHandler(root: string, entry: string, options: HandlerBundleOptions): HandlerBundle {
  // Loaded on first use: apps whose bundling is skipped (unit tests, gcck validate) never pay for it.
  let api: typeof esbuild;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    api = require('esbuild') as typeof esbuild;
  } catch {
    throw new Error(`${path.relative(root, entry)}: esbuild is not installed, and the kit bundles its Lambda handlers with it (run npm ci: it is in devDependencies)`);
  }
  const key = recordKey(root, entry, options, api.version);
  const memo = `${cacheDir()}|${root}|${key}`;
  const known = resolved.get(memo);
  if (known !== undefined) return { dir: known, cached: true };

  const bundles = path.join(cacheDir(), 'bundles');
  const recordFile = path.join(bundles, `${key}.json`);
  if (cacheEnabled()) {
    const record = readEntry<BundleRecord>(recordFile);
    const dir = record && typeof record.output === 'string' ? path.join(bundles, 'out', record.output) : undefined;
    if (record !== undefined && dir !== undefined && stillValid(root, record, dir)) {
      resolved.set(memo, dir);
      return { dir, cached: true };
    }
  }

  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  const started = Date.now();
  try {
    result = api.buildSync(esbuildOptions(root, entry, options));
  } catch (error) {
    const first = (error as { errors?: esbuild.Message[] }).errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
    throw new Error(`${path.relative(root, entry)}: esbuild could not bundle the handler: ${where}${first?.text ?? (error as Error).message}`);
  }
  // Printed as `esbuild` on the command line prints them for NodejsFunction.
  if (result.warnings.length > 0) process.stderr.write(api.formatMessagesSync(result.warnings, { kind: 'warning', color: false }).join(''));
  const files = result.outputFiles.map((file) => ({ name: path.basename(file.path), contents: Buffer.from(file.contents) })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const output = sha256(...files.flatMap((file) => [file.name, file.contents]));
  const inputs = Object.keys(result.metafile.inputs).sort();
  fileHashes.clear();
  const record: BundleRecord = {
    inputs: Object.fromEntries(inputs.map((input) => [input, hashFile(path.join(root, input)) ?? 'missing'])),
    folders: projectFolders(root, inputs),
    output,
  };

  if (!cacheEnabled()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bundle-'));
    for (const file of files) fs.writeFileSync(path.join(dir, file.name), file.contents);
    removeAtExit(dir);
    // Nothing is stored, but the next jurisdiction in this process still shares this build.
    resolved.set(memo, dir);
    return { dir, cached: false };
  }
  const dir = path.join(bundles, 'out', output);
  if (outputHash(dir) !== output) {
    // Written aside and renamed into place: output folders are immutable once they exist, so a
    // parallel synth (jest workers, two terminals) never reads a half-written bundle.
    const temp = `${dir}.${process.pid}.tmp`;
    fs.rmSync(temp, { recursive: true, force: true });
    fs.mkdirSync(temp, { recursive: true });
    for (const file of files) fs.writeFileSync(path.join(temp, file.name), file.contents);
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(temp, dir);
    } catch {
      fs.rmSync(temp, { recursive: true, force: true });
    }
  }
  if (outputHash(dir) !== output) throw new Error(`${path.relative(root, entry)}: the bundle could not be stored in ${dir}`);
  // A file saved while esbuild ran may differ from what it read: record nothing, the next run rebuilds.
  if (!inputs.some((input) => modifiedSince(path.join(root, input), started))) writeEntry(recordFile, record);
  resolved.set(memo, dir);
  return { dir, cached: false };
}
