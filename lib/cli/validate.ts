import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Command, parseArgs } from './command';
import { ConfigError } from '../config/errors';
import { FlowError } from '../flows/errors';
import { cdkJsonContext, loadKitInputs, synthesizeKit } from '../kit-app';

/** Options of {@link validateKit}. */
export interface ValidateKitOptions {
  /** Folder holding `jurisdictions/*.yaml` and an optional `defaults.yaml`. */
  readonly configDir: string;
  /** Jurisdiction ids to check. @default - every jurisdiction in the folder */
  readonly only?: readonly string[];
  /** The repository root (cdk.json, config/bots, contact-flows). @default - the working folder */
  readonly root?: string;
  /**
   * Called with each warning as soon as it is known, so warnings found before a failure are
   * shown too (as `cdk synth` shows them).
   * @default - warnings are only returned
   */
  readonly warn?: (line: string) => void;
}

/** What a successful {@link validateKit} found. */
export interface ValidateKitResult {
  /** The ids of the jurisdictions checked. */
  readonly ids: readonly string[];
  /** Every warning, in the problem-line format. */
  readonly warnings: readonly string[];
}

/**
 * Runs every check `cdk synth` runs, in process: the config, bot and flow checks, then the app
 * built in memory (with cdk.json's context, Lambda bundling skipped), its per-stack resource
 * counts, the nag packs and the synthesized templates. Throws a ConfigError or FlowError listing
 * every problem; writes nothing outside a temporary folder it removes.
 */
export function validateKit(options: ValidateKitOptions): ValidateKitResult {
  const root = options.root ?? process.cwd();
  const inputs = loadKitInputs({ configDir: options.configDir, only: options.only }, root);
  inputs.warnings.forEach((line) => options.warn?.(line));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-validate-'));
  try {
    // The stacks whose assets are bundled (the CDK CLI sets it): none, as in the kit's unit tests.
    const app = new App({ outdir, stackTraces: false, context: { ...cdkJsonContext(root), 'aws:cdk:bundling-stacks': [] } });
    const { warnings } = synthesizeKit(app, inputs);
    warnings.forEach((line) => options.warn?.(line));
    return { ids: inputs.configs.map((c) => c.id), warnings: [...inputs.warnings, ...warnings] };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** `gcck validate [--config-dir DIR] [ID...]`: runs every check `cdk synth` runs, without bundling or writing cdk.out. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check jurisdiction config files and report every problem',
  usage: 'gcck validate [--config-dir DIR] [JURISDICTION_ID ...]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { 'config-dir': 'string' });
    try {
      const result = validateKit({
        configDir: String(options['config-dir'] ?? 'config'),
        only: positional.length > 0 ? positional : undefined,
        warn: (line) => io.err(`warning: ${line}`),
      });
      io.out(`${result.ids.length} jurisdiction${result.ids.length === 1 ? '' : 's'} valid: ${result.ids.join(', ')}`);
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigError) && !(error instanceof FlowError)) throw error;
      io.err(error.message);
      return 1;
    }
  },
};
