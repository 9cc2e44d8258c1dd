import { declaredLocales } from '../schema';
import type { BotLintRule, RuleFinding } from './types';

/**
 * A custom slot type lists at least one value in every locale the bot declares (unless it
 * extends a built-in type with a pattern): Lex fails the locale build on an empty type,
 * and a slot of that type could never be filled.
 */
export const slotTypeWithoutValues: BotLintRule = {
  id: 'slot-type-without-values',
  severity: 'error',
  description: 'every custom slot type has values in every locale',
  check(definition) {
    const findings: RuleFinding[] = [];
    const locales = declaredLocales(definition);
    definition.slotTypes.forEach((type, t) => {
      if (type.extends !== undefined) return;
      if (type.values.length === 0) {
        findings.push({ path: `slotTypes[${t}].values`, message: `slot type ${type.name} has no values (list the values callers can say, or extend AMAZON.AlphaNumeric with a pattern)` });
        return;
      }
      for (const locale of locales) {
        if (type.values.some((v) => v.locales === undefined || v.locales.includes(locale))) continue;
        findings.push({
          path: `slotTypes[${t}].values`,
          locale,
          message: `slot type ${type.name} has no values in ${locale} (each value's locales list leaves ${locale} out)`,
        });
      }
    });
    return findings;
  },
};
