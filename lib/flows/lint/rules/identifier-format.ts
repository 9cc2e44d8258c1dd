import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'identifier-format';

/** Characters the Flow Language forbids in an Identifier. */
export const FORBIDDEN_IDENTIFIER_CHARACTERS = ['%', ':', '(', '\\', '/', ')', '=', '$', ',', ';', '[', ']', '{', '}'] as const;

/** Identifiers the Flow Language refuses: the names of JavaScript's Object.prototype. */
export const RESERVED_IDENTIFIERS: readonly string[] = [
  '__proto__',
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
];

/**
 * Identifier rules of https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html:
 * at most 50 characters, any Unicode including spaces, but none of `% : ( \ / ) = $ , ; [ ] { }`
 * and not a reserved word such as `__proto__`.
 */
export const identifierFormat: LintRule = flowRule({
  id,
  description: 'Identifiers must be 1 to 50 characters, without % : ( \\ / ) = $ , ; [ ] { }, and not a reserved word like __proto__.',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const { Identifier: identifier } of flow.content.Actions) {
      const problems: string[] = [];
      const length = [...identifier].length;
      if (length === 0) problems.push('is empty');
      if (length > 50) problems.push(`is ${length} characters long (at most 50)`);
      const bad = FORBIDDEN_IDENTIFIER_CHARACTERS.filter((c) => identifier.includes(c));
      if (bad.length > 0) problems.push(`contains ${bad.map((c) => JSON.stringify(c)).join(', ')} (not allowed: ${FORBIDDEN_IDENTIFIER_CHARACTERS.join(' ')})`);
      if (RESERVED_IDENTIFIERS.includes(identifier)) problems.push('is a reserved word');
      if (problems.length > 0) out.push(finding(flow, id, 'error', `Identifier ${problems.join('; ')}`, identifier));
    }
    return out;
  },
});
