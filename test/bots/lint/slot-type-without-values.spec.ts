import { slotTypeWithoutValues } from '../../../lib/bots/lint/slot-type-without-values';
import { citizenServices } from '../helpers';
import { brief, lintFixtureWith, lintWith } from './lint-helpers';

describe('slot-type-without-values', () => {
  test('flags a custom slot type with no values, and one with no values in a locale', () => {
    expect(brief(lintFixtureWith(slotTypeWithoutValues))).toEqual([
      {
        path: 'slotTypes[0].values',
        ruleId: 'slot-type-without-values',
        severity: 'error',
        message: 'slot type Department has no values (list the values callers can say, or extend AMAZON.AlphaNumeric with a pattern)',
      },
      {
        path: 'slotTypes[1].values',
        locale: 'es_US',
        ruleId: 'slot-type-without-values',
        severity: 'error',
        message: "slot type Borough has no values in es_US (each value's locales list leaves es_US out)",
      },
    ]);
  });

  test('finds nothing wrong with the default bot', () => {
    expect(lintWith(slotTypeWithoutValues, citizenServices())).toEqual([]);
  });
});
