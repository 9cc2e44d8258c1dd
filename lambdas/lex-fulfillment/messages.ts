import type { BotLocale } from '../shared/lex-handler';

/** Case status codes stored in the case table's `status` attribute. */
export const CASE_STATUSES = ['RECEIVED', 'IN_REVIEW', 'APPROVED', 'DENIED', 'NEEDS_INFO'] as const;

/** A case status code. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Everything the citizen-services bot says from its code hook, in one locale. */
export interface BotMessages {
  /** Asks for the case number (when fulfillment is reached without one). */
  readonly askCaseNumber: string;
  /** Asks again after something that is not a case number. */
  readonly invalidCaseNumber: string;
  /** One spoken sentence per case status. */
  readonly caseStatus: Readonly<Record<CaseStatus, string>>;
  /** Introduces the next-step text stored with the case. */
  readonly nextStep: (text: string) => string;
  /** No case with that number; the caller is handed to an agent. */
  readonly caseNotFound: string;
  /** The caller asked for an agent. */
  readonly agentTransfer: string;
  /** The caller wants to report a problem; an agent takes the report. */
  readonly problemReported: string;
  /** What the bot can do (help, repeat, and after a fallback). */
  readonly menu: string;
  /** Said before the menu when the bot did not understand. */
  readonly notUnderstood: string;
}

/**
 * The bot's words, keyed by Lex locale. The Spanish is written for callers (usted, plain words),
 * not translated word for word; keep both locales saying the same things.
 */
export const MESSAGES: Readonly<Record<BotLocale, BotMessages>> = Object.freeze({
  en_US: {
    askCaseNumber: 'Please say or enter your case number.',
    invalidCaseNumber:
      "Sorry, that doesn't sound like a case number. It has six to ten digits and may start with up to four letters. Please say or enter your case number again.",
    caseStatus: {
      RECEIVED: 'We have received your case, and it is waiting to be reviewed.',
      IN_REVIEW: 'Your case is being reviewed.',
      APPROVED: 'Your case has been approved.',
      DENIED: 'Your case was not approved. An agent can explain the decision and your options.',
      NEEDS_INFO: 'We need more information from you to continue with your case.',
    },
    nextStep: (text) => `Next step: ${text}`,
    caseNotFound: "I couldn't find a case with that number. Let me connect you with an agent who can help.",
    agentTransfer: 'Sure. Please hold while I connect you with an agent.',
    problemReported: 'Thank you for letting us know. Let me connect you with an agent who can take your report.',
    menu: 'I can check the status of your case, tell you our office hours and locations, or take a problem report. You can also ask for an agent. What would you like to do?',
    notUnderstood: "Sorry, I didn't understand.",
  },
  es_US: {
    askCaseNumber: 'Por favor, diga o marque su número de caso.',
    invalidCaseNumber:
      'Disculpe, eso no parece un número de caso. Tiene de seis a diez dígitos y puede empezar con hasta cuatro letras. Por favor, diga o marque su número de caso otra vez.',
    caseStatus: {
      RECEIVED: 'Recibimos su caso y está en espera de revisión.',
      IN_REVIEW: 'Su caso está en revisión.',
      APPROVED: 'Su caso fue aprobado.',
      DENIED: 'Su caso no fue aprobado. Un agente puede explicarle la decisión y sus opciones.',
      NEEDS_INFO: 'Necesitamos más información de su parte para continuar con su caso.',
    },
    nextStep: (text) => `Siguiente paso: ${text}`,
    caseNotFound: 'No encontré ningún caso con ese número. Permítame comunicarle con un agente que pueda ayudarle.',
    agentTransfer: 'Con gusto. Por favor, espere en la línea mientras le comunico con un agente.',
    problemReported: 'Gracias por avisarnos. Permítame comunicarle con un agente que pueda tomar su reporte.',
    menu: 'Puedo consultar el estado de su caso, darle el horario y la dirección de nuestras oficinas o tomar el reporte de un problema. También puede pedir hablar con un agente. ¿Qué desea hacer?',
    notUnderstood: 'Disculpe, no le entendí.',
  },
});
