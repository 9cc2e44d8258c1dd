import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root (the folder holding package-lock.json, lambdas/ and lib/). */
export const KIT_ROOT = path.join(__dirname, '..', '..');

/**
 * The folder where the kit keeps work it can redo (handler bundles, validation results):
 * `GCCK_CACHE_DIR` when set, else `node_modules/.cache/gcck` in the repository. Deleting it
 * is always safe: the next synth rebuilds what it needs.
 */
export function cacheDir(): string {
  const configured = process.env.GCCK_CACHE_DIR;
  return configured !== undefined && configured.trim() !== '' ? path.resolve(configured) : path.join(KIT_ROOT, 'node_modules', '.cache', 'gcck');
}

/** False when `GCCK_CACHE=off`: every bundle and validation is then redone, and nothing is stored. */
export function cacheEnabled(): boolean {
  return process.env.GCCK_CACHE !== 'off';
}

/** Hex SHA-256 of the parts, each length-prefixed so that ('ab','c') and ('a','bc') differ. */
export function sha256(...parts: ReadonlyArray<string | Buffer>): string {
  const hash = crypto.createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/**
 * Reads a cache entry written by {@link writeEntry}. Returns undefined for anything but an
 * intact entry: missing, truncated, edited or unparsable files are misses, never hits.
 */
export function readEntry<T>(file: string): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline !== 64) return undefined;
  const body = text.slice(newline + 1);
  if (sha256(body) !== text.slice(0, newline)) return undefined;
  try {
    return JSON.parse(body) as T;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache entry: its checksum on the first line, then the JSON. The file is written
 * beside its final name and renamed into place, so a reader never sees half an entry. A cache
 * that cannot be written (read-only checkout, full disk) only costs the next run its speed.
 */
export function writeEntry(file: string, value: unknown): void {
  const body = JSON.stringify(value);
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, `${sha256(body)}\n${body}`);
    fs.renameSync(temp, file);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}
