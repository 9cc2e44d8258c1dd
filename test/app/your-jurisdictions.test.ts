import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadJurisdictions } from '../../lib/config/loader';
import type { JurisdictionConfig } from '../../lib/config/schema';
import { appNodeOptions, kitContext } from '../helpers/example-paths';

/**
 * The agency's own files: whatever jurisdictions config/jurisdictions/ holds (the two examples in
 * the kit, an agency's own after it forks) are loaded, checked and synthesized by bin/app.ts as
 * `cdk synth` runs it (Lambda bundling and the CloudFormation validation skipped, as in the unit
 * tests: test/app/synth.test.ts runs both on the example copies). A plain node process is about
 * half the CPU of the same build inside a jest worker. Every other test reads fixture copies of
 * the examples, so this is the one that checks an agency's files in its CI.
 */
const ROOT = path.join(__dirname, '..', '..');
const CONFIG = path.join(ROOT, 'config');
const FOLDER = path.join(CONFIG, 'jurisdictions');
/** The stacks each jurisdiction adds, by name suffix, in sorted order. */
const STACK_KINDS = ['analytics', 'contact-center', 'stateful'];
const ids = (fs.existsSync(FOLDER) ? fs.readdirSync(FOLDER) : []).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, '')).sort();

if (ids.length === 0) {
  test('config/jurisdictions/ holds no jurisdiction: synthesis stops with the message that says to add one', () => {
    expect(() => loadJurisdictions({ configDir: CONFIG })).toThrow('config/jurisdictions: (folder): holds no jurisdiction files (add <id>.yaml)');
  });
} else {
  describe(`the jurisdictions in config/ (${ids.join(', ')})`, () => {
    let configs: readonly JurisdictionConfig[];
    let outdir: string;
    type Artifact = { type: string; environment?: string; properties?: { templateFile?: string } };
    let stacks: Array<{ name: string; environment?: string; template: string }>;
    // The time allowed grows with config/: under a second of one core per jurisdiction added.
    beforeAll(() => {
      configs = loadJurisdictions({ configDir: CONFIG }).configs;
      // All files at once, as `cdk synth` reads them, so the checks across jurisdictions (ids,
      // aliases, numbers) run too, in one app: each jurisdiction adds its own build.
      outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-yours-'));
      const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir, CDK_VALIDATION: 'false' };
      // No bundling and no creation stack traces, as in the unit tests (test/setup-env.ts).
      env.CDK_CONTEXT_JSON = JSON.stringify({ ...kitContext(), configDir: 'config', 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-creation-stack-traces': true });
      const run = spawnSync(process.execPath, [...appNodeOptions(), path.join(ROOT, 'bin', 'app.ts')], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 + 10_000 * ids.length });
      if (run.status !== 0) throw new Error(`bin/app.ts exited ${run.status}:\n${run.stderr}`);
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, Artifact> };
      stacks = Object.entries(manifest.artifacts)
        .filter(([, a]) => a.type === 'aws:cloudformation:stack')
        .map(([name, a]) => ({ name, environment: a.environment, template: fs.readFileSync(path.join(outdir, a.properties!.templateFile!), 'utf8') }));
    }, 60_000 + 10_000 * ids.length);
    afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

    test('the app holds three stacks per jurisdiction and no other', () => {
      expect(stacks.map((s) => s.name).sort()).toEqual(ids.flatMap((id) => STACK_KINDS.map((kind) => `${id}-${kind}`)).sort());
    });

    test.each(ids)('%s synthesizes its three stacks in its own account and region, with no commercial ARN', (id) => {
      const config = configs.find((c) => c.id === id)!;
      // By exact name: one id may begin another's (`riverton-311`, `riverton-311-north`).
      const own = stacks.filter((s) => STACK_KINDS.some((kind) => s.name === `${id}-${kind}`));
      expect(own.map((s) => s.name).sort()).toEqual(STACK_KINDS.map((kind) => `${id}-${kind}`));
      for (const stack of own) {
        expect({ stack: stack.name, env: stack.environment }).toEqual({ stack: stack.name, env: `aws://${config.account}/${config.region}` });
        expect({ stack: stack.name, literal: stack.template.includes('arn:aws:') }).toEqual({ stack: stack.name, literal: false });
      }
    });
  });
}
