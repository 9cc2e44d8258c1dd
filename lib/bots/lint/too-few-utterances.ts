import { declaredLocales } from '../schema';
import type { BotLintRule, RuleFinding } from './types';

/**
 * Each intent has enough sample utterances in each locale for the model to recognize the
 * ways callers ask (a warning: the bot builds, but recognizes the intent poorly). A locale
 * with none at all is an intent-parity error, not repeated here.
 */
export const tooFewUtterances: BotLintRule = {
  id: 'too-few-utterances',
  severity: 'warning',
  description: 'each intent has at least the minimum number of sample utterances in each locale (default 5)',
  check(definition, context) {
    const findings: RuleFinding[] = [];
    for (const locale of declaredLocales(definition)) {
      definition.intents.forEach((intent, i) => {
        const count = intent.utterances[locale]?.length ?? 0;
        if (count === 0 || count >= context.minUtterances) return;
        findings.push({
          path: `intents[${i}].utterances.${locale}`,
          locale,
          intent: intent.name,
          message: `intent ${intent.name} has ${count} sample utterance${count === 1 ? '' : 's'} in ${locale} (give at least ${context.minUtterances}, phrased the ways callers ask)`,
        });
      });
    }
    return findings;
  },
};
