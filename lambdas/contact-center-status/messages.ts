/**
 * Spoken texts of the contact-center status handler, in the two languages the kit supports.
 * Staff write the closure message themselves in the SSM parameter; these defaults are spoken
 * when they leave the message for a language blank (better a correct generic sentence in the
 * caller's language than silence or the other language).
 */

/** Languages callers are answered in (Lex V2 in GovCloud supports en_US and es_US only). */
export type Language = 'en-US' | 'es-US';

/** Why the lines are closed, as staff write it in the parameter's `reason`. */
export const CLOSURE_REASONS = ['EMERGENCY', 'WEATHER', 'HOLIDAY', 'OTHER'] as const;

/** One of {@link CLOSURE_REASONS}. */
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Default closure message per reason and language. */
export const DEFAULT_CLOSURE_MESSAGE: Readonly<Record<ClosureReason, Readonly<Record<Language, string>>>> = {
  EMERGENCY: {
    'en-US': 'Our offices are closed because of an emergency. Please call back later. If this is a life-threatening emergency, hang up and dial 9 1 1.',
    'es-US': 'Nuestras oficinas están cerradas debido a una emergencia. Por favor, vuelva a llamar más tarde. Si se trata de una emergencia que pone en peligro la vida, cuelgue y marque el 9 1 1.',
  },
  WEATHER: {
    'en-US': 'Our offices are closed because of severe weather. Please call back when we reopen.',
    'es-US': 'Nuestras oficinas están cerradas debido al mal tiempo. Por favor, vuelva a llamar cuando volvamos a abrir.',
  },
  HOLIDAY: {
    'en-US': 'Our offices are closed for the holiday. Please call back on the next business day.',
    'es-US': 'Nuestras oficinas están cerradas por el día festivo. Por favor, vuelva a llamar el próximo día hábil.',
  },
  OTHER: {
    'en-US': 'Our offices are closed right now. Please call back later.',
    'es-US': 'Nuestras oficinas están cerradas en este momento. Por favor, vuelva a llamar más tarde.',
  },
};
