import type { BotLintRule, RuleFinding } from './types';

/**
 * A pattern goes with `extends: AMAZON.AlphaNumeric` and nothing else, and uses only what Lex
 * V2 accepts in a slot regular expression: no infinite repeaters (`*`, `+`, `{n,}`) and no
 * wildcard `.` ("AMAZON.AlphaNumeric", Lex V2 Developer Guide).
 */
export const slotTypePattern: BotLintRule = {
  id: 'slot-type-pattern',
  severity: 'error',
  description: 'a slot type pattern comes with extends, has no listed values, and uses no *, + or .',
  check(definition) {
    const findings: RuleFinding[] = [];
    definition.slotTypes.forEach((type, t) => {
      const at = `slotTypes[${t}]`;
      if (type.extends !== undefined && type.pattern === undefined) {
        findings.push({ path: `${at}.pattern`, message: `slot type ${type.name} extends ${type.extends} but has no pattern (give the regular expression values must match)` });
      }
      if (type.pattern !== undefined && type.extends === undefined) {
        findings.push({ path: `${at}.extends`, message: `slot type ${type.name} has a pattern but does not extend AMAZON.AlphaNumeric (add extends: AMAZON.AlphaNumeric)` });
      }
      if (type.extends !== undefined && type.values.length > 0) {
        findings.push({ path: `${at}.values`, message: `slot type ${type.name} extends ${type.extends}, so its values would be ignored (remove values or extends)` });
      }
      // Escaped characters (\. \+ \*) are literal and allowed.
      const unescaped = type.pattern?.replace(/\\./g, '');
      if (unescaped !== undefined && /[*+.]|\{\d*,\}/.test(unescaped)) {
        findings.push({
          path: `${at}.pattern`,
          message: `slot type ${type.name}: pattern ${JSON.stringify(type.pattern)} uses *, +, {n,} or ., which Lex does not accept (bound every repeat, e.g. [0-9]{6,10})`,
        });
      }
    });
    return findings;
  },
};
