import * as fs from 'fs';
import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { importLexExport, kebabName, LexImportError } from '../bots/import/lex-export';
import { findingsOf, formatFinding, lintBot } from '../bots/lint';
import { BOTS_DIR, displayPath } from '../bots/loader';
import { REGION_CAPABILITIES } from '../config/regions';

/**
 * `gcck import-bot <export-dir> [--out FILE] [--force]`: converts an unzipped Lex V2 console
 * export into a bot definition, lists every setting it could not carry over, and lints the
 * result for us-gov-west-1. Exit 0 when written, 1 when the export cannot be converted or
 * the output exists (without `--force`).
 */
export const importBotCommand: Command = {
  name: 'import-bot',
  summary: 'convert an unzipped Lex V2 bot export into config/bots/<name>.yaml',
  usage: `gcck import-bot <export-dir> [--out ${BOTS_DIR}/<name>.yaml] [--force]`,
  async run(args, io) {
    const { positional, options } = parseArgs(args, { out: 'string', force: 'boolean' });
    if (positional.length !== 1) throw new UsageError('give exactly one export folder (the unzipped Lex V2 export)');
    const [exportDir] = positional;
    if (!fs.existsSync(exportDir) || !fs.statSync(exportDir).isDirectory()) throw new UsageError(`${exportDir} is not a folder (unzip the export first)`);
    const out = options.out === undefined ? undefined : String(options.out);
    if (out !== undefined && !/\.ya?ml$/.test(out)) throw new UsageError(`--out ${out} must name a .yaml file`);
    const stem = out === undefined ? undefined : path.basename(out).replace(/\.ya?ml$/, '');
    if (stem !== undefined && kebabName(stem) !== stem) throw new UsageError(`--out file name ${stem}.yaml must be a bot name: lower-case letters, digits and "-"`);

    let result;
    try {
      result = importLexExport(exportDir, stem);
    } catch (error) {
      if (!(error instanceof LexImportError)) throw error;
      io.err(`gcck import-bot: ${error.message}`);
      return 1;
    }
    const target = out ?? path.join(BOTS_DIR, `${result.name}.yaml`);
    if (fs.existsSync(target) && options.force !== true) {
      io.err(`gcck import-bot: ${displayPath(target)} exists (use --force to overwrite, or --out another file)`);
      return 1;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, result.yaml);
    const shown = displayPath(target);
    io.out(`wrote ${shown}`);
    if (result.notCarried.length > 0) {
      io.out(`${result.notCarried.length} setting${result.notCarried.length === 1 ? ' was' : 's were'} not carried over:`);
      for (const line of result.notCarried) io.out(`  ${line}`);
    } else {
      io.out('every setting was carried over');
    }
    const findings = lintBot(result.definition, { file: shown, allowedLocales: REGION_CAPABILITIES['us-gov-west-1'].lexLocales, region: 'us-gov-west-1' });
    for (const finding of findingsOf(findings, 'error')) io.out(`error: ${formatFinding(finding)}`);
    for (const finding of findingsOf(findings, 'warning')) io.out(`warning: ${formatFinding(finding)}`);
    if (findings.length > 0) io.out(`fix the lint findings above before deploying (gcck lint-bots ${shown})`);
    return 0;
  },
};
