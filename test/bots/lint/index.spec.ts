import * as fs from 'fs';
import * as path from 'path';
import { BOT_LINT_RULES, formatFinding, lintBot } from '../../../lib/bots/lint';
import { ROOT, definitionFrom, lintFixture } from '../helpers';

describe('bot lint', () => {
  test('has one rule per file in lib/bots/lint, each with a fixture named after it', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'lib', 'bots', 'lint'))
      .filter((f) => !['index.ts', 'types.ts', 'text.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(BOT_LINT_RULES.map((r) => r.id).sort()).toEqual(files);
    for (const rule of BOT_LINT_RULES) expect(fs.existsSync(path.join(ROOT, lintFixture(rule.id)))).toBe(true);
  });

  test.each(BOT_LINT_RULES.map((rule) => [rule.id]))('the %s fixture fails that rule and no other', (id) => {
    const findings = lintBot(definitionFrom(lintFixture(id)), { file: 'f.yaml', allowedLocales: ['en_US', 'es_US'], region: 'us-gov-west-1' });
    expect(findings.length).toBeGreaterThan(0);
    expect([...new Set(findings.map((f) => f.ruleId))]).toEqual([id]);
  });

  test('formats a finding as a config problem line ending with the rule id', () => {
    expect(
      formatFinding({ file: 'config/bots/x.yaml', path: 'locales.fr_CA', ruleId: 'locale-not-in-region', severity: 'error', message: 'Lex V2 locale fr_CA is not available' }),
    ).toEqual('config/bots/x.yaml: locales.fr_CA: Lex V2 locale fr_CA is not available [locale-not-in-region]');
  });
});
