import { undefinedSlotType } from '../../../lib/bots/lint/undefined-slot-type';
import { citizenServices } from '../helpers';
import { brief, lintFixtureWith, lintWith } from './lint-helpers';

const BUILT_IN =
  'AMAZON.AlphaNumeric, AMAZON.City, AMAZON.Confirmation, AMAZON.Country, AMAZON.Date, AMAZON.Duration, AMAZON.EmailAddress, AMAZON.FirstName, ' +
  'AMAZON.FreeFormInput, AMAZON.LastName, AMAZON.Number, AMAZON.Percentage, AMAZON.PhoneNumber, AMAZON.State, AMAZON.StreetName, AMAZON.Time';

describe('undefined-slot-type', () => {
  test('flags a misspelt built-in type with a hint and a custom type that is not defined', () => {
    expect(brief(lintFixtureWith(undefinedSlotType))).toEqual([
      {
        path: 'intents[0].slots[0].type',
        intent: 'PermitStatus',
        ruleId: 'undefined-slot-type',
        severity: 'error',
        message: `intent PermitStatus: slot permitNumber has type "AMAZON.Numbr", which is neither built in nor in slotTypes, did you mean "AMAZON.Number"? (defined: none; built in: ${BUILT_IN})`,
      },
      {
        path: 'intents[0].slots[1].type',
        intent: 'PermitStatus',
        ruleId: 'undefined-slot-type',
        severity: 'error',
        message: `intent PermitStatus: slot permitKind has type "Permit", which is neither built in nor in slotTypes (defined: none; built in: ${BUILT_IN})`,
      },
    ]);
  });

  test('finds nothing wrong with the default bot', () => {
    expect(lintWith(undefinedSlotType, citizenServices())).toEqual([]);
  });
});
