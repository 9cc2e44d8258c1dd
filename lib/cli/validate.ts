import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Command, parseArgs, UsageError } from './command';
import { closest } from '../config/zod-issues';
import { ConfigError } from '../config/errors';
import { FlowError } from '../flows/errors';
import { cdkJsonContext } from '../cdk-json';
import { loadKitInputs, synthesizeKit } from '../kit-app';

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

/**
 * Turns `gcck validate` arguments into a config folder and jurisdiction ids: an argument is an
 * id, or a path to a jurisdiction file (`<config dir>/jurisdictions/<id>.yaml`), whose config
 * folder is then used. An id without a file is a usage mistake naming the file looked for.
 */
export function validateTargets(positional: readonly string[], configDirOption: string | undefined): { configDir: string; only?: string[] } {
  let configDir = configDirOption;
  const ids: string[] = [];
  for (const arg of positional) {
    if (!/\.ya?ml$/.test(arg) && !arg.includes('/') && !arg.includes(path.sep)) {
      ids.push(arg);
      continue;
    }
    if (!fs.existsSync(arg)) throw new UsageError(`no such file: ${arg}`);
    const folder = path.dirname(path.resolve(arg));
    if (path.basename(folder) !== 'jurisdictions' || !/\.ya?ml$/.test(arg)) {
      throw new UsageError(`${arg} is not a jurisdiction file (expected <config dir>/jurisdictions/<id>.yaml)`);
    }
    const dir = path.relative(process.cwd(), path.dirname(folder)) || '.';
    if (configDir !== undefined && path.resolve(configDir) !== path.resolve(dir)) {
      throw new UsageError(`${arg} is not in ${configDir}/jurisdictions (give files from one config folder)`);
    }
    configDir = dir;
    ids.push(path.basename(arg).replace(/\.ya?ml$/, ''));
  }
  configDir ??= 'config';
  const folder = path.join(configDir, 'jurisdictions');
  const known = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, '')).sort() : [];
  for (const id of ids) {
    if (known.includes(id)) continue;
    const hint = closest(id, known);
    const file = path.join(folder, `${id}.yaml`).split(path.sep).join('/');
    throw new UsageError(`no jurisdiction file ${file}${hint ? `, did you mean "${hint}"?` : ''} (known: ${known.join(', ') || 'none'})`);
  }
  return { configDir, only: ids.length > 0 ? ids : undefined };
}

/** `gcck validate [--config-dir DIR] [ID or FILE...]`: runs every check `cdk synth` runs, without bundling or writing cdk.out. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check jurisdiction config files and report every problem',
  usage: 'gcck validate [--config-dir DIR] [JURISDICTION_ID|FILE ...]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { 'config-dir': 'string' });
    const targets = validateTargets(positional, options['config-dir'] === undefined ? undefined : String(options['config-dir']));
    try {
      const result = validateKit({
        ...targets,
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
