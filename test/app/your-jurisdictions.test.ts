import * as fs from 'fs';
import * as path from 'path';
import { loadJurisdictions } from '../../lib/config/loader';
import { loadKitInputs, synthesizeKit, type KitInputs, type KitSynthesis } from '../../lib/kit-app';
import { kitApp } from '../helpers/examples';

/**
 * The agency's own files: whatever jurisdictions config/jurisdictions/ holds (the two examples in
 * the kit, an agency's own after it forks) are loaded, checked and synthesized as `cdk synth`
 * does (in process, Lambda bundling skipped). Every other test reads fixture copies of the
 * examples, so this is the one that checks an agency's files in its CI.
 */
const ROOT = path.join(__dirname, '..', '..');
const CONFIG = path.join(ROOT, 'config');
const FOLDER = path.join(CONFIG, 'jurisdictions');
const ids = (fs.existsSync(FOLDER) ? fs.readdirSync(FOLDER) : []).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, '')).sort();

if (ids.length === 0) {
  test('config/jurisdictions/ holds no jurisdiction: synthesis stops with the message that says to add one', () => {
    expect(() => loadJurisdictions({ configDir: CONFIG })).toThrow('config/jurisdictions: (folder): holds no jurisdiction files (add <id>.yaml)');
  });
} else {
  describe(`the jurisdictions in config/ (${ids.join(', ')})`, () => {
    let inputs: KitInputs;
    let synthesis: KitSynthesis;
    let outdir: string;
    // The time allowed grows with config/: under a second of one core per jurisdiction added.
    beforeAll(() => {
      // All files at once, so the checks across jurisdictions (ids, aliases, numbers) run too, in
      // one app: each jurisdiction adds its own build, and nothing is loaded or synthesized twice.
      inputs = loadKitInputs({ configDir: CONFIG }, ROOT);
      const app = kitApp({ 'aws:cdk:bundling-stacks': [] });
      outdir = app.outdir;
      synthesis = synthesizeKit(app, inputs);
    }, 60_000 + 10_000 * ids.length);
    afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

    test.each(ids)('%s synthesizes its three stacks in its own account and region, with no commercial ARN', (id) => {
      const config = inputs.configs.find((c) => c.id === id)!;
      const stacks = synthesis.assembly.stacks.filter((s) => s.stackName.startsWith(`${id}-`));
      expect(stacks.map((s) => s.stackName).sort()).toEqual([`${id}-analytics`, `${id}-contact-center`, `${id}-stateful`]);
      for (const stack of stacks) {
        expect({ stack: stack.stackName, env: stack.environment.name }).toEqual({ stack: stack.stackName, env: `aws://${config.account}/${config.region}` });
        expect({ stack: stack.stackName, literal: JSON.stringify(stack.template).includes('arn:aws:') }).toEqual({ stack: stack.stackName, literal: false });
      }
    });
  });
}
