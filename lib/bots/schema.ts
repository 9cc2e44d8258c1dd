import { z } from 'zod';
import { LEX_LOCALES } from '../config/known-values';

/**
 * The bot definition schema: the single source of truth for what a `config/bots/<name>.yaml`
 * file may say. Types are inferred from it and `config/bots/bot.schema.json` is generated from
 * it (`npm run gcck -- bot-schema`).
 *
 * Intents, slots and slot types are declared once, with their words per locale, so a locale
 * cannot silently lack an intent; the bot lint (lib/bots/lint) still checks that every
 * locale has every text. Every object is strict: an unknown key is an error.
 */

/** A Lex V2 locale id, as the kit knows them (the region narrows this; GovCloud: en_US and es_US). */
export type LexLocale = (typeof LEX_LOCALES)[number];

/** Name of the fallback intent; Lex requires exactly this name (with parent `AMAZON.FallbackIntent`). */
export const FALLBACK_INTENT_NAME = 'FallbackIntent';

/**
 * Built-in slot types a slot may use directly (or a custom slot type may extend with a
 * regular expression, `AMAZON.AlphaNumeric` only). Lex V2 "Built-in slot types".
 */
export const BUILT_IN_SLOT_TYPES = [
  'AMAZON.AlphaNumeric',
  'AMAZON.City',
  'AMAZON.Confirmation',
  'AMAZON.Country',
  'AMAZON.Date',
  'AMAZON.Duration',
  'AMAZON.EmailAddress',
  'AMAZON.FirstName',
  'AMAZON.FreeFormInput',
  'AMAZON.LastName',
  'AMAZON.Number',
  'AMAZON.Percentage',
  'AMAZON.PhoneNumber',
  'AMAZON.State',
  'AMAZON.StreetName',
  'AMAZON.Time',
] as const;

/** Polly engines a bot locale may use (GovCloud (US-West) offers both). */
export const VOICE_ENGINES = ['neural', 'standard'] as const;

/** How a custom slot type resolves what the caller said (CloudFormation `ResolutionStrategy`). */
export const RESOLUTION_STRATEGIES = ['ORIGINAL_VALUE', 'TOP_RESOLUTION'] as const;

/** Lex name rule for intents, slots and slot types: letters and digits, single `_` or `-` between them. */
const LEX_NAME = /^[A-Za-z0-9]([_-]?[A-Za-z0-9])*$/;
const lexName = () =>
  z
    .string()
    .max(100)
    .regex(LEX_NAME, 'must be letters and digits, with single "_" or "-" between them (a Lex name, at most 100 characters)');

/** Something said by the bot (Polly reads it), at most 1,000 characters as Lex allows. */
const spoken = () => z.string().trim().min(1).max(1000);

/** One text per locale; locales the bot does not declare are flagged by the lint. */
const localized = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(LEX_LOCALES.map((locale) => [locale, value.optional()])) as Record<LexLocale, z.ZodOptional<T>>).strict();

/** A sample utterance: at most 200 characters; `{slotName}` marks where a slot value is said. */
const utterance = z.string().trim().min(1).max(200);

// Defined once with an id, so the JSON Schema holds each shape once (under $defs) instead of
// repeating the locale list at every use.
/** Something the bot says, per locale. */
const localizedText = localized(spoken()).meta({ id: 'BotLocalizedText', title: 'Text per locale' });
/** Sample utterances, per locale. */
const localizedUtterances = localized(z.array(utterance)).meta({ id: 'BotLocalizedUtterances', title: 'Sample utterances per locale' });
/** Synonyms of a slot value, per locale. */
const localizedSynonyms = localized(z.array(z.string().trim().min(1).max(140))).meta({ id: 'BotLocalizedSynonyms', title: 'Synonyms per locale' });

const codeHook = z
  .object({
    dialog: z
      .boolean()
      .default(false)
      .describe('Call the code hook on each turn while slots are filled (validation). @default false'),
    fulfillment: z.boolean().default(false).describe('Call the code hook to fulfil the intent once its slots are filled. @default false'),
  })
  .strict()
  .meta({ id: 'BotCodeHook', title: 'Code hook invocations' });

const noHook = { dialog: false, fulfillment: false };

const slot = z
  .object({
    name: lexName().describe('Slot name; utterances refer to it as {name}.'),
    description: z.string().max(200).optional(),
    type: z.string().min(1).describe('A built-in slot type (AMAZON.AlphaNumeric, AMAZON.Number, ...) or the name of an entry in slotTypes.'),
    required: z.boolean().default(true).describe('Lex asks for the slot until it is filled. @default true'),
    obfuscate: z
      .boolean()
      .default(false)
      .describe('Mask the value in Lex logs (case numbers, account numbers). @default false'),
    maxRetries: z.number().int().min(0).max(5).default(2).describe('Times Lex asks again when it did not get a value. @default 2'),
    prompt: localizedText.optional().describe('What the bot asks to get the value, per locale; required for a required slot.'),
  })
  .strict();

