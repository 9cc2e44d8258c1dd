import { FALLBACK_INTENT_NAME } from '../schema';
import type { BotLintRule, RuleFinding } from './types';

/**
 * Names are unique where Lex needs them to be: intents and slot types in the bot (slot types
 * may not take a built-in name), slots in their intent. The fallback intent is declared under
 * `fallback`, so no intent may be called FallbackIntent.
 */
export const duplicateName: BotLintRule = {
  id: 'duplicate-name',
  severity: 'error',
  description: 'intent, slot type and slot names are unique; FallbackIntent is declared under fallback',
  check(definition) {
    const findings: RuleFinding[] = [];
    const once = (names: readonly string[], path: (i: number) => string, what: string, intent?: string) => {
      const seen = new Map<string, number>();
      names.forEach((name, i) => {
        const key = name.toLowerCase();
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else findings.push({ path: path(i), intent, message: `${what} "${name}" is already defined at ${path(first)} (names are unique, ignoring case)` });
      });
    };
    once(definition.intents.map((x) => x.name), (i) => `intents[${i}].name`, 'intent');
    once(definition.slotTypes.map((x) => x.name), (i) => `slotTypes[${i}].name`, 'slot type');
    definition.intents.forEach((intent, i) => {
      if (intent.name === FALLBACK_INTENT_NAME) {
        findings.push({ path: `intents[${i}].name`, intent: intent.name, message: `intent ${FALLBACK_INTENT_NAME} is built in: configure it under fallback (code hook, closing), not in intents` });
      }
      once(intent.slots.map((x) => x.name), (s) => `intents[${i}].slots[${s}].name`, `intent ${intent.name}: slot`, intent.name);
    });
    return findings;
  },
};
