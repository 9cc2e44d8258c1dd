import { lintBot } from '../../../lib/bots/lint';
import { localeNotInRegion } from '../../../lib/bots/lint/locale-not-in-region';
import { citizenServices, definitionFrom, lintFixture } from '../helpers';
import { brief, lintFixtureWith, lintWith } from './lint-helpers';

describe('locale-not-in-region', () => {
  test('flags a locale Lex V2 does not offer in us-gov-west-1', () => {
    expect(brief(lintFixtureWith(localeNotInRegion))).toEqual([
      {
        path: 'locales.fr_CA',
        locale: 'fr_CA',
        ruleId: 'locale-not-in-region',
        severity: 'error',
        message: 'Lex V2 locale fr_CA is not available in us-gov-west-1 (available there: en_US, es_US)',
      },
    ]);
  });

  test('accepts the same locale in a region that offers it', () => {
    const definition = definitionFrom(lintFixture('locale-not-in-region'));
    expect(lintBot(definition, { file: 'x.yaml', allowedLocales: ['en_US', 'fr_CA'], region: 'us-east-1', rules: [localeNotInRegion] })).toEqual([]);
  });

  test('finds nothing wrong with the default bot', () => {
    expect(lintWith(localeNotInRegion, citizenServices())).toEqual([]);
  });
});
