/**
 * Config fuzzing: seeded mutations of an example jurisdiction file, and a classifier of what the
 * kit's validation path does with each. Shared by test/config/fuzz.test.ts (a few hundred cases,
 * config-level checks for all, the full app build for a sample) and bench/validate-fuzz.ts (a
 * larger campaign that builds every accepted case and prints the table).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../../lib/config/errors';
import { FlowError } from '../../lib/flows/errors';
import { EXAMPLES_CONFIG_DIR } from './example-paths';


/** A key path into plain YAML data. */
type KeyPath = ReadonlyArray<string | number>;

/** One change to a parsed jurisdiction file (targets are indexes into the candidate paths, modulo). */
export type Mutation =
  | { readonly kind: 'delete-key'; readonly target: number }
  | { readonly kind: 'wrong-type'; readonly target: number; readonly value: unknown }
  | { readonly kind: 'duplicate-item'; readonly target: number; readonly times: number }
  | { readonly kind: 'number'; readonly target: number; readonly value: number }
  | { readonly kind: 'unicode'; readonly target: number; readonly value: string }
  | { readonly kind: 'alias'; readonly target: number; readonly source: number }
  | { readonly kind: 'alias-bomb'; readonly target: number; readonly width: number; readonly depth: number }
  | { readonly kind: 'special-key'; readonly target: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'grow'; readonly list: GrowableList; readonly times: number }
  | { readonly kind: 'text'; readonly edit: 'truncate' | 'duplicate-line' | 'tab-indent'; readonly at: number };

/** Lists whose entries have a unique `name`: growing one keeps the file valid up to the stack limit. */
export type GrowableList = 'hours' | 'queues' | 'routingProfiles' | 'quickConnects' | 'agentStatuses' | 'phoneNumbers';
const GROWABLE: readonly GrowableList[] = ['hours', 'queues', 'routingProfiles', 'quickConnects', 'agentStatuses', 'phoneNumbers'];

/** A mutated jurisdiction file: what was done and the resulting text. */
export interface FuzzCase {
  readonly index: number;
  readonly example: 'riverton-311' | 'pinecrest-benefits';
  readonly mutations: readonly Mutation[];
  readonly text: string;
}

/** How the validation path ended for one case. */
export type Outcome = 'accepted' | 'clear-error' | 'unclear-error' | 'stack-trace';

/** The result of one case. */
export interface CaseResult {
  readonly outcome: Outcome;
  readonly ms: number;
  /**
   * CPU time (user + system) this process spent on the case: what the case itself costs, whatever
   * else the machine runs (a shared 2-core machine at load 25 stretched a 1.3 s case to 10.6 s of wall).
   */
  readonly cpuMs: number;
  /** The error message (or its first lines), for reporting a failure. */
  readonly detail?: string;
}

const UNICODE = [
  'City of Riverton \uD800 311', // lone high surrogate
  '\uDC00', // lone low surrogate
  'Ciudad de Riverton 311 — atención ciudadana',
  '\u{1F4DE} hotline \u{1F1FA}\u{1F1F8}',
  '\u202Eevil\u202C',
  'zero\u200Bwidth',
  'e\u0301\u0301\u0301',
  'NUL\u0000byte',
  'new\nline',
  '日本語の名前',
  '',
  ' ',
  'x'.repeat(5000),
  '${queue:General}',
  '"quoted" \\ back',
];

const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'unknownSetting'];

const anyValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant(['a', 1]),
  fc.constant({ name: 'x' }),
);

/**
 * One Unicode code point other than a surrogate, as fast-check's `unit: 'binary'` draws it (the
 * same draws: a natural number mapped over the two ranges either side of the surrogates). Given
 * as an arbitrary of our own because fast-check's builds a map of all 1.1 million code points to
 * read its built-in "dangerous strings" (`__proto__`, `constructor`, ...) back into code points:
 * a second of CPU at import, for 22 strings. This reverse mapping is arithmetic.
 */
const SURROGATES = 0xe000 - 0xd800;
const codePoint = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (n) => String.fromCodePoint(n < 0xd800 ? n : n + SURROGATES),
  (value) => {
    const point = typeof value === 'string' ? value.codePointAt(0) : undefined;
    if (point === undefined || String.fromCodePoint(point) !== value || (point >= 0xd800 && point < 0xe000)) throw new Error('not one non-surrogate code point');
    return point < 0xd800 ? point : point - SURROGATES;
  },
);

const numbers = fc.oneof(
  fc.constantFrom(0, -0, -1, -365, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1.5, 0.0001, Infinity, -Infinity, NaN, 1e21),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double({ noNaN: false }),
);

