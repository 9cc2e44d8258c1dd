import type { z } from 'zod';
import { formatPath, formatValue } from './errors';

type AnySchema = z.core.$ZodType;

/** Strips optional/default/nullable wrappers so the object or array underneath can be read. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) {
      current = def.innerType;
    } else {
      return current;
    }
  }
}

/** The keys an object schema at `path` allows, or none if the path does not lead to an object. */
export function allowedKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let current: AnySchema | undefined = unwrap(schema);
  for (const key of path) {
    if (!current) return [];
    const def = current._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema };
    if (def.type === 'array' && typeof key === 'number') current = def.element && unwrap(def.element);
    else if (def.type === 'object' && typeof key === 'string') current = def.shape?.[key] && unwrap(def.shape[key]);
    else return [];
  }
  const def = current?._zod.def as { type: string; shape?: Record<string, AnySchema> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape).filter((k) => k !== '$schema') : [];
}

/** A string's UTF-16 units, each lower-cased on its own (as the distance compares them). */
function lowerUnits(text: string): string[] {
  const units = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text[i].toLowerCase();
  return units;
}

/**
 * Levenshtein distance between two strings' {@link lowerUnits}, or any number `>= limit` once
 * it is known to reach `limit`: lengths that differ by `limit` need no table, and the smallest
 * cell of a row is never below the previous row's, so a row whose every cell reaches `limit` ends
 * the work. (A 5,000-character value against short names cost 5,000 rows a name: 0.7 s a check.)
 */
function distance(a: readonly string[], b: readonly string[], limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    let smallest = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      // Plain comparisons, not Math.min: a global looked up per cell is slow in a vm context (jest).
      let cell = previous + (ai === b[j - 1] ? 0 : 1);
      if (saved + 1 < cell) cell = saved + 1;
      if (row[j - 1] + 1 < cell) cell = row[j - 1] + 1;
      row[j] = cell;
      if (cell < smallest) smallest = cell;
      previous = saved;
    }
    if (smallest >= limit) return limit;
  }
  return row[b.length];
}

/** The closest allowed name to `given` (ignoring case), if it is close enough to be a likely typo. */
export function closest(given: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(given.length / 3)) + 1;
  const units = lowerUnits(given);
  for (const candidate of allowed) {
    if (Math.abs(candidate.length - given.length) >= bestDistance) continue;
    const d = distance(units, lowerUnits(candidate), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function describeType(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${formatValue(value)}`;
}

/** zod's type names in the words a YAML author uses. */
const EXPECTED: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function describeExpected(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Turns zod issues into problem lines `<file>: <key path>: <what is wrong> (<allowed>)`.
 * Issues must come from `safeParse(data, { reportInput: true })` so the received value is known.
 */
export function formatZodIssues(file: string, schema: AnySchema, issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const where = `${file}: ${formatPath(issue.path)}`;
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(schema, issue.path);
        for (const key of issue.keys) {
          const hint = closest(key, allowed);
          const keyPath = formatPath([...issue.path, key]);
          lines.push(`${file}: ${keyPath}: unknown key${hint ? `, did you mean "${hint}"?` : ''} (allowed: ${allowed.join(', ')})`);
        }
        break;
      }
      case 'invalid_type': {
        const expected = describeExpected(issue.expected);
        // An unquoted account id or cost center is read as a number: say how to fix it.
        const quote = issue.expected === 'string' && (typeof input === 'number' || typeof input === 'boolean') ? ' (put the value in quotes)' : '';
        lines.push(input === undefined ? `${where}: is required (expected ${expected})` : `${where}: expected ${expected}, received ${describeType(input)}${quote}`);
        break;
      }
      case 'invalid_value': {
        const allowed = issue.values.map(String);
        const hint = typeof input === 'string' ? closest(input, allowed) : undefined;
        const what = input === undefined ? 'is required' : `${formatValue(input)} is not allowed${hint ? `, did you mean "${hint}"?` : ''}`;
        lines.push(`${where}: ${what} (allowed: ${allowed.join(', ')})`);
        break;
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const bound = Number(small ? issue.minimum : issue.maximum);
        const word = issue.inclusive === false ? (small ? 'more than' : 'less than') : small ? 'at least' : 'at most';
        if (Array.isArray(input)) {
          lines.push(`${where}: has ${plural(input.length, 'item')} (must have ${word} ${plural(bound, 'item')})`);
        } else if (typeof input === 'string') {
          lines.push(`${where}: ${formatValue(input)} has ${plural(input.length, 'character')} (must have ${word} ${plural(bound, 'character')})`);
        } else {
          lines.push(`${where}: ${formatValue(input)} is out of range (must be ${word} ${bound})`);
        }
        break;
      }
      default:
        lines.push(`${where}: ${input === undefined ? '' : `${formatValue(input)} `}${issue.message}`);
    }
  }
  return lines;
}
