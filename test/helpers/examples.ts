import * as fs from 'fs';
import * as path from 'path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { addNagPacks, type NagPacks } from '../../lib/compliance/nag';
import { loadJurisdictions } from '../../lib/config/loader';
import type { JurisdictionConfig } from '../../lib/config/schema';
import { addJurisdiction, JurisdictionStacks } from '../../lib/jurisdiction';
import { type JurisdictionSources, loadJurisdictionSources } from '../../lib/sources';

const ROOT = path.join(__dirname, '..', '..');

/** The context of cdk.json (feature flags), so tests build apps exactly as `cdk synth` does. */
export function kitContext(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')).context;
}

/** A new App with the kit's context and an output folder of its own. */
export function kitApp(extraContext: Record<string, unknown> = {}): App {
  return new App({ context: { ...kitContext(), ...extraContext }, outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'gcck-')) });
}

/**
 * The kit's own copies of the two example jurisdictions (and the defaults they were written
 * against), so that tests pinned to them pass whatever an agency adds to, edits in or removes
 * from config/. test/app/your-jurisdictions.test.ts checks the files in config/ themselves.
 */
export const EXAMPLES_CONFIG_DIR = path.join(ROOT, 'test', 'fixtures', 'config', 'examples');

/** EXAMPLES_CONFIG_DIR as problem lines and `--config-dir` show it (relative to the repository root, where jest runs). */
export const EXAMPLES_CONFIG = 'test/fixtures/config/examples';

/** An example's jurisdiction file as problem lines show it. */
export function exampleFile(id: 'pinecrest-benefits' | 'riverton-311'): string {
  return `${EXAMPLES_CONFIG}/jurisdictions/${id}.yaml`;
}

/** One of the example jurisdictions (the fixture copies in EXAMPLES_CONFIG_DIR). */
export function exampleConfig(id: 'pinecrest-benefits' | 'riverton-311'): JurisdictionConfig {
  return loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: [id] }).configs[0];
}

/**
 * The bots, flows and prompts of an example config (or one derived from it), read as the
 * fixture copy's jurisdiction file would have them: its recorded prompts come from
 * EXAMPLES_CONFIG_DIR/prompts/<id>, not from config/.
 */
export function exampleSources(config: JurisdictionConfig): JurisdictionSources {
  return loadJurisdictionSources(config, ROOT, undefined, `${EXAMPLES_CONFIG}/jurisdictions/${config.id}.yaml`);
}

/** Adds an example jurisdiction with its bots, flows, prompts and phone numbers, as bin/app.ts does. */
export function addExample(app: App, id: 'pinecrest-benefits' | 'riverton-311'): JurisdictionStacks {
  const config = exampleConfig(id);
  return addJurisdiction(app, config, exampleSources(config));
}

/** The example jurisdictions' ids. */
export type ExampleId = 'pinecrest-benefits' | 'riverton-311';

/** Both examples in one app, synthesized once per jest test file: see {@link sharedSynthesis}. */
export interface SharedSynthesis {
  /** Each example's stacks, as {@link addExample} adds them. */
  readonly stacks: Record<ExampleId, JurisdictionStacks>;
  /** The cdk-nag packs' recorded NIST rule outcomes, as bin/app.ts gets them. */
  readonly nag: NagPacks;
  /** The synthesized cloud assembly; undefined if the synthesis failed. */
  readonly assembly?: CloudAssembly;
  /** Why the synthesis failed (an unacknowledged cdk-nag finding), if it did. */
  readonly error?: Error;
}

let shared: SharedSynthesis | undefined;

/**
 * Both examples added to one kit app and synthesized as `cdk synth` does it, bundling aside: the
 * cdk-nag packs on (their acknowledgements are written into the templates, their NIST rule
 * outcomes recorded for the audit pack) and construct-path metadata on (the audit names resources
 * by path). Built on the first call and shared by every later call in the same jest test file
 * (each file has its own module registry), so that every spec reading the examples (the stack and
 * construct specs, the audit pack, nag, tags and cfn-guard: test/stacks/example-apps.test.ts runs
 * them all) shares one build and synthesis, about 3 CPU-seconds of a jest worker. A synthesis
 * error is kept, not thrown: the audit spec reports it, and {@link templateOf} throws it again.
 * A test that changes a config builds its own app.
 */
export function sharedSynthesis(): SharedSynthesis {
  if (shared === undefined) {
    const app = kitApp({ 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-path-metadata': true });
    const stacks = { 'pinecrest-benefits': addExample(app, 'pinecrest-benefits'), 'riverton-311': addExample(app, 'riverton-311') };
    const nag = addNagPacks(app);
    try {
      shared = { stacks, nag, assembly: app.synth() };
    } catch (error) {
      shared = { stacks, nag, error: error as Error };
    }
  }
  return shared;
}

/**
 * The stacks of {@link sharedSynthesis}, for tests that only read the stacks and their templates.
 */
export function sharedExamples(): Record<ExampleId, JurisdictionStacks> {
  return sharedSynthesis().stacks;
}

const templates = new WeakMap<Stack, Template>();

/** `Template.fromStack(stack)`, made once per stack (the app synthesizes once; each Template parses its stack's template). */
export function templateOf(stack: Stack): Template {
  let template = templates.get(stack);
  if (template === undefined) {
    template = Template.fromStack(stack);
    templates.set(stack, template);
  }
  return template;
}
