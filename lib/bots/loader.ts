import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, formatPath } from '../config/errors';
import { displayPath } from '../config/display-path';
import { deepFreeze, readYamlFile } from '../config/files';
import { REGION_CAPABILITIES } from '../config/regions';
import { closest, formatZodIssues } from '../config/zod-issues';
import { BotFinding, findingsOf, formatFinding, lintBot } from './lint';
import { BotDefinition, botSchema } from './schema';

/** Folder of the bot definitions, relative to the repository root. */
export const BOTS_DIR = 'config/bots';

/** Re-exported for the bot commands: how file names are shown in messages. */
export { displayPath };

/**
 * Problems in bot definition files: every problem found, one line each, in the config's form
 * `<file>: <key path>: <what is wrong> (<allowed>)`, lint findings ending with `[<rule id>]`.
 * It is a {@link ConfigError}, so the app prints it without a stack trace.
 */
export class BotDefinitionError extends ConfigError {
  /** The lint findings among the problems (errors only), for tools that want the fields. */
  public readonly findings: readonly BotFinding[];

  constructor(problems: readonly string[], findings: readonly BotFinding[] = []) {
    super(problems);
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    this.message = `Bot definition has ${count}:\n${problems.map((p) => `  ${p}`).join('\n')}`;
    this.name = 'BotDefinitionError';
    this.findings = findings;
  }
}


/** Validates plain data against the bot schema; problems in the config's line format. */
export function parseBotDefinition(data: unknown, shown: string): { definition?: BotDefinition; problems: string[] } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { problems: [`${shown}: (top level): expected a mapping with name, locales and intents, received ${Array.isArray(data) ? 'a list' : typeof data}`] };
  }
  const parsed = botSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => {
      const input = (issue as { input?: unknown }).input;
      // YAML reads `- {caseNumber} please` as a mapping: say how to write it.
      if (issue.code === 'invalid_type' && issue.expected === 'string' && typeof input === 'object' && input !== null && !Array.isArray(input)) {
        return [`${shown}: ${formatPath(issue.path)}: expected a string, received a mapping (quote text that starts with "{", e.g. "{caseNumber} please")`];
      }
      return formatZodIssues(shown, botSchema, [issue]);
    });
    return { problems };
  }
  return { definition: parsed.data, problems: [] };
}

/** The result of checking one bot definition file. */
export interface BotFileCheck {
  /** The file as shown in messages. */
  readonly file: string;
  /** The definition, if the file parsed and matched the schema (lint errors may still exist). */
  readonly definition?: BotDefinition;
  /** YAML and schema problems, in the problem-line format (lint findings are separate). */
  readonly problems: readonly string[];
  /** Lint findings (errors and warnings); empty if the file did not match the schema. */
  readonly findings: readonly BotFinding[];
}

/** Options for checking bot definitions. */
export interface BotCheckOptions {
  /** The region the bot is deployed to; its Lex locales are the allowed ones. */
  readonly region: keyof typeof REGION_CAPABILITIES;
  /**
   * Fewest sample utterances per intent and locale before a warning.
   * @default 5
   */
  readonly minUtterances?: number;
}

/**
 * Reads, validates and lints one bot definition file. The `name` in the file must match the
 * file name (`config/bots/<name>.yaml`). Never throws on a bad file: everything is reported.
 */
export function checkBotFile(file: string, options: BotCheckOptions): BotFileCheck {
  const shown = displayPath(file);
  const problems: string[] = [];
  const data = readYamlFile(file, problems, shown);
  if (data === undefined) return { file: shown, problems, findings: [] };
  const { definition, problems: schemaProblems } = parseBotDefinition(data, shown);
  problems.push(...schemaProblems);
  if (!definition) return { file: shown, problems, findings: [] };
  const stem = path.basename(file).replace(/\.ya?ml$/, '');
  if (definition.name !== stem) problems.push(`${shown}: name: ${JSON.stringify(definition.name)} must match the file name (rename the file to ${definition.name}.yaml or set name: ${stem})`);
  const findings = lintBot(definition, {
    file: shown,
    allowedLocales: REGION_CAPABILITIES[options.region].lexLocales,
    region: options.region,
    minUtterances: options.minUtterances,
  });
  return { file: shown, definition: deepFreeze(definition), problems, findings };
}

/** Options for {@link loadBotDefinitions}. */
export interface LoadBotsOptions extends BotCheckOptions {
  /** Folder holding `<name>.yaml` bot definitions. */
  readonly botsDir: string;
  /** Bot names to load (a jurisdiction's `bots` list). */
  readonly names: readonly string[];
}

/**
 * Loads the named bot definitions for one region. Every problem in every file (YAML, schema,
 * file name, lint errors) is collected first; if there is any, one {@link BotDefinitionError}
 * lists them all. Lint warnings are returned in the problem-line format.
 */
export function loadBotDefinitions(options: LoadBotsOptions): { definitions: ReadonlyMap<string, BotDefinition>; warnings: string[] } {
  const problems: string[] = [];
  const errors: BotFinding[] = [];
  const warnings: string[] = [];
  const definitions = new Map<string, BotDefinition>();
  const available = fs.existsSync(options.botsDir) ? fs.readdirSync(options.botsDir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort() : [];
  for (const name of options.names) {
    if (!available.includes(name)) {
      const hint = closest(name, available);
      problems.push(`${displayPath(path.join(options.botsDir, `${name}.yaml`))}: (file): bot ${JSON.stringify(name)} has no definition${hint ? `, did you mean "${hint}"?` : ''} (defined: ${available.join(', ') || 'none'})`);
      continue;
    }
    const check = checkBotFile(path.join(options.botsDir, `${name}.yaml`), options);
    problems.push(...check.problems);
    const failed = findingsOf(check.findings, 'error');
    errors.push(...failed);
    problems.push(...failed.map(formatFinding));
    warnings.push(...findingsOf(check.findings, 'warning').map(formatFinding));
    if (check.definition && check.problems.length === 0 && failed.length === 0) definitions.set(name, check.definition);
  }
  if (problems.length > 0) throw new BotDefinitionError(problems, errors);
  return { definitions, warnings };
}