/**
 * Growing a list: a few entries, or (`toTheLimit`) also enough to reach the 500-resource stack
 * limit. Hours and routing profiles are large entries (a 600-entry file takes seconds just to
 * write and parse), so they grow to the tens only.
 */
function growArbitrary(toTheLimit: boolean): fc.Arbitrary<Mutation> {
  return fc.constantFrom(...GROWABLE).chain((list) =>
    fc.record({
      kind: fc.constant('grow' as const),
      list: fc.constant(list),
      times: !toTheLimit
        ? fc.integer({ min: 1, max: 20 })
        : list === 'hours' || list === 'routingProfiles'
          ? fc.integer({ min: 1, max: 60 })
          : fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 400, max: 600 })),
    }),
  );
}

/**
 * The fast-check arbitrary of one mutation. Mutations that can keep a file valid (growing a list,
 * unicode text, an alias) weigh more, so that a fair share of cases reaches the app build.
 *
 * @param toTheLimit whether grown lists may reach the 500-resource stack limit (files of tens of
 *   kilobytes, most of a campaign's CPU time) or grow by at most 20 entries; @default true
 */
export function mutationArbitrary(toTheLimit = true): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { arbitrary: growArbitrary(toTheLimit), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('unicode' as const), target: fc.nat(), value: fc.constantFrom(...UNICODE) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('alias' as const), target: fc.nat(), source: fc.nat() }), weight: 2 },
    fc.record({ kind: fc.constant('delete-key' as const), target: fc.nat() }),
    fc.record({ kind: fc.constant('wrong-type' as const), target: fc.nat(), value: anyValue }),
    fc.record({ kind: fc.constant('duplicate-item' as const), target: fc.nat(), times: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 120 })) }),
    fc.record({ kind: fc.constant('number' as const), target: fc.nat(), value: numbers }),
    fc.record({ kind: fc.constant('unicode' as const), target: fc.nat(), value: fc.oneof(fc.constantFrom(...UNICODE), fc.string({ unit: codePoint, maxLength: 12 })) }),
    fc.record({ kind: fc.constant('alias' as const), target: fc.nat(), source: fc.nat() }),
    fc.record({ kind: fc.constant('alias-bomb' as const), target: fc.nat(), width: fc.integer({ min: 2, max: 10 }), depth: fc.integer({ min: 2, max: 9 }) }),
    fc.record({ kind: fc.constant('special-key' as const), target: fc.nat(), key: fc.constantFrom(...SPECIAL_KEYS), value: anyValue }),
    fc.record({ kind: fc.constant('text' as const), edit: fc.constantFrom('truncate' as const, 'duplicate-line' as const, 'tab-indent' as const), at: fc.nat() }),
  );
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every path in `data`, with the value there, parents before children. A node reached twice
 * (an alias, or an alias bomb) is listed once and not entered again.
 */
function paths(data: unknown, at: KeyPath = [], seen: Set<unknown> = new Set()): Array<{ path: KeyPath; value: unknown }> {
  const out: Array<{ path: KeyPath; value: unknown }> = [{ path: at, value: data }];
  if (typeof data !== 'object' || data === null || seen.has(data)) return out;
  seen.add(data);
  if (Array.isArray(data)) data.forEach((item, i) => out.push(...paths(item, [...at, i], seen)));
  else if (isPlain(data)) for (const [key, value] of Object.entries(data)) out.push(...paths(value, [...at, key], seen));
  return out;
}

function parentOf(data: unknown, at: KeyPath): unknown {
  let current = data;
  for (const key of at.slice(0, -1)) current = (current as Record<string | number, unknown>)[key];
  return current;
}

