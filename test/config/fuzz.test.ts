import * as fs from 'fs';
import * as path from 'path';
import { validateKit } from '../../lib/cli/validate';
import { loadKitInputs } from '../../lib/kit-app';
import { SourceCache } from '../../lib/sources';
import { ConfigError } from '../../lib/config/errors';
import { CaseFolders, CaseResult, classify, count, emptyTally, FuzzCase, fuzzCases, fuzzScratch, isClearLine, renderCase, writeCase } from '../helpers/config-fuzz';

const ROOT = path.join(__dirname, '..', '..');
/** Fixed, so a failure reproduces; bench/validate-fuzz.ts takes others. */
const SEED = 20261127;
/**
 * A seeded sample (every mutation kind occurs). Its grown lists take at most 20 entries more:
 * lists grown to the 500-resource stack limit (tens of kilobytes of YAML each, which were most of
 * this file's CPU time as a fifth of the sample) are the cases of the second describe below.
 * bench/validate-fuzz.ts runs the larger campaign: 1,000 cases, lists grown to the limit among
 * them, every accepted one built.
 */
const CASES = 150;
/** Accepted cases of the sample that also go through the full app build here (the bench builds all of them). */
const BUILT = 2;

describe('seeded config fuzz: every mutation ends in success or a clear <file>: <key>: <what> error', () => {
  const scratch = fuzzScratch();
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const cases = fuzzCases(SEED, CASES, { growToTheLimit: false });
  const cache = new SourceCache();
  const folders = new CaseFolders(scratch);
  const results: Array<{ fuzzCase: FuzzCase; result: CaseResult }> = cases.map((fuzzCase) => {
    const dir = folders.write(fuzzCase);
    return { fuzzCase, result: classify(() => loadKitInputs({ configDir: dir }, ROOT, cache)) };
  });
  /**
   * Cases that end badly; `timed` also counts a case over 10 s as bad. The limit is on the case's
   * own CPU time: on an idle machine that is its wall time, and a loaded one (other jest workers,
   * other engineers) cannot make a fast case fail it.
   */
  const failures = (list: typeof results, timed = true) =>
    list.filter((r) => r.result.outcome === 'unclear-error' || r.result.outcome === 'stack-trace' || (timed && r.result.cpuMs > 10_000)).map((r) => ({
      index: r.fuzzCase.index,
      mutations: r.fuzzCase.mutations,
      outcome: r.result.outcome,
      ms: r.result.ms,
      cpuMs: r.result.cpuMs,
      detail: r.result.detail,
    }));

  test('the config, bot and flow checks end every case cleanly within 10 s of CPU time', () => {
    const tally = emptyTally();
    for (const { result } of results) count(tally, result);
    expect(failures(results)).toEqual([]);
    expect(tally).toEqual(expect.objectContaining({ tried: CASES, unclearError: 0, stackTrace: 0 }));
    // Both endings occur, so the classification is exercised both ways.
    expect(tally.accepted).toBeGreaterThan(10);
    expect(tally.clearError).toBeGreaterThan(100);
  });

  test('the mutations cover every kind the issue names', () => {
    const kinds = new Set(cases.flatMap((c) => c.mutations.map((m) => m.kind)));
    expect([...kinds].sort()).toEqual(['alias', 'alias-bomb', 'delete-key', 'duplicate-item', 'grow', 'number', 'special-key', 'text', 'unicode', 'wrong-type']);
    expect(cases.some((c) => c.mutations.some((m) => m.kind === 'special-key' && m.key === '__proto__'))).toBe(true);
    expect(cases.some((c) => /&a\d+/.test(c.text) && /\*a\d+/.test(c.text))).toBe(true);
  });

  // The full build's time depends on the machine's load (13 s seen with four jest workers on two
  // cores): bench/validate-fuzz.ts measures it and reports cases over 10 s; this test pins the outcome.
  test('accepted cases also pass (or fail cleanly) the full app build that synthesis runs', () => {
    const accepted = results.filter((r) => r.result.outcome === 'accepted').slice(0, BUILT);
    expect(accepted).toHaveLength(BUILT);
    const built = accepted.map((r) => {
      const dir = writeCase(scratch, r.fuzzCase);
      return { ...r, result: classify(() => validateKit({ configDir: dir, root: ROOT })) };
    });
    expect(failures(built, false)).toEqual([]);
  });
});

