import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * The part of DynamoDB's expression language the kit's handlers use, for the in-memory tables
 * of the simulator: conditions with `attribute_exists`/`attribute_not_exists`, comparisons,
 * AND/OR/NOT and parentheses; updates with SET (`a = :v`), ADD and REMOVE.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html
 */

type Item = Record<string, AttributeValue>;
type Names = Record<string, string> | undefined;
type Values = Record<string, AttributeValue> | undefined;

const scalar = (v: AttributeValue | undefined): number | string | undefined => (v?.N !== undefined ? Number(v.N) : v?.S);

/** Whether a condition expression holds for `item` (undefined: no item). */
export function conditionHolds(expression: string, item: Item | undefined, names: Names, values: Values): boolean {
  const tokens = expression.match(/attribute_not_exists|attribute_exists|AND|OR|NOT|<>|<=|>=|[()<>=,]|[#:]?[A-Za-z0-9_]+/g) ?? [];
  let i = 0;
  const name = (t: string) => (t.startsWith('#') ? names?.[t] ?? t : t);
  const operand = (t: string) => (t.startsWith(':') ? scalar(values?.[t]) : scalar(item?.[name(t)]));
  const primary = (): boolean => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      i++; // ')'
      return v;
    }
    if (t === 'NOT') return !primary();
    if (t === 'attribute_exists' || t === 'attribute_not_exists') {
      i++; // '('
      const attr = name(tokens[i++]);
      i++; // ')'
      const exists = item?.[attr] !== undefined;
      return t === 'attribute_exists' ? exists : !exists;
    }
    const left = operand(t);
    const op = tokens[i++];
    const right = operand(tokens[i++]);
    if (left === undefined || right === undefined) return false;
    switch (op) {
      case '=':
        return left === right;
      case '<>':
        return left !== right;
      case '<':
        return left < right;
      case '<=':
        return left <= right;
      case '>':
        return left > right;
      case '>=':
        return left >= right;
      default:
        throw new Error(`unsupported condition operator ${op} in ${expression}`);
    }
  };
  const and = (): boolean => {
    let v = primary();
    while (tokens[i] === 'AND') {
      i++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[i] === 'OR') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  return or();
}

/** `item` after an update expression. */
export function applyUpdate(expression: string, item: Item, names: Names, values: Values): Item {
  const name = (t: string) => (t.startsWith('#') ? names?.[t] ?? t : t);
  const sections = expression.split(/\b(SET|ADD|REMOVE)\b/).map((s) => s.trim());
  for (let k = 1; k < sections.length; k += 2) {
    const kind = sections[k];
    const body = sections[k + 1] ?? '';
    for (const clause of body.split(',').map((c) => c.trim()).filter(Boolean)) {
      if (kind === 'REMOVE') delete item[name(clause)];
      else if (kind === 'SET') {
        const [left, right] = clause.split('=').map((s) => s.trim());
        item[name(left)] = values?.[right] ?? item[name(right)];
      } else {
        const [left, right] = clause.split(/\s+/);
        const add = Number(values?.[right]?.N ?? 0);
        item[name(left)] = { N: String(Number(item[name(left)]?.N ?? 0) + add) };
      }
    }
  }
  return item;
}
