/**
 * The case item as GetItem returns it (DynamoDB attribute values), checked by hand: three
 * attributes, no schema library to load at cold init (bench/lambda.ts measures each handler
 * against an SDK-only floor). The rules and issue codes are those of the schema it replaces,
 * which test/lambdas/case-status-item.spec.ts keeps as the reference the check must agree with.
 */
import { CASE_ATTRIBUTE_FIELDS, CaseAttributeReader } from '../shared/case-attributes';
import type { ValidationIssue } from '../shared/validation-issues';
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
export const CASE_ITEM_FIELDS: ReadonlySet<string> = new Set([...CASE_ATTRIBUTE_FIELDS, 'updatedAt']);

/**
 * Checks a case item: `status` (`{ S: <status code> }`) is required; `nextStep` (`{ M: { "en-US"?:
 * { S }, "es-US"?: { S } } }`) and `updatedAt` (`{ S }`) are optional. Other attributes and
 * fields are ignored.
 */
export function parseCaseItem(item: unknown): CaseItemParse {
  const read = new CaseAttributeReader();
  const root = read.object(item, []);
  if (!root) return { success: false, issues: read.issues };
  const status = read.text(root.status, ['status']);
  if (status !== undefined && !STATUS_CODE.test(status)) read.issues.push({ path: ['status', 'S'], code: 'invalid_format' });
  const nextStep = read.nextStep(root.nextStep);
  const updatedAt = root.updatedAt === undefined ? undefined : read.text(root.updatedAt, ['updatedAt']);
  if (read.issues.length || status === undefined) return { success: false, issues: read.issues };
  return { success: true, data: { status, ...(nextStep ? { nextStep } : {}), ...(updatedAt !== undefined ? { updatedAt } : {}) } };
}
