import { undefinedSlot } from '../../../lib/bots/lint/undefined-slot';
import { citizenServices } from '../helpers';
import { brief, lintFixtureWith, lintWith } from './lint-helpers';

describe('undefined-slot', () => {
  test('flags a misspelt slot with a hint, a slot the intent lacks and an unpaired brace', () => {
    expect(brief(lintFixtureWith(undefinedSlot))).toEqual([
      {
        path: 'intents[0].utterances.en_US[2]',
        locale: 'en_US',
        intent: 'PayBill',
        ruleId: 'undefined-slot',
        severity: 'error',
        message: 'intent PayBill: "pay account {acountNumber}" refers to slot {acountNumber}, which the intent does not have, did you mean {accountNumber}? (slots of PayBill: accountNumber)',
      },
      {
        path: 'intents[0].utterances.en_US[3]',
        locale: 'en_US',
        intent: 'PayBill',
        ruleId: 'undefined-slot',
        severity: 'error',
        message: 'intent PayBill: "pay on {date}" refers to slot {date}, which the intent does not have (slots of PayBill: accountNumber)',
      },
      {
        path: 'intents[0].utterances.en_US[4]',
        locale: 'en_US',
        intent: 'PayBill',
        ruleId: 'undefined-slot',
        severity: 'error',
        message: 'intent PayBill: "pay {accountNumber now" has a "{" or "}" without its pair (write slots as {slotName})',
      },
    ]);
  });

  test('finds nothing wrong with the default bot', () => {
    expect(lintWith(undefinedSlot, citizenServices())).toEqual([]);
  });
});
