/**
 * Text helpers shared by the lint rules.
 */

/** A `{slotName}` reference in an utterance. */
const SLOT_REFERENCE = /\{([^{}]*)\}/g;

/** The slot names an utterance refers to, in order. */
export function slotReferences(utterance: string): string[] {
  return [...utterance.matchAll(SLOT_REFERENCE)].map((m) => m[1].trim());
}

/** True if the utterance's braces do not pair up (`{caseNumber` or `caseNumber}`). */
export function hasUnpairedBrace(utterance: string): boolean {
  const rest = utterance.replace(SLOT_REFERENCE, '');
  return /[{}]/.test(rest);
}

/**
 * An utterance reduced to what the NLU model sees: lower case, accents and punctuation
 * removed, whitespace collapsed, every slot reference the same placeholder. Two utterances
 * with the same normal form cannot tell intents apart.
 */
export function normalizeUtterance(utterance: string, locale = 'en-US'): string {
  return utterance
    .replace(SLOT_REFERENCE, ' {slot} ')
    .toLocaleLowerCase(locale.replace('_', '-'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}{}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
