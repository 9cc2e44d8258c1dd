import { duplicateUtterance } from '../../../lib/bots/lint/duplicate-utterance';
import { normalizeUtterance } from '../../../lib/bots/lint/text';
import { citizenServices } from '../helpers';
import { brief, lintFixtureWith, lintWith } from './lint-helpers';

describe('duplicate-utterance', () => {
  test('flags an utterance shared by two intents as an error and a repeat within one intent as a warning', () => {
    expect(brief(lintFixtureWith(duplicateUtterance))).toEqual([
      {
        path: 'intents[1].utterances.en_US[4]',
        locale: 'en_US',
        intent: 'PayBill',
        ruleId: 'duplicate-utterance',
        severity: 'error',
        message:
          'intent PayBill: "Check my balance!" is also an utterance of intent CheckBalance ("check my balance") in en_US; Lex cannot tell the two apart (keep it in one intent)',
      },
      {
        path: 'intents[0].utterances.es_US[4]',
        locale: 'es_US',
        intent: 'CheckBalance',
        ruleId: 'duplicate-utterance',
        severity: 'warning',
        message: 'intent CheckBalance: "cual es mi saldo" repeats "cuál es mi saldo" in es_US (remove one)',
      },
    ]);
  });

  test('normalizes case, accents, punctuation, spacing and slot names', () => {
    expect(normalizeUtterance('  ¿Cuál es el ESTADO del caso {caseNumber}?  ', 'es_US')).toEqual('cual es el estado del caso {slot}');
    expect(normalizeUtterance('status of case {number}!')).toEqual(normalizeUtterance('Status of case, {caseNumber}'));
  });

  test('finds nothing wrong with the default bot', () => {
    expect(lintWith(duplicateUtterance, citizenServices())).toEqual([]);
  });
});
