import fc from 'fast-check';
import { closest } from '../../lib/config/zod-issues';

/** The plain Levenshtein distance (whole table, case ignored per UTF-16 unit): what `closest` must agree with. */
function fullDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The first allowed name strictly nearest to `given`, within a third of its length (at least 2). */
function reference(given: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(given.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = fullDistance(given, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

describe('closest', () => {
  test('suggests the nearest allowed name to a misspelt one, ignoring case, and nothing for a far one', () => {
    expect(closest('displayname', ['id', 'displayName', 'region'])).toBe('displayName');
    expect(closest('us-gov-west-2', ['us-gov-west-1', 'us-east-1', 'us-west-2'])).toBe('us-gov-west-1');
    expect(closest('General', ['Billing', 'Callback'])).toBeUndefined();
    expect(closest('x'.repeat(5000), ['General', 'x'.repeat(3000)])).toBeUndefined();
    expect(closest('x'.repeat(600), ['General', `${'x'.repeat(599)}y`])).toBe(`${'x'.repeat(599)}y`);
  });

  test('gives the same answer as the full Levenshtein table for any names (seeded)', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', 'c', '-', 'İ', 'ß'), maxLength: 14 });
    fc.assert(
      fc.property(name, fc.array(name, { maxLength: 8 }), (given, allowed) => {
        expect(closest(given, allowed)).toBe(reference(given, allowed));
      }),
      { seed: 20261127, numRuns: 1000 },
    );
  });
});
