/**
 * Handler bundles stay lean: every lambdas/<name>/index.ts bundled with the production options
 * (BUNDLING in lib/constructs/connect-function.ts) is under 150 KB and carries neither the X-Ray
 * SDK nor semver (issue 16). A size check, not a timing: one in-process esbuild build for all
 * entries, about a second; cold-init time is bench/lambda.ts's job.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as esbuild from 'esbuild';
import { groupOf, productionOptions } from '../../bench/lambda/bundle';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const LAMBDAS = path.join(REPO_ROOT, 'lambdas');
const MAX_BUNDLE_BYTES = 150 * 1024;

/** Packages that must never be bundled again: they cost a fifth of cold init (bench/lambda.ts). */
const BANNED = ['aws-xray-sdk-core', 'semver', 'cls-hooked', '@aws-lambda-powertools/tracer'];

interface Bundle {
  readonly bytes: number;
  readonly groups: ReadonlySet<string>;
}

describe('handler bundles', () => {
  let bundles: Map<string, Bundle>;
  let outdir: string;

  beforeAll(async () => {
    const handlers = fs
      .readdirSync(LAMBDAS, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'shared' && fs.existsSync(path.join(LAMBDAS, d.name, 'index.ts')))
      .map((d) => d.name);
    const { options } = productionOptions();
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bundle-size-'));
    const result = await esbuild.build({
      ...options,
      entryPoints: Object.fromEntries(handlers.map((name) => [name, path.join(LAMBDAS, name, 'index.ts')])),
      outdir,
      bundle: true,
      metafile: true,
      write: false,
      logLevel: 'silent',
      absWorkingDir: REPO_ROOT,
    });
    bundles = new Map();
    for (const [file, output] of Object.entries(result.metafile!.outputs)) {
      if (!file.endsWith('.js')) continue;
      bundles.set(path.basename(file, '.js'), { bytes: output.bytes, groups: new Set(Object.keys(output.inputs).map(groupOf)) });
    }
    expect([...bundles.keys()].sort()).toEqual(handlers.sort());
  });

  afterAll(async () => {
    fs.rmSync(outdir, { recursive: true, force: true });
    // esbuild's service process would outlive the suite and hold the Jest worker.
    await esbuild.stop();
  });

  test('every handler bundles under 150 KB', () => {
    const sizes = Object.fromEntries([...bundles].map(([name, b]) => [name, b.bytes]));
    const over = Object.entries(sizes).filter(([, bytes]) => bytes >= MAX_BUNDLE_BYTES);
    expect(over).toEqual([]);
    // The measure is real: a handler bundle holds at least the Powertools logger.
    for (const bytes of Object.values(sizes)) expect(bytes).toBeGreaterThan(20 * 1024);
  });

  test('no handler bundles the X-Ray SDK, semver or the Powertools tracer', () => {
    for (const [name, bundle] of bundles) {
      expect({ name, banned: BANNED.filter((pkg) => bundle.groups.has(pkg)) }).toEqual({ name, banned: [] });
      expect(bundle.groups.has('@aws-lambda-powertools/logger')).toBe(true);
    }
  });

  test('handlers that check their few inputs by hand bundle no schema library', () => {
    for (const name of ['caller-verification', 'case-status', 'chat-start', 'contact-center-status', 'lex-fulfillment', 'survey-capture']) expect(bundles.get(name)?.groups.has('zod')).toBe(false);
  });
});
