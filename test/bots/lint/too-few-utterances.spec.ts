import { lintBot } from '../../../lib/bots/lint';
import { tooFewUtterances } from '../../../lib/bots/lint/too-few-utterances';
import { citizenServices, definitionFrom, lintFixture } from '../helpers';
import { brief, lintFixtureWith, lintWith } from './lint-helpers';

describe('too-few-utterances', () => {
  test('warns for each locale where an intent has fewer than 5 sample utterances', () => {
    expect(brief(lintFixtureWith(tooFewUtterances))).toEqual([
      {
        path: 'intents[0].utterances.en_US',
        locale: 'en_US',
        intent: 'Hours',
        ruleId: 'too-few-utterances',
        severity: 'warning',
        message: 'intent Hours has 2 sample utterances in en_US (give at least 5, phrased the ways callers ask)',
      },
      {
        path: 'intents[0].utterances.es_US',
        locale: 'es_US',
        intent: 'Hours',
        ruleId: 'too-few-utterances',
        severity: 'warning',
        message: 'intent Hours has 1 sample utterance in es_US (give at least 5, phrased the ways callers ask)',
      },
    ]);
  });

  test('follows a lower minimum', () => {
    const definition = definitionFrom(lintFixture('too-few-utterances'));
    const findings = lintBot(definition, { file: 'x.yaml', allowedLocales: ['en_US', 'es_US'], region: 'us-gov-west-1', minUtterances: 2, rules: [tooFewUtterances] });
    expect(findings.map((f) => f.message)).toEqual(['intent Hours has 1 sample utterance in es_US (give at least 2, phrased the ways callers ask)']);
  });

  test('finds nothing wrong with the default bot', () => {
    expect(lintWith(tooFewUtterances, citizenServices())).toEqual([]);
  });
});
