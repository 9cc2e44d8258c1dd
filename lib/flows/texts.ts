/**
 * Texts the default flows speak or write that an agency may replace from config (`flows.texts`),
 * with the kit's wording. Flows name them as `${config:text.<name>.<language>}`; `{displayName}`
 * in a text becomes the jurisdiction's display name. The survey questions are not replaceable:
 * they are the OMB Circular A-11 §280 statements, which keep answers comparable across agencies.
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
  /** chat-inbound: the welcome at the start of a chat. */
  chatGreeting: {
    'en-US': 'Hello, and thank you for contacting {displayName}. This chat may be recorded and reviewed to improve our service.',
    'es-US': 'Hola, gracias por comunicarse con {displayName}. Este chat puede ser grabado y revisado para mejorar nuestro servicio.',
  },
  /** chat-inbound: what a citizen reads outside the hours of operation before the chat ends. */
  chatClosed: {
    'en-US': 'Our agents are not available right now. Please contact us again during business hours. If this is a life-threatening emergency, call 9 1 1.',
    'es-US': 'En este momento no hay agentes disponibles. Por favor, comuníquese con nosotros durante nuestro horario de atención. Si se trata de una emergencia que pone en peligro la vida, llame al 9 1 1.',
  },
  /** chat-inbound: the self-service bot's opening question in a chat. */
  chatMenu: {
    'en-US': 'How can I help you today? You can ask about the status of your case, our office hours and locations, or report a problem. Type agent at any time to chat with a person.',
    'es-US': '¿En qué le puedo ayudar hoy? Puede preguntar por el estado de su caso, nuestro horario y ubicaciones, o reportar un problema. Escriba agente en cualquier momento para chatear con una persona.',
  },
  /** customer-hold: what a caller hears, repeated, while the agent has them on hold. */
  hold: {
    'en-US': 'You are on hold. Please stay on the line; your agent will be back with you shortly.',
    'es-US': 'Usted está en espera. Por favor, permanezca en la línea; su agente regresará en un momento.',
  },
  /** customer-queue: what a caller hears, repeated, while waiting in a queue. */
  queueWait: {
    'en-US': 'Thank you for holding. All of our agents are helping other callers. Please stay on the line, and the next available agent will be with you.',
    'es-US': 'Gracias por esperar. Todos nuestros agentes están atendiendo a otras personas. Por favor, permanezca en la línea; el próximo agente disponible le atenderá.',
  },
  /** post-contact-survey: the introduction to the survey on a call. */
  surveyIntro: {
    'en-US': 'Before you go, please answer three short questions about today\'s call. For each one, press a number from 1 to 5, where 1 means strongly disagree and 5 means strongly agree.',
    'es-US': 'Antes de colgar, por favor responda tres preguntas breves sobre su llamada de hoy. Para cada una, marque un número del 1 al 5, donde 1 significa totalmente en desacuerdo y 5 significa totalmente de acuerdo.',
  },
  /** post-contact-survey: the introduction to the survey in a chat. */
  chatSurveyIntro: {
    'en-US': 'Before you go, please answer three short questions about today\'s chat. For each one, type a number from 1 to 5, where 1 means strongly disagree and 5 means strongly agree.',
    'es-US': 'Antes de irse, por favor responda tres preguntas breves sobre el chat de hoy. Para cada una, escriba un número del 1 al 5, donde 1 significa totalmente en desacuerdo y 5 significa totalmente de acuerdo.',
  },
  /** post-contact-survey: the thanks at the end of the survey on a call. */
  surveyThanks: {
    'en-US': 'Thank you for your feedback. Goodbye.',
    'es-US': 'Gracias por sus respuestas. Adiós.',
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
