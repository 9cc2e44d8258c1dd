import { declaredLocales } from '../schema';
import type { BotLintRule, RuleFinding } from './types';

/**
 * Every locale the bot declares is offered by Lex V2 in the target region. In AWS GovCloud
 * (US-West) that is en_US and es_US only ("Amazon Lex in AWS GovCloud (US)", GovCloud User
 * Guide); a bot with another locale would fail to deploy.
 */
export const localeNotInRegion: BotLintRule = {
  id: 'locale-not-in-region',
  severity: 'error',
  description: 'every locale is available for Lex V2 in the target region',
  check(definition, context) {
    const findings: RuleFinding[] = [];
    for (const locale of declaredLocales(definition)) {
      if (context.allowedLocales.includes(locale)) continue;
      findings.push({
        path: `locales.${locale}`,
        locale,
        message: `Lex V2 locale ${locale} is not available in ${context.region} (available there: ${context.allowedLocales.join(', ') || 'none'})`,
      });
    }
    return findings;
  },
};
