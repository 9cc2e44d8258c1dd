import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Puts an environment variable back as it was: unset stays unset (assigning undefined would store "undefined"). */
export function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/**
 * Runs each test of the calling file with the kit's caches on, in a new empty cache folder that is
 * removed afterwards, and puts `GCCK_CACHE_DIR` and `GCCK_CACHE` back as test/setup-env.ts set them.
 *
 * @returns the running test's cache folder
 */
export function useScratchCache(): () => string {
  const saved = { dir: process.env.GCCK_CACHE_DIR, mode: process.env.GCCK_CACHE };
  let folder = '';
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-cache-'));
    process.env.GCCK_CACHE_DIR = folder;
    process.env.GCCK_CACHE = 'on';
  });
  afterEach(() => {
    restoreEnv('GCCK_CACHE_DIR', saved.dir);
    restoreEnv('GCCK_CACHE', saved.mode);
    fs.rmSync(folder, { recursive: true, force: true });
  });
  return () => folder;
}
