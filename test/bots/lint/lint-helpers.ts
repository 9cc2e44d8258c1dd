import { BotFinding, BotLintRule, lintBot } from '../../../lib/bots/lint';
import type { BotDefinition } from '../../../lib/bots/schema';
import { definitionFrom, lintFixture } from '../helpers';

/** Runs one rule over its failing fixture (test/fixtures/bots/lint/<rule id>.yaml) for us-gov-west-1. */
export function lintFixtureWith(rule: BotLintRule): BotFinding[] {
  return lintWith(rule, definitionFrom(lintFixture(rule.id)), lintFixture(rule.id));
}

/** Runs one rule over a definition for us-gov-west-1. */
export function lintWith(rule: BotLintRule, definition: BotDefinition, file = 'bot.yaml'): BotFinding[] {
  return lintBot(definition, { file, allowedLocales: ['en_US', 'es_US'], region: 'us-gov-west-1', rules: [rule] });
}

/** The findings without the file, for compact expectations. */
export const brief = (findings: readonly BotFinding[]) => findings.map(({ file: _file, ...rest }) => rest);
