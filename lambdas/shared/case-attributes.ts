/**
 * Reading a case item as DynamoDB's GetItem returns it (attribute values such as `{ S: "..." }`),
 * checked by hand for the handlers that read the case table (case-status, lex-fulfillment): no
 * schema library to load at cold init. Problems are recorded as zod-style issues (path and code),
 * so `describeIssues` logs them as it logs a schema's.
 */
import { isRecord, type ValidationIssue } from './validation-issues';

/** A case's own next step per language, as the case system writes it. */
export type NextStep = { 'en-US'?: string; 'es-US'?: string };

/** The attribute and field names a case item reader declares, for `describeIssues` (any other path segment is masked). */
export const CASE_ATTRIBUTE_FIELDS: readonly string[] = ['status', 'S', 'nextStep', 'M', 'en-US', 'es-US'];

type Path = ReadonlyArray<string | number>;

/** Reads parts of one case item, recording each problem in {@link issues}. */
export class CaseAttributeReader {
  /** Every problem found so far. */
  readonly issues: ValidationIssue[] = [];

  /** The JSON object at `path`, or undefined (and an `invalid_type` issue). */
  object(value: unknown, path: Path): Record<string, unknown> | undefined {
    if (isRecord(value)) return value;
    this.issues.push({ path, code: 'invalid_type' });
    return undefined;
  }

  /** `{ S: string }` at `path`: the string, or undefined (and an issue) if it is not one. */
  text(value: unknown, path: Path): string | undefined {
    const shape = this.object(value, path);
    if (!shape) return undefined;
    if (typeof shape.S === 'string') return shape.S;
    this.issues.push({ path: [...path, 'S'], code: 'invalid_type' });
    return undefined;
  }

  /**
   * `nextStep` (`{ M: { "en-US"?: { S }, "es-US"?: { S } } }`): the texts found, or undefined when
   * the attribute is absent or not a map (an issue in the second case).
   */
  nextStep(value: unknown): NextStep | undefined {
    if (value === undefined) return undefined;
    const outer = this.object(value, ['nextStep']);
    const map = outer && this.object(outer.M, ['nextStep', 'M']);
    if (!map) return undefined;
    const texts: NextStep = {};
    for (const language of ['en-US', 'es-US'] as const) {
      if (map[language] === undefined) continue;
      const text = this.text(map[language], ['nextStep', 'M', language]);
      if (text !== undefined) texts[language] = text;
    }
    return texts;
  }
}
