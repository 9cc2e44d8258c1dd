import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assemblyKey, replayAssembly, storeAssembly } from '../../lib/cache/assembly-cache';
import { useScratchCache } from '../helpers/scratch-cache';

useScratchCache();
let root: string;
let env: NodeJS.ProcessEnv;

/** A checkout with a config folder, a flow and a previous cdk.out, and the CLI's environment. */
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-checkout-'));
  for (const [file, text] of Object.entries({
    'config/jurisdictions/a.yaml': 'id: a\n',
    'contact-flows/main.json': '{"Actions":[]}',
    'lib/app.ts': 'export {};\n',
    'node_modules/.package-lock.json': '{"lockfileVersion":3}',
    'node_modules/pkg/index.js': 'module.exports = 1;',
    'cdk.out/old.template.json': '{}',
  })) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  env = { CDK_OUTDIR: path.join(root, 'cdk.out'), CDK_CONTEXT_JSON: JSON.stringify({ configDir: path.join(root, 'config') }), PATH: '/usr/bin' };
});

/** Writes the assembly a synthesis would: a manifest naming a template and an asset folder, a report it does not name, a stale file. */
function synthesize(outdir: string, template = '{"Resources":{}}'): void {
  fs.mkdirSync(path.join(outdir, 'asset.abc'), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'asset.abc', 'index.js'), 'exports.handler = 1;');
  fs.writeFileSync(path.join(outdir, 'a.template.json'), template);
  fs.writeFileSync(path.join(outdir, 'a.assets.json'), JSON.stringify({ files: { abc: { source: { path: 'asset.abc', packaging: 'zip' } } } }));
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ artifacts: { a: { properties: { templateFile: 'a.template.json' } }, 'a.assets': { properties: { file: 'a.assets.json' } } } }));
  fs.writeFileSync(path.join(outdir, 'report.json'), '{"pluginReports":[]}');
}

