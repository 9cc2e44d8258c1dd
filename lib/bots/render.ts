import type { CfnBot } from 'aws-cdk-lib/aws-lex';
import { BotDefinition, BotIntent, FALLBACK_INTENT_NAME, LexLocale, Localized } from './schema';

/**
 * Renders a bot definition into the `BotLocales` of an `AWS::Lex::Bot`, one locale at a time.
 * Pure and deterministic (no tokens), so the same definition always renders the same JSON:
 * {@link LexBot} hashes it to name the bot version.
 */

/** One plain-text message group. */
function messages(text: string): CfnBot.MessageGroupProperty[] {
  return [{ message: { plainTextMessage: { value: text } } }];
}

/** The text of `value` in `locale`; the lint guarantees it exists for a definition that passed. */
function textIn<T>(value: Localized<T> | undefined, locale: LexLocale, what: string): T {
  const text = value?.[locale];
  if (text === undefined) throw new Error(`renderBotLocales: ${what} has no ${locale} text (run the bot lint first)`);
  return text;
}

function codeHooks(hook: BotIntent['codeHook']): Pick<CfnBot.IntentProperty, 'dialogCodeHook' | 'fulfillmentCodeHook'> {
  return {
    ...(hook.dialog ? { dialogCodeHook: { enabled: true } } : {}),
    ...(hook.fulfillment ? { fulfillmentCodeHook: { enabled: true, isActive: true } } : {}),
  };
}

function closing(text: Localized<string> | undefined, locale: LexLocale, what: string): Pick<CfnBot.IntentProperty, 'intentClosingSetting'> {
  if (text === undefined) return {};
  return { intentClosingSetting: { isActive: true, closingResponse: { allowInterrupt: true, messageGroupsList: messages(textIn(text, locale, what)) } } };
}

function renderIntent(intent: BotIntent, locale: LexLocale): CfnBot.IntentProperty {
  const slots: CfnBot.SlotProperty[] = intent.slots.map((slot) => ({
    name: slot.name,
    ...(slot.description ? { description: slot.description } : {}),
    slotTypeName: slot.type,
    ...(slot.obfuscate ? { obfuscationSetting: { obfuscationSettingType: 'DefaultObfuscation' } } : {}),
    valueElicitationSetting: {
      slotConstraint: slot.required ? 'Required' : 'Optional',
      ...(slot.prompt?.[locale] !== undefined
        ? { promptSpecification: { maxRetries: slot.maxRetries, allowInterrupt: true, messageGroupsList: messages(slot.prompt[locale]!) } }
        : {}),
    },
  }));
  const confirmation = intent.confirmation;
  return {
    name: intent.name,
    ...(intent.description ? { description: intent.description } : {}),
    sampleUtterances: textIn(intent.utterances, locale, `intent ${intent.name} utterances`).map((utterance) => ({ utterance })),
    ...codeHooks(intent.codeHook),
    ...(slots.length > 0 ? { slots, slotPriorities: intent.slots.map((slot, i) => ({ slotName: slot.name, priority: i + 1 })) } : {}),
    ...(confirmation
      ? {
          intentConfirmationSetting: {
            isActive: true,
            promptSpecification: {
              maxRetries: confirmation.maxRetries,
              allowInterrupt: true,
              messageGroupsList: messages(textIn(confirmation.prompt, locale, `intent ${intent.name} confirmation prompt`)),
            },
            declinationResponse: { allowInterrupt: true, messageGroupsList: messages(textIn(confirmation.declined, locale, `intent ${intent.name} declined text`)) },
          },
        }
      : {}),
    ...closing(intent.closing, locale, `intent ${intent.name} closing`),
  };
}

function renderSlotTypes(definition: BotDefinition, locale: LexLocale): CfnBot.SlotTypeProperty[] {
  return definition.slotTypes.map((type) => {
    const base = { name: type.name, ...(type.description ? { description: type.description } : {}) };
    if (type.extends !== undefined) {
      return {
        ...base,
        parentSlotTypeSignature: type.extends,
        valueSelectionSetting: { resolutionStrategy: 'ORIGINAL_VALUE', ...(type.pattern ? { regexFilter: { pattern: type.pattern } } : {}) },
      };
    }
    const values = type.values.filter((v) => v.locales === undefined || v.locales.includes(locale));
    return {
      ...base,
      valueSelectionSetting: { resolutionStrategy: type.resolution },
      slotTypeValues: values.map((v) => {
        const synonyms = [...new Set((v.synonyms as Localized<string[]>)[locale] ?? [])].filter((s) => s !== v.value);
        return { sampleValue: { value: v.value }, ...(synonyms.length > 0 ? { synonyms: synonyms.map((value) => ({ value })) } : {}) };
      }),
    };
  });
}

/**
 * The `BotLocales` of the bot for `locales` (in that order): each with its voice, NLU
 * threshold, custom slot types, intents and the fallback intent (`AMAZON.FallbackIntent`).
 */
export function renderBotLocales(definition: BotDefinition, locales: readonly LexLocale[]): CfnBot.BotLocaleProperty[] {
  return locales.map((locale) => {
    const settings = definition.locales[locale];
    if (!settings) throw new Error(`renderBotLocales: bot ${definition.name} does not declare locale ${locale}`);
    const slotTypes = renderSlotTypes(definition, locale);
    const fallback: CfnBot.IntentProperty = {
      name: FALLBACK_INTENT_NAME,
      description: 'Used when no other intent matches what the caller said',
      parentIntentSignature: 'AMAZON.FallbackIntent',
      ...codeHooks(definition.fallback.codeHook),
      ...closing(definition.fallback.closing, locale, 'fallback closing'),
    };
    return {
      localeId: locale,
      ...(settings.description ? { description: settings.description } : {}),
      nluConfidenceThreshold: settings.nluConfidenceThreshold,
      voiceSettings: { voiceId: settings.voice.id, engine: settings.voice.engine },
      ...(slotTypes.length > 0 ? { slotTypes } : {}),
      intents: [...definition.intents.map((intent) => renderIntent(intent, locale)), fallback],
    };
  });
}
