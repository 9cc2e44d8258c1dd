import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemblyKey, storeAssembly } from '../../lib/cache/assembly-cache';
import { appNodeOptions } from '../helpers/example-paths';
import { restoreEnv } from '../helpers/scratch-cache';

const ROOT = path.join(__dirname, '..', '..');

describe('a second `npx cdk synth` (README "Caches")', () => {
  test('cdk.json turns off the CDK CLI notices and telemetry, which would reach the network from an offline kit', () => {
    const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { notices?: unknown; context: Record<string, unknown> };
    expect(cdkJson.notices).toBe(false);
    expect(cdkJson.context['cli-telemetry']).toBe(false);
  });

  test('a replayed synthesis loads only the assembly cache: no aws-cdk-lib, zod, yaml or kit construct code', () => {
    // GIVEN a stored assembly for this checkout and the environment the CDK CLI gives the app
    const saved = { dir: process.env.GCCK_CACHE_DIR, mode: process.env.GCCK_CACHE };
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-warm-'));
    const cacheDir = path.join(scratch, 'cache');
    const outdir = path.join(scratch, 'cdk.out');
    const synthesized = path.join(scratch, 'synthesized');
    fs.mkdirSync(synthesized);
    fs.writeFileSync(path.join(synthesized, 'manifest.json'), JSON.stringify({ version: 'replayed', artifacts: { a: { properties: { templateFile: 'a.template.json' } } } }));
    fs.writeFileSync(path.join(synthesized, 'a.template.json'), '{"Resources":{}}');
    const probe = path.join(scratch, 'probe.cjs');
    fs.writeFileSync(probe, "process.on('exit', () => process.stdout.write(JSON.stringify(Object.keys(require.cache))));\n");
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ configDir: path.join(ROOT, 'config') }),
      GCCK_CACHE_DIR: cacheDir,
    };
    try {
      process.env.GCCK_CACHE_DIR = cacheDir;
      process.env.GCCK_CACHE = 'on';
      const key = assemblyKey(env, ROOT)!;
      storeAssembly(key, synthesized, ['a replayed warning'], [], env, ROOT);

      // WHEN the app starts as cdk.json starts it (twice: the first run may compile an edited file)
      const start = () => spawnSync(process.execPath, [...appNodeOptions(), '--require', probe, 'bin/app.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
      start();
      const run = start();

      // THEN it wrote the stored assembly, printed its warnings and loaded nothing it does not need
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('warning: a replayed warning\n');
      expect(JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).version).toBe('replayed');
      const loaded = (JSON.parse(run.stdout) as string[]).map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
      // (bin/ts-cache.cjs reads esbuild's version for its cache key, never esbuild itself on a warm start)
      expect(loaded.filter((file) => file.startsWith('node_modules/'))).toEqual(['node_modules/esbuild/package.json']);
      expect(loaded.filter((file) => !file.startsWith('..') && !file.startsWith('node_modules/')).sort()).toEqual(['bin/app.ts', 'bin/ts-cache.cjs', 'lib/cache/assembly-cache.ts', 'lib/cache/store.ts']);
    } finally {
      restoreEnv('GCCK_CACHE_DIR', saved.dir);
      restoreEnv('GCCK_CACHE', saved.mode);
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