describe('assembly cache key', () => {
  test('is the same for an unchanged checkout, and ignores cdk.out and other outputs', () => {
    const before = assemblyKey(env, root);
    fs.writeFileSync(path.join(root, 'cdk.out', 'old.template.json'), '{"changed":true}');
    fs.writeFileSync(path.join(root, 'node_modules', 'pkg', 'index.js'), 'module.exports = 2;');
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(assemblyKey(env, root)).toBe(before);
  });

  test.each([
    ['a flow', 'contact-flows/main.json'],
    ['a config file', 'config/jurisdictions/a.yaml'],
    ['the kit source', 'lib/app.ts'],
    ['the installed packages', 'node_modules/.package-lock.json'],
  ])('changes when %s changes', (_what, file) => {
    const before = assemblyKey(env, root);
    fs.appendFileSync(path.join(root, file), ' ');
    expect(assemblyKey(env, root)).not.toBe(before);
  });

  test('changes when a file is added, with the context, and with the environment the app reads, not with the CLI-only switches', () => {
    const before = assemblyKey(env, root);
    fs.writeFileSync(path.join(root, 'contact-flows', 'new.json'), '{}');
    const added = assemblyKey(env, root);
    expect(added).not.toBe(before);
    expect(assemblyKey({ ...env, CDK_CONTEXT_JSON: JSON.stringify({ configDir: path.join(root, 'config'), jurisdiction: 'a' }) }, root)).not.toBe(added);
    expect(assemblyKey({ ...env, CDK_VALIDATION: 'false' }, root)).not.toBe(added);
    expect(assemblyKey({ ...env, PATH: '/bin' }, root)).toBe(added);
    // the CLI's own switches (README "Caches") and where reports and compiled files go reach the
    // app's environment but not its output
    expect(assemblyKey({ ...env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' }, root)).toBe(added);
    expect(assemblyKey({ ...env, GCCK_TIMINGS: '/tmp/timings-1.json', GCCK_TS_CACHE_DIR: '/tmp/ts' }, root)).toBe(added);
  });

  test('follows a symbolic link to a folder: a change behind it changes the key', () => {
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-shared-'));
    fs.writeFileSync(path.join(shared, 'module.json'), '{}');
    fs.symlinkSync(shared, path.join(root, 'contact-flows', 'shared'));
    const before = assemblyKey(env, root);
    fs.writeFileSync(path.join(shared, 'module.json'), '{"changed":true}');
    expect(assemblyKey(env, root)).not.toBe(before);
  });

  test('hashes a config folder outside the checkout', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-config-'));
    fs.writeFileSync(path.join(outside, 'b.yaml'), 'id: b\n');
    const elsewhere = { ...env, CDK_CONTEXT_JSON: JSON.stringify({ configDir: outside }) };
    const before = assemblyKey(elsewhere, root);
    fs.writeFileSync(path.join(outside, 'b.yaml'), 'id: b2\n');
    expect(assemblyKey(elsewhere, root)).not.toBe(before);
  });

  test('is undefined when the app was not started by the CDK CLI, or with the caches off', () => {
    expect(assemblyKey({ ...env, CDK_OUTDIR: undefined }, root)).toBeUndefined();
    process.env.GCCK_CACHE = 'off';
    expect(assemblyKey(env, root)).toBeUndefined();
  });
});

describe('assembly cache', () => {
  test('replays the stored assembly into an empty folder: the named files, the reports, the warnings; not stale files', () => {
    // GIVEN a synthesis stored under its key
    const key = assemblyKey(env, root)!;
    synthesize(env.CDK_OUTDIR!);
    storeAssembly(key, env.CDK_OUTDIR!, ['w1'], ['report.json'], env, root);
    // WHEN it is replayed into a new folder
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-'));
    const warnings = replayAssembly(key, out);
    // THEN every file the manifests name is there, byte for byte, with the warnings
    expect(warnings).toEqual(['w1']);
    expect(fs.readdirSync(out).sort()).toEqual(['a.assets.json', 'a.template.json', 'asset.abc', 'manifest.json', 'report.json']);
    expect(fs.readFileSync(path.join(out, 'asset.abc', 'index.js'), 'utf8')).toBe('exports.handler = 1;');
  });

  test('stores what the manifests name, not what a template or the construct tree mentions (neither is a manifest)', () => {
    // GIVEN a template and tree.json whose strings equal names of files the manifests do not name
    const key = assemblyKey(env, root)!;
    synthesize(env.CDK_OUTDIR!, JSON.stringify({ Resources: { A: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'stray.json' } } } }));
    fs.writeFileSync(path.join(env.CDK_OUTDIR!, 'stray.json'), '{"left":"from an older synth"}');
    fs.writeFileSync(path.join(env.CDK_OUTDIR!, 'tree.json'), '{"tree":{"id":"App","path":"stale.json"}}');
    fs.writeFileSync(path.join(env.CDK_OUTDIR!, 'stale.json'), '{}');
    storeAssembly(key, env.CDK_OUTDIR!, [], [], env, root);
    // WHEN it is replayed into a new folder
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-'));
    replayAssembly(key, out);
    // THEN only the files the manifests name (and tree.json) come back
    expect(fs.readdirSync(out).sort()).toEqual(['a.assets.json', 'a.template.json', 'asset.abc', 'manifest.json', 'tree.json']);
  });

  test('replays over an edited template in cdk.out', () => {
    const key = assemblyKey(env, root)!;
    synthesize(env.CDK_OUTDIR!);
    storeAssembly(key, env.CDK_OUTDIR!, [], [], env, root);
    fs.writeFileSync(path.join(env.CDK_OUTDIR!, 'a.template.json'), '{"Resources":{"Planted":{}}}');
    replayAssembly(key, env.CDK_OUTDIR!);
    expect(fs.readFileSync(path.join(env.CDK_OUTDIR!, 'a.template.json'), 'utf8')).toBe('{"Resources":{}}');
  });

  /** Stores a synthesis whose files were written an hour ago (the usual case: cdk.out is older than the store by far more than a timestamp tick). */
  function storeOldSynthesis(): string {
    const key = assemblyKey(env, root)!;
    synthesize(env.CDK_OUTDIR!);
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    for (const file of ['asset.abc/index.js', 'a.template.json', 'a.assets.json', 'manifest.json']) fs.utimesSync(path.join(env.CDK_OUTDIR!, file), hourAgo, hourAgo);
    storeAssembly(key, env.CDK_OUTDIR!, ['w1'], [], env, root);
    return key;
  }

  test('writes nothing when cdk.out already holds the stored assembly, after a store and after a replay', () => {
    const key = storeOldSynthesis();
    const template = path.join(env.CDK_OUTDIR!, 'a.template.json');
    const inode = fs.statSync(template).ino;
    // the synthesis that stored it left cdk.out as stored: the replay keeps those very files
    expect(replayAssembly(key, env.CDK_OUTDIR!)).toEqual(['w1']);
    expect(fs.statSync(template).ino).toBe(inode);
    // a replay into another folder copies, with the stored times, and the next replay there writes nothing
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-'));
    replayAssembly(key, out);
    const copied = fs.statSync(path.join(out, 'a.template.json'));
    expect(Math.trunc(copied.mtimeMs)).toBe(Math.trunc(fs.statSync(template).mtimeMs));
    expect(replayAssembly(key, out)).toEqual(['w1']);
    expect(fs.statSync(path.join(out, 'a.template.json')).ino).toBe(copied.ino);
  });

  test('replays over a template edited in place to the same size, and over a file added to an asset folder', () => {
    const key = storeOldSynthesis();
    const template = path.join(env.CDK_OUTDIR!, 'a.template.json');
    fs.writeFileSync(template, '{"Resources":[]}'.padEnd('{"Resources":{}}'.length));
    expect(fs.statSync(template).size).toBe('{"Resources":{}}'.length);
    replayAssembly(key, env.CDK_OUTDIR!);
    expect(fs.readFileSync(template, 'utf8')).toBe('{"Resources":{}}');
    fs.writeFileSync(path.join(env.CDK_OUTDIR!, 'asset.abc', 'planted.js'), 'exports.x = 1;');
    replayAssembly(key, env.CDK_OUTDIR!);
    expect(fs.readdirSync(path.join(env.CDK_OUTDIR!, 'asset.abc'))).toEqual(['index.js']);
  });

  test('a replay that had to hash a file records its time, so the next one trusts it without hashing', () => {
    // GIVEN an assembly stored right after it was written (times too recent to trust)
    const key = assemblyKey(env, root)!;
    synthesize(env.CDK_OUTDIR!);
    storeAssembly(key, env.CDK_OUTDIR!, [], [], env, root);
    const record = path.join(process.env.GCCK_CACHE_DIR!, 'assemblies', `${key}.json`);
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    for (const file of ['asset.abc/index.js', 'a.template.json', 'a.assets.json', 'manifest.json']) fs.utimesSync(path.join(env.CDK_OUTDIR!, file), hourAgo, hourAgo);
    // WHEN it is replayed twice
    const stored = fs.statSync(record).ino;
    replayAssembly(key, env.CDK_OUTDIR!);
    const afterFirst = fs.statSync(record).ino;
    replayAssembly(key, env.CDK_OUTDIR!);
    // THEN the first replay hashed the files and rewrote the record with their times; the second had nothing to check
    expect(afterFirst).not.toBe(stored);
    expect(fs.statSync(record).ino).toBe(afterFirst);
    expect(fs.readFileSync(path.join(env.CDK_OUTDIR!, 'a.template.json'), 'utf8')).toBe('{"Resources":{}}');
  });

  test('replays over a file just written with the stored size and time (too recent for the times to be trusted)', () => {
    const key = assemblyKey(env, root)!;
    synthesize(env.CDK_OUTDIR!);
    storeAssembly(key, env.CDK_OUTDIR!, [], [], env, root);
    const template = path.join(env.CDK_OUTDIR!, 'a.template.json');
    const { mtime } = fs.statSync(template);
    // an edit within the same timestamp tick as the synthesis leaves size and time as recorded
    fs.writeFileSync(template, '{"Resources":[]}');
    fs.utimesSync(template, mtime, mtime);
    replayAssembly(key, env.CDK_OUTDIR!);
    expect(fs.readFileSync(template, 'utf8')).toBe('{"Resources":{}}');
  });

  test('misses when nothing was stored, when a stored file was altered, and when the record is damaged', () => {
    const key = assemblyKey(env, root)!;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-'));
    expect(replayAssembly(key, out)).toBeUndefined();
    synthesize(env.CDK_OUTDIR!);
    storeAssembly(key, env.CDK_OUTDIR!, [], [], env, root);
    const stored = path.join(process.env.GCCK_CACHE_DIR!, 'assemblies', key);
    // an altered template
    fs.writeFileSync(path.join(stored, 'a.template.json'), '{"Resources":{"Planted":{}}}');
    expect(replayAssembly(key, out)).toBeUndefined();
    expect(fs.readdirSync(out)).toEqual([]);
    // a damaged record
    storeAssembly(key, env.CDK_OUTDIR!, [], [], env, root);
    fs.appendFileSync(`${stored}.json`, ' ');
    expect(replayAssembly(key, out)).toBeUndefined();
  });

  test('stores nothing when an input changed while the app ran', () => {
    const key = assemblyKey(env, root)!;
    synthesize(env.CDK_OUTDIR!);
    fs.writeFileSync(path.join(root, 'contact-flows', 'main.json'), '{"Actions":[{}]}');
    storeAssembly(key, env.CDK_OUTDIR!, [], [], env, root);
    expect(replayAssembly(key, fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-')))).toBeUndefined();
  });

  test('stores and replays nothing with GCCK_CACHE=off', () => {
    const key = assemblyKey(env, root)!;
    synthesize(env.CDK_OUTDIR!);
    process.env.GCCK_CACHE = 'off';
    storeAssembly(key, env.CDK_OUTDIR!, [], [], env, root);
    process.env.GCCK_CACHE = 'on';
    expect(replayAssembly(key, fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-')))).toBeUndefined();
  });

  test('keeps the four most recently used assemblies', () => {
    const keys = ['1', '2', '3', '4', '5'].map((n) => {
      fs.writeFileSync(path.join(root, 'lib', 'app.ts'), `export const n = ${n};\n`);
      const key = assemblyKey(env, root)!;
      synthesize(env.CDK_OUTDIR!, `{"n":${n}}`);
      storeAssembly(key, env.CDK_OUTDIR!, [], [], env, root);
      const past = new Date(Date.now() - (10 - Number(n)) * 1000);
      fs.utimesSync(path.join(process.env.GCCK_CACHE_DIR!, 'assemblies', `${key}.json`), past, past);
      return key;
    });
    // the sixth store prunes the oldest
    fs.writeFileSync(path.join(root, 'lib', 'app.ts'), 'export const n = 6;\n');
    const sixth = assemblyKey(env, root)!;
    storeAssembly(sixth, env.CDK_OUTDIR!, [], [], env, root);
    const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-'));
    expect(replayAssembly(keys[0], out())).toBeUndefined();
    expect(replayAssembly(keys[1], out())).toBeUndefined();
    expect(replayAssembly(keys[4], out())).toEqual([]);
    expect(replayAssembly(sixth, out())).toEqual([]);
  });
});