describe('lists grown to the 500-resource stack limit end in success or a clear error naming the list or the stack', () => {
  const scratch = fuzzScratch();
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const grown = (example: FuzzCase['example'], ...lists: Array<[list: 'hours' | 'queues' | 'routingProfiles' | 'quickConnects' | 'agentStatuses' | 'phoneNumbers', times: number]>) => {
    const dir = writeCase(scratch, renderCase(0, example, lists.map(([list, times]) => ({ kind: 'grow' as const, list, times }))));
    return { dir, file: path.join(dir, 'jurisdictions', `${example}.yaml`) };
  };
  /** The problem lines of the ConfigError `check` throws (none if it returns), after checking it took under 10 s of CPU time. */
  const problemsOf = (check: () => unknown): readonly string[] => {
    const started = process.cpuUsage();
    let problems: readonly string[] = [];
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(10_000);
    return problems;
  };
  const overLimit = 'resources in the contact-center stack, over the 500 CloudFormation allows in one stack (use fewer entries)';

  test.each([
    ['riverton-311', 'queues', 600, '1 hours + 601 queues + 1 routingProfiles + 1 phoneNumbers make at least 604'],
    ['riverton-311', 'phoneNumbers', 500, '1 hours + 1 queues + 1 routingProfiles + 501 phoneNumbers make at least 504'],
    ['pinecrest-benefits', 'agentStatuses', 550, '2 hours + 4 queues + 3 routingProfiles + 2 quickConnects + 552 agentStatuses + 2 phoneNumbers make at least 565'],
  ] as const)('%s with %s grown by %i past the limit: the config checks refuse it, naming the list', (example, list, times, counted) => {
    const { file } = grown(example, [list, times]);
    const problems = problemsOf(() => loadKitInputs({ configDir: path.dirname(path.dirname(file)) }, ROOT));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^\\S.*/jurisdictions/${example}\\.yaml: ${list}: `));
    expect(problems[0].endsWith(`: ${list}: ${counted} ${overLimit}`)).toBe(true);
    expect(problems.every(isClearLine)).toBe(true);
  });

  test('hours and routing profiles (large entries) grown by 60 each are accepted by the config checks', () => {
    const { dir } = grown('riverton-311', ['hours', 60], ['routingProfiles', 60]);
    expect(problemsOf(() => loadKitInputs({ configDir: dir }, ROOT))).toEqual([]);
  });

  test('quick connects grown to under the config checks\' count but over the limit once built: the full build refuses it, naming the stack', () => {
    const { dir, file } = grown('pinecrest-benefits', ['quickConnects', 402]);
    expect(problemsOf(() => loadKitInputs({ configDir: dir }, ROOT))).toEqual([]);
    const problems = problemsOf(() => validateKit({ configDir: dir, root: ROOT }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/: \(stack pinecrest-benefits-contact-center\): \d{3} resources exceed the 500 CloudFormation allows in one stack \(/);
    expect(problems[0].startsWith(file) || problems[0].startsWith(path.relative(process.cwd(), file))).toBe(true);
    expect(problems.every(isClearLine)).toBe(true);
  });
});

describe('isClearLine', () => {
  test('accepts a problem line naming the file, the key and what is wrong', () => {
    expect(isClearLine('config/jurisdictions/x.yaml: queues[0].hours: "night" is not a defined hours name (defined: main)')).toBe(true);
    expect(isClearLine('/tmp/c/jurisdictions/x.yaml: (line 3, column 1): invalid YAML: Map keys must be unique')).toBe(true);
  });

  test('refuses a line without a key, a raw error, or the net for unforeseen construct throws', () => {
    expect(isClearLine('config/jurisdictions/x.yaml: something broke')).toBe(false);
    expect(isClearLine('TypeError: Cannot read properties of undefined (reading \'name\')')).toBe(false);
    expect(isClearLine("x.yaml: (building the stacks): boom (the kit's config checks missed this: fix the setting it names, and please report it)")).toBe(false);
  });
});
