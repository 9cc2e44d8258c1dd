import * as fs from 'fs';
import * as path from 'path';
import { cacheDir, cacheEnabled, KIT_ROOT, readEntry, sha256, writeEntry } from './store';

/**
 * Bumped whenever what a stored assembly means changes: every entry written before is then a miss.
 */
const SCHEMA = 'gcck-assembly-v1';

/** Assemblies kept (the most recently used); older ones are deleted when a new one is stored. */
const KEPT = 4;

/**
 * Folders and files under the repository that are outputs or caches, never inputs of the app.
 * Everything else in the checkout is hashed (tests and benches too: a false miss costs one synth,
 * a false hit would cost a wrong template).
 */
const NOT_INPUTS = new Set(['.git', 'node_modules', 'coverage', '.bench', 'scratch', 'audit', 'web-dist', 'cdk.context.json']);

/** Environment variables that reach the app's output (context, output folder, validation switches, partitions). */
const INPUT_ENV = /^(CDK_|GCCK_|AWS_|JSII_)/;
/**
 * …except what only says where a report or a compiled file goes, not what is built: the CLI's
 * bookkeeping files, the phase-timings report (`GCCK_TIMINGS`; a replay writes none) and the
 * TypeScript cache folder; and the CLI's own switches (README "Caches": an offline kit sets them,
 * and setting one must not cost a full synthesis).
 */
const NOT_INPUT_ENV = new Set(['CDK_ERROR_FILE', 'CDK_PERF_COUNTERS_FILE', 'CDK_DISABLE_VERSION_CHECK', 'CDK_DISABLE_CLI_TELEMETRY', 'GCCK_TIMINGS', 'GCCK_TS_CACHE_DIR']);

/** What the cache remembers about one synthesized assembly. */
interface AssemblyRecord {
  /** Every file stored, relative to the assembly folder, with its SHA-256. */
  readonly files: Readonly<Record<string, string>>;
  /** The warnings the app printed while synthesizing, printed again on replay. */
  readonly warnings: readonly string[];
  /**
   * Size and modification time (ms) each stored file had in the assembly folder it was stored
   * from; a replay gives the copies it writes the same times. Absent in entries of older kits.
   */
  readonly stats?: Readonly<Record<string, readonly [number, number]>>;
  /**
   * A time (ms since the epoch) at which the assembly folder was known to hold these files (the
   * start of the store, or of a later replay that checked or wrote them): a recorded modification
   * time older than this by {@link RACY_MS} proves the file unchanged since.
   */
  readonly checkedAt?: number;
}

/**
 * How much older than the last check ({@link AssemblyRecord.checkedAt}) a file's modification
 * time must be before size and time alone are trusted to say it is unchanged. Coarser than any file system's timestamp granularity
 * (FAT and HFS+ keep whole seconds), so a file edited just after it was written, within the
 * same tick, is never taken as unchanged: such a file is hashed instead (git's "racy clean").
 */
const RACY_MS = 2000;

/** Folder depth the walk follows (the checkout's deepest folder is far above it). */
const MAX_DEPTH = 40;

function isDirectoryTarget(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string, rel: string, out: Array<[string, string]>, skip: (rel: string, name: string) => boolean, depth = 0): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    out.push([rel, 'unreadable']);
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (skip(rel, entry.name)) continue;
    const full = path.join(dir, entry.name);
    const name = rel === '' ? entry.name : `${rel}/${entry.name}`;
    // A symbolic link counts as what it points at (a linked folder's files are inputs too);
    // `depth` stops a link that points at its own parent.
    const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && isDirectoryTarget(full));
    if (isDirectory) {
      if (depth < MAX_DEPTH) walk(full, name, out, skip, depth + 1);
      else out.push([name, 'too deep']);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      try {
        out.push([name, sha256(fs.readFileSync(full))]);
      } catch {
        out.push([name, 'unreadable']);
      }
    }
  }
}

/** True for the repository's own outputs (cdk.out, cdk.out.*, the folders in {@link NOT_INPUTS}, `outdir`, the cache). */
function outputsOf(root: string, outdir: string): (rel: string, name: string) => boolean {
  const skipped = new Set([path.resolve(outdir), cacheDir()]);
  return (rel, name) => {
    if (skipped.has(path.join(root, rel, name))) return true;
    if (rel !== '') return rel === 'test' && name === 'output';
    return NOT_INPUTS.has(name) || name === 'cdk.out' || name.startsWith('cdk.out.');
  };
}

