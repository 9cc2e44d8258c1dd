/*
 * Value lists the config schema, the region table and the bot tools share, in a module of their
 * own so that a tool needing only these (a one-file flow lint) does not load zod and the schema.
 */

/** Regions the kit knows; see lib/config/regions.ts for what each offers. */
export const SUPPORTED_REGIONS = ['us-gov-west-1', 'us-east-1', 'us-west-2'] as const;

/** Lex V2 locales the kit can ask for; the region table narrows this (GovCloud: en_US and es_US). */
export const LEX_LOCALES = ['en_US', 'es_US', 'es_419', 'es_ES', 'fr_CA', 'fr_FR', 'de_DE', 'it_IT', 'ja_JP', 'ko_KR', 'pt_BR', 'zh_CN', 'en_GB', 'en_AU', 'en_IN', 'ar_AE', 'hi_IN', 'vi_VN'] as const;
