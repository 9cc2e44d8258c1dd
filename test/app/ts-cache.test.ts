import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const HOOK = path.join(ROOT, 'bin', 'ts-cache.cjs');

describe('bin/ts-cache.cjs (the loader cdk.json and npm run gcck use)', () => {
  let dir: string;
  let cacheDir: string;
  const run = (file: string) => {
    const result = spawnSync(process.execPath, ['--require', HOOK, file], {
      encoding: 'utf8',
      env: { ...process.env, GCCK_TS_CACHE_DIR: cacheDir },
      timeout: 30_000,
    });
    if (result.status !== 0) throw new Error(`node exited ${result.status}: ${result.stderr}`);
    return result.stdout.trim();
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-ts-cache-'));
    cacheDir = path.join(dir, 'cache');
    fs.mkdirSync(path.join(dir, 'src', 'data'), { recursive: true });
    // What type stripping alone cannot run (an enum, a parameter property), plus the paths a
    // compiled copy elsewhere would break: __dirname, a relative .ts import and a JSON file.
    fs.writeFileSync(
      path.join(dir, 'src', 'dep.ts'),
      'export enum Color { Red = "red" }\nexport class Box { constructor(readonly color: Color) {} }\n',
    );
    fs.writeFileSync(path.join(dir, 'src', 'data', 'x.json'), '{"n": 7}');
    fs.writeFileSync(
      path.join(dir, 'src', 'main.ts'),
      [
        "import * as path from 'path';",
        "import { Box, Color } from './dep';",
        "const data: { n: number } = require('./data/x.json');",
        'process.stdout.write(JSON.stringify({ color: new Box(Color.Red).color, n: data.n, dir: path.basename(__dirname) }));',
      ].join('\n'),
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('runs TypeScript with enums and parameter properties, keeping each module at its own path', () => {
    expect(JSON.parse(run(path.join(dir, 'src', 'main.ts')))).toEqual({ color: 'red', n: 7, dir: 'src' });
    // One compiled file per module, reused by the next run.
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.js'))).toHaveLength(2);
    expect(JSON.parse(run(path.join(dir, 'src', 'main.ts'))).color).toBe('red');
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.js'))).toHaveLength(2);
  });

  test('an edited file is recompiled, never served from the cache', () => {
    run(path.join(dir, 'src', 'main.ts'));
    fs.writeFileSync(path.join(dir, 'src', 'dep.ts'), 'export enum Color { Red = "crimson" }\nexport class Box { constructor(readonly color: Color) {} }\n');
    expect(JSON.parse(run(path.join(dir, 'src', 'main.ts'))).color).toBe('crimson');
    // Putting the old content back finds the old compilation again.
    fs.writeFileSync(path.join(dir, 'src', 'dep.ts'), 'export enum Color { Red = "red" }\nexport class Box { constructor(readonly color: Color) {} }\n');
    expect(JSON.parse(run(path.join(dir, 'src', 'main.ts'))).color).toBe('red');
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.js'))).toHaveLength(3);
  });

  // gcck test-flows loads the handlers (folders with an index.ts) and gcck's AWS commands their
  // modules with import(): node's own import() resolves neither a folder nor a .ts file.
  test('import() of a TypeScript folder module loads it as require() does', () => {
    fs.mkdirSync(path.join(dir, 'src', 'handler'));
    fs.writeFileSync(path.join(dir, 'src', 'handler', 'index.ts'), 'export const answer: number = 42;\n');
    fs.writeFileSync(path.join(dir, 'src', 'lazy.ts'), "import('./handler').then((m) => process.stdout.write(String(m.answer)));\n");
    expect(run(path.join(dir, 'src', 'lazy.ts'))).toBe('42');
  });

  test('a deleted cache is rebuilt, not a failure', () => {
    run(path.join(dir, 'src', 'main.ts'));
    fs.rmSync(cacheDir, { recursive: true, force: true });
    expect(JSON.parse(run(path.join(dir, 'src', 'main.ts'))).n).toBe(7);
  });

  test('cdk.json runs the app through this loader, with single-threaded garbage collection', () => {
    const app = (JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { app: string }).app;
    expect(app).toBe('node --single-threaded-gc --require ./bin/ts-cache.cjs bin/app.ts');
  });
});