const prompted = z
  .object({
    prompt: localizedText.describe('What the bot asks, per locale.'),
    declined: localizedText.describe('What the bot says when the caller says no, per locale.'),
    maxRetries: z.number().int().min(0).max(5).default(2),
  })
  .strict();

const intent = z
  .object({
    name: lexName().describe('Intent name; the code hook branches on it.'),
    description: z.string().max(200).optional(),
    utterances: localizedUtterances.describe('Sample utterances per locale (at least 5 each is advised).'),
    slots: z.array(slot).default([]).describe('Slots, elicited in this order.'),
    codeHook: codeHook.default(noHook).describe('Which code hook invocations the intent uses.'),
    confirmation: prompted.optional().describe('Ask the caller to confirm before fulfilment. @default - no confirmation'),
    closing: localizedText
      .optional()
      .describe('What the bot says when the intent ends (leave out when the code hook answers). @default - nothing'),
  })
  .strict();

const slotTypeValue = z
  .object({
    value: z.string().trim().min(1).max(140).describe('The resolved value, the same in every locale (what the code hook receives).'),
    synonyms: localizedSynonyms
      .default({})
      .describe('Other ways callers say the value, per locale.'),
    locales: z
      .array(z.enum(LEX_LOCALES))
      .min(1)
      .optional()
      .describe('Locales the value exists in. @default - every locale of the bot'),
  })
  .strict();

const slotType = z
  .object({
    name: lexName(),
    description: z.string().max(200).optional(),
    resolution: z
      .enum(RESOLUTION_STRATEGIES)
      .default('TOP_RESOLUTION')
      .describe('TOP_RESOLUTION returns the listed value for a synonym; ORIGINAL_VALUE returns what the caller said. @default TOP_RESOLUTION'),
    values: z.array(slotTypeValue).default([]).describe('The values (with synonyms); leave out only with extends.'),
    extends: z
      .enum(['AMAZON.AlphaNumeric'])
      .optional()
      .describe('Build the type on AMAZON.AlphaNumeric, restricted by pattern, instead of a list of values.'),
    pattern: z
      .string()
      .min(1)
      .max(300)
      .optional()
      .describe('Regular expression the value must match (with extends; no *, + or . as Lex allows).'),
  })
  .strict();

const localeSettings = z
  .object({
    description: z.string().max(200).optional(),
    voice: z
      .object({
        id: z.string().regex(/^[A-Z][a-zA-Z]+$/, 'must be an Amazon Polly voice id such as "Joanna" or "Lupe"'),
        engine: z.enum(VOICE_ENGINES).default('neural').describe('Polly engine. @default neural'),
      })
      .strict()
      .describe('Polly voice the bot speaks with in this locale.'),
    nluConfidenceThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.4)
      .describe('Below this intent confidence Lex uses the fallback intent. @default 0.4'),
  })
  .strict()
  .meta({ id: 'BotLocaleSettings', title: 'Settings of one locale' });

/** Schema of one bot definition file. */
export const botSchema = z
  .object({
    $schema: z.string().optional(),
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,48}$/, 'must be lower-case letters, digits and "-" (2 to 49 characters), the file name without .yaml')
      .describe('Bot name; must match the file name. Flows refer to the bot as ${bot:<name>}.'),
    description: z.string().max(200).optional(),
    idleSessionTtlSeconds: z
      .number()
      .int()
      .min(60)
      .max(86400)
      .default(300)
      .describe('Seconds a conversation is kept while the caller is silent. @default 300'),
    locales: z
      .object(Object.fromEntries(LEX_LOCALES.map((locale) => [locale, localeSettings.optional()])) as Record<LexLocale, z.ZodOptional<typeof localeSettings>>)
      .strict()
      .describe('The locales the bot is built in, with their voice and NLU settings.'),
    slotTypes: z.array(slotType).default([]).describe('Custom slot types.'),
    intents: z.array(intent).min(1).describe('The intents, declared once with their words per locale.'),
    fallback: z
      .object({
        codeHook: codeHook.default(noHook),
        closing: localizedText.optional().describe('What the bot says when it did not understand. @default - nothing'),
      })
      .strict()
      .default({ codeHook: noHook })
      .describe('The fallback intent (FallbackIntent), used when no intent matches.'),
  })
  .strict();

/** A validated bot definition. */
export type BotDefinition = z.infer<typeof botSchema>;
/** One intent of a bot definition. */
export type BotIntent = BotDefinition['intents'][number];
/** One slot of an intent. */
export type BotSlot = BotIntent['slots'][number];
/** One custom slot type. */
export type BotSlotType = BotDefinition['slotTypes'][number];
/** Text (or a list) per locale. */
export type Localized<T> = Partial<Record<LexLocale, T>>;
/** The settings of one locale. */
export type BotLocaleSettings = NonNullable<BotDefinition['locales'][LexLocale]>;

/** The locales a definition declares, in the kit's locale order. */
export function declaredLocales(definition: Pick<BotDefinition, 'locales'>): LexLocale[] {
  return LEX_LOCALES.filter((locale) => definition.locales[locale] !== undefined);
}
