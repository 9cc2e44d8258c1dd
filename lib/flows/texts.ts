/**
 * Texts the default flows speak that an agency may replace from config (`flows.texts`), with the
 * kit's wording. Flows name them as `${config:text.<name>.<language>}`; `{displayName}` in a text
 * becomes the jurisdiction's display name.
 */
export const KIT_TEXTS = {
  /** main-inbound: the welcome after the language choice. */
  greeting: {
    'en-US': 'Thank you for calling {displayName}. Your call may be recorded and reviewed to improve our service.',
    'es-US': 'Gracias por llamar a {displayName}. Su llamada puede ser grabada y revisada para mejorar nuestro servicio.',
  },
  /** main-inbound: what a caller hears outside the hours of operation before the call ends. */
  closed: {
    'en-US': 'Our offices are closed right now. Please call back during our regular business hours. If this is a life-threatening emergency, hang up and dial 9 1 1. Goodbye.',
    'es-US':
      'Nuestras oficinas están cerradas en este momento. Por favor, vuelva a llamar durante nuestro horario de atención. Si se trata de una emergencia que pone en peligro la vida, cuelgue y marque el 9 1 1. Adiós.',
  },
  /** main-inbound: the self-service bot's opening question (the main menu). */
  menu: {
    'en-US': 'How can I help you today? You can say things like check my case status, office hours and locations, or report a problem. To speak with an agent, just say agent.',
    'es-US':
      '¿En qué le puedo ayudar hoy? Puede decir, por ejemplo, consultar el estado de mi caso, horario y ubicación de las oficinas, o reportar un problema. Para hablar con un agente, diga agente.',
  },
} as const;

/** The name of a replaceable text. */
export type FlowTextName = keyof typeof KIT_TEXTS;

/** The replaceable texts, in a stable order. */
export const FLOW_TEXT_NAMES = Object.keys(KIT_TEXTS) as FlowTextName[];

/** The languages every replaceable text has. */
export const FLOW_TEXT_LANGUAGES = ['en-US', 'es-US'] as const;

/**
 * The longest text: the menu is the opening prompt of a Lex V2 conversation, whose messages
 * take at most 1,000 characters (Lex V2 API reference, PlainTextMessage.value).
 */
export const MAX_FLOW_TEXT_LENGTH = 1000;

/**
 * The `${config:text.<name>.<language>}` values of a jurisdiction: its `flows.texts` override
 * or the kit text, for every name and language, with `{displayName}` filled in.
 */
export function flowTextValues(
  displayName: string,
  overrides: Partial<Record<FlowTextName, Partial<Record<(typeof FLOW_TEXT_LANGUAGES)[number], string>>>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FLOW_TEXT_NAMES) {
    for (const language of FLOW_TEXT_LANGUAGES) {
      const text = overrides[name]?.[language] ?? KIT_TEXTS[name][language];
      out[`text.${name}.${language}`] = text.replaceAll('{displayName}', displayName);
    }
  }
  return out;
}
