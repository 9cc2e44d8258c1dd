/**
 * Validation issues as they may be logged. A zod issue's path runs through records keyed by
 * caller data (contact attributes, session attributes, slots), so a path segment may be a phone
 * number or a name; only the field names the schema itself declares are kept.
 */

/** A validation issue as zod reports it (only what is logged of it). */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly code: string;
}

/** True for a JSON object (not null, not an array): the shape the hand-written input checks descend into. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `<where>: unrecognized keys "a", "b" (allowed: x, y)` for the keys of `value` not in `allowed`,
 * or undefined when there are none: the problem line of the strict hand-written checks.
 */
export function unrecognizedKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): string | undefined {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  return unknown.length ? `${where}: unrecognized keys ${unknown.map((key) => JSON.stringify(key)).join(', ')} (allowed: ${allowed.join(', ')})` : undefined;
}

/** Most issues described in one log line (a fuzzed event can have thousands). */
const MAX_ISSUES = 20;

/** Zod wrapper types whose inner schema is found at `def.innerType`. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

const fieldNamesCache = new WeakMap<object, ReadonlySet<string>>();

/** Every object field name declared anywhere in a zod schema (records' keys are data, not names). */
export function schemaFieldNames(schema: object): ReadonlySet<string> {
  const cached = fieldNamesCache.get(schema);
  if (cached) return cached;
  const names = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    const def = (node as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
    if (!def || depth > 32) return;
    const type = def.type as string;
    if (type === 'object') {
      for (const [name, child] of Object.entries(def.shape as Record<string, unknown>)) {
        names.add(name);
        visit(child, depth + 1);
      }
    } else if (WRAPPERS.has(type)) visit(def.innerType, depth + 1);
    else if (type === 'record') visit(def.valueType, depth + 1);
    else if (type === 'array') visit(def.element, depth + 1);
    else if (type === 'pipe') {
      visit(def.in, depth + 1);
      visit(def.out, depth + 1);
    } else if (type === 'union') for (const option of def.options as unknown[]) visit(option, depth + 1);
  };
  visit(schema, 0);
  fieldNamesCache.set(schema, names);
  return names;
}

/**
 * Issues as `path: code` (at most 20), every path segment that is neither a field name of
 * `schema` (a zod schema, or the set of field names a hand-written check declares) nor an array
 * index written as `*`. The issue's message is left out: some quote the input.
 */
export function describeIssues(issues: readonly ValidationIssue[], schema: object | ReadonlySet<string>): string[] {
  const known = schema instanceof Set ? (schema as ReadonlySet<string>) : schemaFieldNames(schema);
  return issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.map((segment) => (typeof segment === 'number' || (typeof segment === 'string' && known.has(segment)) ? String(segment) : '*'));
    return `${path.join('.') || '(root)'}: ${issue.code}`;
  });
}
