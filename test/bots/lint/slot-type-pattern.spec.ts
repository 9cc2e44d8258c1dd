import { slotTypePattern } from '../../../lib/bots/lint/slot-type-pattern';
import { changed, citizenServices } from '../helpers';
import { brief, lintFixtureWith, lintWith } from './lint-helpers';

describe('slot-type-pattern', () => {
  test('flags an unbounded repeat, extends without a pattern and a pattern without extends', () => {
    expect(brief(lintFixtureWith(slotTypePattern))).toEqual([
      {
        path: 'slotTypes[0].pattern',
        ruleId: 'slot-type-pattern',
        severity: 'error',
        message: 'slot type PermitNumber: pattern "[A-Z]{2}[0-9]+" uses *, +, {n,} or ., which Lex does not accept (bound every repeat, e.g. [0-9]{6,10})',
      },
      {
        path: 'slotTypes[1].pattern',
        ruleId: 'slot-type-pattern',
        severity: 'error',
        message: 'slot type ZipCode extends AMAZON.AlphaNumeric but has no pattern (give the regular expression values must match)',
      },
      {
        path: 'slotTypes[2].extends',
        ruleId: 'slot-type-pattern',
        severity: 'error',
        message: 'slot type Code has a pattern but does not extend AMAZON.AlphaNumeric (add extends: AMAZON.AlphaNumeric)',
      },
    ]);
  });

  test('accepts a bounded pattern with escaped dots', () => {
    const definition = changed(citizenServices(), (d) => {
      d.slotTypes.push({ name: 'Permit', extends: 'AMAZON.AlphaNumeric', pattern: '[A-Z]{2}\\.[0-9]{6,8}', resolution: 'ORIGINAL_VALUE', values: [] });
    });
    expect(lintWith(slotTypePattern, definition)).toEqual([]);
  });
});
