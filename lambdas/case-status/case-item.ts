/**
 * The case item as GetItem returns it (DynamoDB attribute values), checked by hand: three
 * attributes, no schema library to load at cold init (bench/lambda.ts measures each handler
 * against an SDK-only floor). The rules and issue codes are those of the schema it replaces,
 * which test/lambdas/case-status-item.spec.ts keeps as the reference the check must agree with.
 */
import { isRecord, type ValidationIssue } from '../shared/validation-issues';
import type { Language } from './messages';

/** A status code as the case system writes it: upper-case letters, digits and underscores. */
export const STATUS_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

/** What the handler reads of a case item. */
export interface CaseItem {
  /** The status code (matches {@link STATUS_CODE}). */
  readonly status: string;
  /** The case's own next step per language, where it has one. */
  readonly nextStep?: Partial<Record<Language, string>>;
  /** When the case last changed, as the case system wrote it. */
  readonly updatedAt?: string;
}

/** The outcome of {@link parseCaseItem}: the item, or every problem found (zod's issue codes). */
export type CaseItemParse = { readonly success: true; readonly data: CaseItem } | { readonly success: false; readonly issues: ValidationIssue[] };

/** Attribute and field names the check declares, for `describeIssues` (any other path segment is masked). */
export const CASE_ITEM_FIELDS: ReadonlySet<string> = new Set(['status', 'S', 'nextStep', 'M', 'en-US', 'es-US', 'updatedAt']);

type Shape = Record<string, unknown>;
type Path = ReadonlyArray<string | number>;

/**
 * Checks a case item: `status` (`{ S: <status code> }`) is required; `nextStep` (`{ M: { "en-US"?:
 * { S }, "es-US"?: { S } } }`) and `updatedAt` (`{ S }`) are optional. Other attributes and
 * fields are ignored.
 */
export function parseCaseItem(item: unknown): CaseItemParse {
  const issues: ValidationIssue[] = [];
  const object = (value: unknown, path: Path): Shape | undefined => {
    if (isRecord(value)) return value;
    issues.push({ path, code: 'invalid_type' });
    return undefined;
  };
  /** `{ S: string }` at `path`: the string, or undefined (and an issue) if it is not one. */
  const text = (value: unknown, path: Path): string | undefined => {
    const shape = object(value, path);
    if (!shape) return undefined;
    if (typeof shape.S === 'string') return shape.S;
    issues.push({ path: [...path, 'S'], code: 'invalid_type' });
    return undefined;
  };

  const root = object(item, []);
  if (!root) return { success: false, issues };
  const status = text(root.status, ['status']);
  if (status !== undefined && !STATUS_CODE.test(status)) issues.push({ path: ['status', 'S'], code: 'invalid_format' });
  let nextStep: Partial<Record<Language, string>> | undefined;
  if (root.nextStep !== undefined) {
    const outer = object(root.nextStep, ['nextStep']);
    const map = outer && object(outer.M, ['nextStep', 'M']);
    if (map) {
      nextStep = {};
      for (const language of ['en-US', 'es-US'] as const) {
        if (map[language] === undefined) continue;
        const value = text(map[language], ['nextStep', 'M', language]);
        if (value !== undefined) nextStep[language] = value;
      }
    }
  }
  const updatedAt = root.updatedAt === undefined ? undefined : text(root.updatedAt, ['updatedAt']);
  if (issues.length || status === undefined) return { success: false, issues };
  return { success: true, data: { status, ...(nextStep ? { nextStep } : {}), ...(updatedAt !== undefined ? { updatedAt } : {}) } };
}
