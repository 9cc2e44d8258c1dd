import type { Condition } from '../types';
import { SimValue, UNKNOWN } from './types';

/**
 * Condition operators with Amazon Connect's semantics: text comparisons are case-sensitive
 * (the "Check contact attributes" block "doesn't support case-insensitive comparisons"), all
 * operands are strings, and a number comparison with a value that is not a number is false.
 * Conditions are checked in the order listed; the first that holds wins.
 * https://docs.aws.amazon.com/connect/latest/adminguide/check-contact-attributes.html
 */

/** Operators the simulator evaluates. */
export const OPERATORS = [
  'Equals',
  'TextContains',
  'TextStartsWith',
  'TextEndsWith',
  'NumberGreaterThan',
  'NumberGreaterOrEqualTo',
  'NumberLessThan',
  'NumberLessOrEqualTo',
  'NumericLessThan',
] as const;

function asNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Whether `value` satisfies `condition`; UNKNOWN when the value is unknown (the explorer forks).
 * @throws Error naming the operator when it is not one Amazon Connect has
 */
export function holds(value: SimValue, condition: Condition): boolean | typeof UNKNOWN {
  const operand = String(condition.Operands[0] ?? '');
  if (!(OPERATORS as readonly string[]).includes(condition.Operator)) {
    throw new Error(`condition operator ${JSON.stringify(condition.Operator)} is not one the simulator knows (${OPERATORS.join(', ')})`);
  }
  if (value === UNKNOWN) return UNKNOWN;
  switch (condition.Operator) {
    case 'Equals':
      return condition.Operands.some((o) => String(o) === value);
    case 'TextContains':
      return value.includes(operand);
    case 'TextStartsWith':
      return value.startsWith(operand);
    case 'TextEndsWith':
      return value.endsWith(operand);
    default: {
      const a = asNumber(value);
      const b = asNumber(operand);
      if (a === undefined || b === undefined) return false;
      if (condition.Operator === 'NumberGreaterThan') return a > b;
      if (condition.Operator === 'NumberGreaterOrEqualTo') return a >= b;
      if (condition.Operator === 'NumberLessOrEqualTo') return a <= b;
      return a < b;
    }
  }
}
