import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { crossCheck } from './cross-checks';
import { ConfigError } from './errors';
import { JurisdictionConfig, jurisdictionSchema } from './schema';
import { formatZodIssues } from './zod-issues';

/** The validated jurisdictions and any warnings (e.g. a default quota exceeded). */
export interface LoadedJurisdictions {
  /** One frozen config per selected jurisdiction, in file-name order. */
  readonly configs: readonly JurisdictionConfig[];
  /** Warnings that do not stop synthesis, in the problem-line format. */
  readonly warnings: readonly string[];
}

/** Options for {@link loadJurisdictions}. */
export interface LoadOptions {
  /** Folder holding `jurisdictions/*.yaml` and an optional `defaults.yaml`. */
  readonly configDir: string;
  /**
   * Jurisdiction ids to load (comma-separated on the command line).
   * @default - every jurisdiction in the folder
   */
  readonly only?: readonly string[];
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `over` onto `under`: mappings merge key by key, anything else (lists included) in `over` wins. */
export function mergeUnder(under: unknown, over: unknown): unknown {
  if (!isPlain(under) || !isPlain(over)) return over === undefined ? under : over;
  const out: Plain = { ...under };
  for (const [key, value] of Object.entries(over)) out[key] = mergeUnder(under[key], value);
  return out;
}

function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}

/** Reads a YAML file into plain data; syntax errors become problem lines with line and column. */
function readYaml(file: string, problems: string[]): unknown {
  const shown = display(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    problems.push(`${shown}: (file): cannot be read (${(e as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    return undefined;
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = error.linePos?.[0];
      problems.push(`${shown}: (line ${pos?.line ?? '?'}, column ${pos?.col ?? '?'}): invalid YAML: ${error.message.split('\n')[0]}`);
    }
    return undefined;
  }
  return doc.toJS() ?? {};
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates one jurisdiction file with `defaults` merged underneath.
 * Returns the config, or the complete list of problems in the file.
 */
export function checkJurisdictionFile(
  file: string,
  defaults: unknown = {},
): { config?: JurisdictionConfig; problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const raw = readYaml(file, problems);
  if (raw === undefined) return { problems, warnings: [] };
  const shown = display(file);
  if (!isPlain(raw)) {
    return { problems: [`${shown}: (top level): expected a mapping of settings, received ${Array.isArray(raw) ? 'a list' : typeof raw}`], warnings: [] };
  }
  const merged = mergeUnder(defaults, raw);
  const parsed = jurisdictionSchema.safeParse(merged, { reportInput: true });
  if (!parsed.success) problems.push(...formatZodIssues(shown, jurisdictionSchema, parsed.error.issues));
  const cross = crossCheck(shown, parsed.success ? parsed.data : merged);
  problems.push(...cross.problems);
  return { config: problems.length === 0 && parsed.success ? deepFreeze(parsed.data) : undefined, problems, warnings: cross.warnings };
}

/**
 * Loads and validates the jurisdictions in `configDir`. Every problem in every selected
 * file is collected first; if there is any, one {@link ConfigError} lists them all.
 */
export function loadJurisdictions(options: LoadOptions): LoadedJurisdictions {
  const dir = path.join(options.configDir, 'jurisdictions');
  const problems: string[] = [];
  const defaultsFile = path.join(options.configDir, 'defaults.yaml');
  const defaults = fs.existsSync(defaultsFile) ? readYaml(defaultsFile, problems) : {};
  if (defaults !== undefined && !isPlain(defaults)) problems.push(`${display(defaultsFile)}: (top level): expected a mapping of settings`);

  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const known = files.map((f) => f.replace(/\.ya?ml$/, ''));
  if (files.length === 0) problems.push(`${display(dir)}: (folder): holds no jurisdiction files (add <id>.yaml)`);
  for (const id of options.only ?? []) {
    if (!known.includes(id)) problems.push(`-c jurisdiction: ${JSON.stringify(id)} is not a jurisdiction (known: ${known.join(', ') || 'none'})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const selected = options.only && options.only.length > 0 ? files.filter((_, i) => options.only!.includes(known[i])) : files;
  const configs: JurisdictionConfig[] = [];
  const warnings: string[] = [];
  const aliases = new Map<string, string>();
  for (const file of selected) {
    const result = checkJurisdictionFile(path.join(dir, file), defaults);
    problems.push(...result.problems);
    warnings.push(...result.warnings);
    if (!result.config) continue;
    const alias = result.config.instance.alias;
    const other = aliases.get(alias);
    if (other) problems.push(`${display(path.join(dir, file))}: instance.alias: "${alias}" is already used by jurisdiction ${other} (aliases are globally unique)`);
    aliases.set(alias, result.config.id);
    configs.push(result.config);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { configs, warnings };
}
