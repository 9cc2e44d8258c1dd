/**
 * Redaction bench: how long masking PII takes on adversarial inputs (shaped so a backtracking
 * pattern retries from every position), as the input doubles. Linear work doubles with the
 * input; quadratic work quadruples. Prints one table; asserts nothing.
 *
 *   npx tsx bench/redact.ts
 *
 * `current` is `maskPii` (the log redactor without its length cap, so the patterns themselves are
 * measured); `capped` is `redactText` as the logger calls it (input cut to 4,096 characters first).
 * `before` is the pattern list the kit used until this change, kept here only to be measured; it
 * runs up to 20,000 characters (at 70,000 it took 6 to 20 s per input).
 */
import * as os from 'os';
import { performance } from 'perf_hooks';
import { maskPii, redactText } from '../lambdas/shared/redact';

/** The patterns redact.ts used before (one replace each, in order), for comparison only. */
const BEFORE: readonly RegExp[] = [
  /\b\d{3}-\d{2}-\d{4}\b/g,
  /(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\b\d{3}[-. ]?)\d{3}[-. ]?\d{4}\b/g,
  /\+\d{7,15}\b/g,
  /\b\d{4}-\d{2}-\d{2}\b/g,
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g,
  /\b[A-Z]{1,4}-?\d{5,12}\b/gi,
  /\b\d{9}\b/g,
  /\b\d{6,}\b/g,
  /[\w.+-]+@[\w-]+\.[\w.-]+/g,
];
const before = (text: string): string => BEFORE.reduce((out, pattern) => out.replace(pattern, '[REDACTED]'), text);

const SHAPES: ReadonlyArray<readonly [string, (n: number) => string]> = [
  ['word characters, no @', (n) => 'a'.repeat(n)],
  ['"a." repeated, no @', (n) => 'a.'.repeat(n / 2)],
  ['"1-" repeated', (n) => '1-'.repeat(n / 2)],
  ['"a@" repeated', (n) => 'a@'.repeat(n / 2)],
  ['"pin " repeated', (n) => 'pin '.repeat(n / 4)],
  ['log line with PII, repeated', (n) => 'caller cs-123 4567 at +44 20 7946 0958, jane.doe@example.gov, pin 4821; '.repeat(Math.ceil(n / 72)).slice(0, n)],
];

const SIZES = [10_000, 20_000, 40_000, 70_000, 140_000, 280_000];
const BEFORE_MAX = 20_000;

/** Median milliseconds of `runs` calls. */
function time(fn: () => unknown, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const fmt = (ms: number | undefined): string => (ms === undefined ? '—' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

function main(): void {
  const header = ['input shape', ...SIZES.map((n) => `${n / 1000}k`), 'x per doubling (40k→280k)'];
  const lines: string[][] = [];
  for (const [label, make] of SHAPES) {
    const current = SIZES.map((n) => time(() => maskPii(make(n)), 7));
    const old = SIZES.map((n) => (n <= BEFORE_MAX ? time(() => before(make(n)), 1) : undefined));
    const growth = Math.pow(current[5] / current[2], 1 / Math.log2(SIZES[5] / SIZES[2]));
    lines.push([`${label}: current`, ...current.map(fmt), growth.toFixed(1)]);
    const oldGrowth = old[1] !== undefined && old[0] !== undefined ? (old[1] / old[0]).toFixed(1) : '—';
    lines.push([`${label}: before`, ...old.map(fmt), `${oldGrowth} (10k→20k)`]);
  }
  const capped = time(() => redactText('a'.repeat(70_000)), 7);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('Redaction time in ms (median of 7 for current, 1 run for before), by input length');
  console.log(row(header));
  for (const l of lines) console.log(row(l));
  console.log(`redactText (capped at 4,096 characters) on 70k word characters: ${fmt(capped)} ms`);
  console.log(`node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

main();
