/**
 * Maps a caller language (BCP 47, as the flows set the contact's language) to the Lex V2 locale
 * Amazon Connect hands the bot: `es-US` → `es_US`. The one mapping the config checks, the stacks
 * and the flow simulator share.
 */
export function lexLocaleOf(language: string): string {
  return language.replace('-', '_');
}
