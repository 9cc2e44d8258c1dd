import { duplicateName } from '../../../lib/bots/lint/duplicate-name';
import { citizenServices } from '../helpers';
import { brief, lintFixtureWith, lintWith } from './lint-helpers';

describe('duplicate-name', () => {
  test('flags intents and slots named twice (case ignored) and an intent called FallbackIntent', () => {
    expect(brief(lintFixtureWith(duplicateName))).toEqual([
      {
        path: 'intents[1].name',
        ruleId: 'duplicate-name',
        severity: 'error',
        message: 'intent "hours" is already defined at intents[0].name (names are unique, ignoring case)',
      },
      {
        path: 'intents[2].slots[1].name',
        intent: 'Book',
        ruleId: 'duplicate-name',
        severity: 'error',
        message: 'intent Book: slot "date" is already defined at intents[2].slots[0].name (names are unique, ignoring case)',
      },
      {
        path: 'intents[3].name',
        intent: 'FallbackIntent',
        ruleId: 'duplicate-name',
        severity: 'error',
        message: 'intent FallbackIntent is built in: configure it under fallback (code hook, closing), not in intents',
      },
    ]);
  });

  test('finds nothing wrong with the default bot', () => {
    expect(lintWith(duplicateName, citizenServices())).toEqual([]);
  });
});
