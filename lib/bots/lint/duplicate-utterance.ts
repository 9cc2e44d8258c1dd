import { declaredLocales } from '../schema';
import { normalizeUtterance } from './text';
import type { BotLintRule, RuleFinding } from './types';

/**
 * No two intents share a sample utterance in a locale (after case, accents, punctuation and
 * slot names are normalized): the model could not tell them apart, and Lex picks either.
 * The same utterance twice in one intent is a warning (it adds nothing).
 */
export const duplicateUtterance: BotLintRule = {
  id: 'duplicate-utterance',
  severity: 'error',
  description: 'no sample utterance is shared by two intents, or repeated within one (case, accents and punctuation ignored)',
  check(definition) {
    const findings: RuleFinding[] = [];
    for (const locale of declaredLocales(definition)) {
      const seen = new Map<string, { intent: string; text: string }>();
      definition.intents.forEach((intent, i) => {
        (intent.utterances[locale] ?? []).forEach((text, u) => {
          const key = normalizeUtterance(text, locale);
          const first = seen.get(key);
          const path = `intents[${i}].utterances.${locale}[${u}]`;
          if (!first) {
            seen.set(key, { intent: intent.name, text });
          } else if (first.intent === intent.name) {
            findings.push({
              path,
              locale,
              intent: intent.name,
              severity: 'warning',
              message: `intent ${intent.name}: "${text}" repeats "${first.text}" in ${locale} (remove one)`,
            });
          } else {
            findings.push({
              path,
              locale,
              intent: intent.name,
              message: `intent ${intent.name}: "${text}" is also an utterance of intent ${first.intent} ("${first.text}") in ${locale}; Lex cannot tell the two apart (keep it in one intent)`,
            });
          }
        });
      });
    }
    return findings;
  },
};
