import * as fs from 'fs';
import * as path from 'path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type * as Nag from '../../lib/compliance/nag';
import { loadJurisdictions } from '../../lib/config/loader';
import type { JurisdictionConfig } from '../../lib/config/schema';
import { addJurisdiction, JurisdictionStacks } from '../../lib/jurisdiction';
import { type JurisdictionSources, loadJurisdictionSources } from '../../lib/sources';
import { EXAMPLES_CONFIG, EXAMPLES_CONFIG_DIR, exampleFile, type ExampleId, kitContext } from './example-paths';

const ROOT = path.join(__dirname, '..', '..');

export { EXAMPLES_CONFIG, EXAMPLES_CONFIG_DIR, exampleFile, type ExampleId, kitContext };

/** A new App with the kit's context and an output folder of its own. */
export function kitApp(extraContext: Record<string, unknown> = {}): App {
  return new App({ context: { ...kitContext(), ...extraContext }, outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'gcck-')) });
}

const configs = new Map<ExampleId, JurisdictionConfig>();

/**
 * One of the example jurisdictions (the fixture copies in EXAMPLES_CONFIG_DIR), loaded once per
 * jest test file: the loader returns it deep-frozen, so every caller can share it (a test that
 * needs a changed config clones it).
 */
export function exampleConfig(id: ExampleId): JurisdictionConfig {
  let config = configs.get(id);
  if (config === undefined) {
    config = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: [id] }).configs[0];
    configs.set(id, config);
  }
  return config;
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
export function addExample(app: App, id: ExampleId): JurisdictionStacks {
  const config = exampleConfig(id);
  return addJurisdiction(app, config, exampleSources(config));
}

/** Both examples in one app, synthesized once per jest test file: see {@link sharedSynthesis}. */
export interface SharedSynthesis {
  /** Each example's stacks, as {@link addExample} adds them. */
  readonly stacks: Record<ExampleId, JurisdictionStacks>;
  /** The cdk-nag packs' recorded NIST rule outcomes, as bin/app.ts gets them. */
  readonly nag: Nag.NagPacks;
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
    // Loaded here, not at the top: most files that import this helper never synthesize the examples.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { addNagPacks } = require('../../lib/compliance/nag') as typeof Nag;
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
