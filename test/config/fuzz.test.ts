import * as fs from 'fs';
import * as path from 'path';
import { validateKit } from '../../lib/cli/validate';
import { loadKitInputs } from '../../lib/kit-app';
import { SourceCache } from '../../lib/sources';
import { CaseFolders, CaseResult, classify, count, emptyTally, FuzzCase, fuzzCases, fuzzScratch, isClearLine, writeCase } from '../helpers/config-fuzz';

const ROOT = path.join(__dirname, '..', '..');
/** Fixed, so a failure reproduces; bench/validate-fuzz.ts takes others. */
const SEED = 20261127;
/**
 * A seeded sample (every mutation kind occurs; a fifth of the cases are lists grown toward the
 * 500-resource stack limit, tens of kilobytes of YAML each and most of the CPU time).
 * bench/validate-fuzz.ts runs the larger campaign: 1,000 cases, every accepted one built.
 */
const CASES = 150;
/** Accepted cases that also go through the full app build here (the bench builds all of them). */
const BUILT = 3;

describe('seeded config fuzz: every mutation ends in success or a clear <file>: <key>: <what> error', () => {
  const scratch = fuzzScratch();
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const cases = fuzzCases(SEED, CASES);
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
