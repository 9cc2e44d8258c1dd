import { declaredLocales, LexLocale } from '../schema';
import { closest } from '../../config/zod-issues';
import { hasUnpairedBrace, slotReferences } from './text';
import type { BotLintRule, RuleFinding } from './types';

/**
 * Every `{slotName}` in a sample utterance names a slot of its intent, and braces pair up:
 * Lex fails the locale build on an utterance that refers to a slot the intent lacks.
 */
export const undefinedSlot: BotLintRule = {
  id: 'undefined-slot',
  severity: 'error',
  description: 'every {slotName} in an utterance names a slot of the intent',
  check(definition) {
    const findings: RuleFinding[] = [];
    const locales = declaredLocales(definition);
    definition.intents.forEach((intent, i) => {
      const slots = intent.slots.map((s) => s.name);
      const known = slots.length > 0 ? `slots of ${intent.name}: ${slots.join(', ')}` : `intent ${intent.name} has no slots`;
      for (const locale of Object.keys(intent.utterances) as LexLocale[]) {
        if (!locales.includes(locale)) continue;
        (intent.utterances[locale] ?? []).forEach((text, u) => {
          const path = `intents[${i}].utterances.${locale}[${u}]`;
          if (hasUnpairedBrace(text)) {
            findings.push({ path, locale, intent: intent.name, message: `intent ${intent.name}: "${text}" has a "{" or "}" without its pair (write slots as {slotName})` });
          }
          for (const name of slotReferences(text)) {
            if (slots.includes(name)) continue;
            const hint = closest(name, slots);
            findings.push({
              path,
              locale,
              intent: intent.name,
              message: `intent ${intent.name}: "${text}" refers to slot {${name}}, which the intent does not have${hint ? `, did you mean {${hint}}?` : ''} (${known})`,
            });
          }
        });
      }
    });
    return findings;
  },
};