/** Sets (or, for a plain key, defines: `__proto__` stays a key) the value at a path. */
function put(data: unknown, at: KeyPath, value: unknown): void {
  const parent = parentOf(data, at) as Record<string | number, unknown>;
  Object.defineProperty(parent, at[at.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/** Applies one structural mutation to plain data in place (text edits are applied after rendering). */
function applyMutation(data: Record<string, unknown>, mutation: Mutation): void {
  const all = paths(data).filter((p) => p.path.length > 0);
  switch (mutation.kind) {
    case 'delete-key': {
      const target = pick(all.filter((p) => typeof p.path[p.path.length - 1] === 'string'), mutation.target);
      if (target) delete (parentOf(data, target.path) as Record<string, unknown>)[target.path[target.path.length - 1] as string];
      return;
    }
    case 'wrong-type':
    case 'number': {
      const candidates = mutation.kind === 'number' ? all.filter((p) => typeof p.value === 'number' || typeof p.value === 'string') : all;
      const target = pick(candidates, mutation.target);
      if (target) put(data, target.path, mutation.value);
      return;
    }
    case 'duplicate-item': {
      const lists = all.filter((p) => Array.isArray(p.value) && p.value.length > 0);
      const target = pick(lists, mutation.target);
      if (!target) return;
      const list = target.value as unknown[];
      const item = list[mutation.target % list.length];
      for (let i = 0; i < mutation.times; i++) list.push(structuredClone(item));
      return;
    }
    case 'unicode': {
      const target = pick(all.filter((p) => typeof p.value === 'string'), mutation.target);
      if (target) put(data, target.path, mutation.value);
      return;
    }
    case 'alias': {
      // The same object in two places: the YAML text gets an anchor and an alias.
      const objects = all.filter((p) => typeof p.value === 'object' && p.value !== null);
      const source = pick(objects, mutation.source);
      const target = pick(all, mutation.target);
      if (source && target && !target.path.join('.').startsWith(source.path.join('.'))) put(data, target.path, source.value);
      return;
    }
    case 'alias-bomb': {
      let node: unknown = ['lol'];
      for (let i = 0; i < mutation.depth; i++) node = Array(mutation.width).fill(node);
      const target = pick(all, mutation.target);
      if (target) put(data, target.path, node);
      return;
    }
    case 'special-key': {
      const mappings = [{ path: [] as KeyPath, value: data as unknown }, ...all].filter((p) => isPlain(p.value));
      const target = pick(mappings, mutation.target);
      if (target) Object.defineProperty(target.value, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
      return;
    }
    case 'grow': {
      // Copies of the first entry under new names ("-" for phone numbers, whose names take no spaces).
      const list = data[mutation.list];
      if (!Array.isArray(list) || list.length === 0 || !isPlain(list[0])) return;
      const first = list[0] as Record<string, unknown>;
      const separator = mutation.list === 'phoneNumbers' ? '-' : ' ';
      for (let i = 1; i <= mutation.times; i++) list.push({ ...structuredClone(first), name: `${String(first.name)}${separator}${i}` });
      return;
    }
    case 'text':
      return;
  }
}

function applyText(text: string, mutation: Extract<Mutation, { kind: 'text' }>): string {
  const lines = text.split('\n');
  const line = mutation.at % Math.max(lines.length, 1);
  switch (mutation.edit) {
    case 'truncate':
      return text.slice(0, mutation.at % Math.max(text.length, 1));
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n');
    case 'tab-indent':
      return [...lines.slice(0, line), `\t${lines[line]}`, ...lines.slice(line + 1)].join('\n');
  }
}

const examples = new Map<string, Record<string, unknown>>();
function parsedExample(example: FuzzCase['example']): Record<string, unknown> {
  const parsed = examples.get(example) ?? (parse(fs.readFileSync(path.join(EXAMPLES_CONFIG_DIR, 'jurisdictions', `${example}.yaml`), 'utf8')) as Record<string, unknown>);
  examples.set(example, parsed);
  return parsed;
}

/** Renders a mutated example: structural mutations on the parsed file, then text edits. */
export function renderCase(index: number, example: FuzzCase['example'], mutations: readonly Mutation[]): FuzzCase {
  const data = structuredClone(parsedExample(example));
  for (const mutation of mutations) applyMutation(data, mutation);
  let text = stringify(data, { aliasDuplicateObjects: true });
  for (const mutation of mutations) if (mutation.kind === 'text') text = applyText(text, mutation);
  return { index, example, mutations, text };
}

/** Options of {@link fuzzCases}. */
export interface FuzzCaseOptions {
  /** Whether grown lists may reach the 500-resource stack limit (see {@link mutationArbitrary}). @default true */
  readonly growToTheLimit?: boolean;
}

/** `count` cases from `seed`: half with one mutation, half with two or three, of either example. */
export function fuzzCases(seed: number, count: number, options: FuzzCaseOptions = {}): FuzzCase[] {
  const mutation = mutationArbitrary(options.growToTheLimit ?? true);
  const arbitrary = fc.record({
    example: fc.constantFrom('riverton-311' as const, 'pinecrest-benefits' as const),
    mutations: fc.oneof(fc.array(mutation, { minLength: 1, maxLength: 1 }), fc.array(mutation, { minLength: 2, maxLength: 3 })),
  });
  return fc.sample(arbitrary, { seed, numRuns: count }).map((c, i) => renderCase(i, c.example, c.mutations));
}

/** Writes a case as a config folder (config/defaults.yaml + the mutated file) under `parent`. */
export function writeCase(parent: string, fuzzCase: FuzzCase): string {
  const dir = fs.mkdtempSync(path.join(parent, `case-${fuzzCase.index}-`));
  fs.mkdirSync(path.join(dir, 'jurisdictions'));
  fs.copyFileSync(path.join(EXAMPLES_CONFIG_DIR, 'defaults.yaml'), path.join(dir, 'defaults.yaml'));
  fs.writeFileSync(path.join(dir, 'jurisdictions', `${fuzzCase.example}.yaml`), fuzzCase.text);
  // The examples' recorded prompts (prompts/<id>/*.wav) sit beside jurisdictions/, as in config/.
  fs.cpSync(path.join(EXAMPLES_CONFIG_DIR, 'prompts'), path.join(dir, 'prompts'), { recursive: true });
  return dir;
}

/**
 * One config folder per example under `parent`, reused from case to case: the defaults and
 * recorded prompts are copied once, and {@link CaseFolders.write} replaces the jurisdiction file.
 * Hundreds of cases then cost hundreds of file writes, not hundreds of folder copies.
 */
export class CaseFolders {
  private readonly folders = new Map<FuzzCase['example'], string>();

  constructor(private readonly parent: string) {}

  /** Writes a case's jurisdiction file into its example's folder; returns the folder. */
  write(fuzzCase: FuzzCase): string {
    let dir = this.folders.get(fuzzCase.example);
    if (dir === undefined) {
      dir = writeCase(this.parent, fuzzCase);
      this.folders.set(fuzzCase.example, dir);
    } else {
      // Removed first, not overwritten: ext4 flushes a file truncated and written again to disk
      // on close (auto_da_alloc), about 3 ms of wall time a case here; a new file is not flushed.
      const file = path.join(dir, 'jurisdictions', `${fuzzCase.example}.yaml`);
      fs.rmSync(file, { force: true });
      fs.writeFileSync(file, fuzzCase.text);
    }
    return dir;
  }
}

/** A temporary folder for case folders; remove it with fs.rmSync when done. */
export function fuzzScratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-fuzz-'));
}

/**
 * A problem line is clear when it reads `<file>: <key>: <what>`: the file is one the user can
 * open (a YAML or JSON file), the key is non-empty, and it is not the net for construct throws
 * no config check foresaw (those are bugs to fix with a real check).
 */
export function isClearLine(line: string): boolean {
  const match = /^(\S[^\n]*?\.(?:ya?ml|json)): ([^\n]+?): ([^\n]+)$/.exec(line);
  return match !== null && !line.includes("the kit's config checks missed this") && !/\n\s+at /.test(line);
}

/** Runs `check` on a case folder and classifies the ending. */
export function classify(check: () => unknown): CaseResult {
  const started = Date.now();
  const cpuStarted = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(cpuStarted);
    return Math.round((used.user + used.system) / 1000);
  };
  try {
    check();
    return { outcome: 'accepted', ms: Date.now() - started, cpuMs: cpuMs() };
  } catch (error) {
    const ms = Date.now() - started;
    const cpu = cpuMs();
    if (error instanceof ConfigError) {
      const clear = error.problems.every(isClearLine);
      return { outcome: clear ? 'clear-error' : 'unclear-error', ms, cpuMs: cpu, detail: error.problems.filter((p) => !isClearLine(p)).slice(0, 3).join('\n') };
    }
    if (error instanceof FlowError) {
      const lines = error.message.split('\n').slice(1).map((l) => l.trim());
      const clear = lines.every(isClearLine);
      return { outcome: clear ? 'clear-error' : 'unclear-error', ms, cpuMs: cpu, detail: lines.slice(0, 3).join('\n') };
    }
    return { outcome: 'stack-trace', ms, cpuMs: cpu, detail: error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error) };
  }
}

/** The table the fuzz reports: tried / clear error / accepted / unclear error / stack trace / over 10 s. */
export interface FuzzTally {
  tried: number;
  clearError: number;
  accepted: number;
  unclearError: number;
  stackTrace: number;
  over10s: number;
  slowestMs: number;
}

/** Adds one result to a tally. */
export function count(tally: FuzzTally, result: CaseResult): void {
  tally.tried++;
  if (result.outcome === 'accepted') tally.accepted++;
  else if (result.outcome === 'clear-error') tally.clearError++;
  else if (result.outcome === 'unclear-error') tally.unclearError++;
  else tally.stackTrace++;
  if (result.ms > 10_000) tally.over10s++;
  tally.slowestMs = Math.max(tally.slowestMs, result.ms);
}

/** An empty tally. */
export function emptyTally(): FuzzTally {
  return { tried: 0, clearError: 0, accepted: 0, unclearError: 0, stackTrace: 0, over10s: 0, slowestMs: 0 };
}
