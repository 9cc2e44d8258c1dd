import * as fs from 'fs';
import * as path from 'path';
import { crossCheck } from './cross-checks';
import { ConfigError, formatPath } from './errors';
import { displayPath } from './display-path';
import { deepFreeze, readYamlFile } from './files';
import { JurisdictionConfig, jurisdictionSchema } from './schema';
import { allowedKeysAt, closest, formatZodIssues } from './zod-issues';

/** The validated jurisdictions and any warnings (e.g. a default quota exceeded). */
export interface LoadedJurisdictions {
  /** One frozen config per selected jurisdiction, in file-name order. */
  readonly configs: readonly JurisdictionConfig[];
  /** Each config's file as messages show it (same order as `configs`), e.g. `config/jurisdictions/riverton-311.yaml`. */
  readonly files: readonly string[];
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
  /**
   * The date holiday calendars are compared with (tests fix it).
   * @default - now
   */
  readonly today?: Date;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `over` onto `under`: mappings merge key by key, anything else (lists included) in `over` wins. */
export function mergeUnder(under: unknown, over: unknown): unknown {
  if (!isPlain(under) || !isPlain(over)) return over === undefined ? under : over;
  const out: Plain = { ...under };
  for (const [key, value] of Object.entries(over)) {
    // defineProperty, not assignment: a YAML key "__proto__" must stay a key (and fail as unknown),
    // not become the prototype of the merged mapping.
    Object.defineProperty(out, key, { value: mergeUnder(Object.hasOwn(under, key) ? under[key] : undefined, value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** True if `data` holds a value at `keyPath` (an own key or list index at every step). */
function holds(data: unknown, keyPath: readonly PropertyKey[]): boolean {
  let current = data;
  for (const key of keyPath) {
    if (Array.isArray(current) && typeof key === 'number' && key < current.length) current = current[key];
    else if (isPlain(current) && typeof key === 'string' && Object.hasOwn(current, key)) current = current[key];
    else return false;
  }
  return true;
}

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Strings (values and keys) that are not well-formed Unicode: a lone UTF-16 surrogate, as a YAML
 * "\uD800" escape gives, makes a template CloudFormation cannot parse.
 */
export function textProblems(file: string, data: unknown, keyPath: PropertyKey[] = []): string[] {
  const problems: string[] = [];
  const what = 'holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not Unicode text (write the whole character, or remove it)';
  // One walk with one key path grown and shrunk in place: a file of thousands of entries, nearly
  // all fine, costs no array per value.
  const at = [...keyPath];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) problems.push(`${file}: ${formatPath(at)}: ${what}`);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        at.push(i);
        visit(value[i]);
        at.pop();
      }
    } else if (isPlain(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) problems.push(`${file}: ${formatPath(at)}: a key ${what}`);
        at.push(key);
        visit(child);
        at.pop();
      }
    }
  };
  visit(data);
  return problems;
}

/** What {@link checkJurisdictionFile} found in one file. */
export interface JurisdictionFileCheck {
  /** The validated config, frozen. @default - none: the file has problems */
  readonly config?: JurisdictionConfig;
  /** Every problem in the file, in the problem-line format. */
  readonly problems: string[];
  /** Warnings that do not stop synthesis (e.g. a default quota exceeded). */
  readonly warnings: string[];
}

/**
 * Validates one jurisdiction file with `defaults` merged underneath.
 * Returns the config, or the complete list of problems in the file.
 *
 * @param file the jurisdiction file
 * @param defaults the parsed defaults, merged underneath the file
 * @param defaultsFile where `defaults` came from: a schema problem in a value only the defaults
 *   supply is reported against that file rather than the jurisdiction file
 * @param today the date holidays are compared with; @default - now
 */
export function checkJurisdictionFile(file: string, defaults: unknown = {}, defaultsFile?: string, today?: Date): JurisdictionFileCheck {
  return checkJurisdiction(file, defaults, defaultsFile, today).check;
}

/**
 * {@link checkJurisdictionFile}, and the file's parsed YAML before the defaults are merged in,
 * valid or not (undefined if it could not be read or parsed): the alias-clash check reads that
 * rather than parsing the file a second time.
 */
function checkJurisdiction(file: string, defaults: unknown, defaultsFile: string | undefined, today: Date | undefined): { check: JurisdictionFileCheck; data: unknown } {
  const problems: string[] = [];
  const raw = readYamlFile(file, problems);
  if (raw === undefined) return { check: { problems, warnings: [] }, data: undefined };
  const shown = displayPath(file);
  if (!isPlain(raw)) {
    return { check: { problems: [`${shown}: (top level): expected a mapping of settings, received ${Array.isArray(raw) ? 'a list' : typeof raw}`], warnings: [] }, data: raw };
  }
  problems.push(...textProblems(shown, raw));
  const merged = mergeUnder(defaults, raw);
  const parsed = jurisdictionSchema.safeParse(merged, { reportInput: true });
  if (!parsed.success) {
    const fromDefaults = (keyPath: readonly PropertyKey[]) => defaultsFile !== undefined && !holds(raw, keyPath) && holds(defaults, keyPath);
    const shownDefaults = defaultsFile === undefined ? shown : displayPath(defaultsFile);
    // A misspelt required key ("displayname") is both unknown and, spelt right, missing: the
    // unknown-key line already says "did you mean", so the missing-key line is left out.
    const nearMisses = new Set<string>();
    for (const issue of parsed.error.issues) {
      if (issue.code !== 'unrecognized_keys') continue;
      const allowed = allowedKeysAt(jurisdictionSchema, issue.path);
      for (const key of issue.keys) {
        const hint = closest(key, allowed);
        if (hint !== undefined) nearMisses.add(JSON.stringify([...issue.path, hint]));
      }
    }
    const missing = (issue: (typeof parsed.error.issues)[number]) => (issue as { input?: unknown }).input === undefined && issue.code !== 'unrecognized_keys';
    for (const issue of parsed.error.issues) {
      if (missing(issue) && nearMisses.has(JSON.stringify(issue.path))) continue;
      // An unknown-keys issue may name keys from both files: split it one key per issue.
      const split = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ ...issue, keys: [key] })) : [issue];
      for (const one of split) {
        const keyPath = one.code === 'unrecognized_keys' ? [...one.path, ...one.keys] : one.path;
        problems.push(...formatZodIssues(fromDefaults(keyPath) ? shownDefaults : shown, jurisdictionSchema, [one]));
      }
    }
  }
  const cross = crossCheck(shown, parsed.success ? parsed.data : merged, today);
  problems.push(...cross.problems);
  const config = problems.length === 0 && parsed.success ? deepFreeze(parsed.data) : undefined;
  return { check: { config, problems, warnings: cross.warnings }, data: raw };
}