/**
 * The key of everything a `cdk synth` of this checkout reads: every file of the repository but
 * its outputs, the installed packages (npm's `node_modules/.package-lock.json`), the config
 * folder (wherever `-c configDir` points), the CDK context and environment the CLI passes, the
 * working folder and the Node.js version. Returns undefined when the app was not started by
 * the CLI (no `CDK_OUTDIR`: there is no assembly to reuse then) or the caches are off.
 */
export function assemblyKey(env: NodeJS.ProcessEnv = process.env, root: string = KIT_ROOT): string | undefined {
  if (env.CDK_OUTDIR === undefined || !cacheEnabled()) return undefined;
  const files: Array<[string, string]> = [];
  walk(root, '', files, outputsOf(root, env.CDK_OUTDIR));
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  files.push(['node_modules/.package-lock.json', fs.existsSync(installed) ? sha256(fs.readFileSync(installed)) : 'missing']);
  let context: Record<string, unknown> = {};
  try {
    context = JSON.parse(env.CDK_CONTEXT_JSON ?? '{}') as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const configDir = path.resolve(String(context.configDir ?? 'config'));
  const config: Array<[string, string]> = [];
  walk(configDir, '', config, () => false);
  const variables = Object.keys(env)
    .filter((name) => INPUT_ENV.test(name) && !NOT_INPUT_ENV.has(name))
    .sort()
    .map((name) => `${name}=${env[name]}`);
  return sha256(SCHEMA, process.version, process.cwd(), configDir, ...variables, ...files.flat(), '--config--', ...config.flat());
}

/**
 * Top-level entries of the assembly folder that the synthesis wrote: those named by its manifests
 * (manifest.json, and the asset and metadata files it names). Templates and tree.json are stored
 * but not read: they describe CloudFormation resources and constructs and name no assembly files
 * (each template is about 0.5 MB of JSON per jurisdiction to parse for nothing).
 */
function assemblyEntries(outdir: string, extra: readonly string[]): string[] {
  const present = new Set(fs.readdirSync(outdir));
  const named = new Set<string>(['manifest.json', 'cdk.out', 'tree.json', ...extra].filter((name) => present.has(name)));
  const collect = (value: unknown) => {
    if (typeof value === 'string') {
      const first = value.split(/[\\/]/)[0];
      if (present.has(first)) named.add(first);
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const queue = ['manifest.json'];
  for (let i = 0; i < queue.length; i++) {
    try {
      collect(JSON.parse(fs.readFileSync(path.join(outdir, queue[i]), 'utf8')));
    } catch {
      continue;
    }
    for (const name of named) if (isManifest(name) && !queue.includes(name)) queue.push(name);
  }
  return [...named].sort();
}

/** True for the assembly's JSON files that can name other files of it (not templates, not the construct tree). */
function isManifest(name: string): boolean {
  return name.endsWith('.json') && !name.endsWith('.template.json') && name !== 'tree.json';
}

function copyEntry(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

/**
 * Stores the assembly the app just wrote to `outdir` under `key`, if `key` still describes the
 * inputs (a file saved during the synthesis makes the stored assembly a lie: nothing is stored).
 *
 * @param extra files in the assembly folder the manifests do not name (reports), stored too
 * @param env, root as for {@link assemblyKey}
 */
export function storeAssembly(key: string, outdir: string, warnings: readonly string[], extra: readonly string[] = [], env: NodeJS.ProcessEnv = process.env, root: string = KIT_ROOT): void {
  if (!cacheEnabled() || assemblyKey(env, root) !== key) return;
  const store = path.join(cacheDir(), 'assemblies');
  const target = path.join(store, key);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    fs.rmSync(temp, { recursive: true, force: true });
    fs.mkdirSync(temp, { recursive: true });
    const checkedAt = Date.now();
    const entries = assemblyEntries(outdir, extra);
    const stats = statFiles(outdir, entries);
    for (const name of entries) fs.cpSync(path.join(outdir, name), path.join(temp, name), { recursive: true });
    const files: Array<[string, string]> = [];
    walk(temp, '', files, () => false);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(temp, target);
    const record: AssemblyRecord = { files: Object.fromEntries(files), warnings, stats: stats ?? {}, checkedAt };
    writeEntry(path.join(store, `${key}.json`), record);
    prune(store);
  } catch {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** Deletes all but the {@link KEPT} most recently used assemblies. */
function prune(root: string): void {
  const records = fs
    .readdirSync(root)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, used: fs.statSync(path.join(root, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { name } of records.slice(KEPT)) {
    fs.rmSync(path.join(root, name), { force: true });
    fs.rmSync(path.join(root, name.replace(/\.json$/, '')), { recursive: true, force: true });
  }
}

/**
 * Writes the assembly stored under `key` into `outdir`, after checking every stored file
 * against its recorded hash; writes nothing when `outdir` already holds it (see
 * {@link holdsAssembly}). Returns the warnings to print again, or undefined on a miss (no
 * entry, a damaged one, a missing or altered file): the caller then synthesizes as usual.
 */
export function replayAssembly(key: string, outdir: string): readonly string[] | undefined {
  if (!cacheEnabled()) return undefined;
  const root = path.join(cacheDir(), 'assemblies');
  const recordFile = path.join(root, `${key}.json`);
  const record = readEntry<AssemblyRecord>(recordFile);
  if (record === undefined || typeof record.files !== 'object' || !Array.isArray(record.warnings)) return undefined;
  const checkedAt = Date.now();
  const held = holdsAssembly(outdir, record);
  if (held === undefined) {
    const stored = path.join(root, key);
    const files: Array<[string, string]> = [];
    walk(stored, '', files, () => false);
    const expected = Object.entries(record.files);
    if (files.length !== expected.length || files.some(([name, hash]) => record.files[name] !== hash)) return undefined;
    fs.mkdirSync(outdir, { recursive: true });
    for (const name of fs.readdirSync(stored)) copyEntry(path.join(stored, name), path.join(outdir, name));
    restoreTimes(outdir, record);
  }
  // Files just written or hashed are now known to be right: recording their times and when lets
  // the next replay trust them instead of hashing them again (the write also marks the entry used).
  if (held === undefined ? record.stats !== undefined : held.hashed) {
    writeEntry(recordFile, { ...record, stats: held?.stats ?? record.stats, checkedAt } satisfies AssemblyRecord);
  } else {
    const now = new Date();
    fs.utimesSync(recordFile, now, now);
  }
  return record.warnings;
}

/** The files under the named top-level entries of `dir`, relative to it, with size and modification time; undefined if one is unreadable. */
function statFiles(dir: string, entries: readonly string[]): Record<string, [number, number]> | undefined {
  const out: Record<string, [number, number]> = {};
  const visit = (rel: string, depth: number): boolean => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(dir, rel));
    } catch {
      return false;
    }
    if (stat.isFile()) {
      out[rel] = [stat.size, stat.mtimeMs];
      return true;
    }
    if (!stat.isDirectory() || depth >= MAX_DEPTH) return false;
    return fs.readdirSync(path.join(dir, rel)).every((name) => visit(`${rel}/${name}`, depth + 1));
  };
  return entries.every((name) => visit(name, 0)) ? out : undefined;
}

/**
 * Whether `outdir` already holds exactly the stored files of `record` (the usual second synth:
 * cdk.out is what the last one wrote), so that nothing needs copying. A file counts as unchanged
 * when it has the recorded size and modification time and that time is older than
 * {@link AssemblyRecord.checkedAt} by {@link RACY_MS} (any later write gets a later time);
 * otherwise its content is hashed and compared (`hashed` is then true). Returns the files' sizes
 * and times, or undefined for a file more or less, a different content, or any doubt.
 */
function holdsAssembly(outdir: string, record: AssemblyRecord): { hashed: boolean; stats: Record<string, [number, number]> } | undefined {
  const { stats, checkedAt } = record;
  if (stats === undefined || typeof checkedAt !== 'number') return undefined;
  const expected = Object.keys(record.files);
  const entries = [...new Set(expected.map((name) => name.split('/')[0]))];
  const present = statFiles(outdir, entries);
  if (present === undefined || Object.keys(present).length !== expected.length) return undefined;
  let hashed = false;
  for (const name of expected) {
    const now = present[name];
    const then = stats[name];
    if (now === undefined) return undefined;
    if (then !== undefined && now[0] === then[0] && Math.trunc(now[1]) === Math.trunc(then[1]) && then[1] < checkedAt - RACY_MS) continue;
    try {
      if (sha256(fs.readFileSync(path.join(outdir, name))) !== record.files[name]) return undefined;
    } catch {
      return undefined;
    }
    hashed = true;
  }
  return { hashed, stats: present };
}

/** Gives each replayed file the modification time it had when stored, so the next replay finds it unchanged by {@link holdsAssembly}'s cheap test. */
function restoreTimes(outdir: string, record: AssemblyRecord): void {
  for (const [name, [, mtimeMs]] of Object.entries(record.stats ?? {})) {
    if (record.files[name] === undefined) continue;
    try {
      fs.utimesSync(path.join(outdir, name), new Date(), mtimeMs / 1000);
    } catch {
      /* the next replay hashes this file instead */
    }
  }
}
