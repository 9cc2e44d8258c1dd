import * as fs from 'fs';
import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { BotFinding, findingsOf, formatFinding } from '../bots/lint';
import { BOTS_DIR, checkBotFile, displayPath } from '../bots/loader';
import { REGION_CAPABILITIES } from '../config/regions';
import { closest } from '../config/zod-issues';

/** Splits a problem line `<file>: <key path>: <message>` into finding fields. */
function problemFinding(file: string, line: string): BotFinding {
  const rest = line.startsWith(`${file}: `) ? line.slice(file.length + 2) : line;
  const split = rest.indexOf(': ');
  return {
    file,
    path: split < 0 ? '(file)' : rest.slice(0, split),
    ruleId: 'schema',
    severity: 'error',
    message: split < 0 ? rest : rest.slice(split + 2),
  };
}

/** The bot definition files named by the arguments: files as given, folders' `*.yaml` (not recursive). */
function botFiles(targets: readonly string[]): string[] {
  const files: string[] = [];
  for (const target of targets) {
    if (!fs.existsSync(target)) throw new UsageError(`${target} does not exist (give bot definition files or folders, e.g. ${BOTS_DIR})`);
    if (fs.statSync(target).isDirectory()) {
      files.push(
        ...fs
          .readdirSync(target)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => path.join(target, f)),
      );
    } else {
      files.push(target);
    }
  }
  return files;
}

/**
 * `gcck lint-bots [--format text|json] [--strict] [--region R] [--min-utterances N] [FILE|DIR ...]`:
 * validates and lints bot definitions. Exit 0 when clean (warnings allowed unless `--strict`),
 * 1 on any error.
 */
export const lintBotsCommand: Command = {
  name: 'lint-bots',
  summary: 'check Lex bot definitions (schema, locale parity, utterances, slots, region locales)',
  usage: `gcck lint-bots [--format text|json] [--strict] [--region REGION] [--min-utterances N] [FILE|DIR ...]   (default: ${BOTS_DIR})`,
  async run(args, io) {
    const { positional, options } = parseArgs(args, { format: 'string', strict: 'boolean', region: 'string', 'min-utterances': 'string' });
    const format = String(options.format ?? 'text');
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(format)}`);
    const regions = Object.keys(REGION_CAPABILITIES);
    const region = String(options.region ?? 'us-gov-west-1');
    if (!regions.includes(region)) {
      const hint = closest(region, regions);
      throw new UsageError(`--region ${JSON.stringify(region)} is not a region the kit knows${hint ? `, did you mean "${hint}"?` : ''} (known: ${regions.join(', ')})`);
    }
    const min = options['min-utterances'] === undefined ? undefined : Number(options['min-utterances']);
    if (min !== undefined && (!Number.isInteger(min) || min < 1)) throw new UsageError('--min-utterances must be a whole number of at least 1');

    const files = botFiles(positional.length > 0 ? positional : [BOTS_DIR]);
    const findings: BotFinding[] = [];
    for (const file of files) {
      const check = checkBotFile(file, { region: region as keyof typeof REGION_CAPABILITIES, minUtterances: min });
      findings.push(...check.problems.map((line) => problemFinding(check.file, line)), ...check.findings);
    }
    const errors = findingsOf(findings, 'error');
    const warnings = findingsOf(findings, 'warning');
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

    if (format === 'json') {
      io.out(JSON.stringify({ region, files: files.map(displayPath), errors: errors.length, warnings: warnings.length, findings }, null, 2));
    } else {
      for (const finding of errors) io.out(`error: ${formatFinding(finding)}`);
      for (const finding of warnings) io.out(`warning: ${formatFinding(finding)}`);
      io.out(`${plural(files.length, 'bot definition')} checked for ${region}: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}`);
    }
    if (files.length === 0) {
      io.err(`gcck lint-bots: no bot definitions (*.yaml) found in ${positional.join(', ') || BOTS_DIR}`);
      return 1;
    }
    return errors.length > 0 || (options.strict === true && warnings.length > 0) ? 1 : 0;
  },
};
