/**
 * What language a prompt is in, for transcripts and for the explorer's check that a caller who
 * chose Spanish hears no English. Prompts are short and the kit speaks two languages, so a
 * word-list score is enough: each language's most frequent function words, plus Spanish
 * spelling (ñ, accents, ¿ ¡). SSML `<lang xml:lang="…">` spans count for their language.
 */

/** Prompts repeat: results are kept per text (bounded). */
const MAX_CACHED = 5000;
const stripped = new Map<string, string>();
const detected = new Map<string, 'en-US' | 'es-US' | 'mixed' | 'unknown'>();

function remember<T>(cache: Map<string, T>, text: string, value: T): T {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, value);
  return value;
}

/** SSML tags removed and entities decoded: the text a caller hears. */
export function stripSsml(text: string): string {
  return stripped.get(text) ?? remember(stripped, text, stripTags(text));
}

function stripTags(text: string): string {
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const SPANISH = new Set(
  'de la el que en los las por para su sus usted le un una del con se es está están gracias favor llamada oprima marque número llame puede hay nuestro nuestros nuestra nuestras este esta lo al más mi sí qué cómo dónde cuál espera agente llamar horario ayudar ahora caso momento línea'.split(' '),
);
const ENGLISH = new Set(
  'the you your to and of our for is are we with thank thanks please call press this can if an be will at on in it that have not now calling agent hold line number help what how when where back all right'.split(' '),
);

/** The language of a prompt: `en-US`, `es-US`, `mixed` (both spoken) or `unknown` (too little text). */
export function detectLanguage(text: string): 'en-US' | 'es-US' | 'mixed' | 'unknown' {
  return detected.get(text) ?? remember(detected, text, detect(text));
}

function detect(text: string): 'en-US' | 'es-US' | 'mixed' | 'unknown' {
  const plain = stripSsml(text).toLowerCase();
  const words = plain.split(/[^a-záéíóúüñ]+/i).filter((w) => w !== '');
  let es = /[ñáéíóú¿¡]/.test(plain) ? 2 : 0;
  let en = 0;
  for (const w of words) {
    if (SPANISH.has(w)) es++;
    if (ENGLISH.has(w)) en++;
  }
  const langSpans = /xml:lang="es/i.test(text);
  if (langSpans && en > 0) return 'mixed';
  if (es === 0 && en === 0) return 'unknown';
  if (es > 0 && en > 0 && Math.min(es, en) >= 2) return 'mixed';
  return es >= en ? 'es-US' : 'en-US';
}

/** Whether a prompt in `heard` is acceptable to a caller who chose `chosen`. */
export function suitsLanguage(heard: string, chosen: string): boolean {
  if (heard === 'unknown' || heard === 'mixed') return true;
  return heard.slice(0, 2) === chosen.slice(0, 2);
}