/**
 * Loads and validates the jurisdictions in `configDir`. Every problem in every selected
 * file is collected first; if there is any, one {@link ConfigError} lists them all.
 */
export function loadJurisdictions(options: LoadOptions): LoadedJurisdictions {
  const dir = path.join(options.configDir, 'jurisdictions');
  const problems: string[] = [];
  const defaultsFile = path.join(options.configDir, 'defaults.yaml');
  const defaults = fs.existsSync(defaultsFile) ? readYamlFile(defaultsFile, problems) : {};
  if (defaults !== undefined && !isPlain(defaults)) problems.push(`${displayPath(defaultsFile)}: (top level): expected a mapping of settings`);

  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const known = files.map((f) => f.replace(/\.ya?ml$/, ''));
  if (files.length === 0) problems.push(`${displayPath(dir)}: (folder): holds no jurisdiction files (add <id>.yaml)`);
  known.forEach((id, i) => {
    if (known.indexOf(id) !== i) problems.push(`${displayPath(path.join(dir, files[i]))}: (file): jurisdiction ${id} is also defined by ${files[known.indexOf(id)]} (keep one file per id)`);
  });
  for (const id of options.only ?? []) {
    if (known.includes(id)) continue;
    const hint = closest(id, known);
    // Named by the file looked for, not by a flag: `cdk synth -c jurisdiction=` and every gcck
    // `--jurisdiction` come through here.
    const missing = displayPath(path.join(dir, `${id}.yaml`));
    problems.push(`${missing}: (file): jurisdiction ${JSON.stringify(id)} has no file${hint ? `, did you mean "${hint}"?` : ''} (known: ${known.join(', ') || 'none'})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const selected = options.only && options.only.length > 0 ? files.filter((_, i) => options.only!.includes(known[i])) : files;
  const configs: JurisdictionConfig[] = [];
  const configFiles: string[] = [];
  const warnings: string[] = [];
  const selectedAliases = new Map<string, string | undefined>();
  for (const file of selected) {
    const { check: result, data } = checkJurisdiction(path.join(dir, file), defaults, defaultsFile, options.today);
    problems.push(...result.problems);
    warnings.push(...result.warnings);
    if (result.config) {
      configs.push(result.config);
      configFiles.push(displayPath(path.join(dir, file)));
    }
    selectedAliases.set(file, result.config ? result.config.instance.alias : aliasIn(mergeUnder(defaults, data)));
  }
  const clashes = aliasClashes(dir, files, selected, defaults, selectedAliases);
  problems.push(...clashes.problems);
  warnings.push(...clashes.warnings);
  // A mistake in defaults.yaml is found once per jurisdiction file: report it once.
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return { configs, files: configFiles, warnings };
}

/** The instance alias in unvalidated settings (a file's with the defaults merged underneath), if any. */
function aliasIn(merged: unknown): string | undefined {
  const instance = isPlain(merged) ? merged.instance : undefined;
  return isPlain(instance) && typeof instance.alias === 'string' ? instance.alias : undefined;
}

/** The instance alias a jurisdiction file sets (defaults underneath), read without validating the file. */
function aliasOf(file: string, defaults: unknown): string | undefined {
  return aliasIn(mergeUnder(defaults, readYamlFile(file, [])));
}

/**
 * Instance aliases two files share, across every file in the folder (not only the selected
 * ones: a file copied from another with only its id changed keeps the original's alias, and
 * would take over its login URL). The copy is the file whose alias does not start with its
 * own id; when that does not tell them apart, every file of the pair is blamed. A clash only
 * an unselected file is blamed for is a warning, so the original can still be built alone.
 *
 * Only a clash involving a selected file is reported, so an unselected file is parsed only if
 * it can hold a selected alias: its text contains one, or it sets none and the defaults' alias
 * is one (YAML parsing is about 20 ms a file: `-c jurisdiction=` one of 50 must not pay for
 * the other 49). An alias is letters, digits and hyphens, which a YAML file cannot spell
 * without writing them out.
 *
 * @param selectedAliases the alias of each selected file, from its check (the file is not parsed again)
 */
function aliasClashes(
  dir: string,
  files: readonly string[],
  selected: readonly string[],
  defaults: unknown,
  selectedAliases: ReadonlyMap<string, string | undefined>,
): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const aliases = new Map<string, string | undefined>();
  for (const file of selected) aliases.set(file, selectedAliases.get(file));
  const wanted = [...new Set(aliases.values())].filter((alias): alias is string => alias !== undefined);
  const defaultAlias = aliasIn(defaults);
  const inheritsWanted = defaultAlias !== undefined && wanted.includes(defaultAlias);
  for (const file of files) {
    if (aliases.has(file) || wanted.length === 0) continue;
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, file), 'utf8');
    } catch {
      continue; // unselected and unreadable: nothing it could clash with is known
    }
    if (inheritsWanted || wanted.some((alias) => text.includes(alias))) aliases.set(file, aliasOf(path.join(dir, file), defaults));
  }
  const byAlias = new Map<string, string[]>();
  for (const file of files) {
    const alias = aliases.get(file);
    if (alias !== undefined) byAlias.set(alias, [...(byAlias.get(alias) ?? []), file]);
  }
  const idOf = (file: string) => file.replace(/\.ya?ml$/, '');
  for (const [alias, sharing] of byAlias) {
    if (sharing.length < 2) continue;
    const copies = sharing.filter((file) => !alias.startsWith(idOf(file)));
    const blamed = copies.length === 0 || copies.length === sharing.length ? sharing : copies;
    for (const file of blamed) {
      const others = sharing.filter((f) => f !== file).map((f) => displayPath(path.join(dir, f)));
      const line = `${displayPath(path.join(dir, file))}: instance.alias: ${JSON.stringify(alias)} is also the alias of ${others.join(', ')} (aliases are globally unique: give each jurisdiction its own, e.g. "${idOf(file)}-cc")`;
      if (selected.includes(file)) problems.push(line);
      else if (sharing.some((f) => selected.includes(f))) warnings.push(line);
    }
  }
  return { problems, warnings };
}
