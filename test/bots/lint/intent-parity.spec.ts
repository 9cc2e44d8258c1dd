import { intentParity } from '../../../lib/bots/lint/intent-parity';
import { changed, citizenServices } from '../helpers';
import { brief, lintFixtureWith, lintWith } from './lint-helpers';

describe('intent-parity', () => {
  test('flags an intent, a slot prompt and a closing missing in es_US, and text for an undeclared locale', () => {
    const findings = lintFixtureWith(intentParity);
    expect(findings.every((f) => f.file === 'test/fixtures/bots/lint/intent-parity.yaml')).toBe(true);
    expect(brief(findings)).toEqual([
      {
        path: 'intents[0].utterances.es_US',
        locale: 'es_US',
        intent: 'PayBill',
        ruleId: 'intent-parity',
        severity: 'error',
        message: 'intent PayBill: sample utterances missing in es_US (given in en_US; every locale gets the same intents)',
      },
      {
        path: 'intents[0].slots[0].prompt.es_US',
        locale: 'es_US',
        intent: 'PayBill',
        ruleId: 'intent-parity',
        severity: 'error',
        message: 'intent PayBill: slot accountNumber prompt missing in es_US (given in en_US; every locale gets the same intents)',
      },
      {
        path: 'intents[0].closing.es_US',
        locale: 'es_US',
        intent: 'PayBill',
        ruleId: 'intent-parity',
        severity: 'error',
        message: 'intent PayBill: closing missing in es_US (given in en_US; every locale gets the same intents)',
      },
      {
        path: 'intents[1].closing.fr_CA',
        locale: 'fr_CA',
        intent: 'Goodbye',
        ruleId: 'intent-parity',
        severity: 'error',
        message: 'intent Goodbye: closing given in fr_CA, which the bot does not declare (declared: en_US, es_US)',
      },
    ]);
  });

  test('warns when a slot value has synonyms in one locale only', () => {
    const definition = changed(citizenServices(), (d) => {
      delete (d.slotTypes[0].values[4].synonyms as Record<string, string[]>).es_US;
    });
    expect(brief(lintWith(intentParity, definition))).toEqual([
      {
        path: 'slotTypes[0].values[4].synonyms.es_US',
        locale: 'es_US',
        ruleId: 'intent-parity',
        severity: 'warning',
        message: 'slot type ProblemType value "noise" has synonyms in en_US but none in es_US (callers there can only say the value itself)',
      },
    ]);
  });

  test('requires a prompt in every locale for a required slot that has none, and at least one locale', () => {
    const noPrompt = changed(citizenServices(), (d) => void delete d.intents[0].slots[0].prompt);
    expect(lintWith(intentParity, noPrompt).map((f) => f.message)).toEqual([
      'intent CheckCaseStatus: slot caseNumber prompt missing in en_US',
      'intent CheckCaseStatus: slot caseNumber prompt missing in es_US',
    ]);
    const noLocale = changed(citizenServices(), (d) => void (d.locales = {}));
    expect(lintWith(intentParity, noLocale).map((f) => `${f.path}: ${f.message}`)).toEqual(['locales: the bot declares no locale (add en_US and es_US with their voices)']);
  });

  test('finds nothing wrong with the default bot', () => {
    expect(lintWith(intentParity, citizenServices())).toEqual([]);
  });
});
