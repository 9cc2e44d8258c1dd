import { declaredLocales, LexLocale, Localized } from '../schema';
import type { BotLintRule, RuleFinding } from './types';

/**
 * Every intent says the same things in every locale the bot declares: sample utterances,
 * slot prompts, confirmation and closing texts. A Spanish caller must not be given less
 * than an English one. Text for a locale the bot does not declare is an error too (it
 * would never be built), and a slot value with synonyms in one locale only is a warning.
 */
export const intentParity: BotLintRule = {
  id: 'intent-parity',
  severity: 'error',
  description: 'every intent, prompt and closing text exists in every locale the bot declares',
  check(definition) {
    const findings: RuleFinding[] = [];
    const locales = declaredLocales(definition);
    if (locales.length === 0) {
      findings.push({ path: 'locales', message: 'the bot declares no locale (add en_US and es_US with their voices)' });
      return findings;
    }
    const declared = locales.join(', ');

    /** Checks one localized text: present in every declared locale, absent elsewhere. */
    const text = (value: Localized<unknown> | undefined, path: string, what: string, intent?: string, required = true) => {
      const given = value ?? {};
      for (const locale of Object.keys(given) as LexLocale[]) {
        if (given[locale] !== undefined && !locales.includes(locale)) {
          findings.push({ path: `${path}.${locale}`, locale, intent, message: `${what} given in ${locale}, which the bot does not declare (declared: ${declared})` });
        }
      }
      if (!required && value === undefined) return;
      for (const locale of locales) {
        const entry = given[locale];
        if (entry === undefined || (Array.isArray(entry) && entry.length === 0)) {
          const others = locales.filter((l) => l !== locale && given[l] !== undefined && !(Array.isArray(given[l]) && (given[l] as unknown[]).length === 0));
          const hint = others.length > 0 ? ` (given in ${others.join(', ')}; every locale gets the same intents)` : '';
          findings.push({ path: `${path}.${locale}`, locale, intent, message: `${what} missing in ${locale}${hint}` });
        }
      }
    };

    definition.intents.forEach((intent, i) => {
      const at = `intents[${i}]`;
      text(intent.utterances, `${at}.utterances`, `intent ${intent.name}: sample utterances`, intent.name);
      intent.slots.forEach((slot, s) => {
        text(slot.prompt, `${at}.slots[${s}].prompt`, `intent ${intent.name}: slot ${slot.name} prompt`, intent.name, slot.required);
      });
      if (intent.confirmation) {
        text(intent.confirmation.prompt, `${at}.confirmation.prompt`, `intent ${intent.name}: confirmation prompt`, intent.name);
        text(intent.confirmation.declined, `${at}.confirmation.declined`, `intent ${intent.name}: confirmation declined text`, intent.name);
      }
      text(intent.closing, `${at}.closing`, `intent ${intent.name}: closing`, intent.name, false);
    });
    text(definition.fallback.closing, 'fallback.closing', 'fallback intent: closing', 'FallbackIntent', false);

    definition.slotTypes.forEach((type, t) => {
      type.values.forEach((value, v) => {
        const at = `slotTypes[${t}].values[${v}]`;
        const inLocales = value.locales ?? locales;
        for (const locale of value.locales ?? []) {
          if (!locales.includes(locale)) {
            findings.push({ path: `${at}.locales`, locale, message: `slot type ${type.name} value "${value.value}" names ${locale}, which the bot does not declare (declared: ${declared})` });
          }
        }
        const synonyms = value.synonyms as Localized<string[]>;
        for (const locale of Object.keys(synonyms) as LexLocale[]) {
          if (!inLocales.includes(locale)) {
            findings.push({ path: `${at}.synonyms.${locale}`, locale, message: `slot type ${type.name} value "${value.value}" has ${locale} synonyms, but the value is not in ${locale} (it is in: ${inLocales.join(', ')})` });
          }
        }
        const withSynonyms = inLocales.filter((l) => (synonyms[l]?.length ?? 0) > 0);
        if (withSynonyms.length > 0) {
          for (const locale of inLocales.filter((l) => !withSynonyms.includes(l) && locales.includes(l))) {
            findings.push({
              path: `${at}.synonyms.${locale}`,
              locale,
              severity: 'warning',
              message: `slot type ${type.name} value "${value.value}" has synonyms in ${withSynonyms.join(', ')} but none in ${locale} (callers there can only say the value itself)`,
            });
          }
        }
      });
    });
    return findings;
  },
};
