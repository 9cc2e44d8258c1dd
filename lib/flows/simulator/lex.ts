import type { BotDefinition, BotIntent, LexLocale } from '../../bots/schema';
import { FALLBACK_INTENT_NAME } from '../../bots/schema';

/**
 * Amazon Lex V2, as far as a scripted caller needs it: an utterance resolves to an intent of
 * the jurisdiction's bot definition by its sample utterances in the contact's locale (slot
 * placeholders capture words, custom slot values resolve through their synonyms), and anything
 * else is the FallbackIntent. The dialog then elicits missing required slots with the bot's
 * prompts and calls the code hook (the real lex-fulfillment handler) as Lex would.
 */

/** An utterance resolved against a bot. */
export interface LexMatch {
  readonly intent: string;
  readonly slots: Readonly<Record<string, string>>;
}

/** Lower case, no accents, no punctuation, single spaces. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9{}\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The value a slot of `type` takes from `text`, or undefined when the text is not one. */
export function slotValue(bot: BotDefinition, locale: LexLocale, type: string, text: string): string | undefined {
  const said = normalize(text);
  if (said === '') return undefined;
  if (type === 'AMAZON.AlphaNumeric') return said.replace(/\s+/g, '').toUpperCase();
  if (type === 'AMAZON.Number') return /^\d+$/.test(said.replace(/\s+/g, '')) ? said.replace(/\s+/g, '') : undefined;
  const custom = bot.slotTypes.find((t) => t.name === type);
  if (!custom) return text.trim();
  for (const value of custom.values) {
    const names = [value.value, ...((value.synonyms as Record<string, string[] | undefined> | undefined)?.[locale] ?? [])].map(normalize);
    if (names.includes(said)) return value.value;
  }
  // Inside a longer answer ("it is a pothole"): the longest synonym the text contains.
  let best: { value: string; length: number } | undefined;
  for (const value of custom.values) {
    for (const name of [value.value, ...((value.synonyms as Record<string, string[] | undefined> | undefined)?.[locale] ?? [])].map(normalize)) {
      if (` ${said} `.includes(` ${name} `) && (!best || name.length > best.length)) best = { value: value.value, length: name.length };
    }
  }
  return best?.value;
}

const templates = new WeakMap<BotDefinition, Map<string, Array<{ intent: BotIntent; re: RegExp; slots: string[]; words: Set<string> }>>>();

function compiled(bot: BotDefinition, locale: LexLocale) {
  let byLocale = templates.get(bot);
  if (!byLocale) templates.set(bot, (byLocale = new Map()));
  let list = byLocale.get(locale);
  if (!list) {
    list = [];
    for (const intent of bot.intents) {
      for (const utterance of (intent.utterances as Record<string, string[] | undefined>)[locale] ?? []) {
        const norm = normalize(utterance);
        const slots: string[] = [];
        const pattern = norm
          .split(/(\{[a-z0-9_]+\})/i)
          .map((part) => {
            const m = /^\{([a-z0-9_]+)\}$/i.exec(part);
            if (m) {
              slots.push(m[1]);
              return '(.+?)';
            }
            return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          })
          .join('');
        list.push({ intent, re: new RegExp(`^${pattern}$`), slots, words: new Set(norm.replace(/\{[^}]*\}/g, ' ').split(' ').filter(Boolean)) });
      }
    }
    byLocale.set(locale, list);
  }
  return list;
}

/** Original slot names are case-sensitive; placeholders were lower-cased by normalize. */
function slotName(intent: BotIntent, lower: string): string {
  return intent.slots.find((s) => s.name.toLowerCase() === lower)?.name ?? lower;
}

/**
 * The intent an utterance resolves to: an exact sample utterance (slots captured and
 * resolved), else the sample it shares most words with (at least 75% of both), else undefined
 * (the FallbackIntent).
 */
export function matchUtterance(bot: BotDefinition, locale: LexLocale, utterance: string): LexMatch | undefined {
  const said = normalize(utterance);
  const list = compiled(bot, locale);
  for (const t of list) {
    const m = t.re.exec(said);
    if (!m) continue;
    const slots: Record<string, string> = {};
    let ok = true;
    t.slots.forEach((lower, i) => {
      const name = slotName(t.intent, lower);
      const type = t.intent.slots.find((s) => s.name === name)?.type ?? 'AMAZON.FreeFormInput';
      const value = slotValue(bot, locale, type, m[i + 1]);
      if (value === undefined) ok = false;
      else slots[name] = value;
    });
    if (ok) return { intent: t.intent.name, slots };
  }
  const words = new Set(said.split(' ').filter(Boolean));
  let best: { intent: string; score: number } | undefined;
  for (const t of list) {
    if (t.slots.length > 0 || t.words.size === 0) continue;
    let shared = 0;
    for (const w of words) if (t.words.has(w)) shared++;
    const score = Math.min(shared / t.words.size, shared / Math.max(1, words.size));
    if (score >= 0.75 && (!best || score > best.score)) best = { intent: t.intent.name, score };
  }
  return best ? { intent: best.intent, slots: {} } : undefined;
}

export { FALLBACK_INTENT_NAME };
