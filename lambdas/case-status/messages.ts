/**
 * Spoken texts of the case-status handler, in the two languages the kit supports. A case's
 * own next step (the item's `nextStep` map) wins over the defaults here.
 */

/** Languages callers are answered in (Lex V2 in GovCloud supports en_US and es_US only). */
export type Language = 'en-US' | 'es-US';

/** A text in both languages. */
export type Bilingual = Readonly<Record<Language, string>>;

/** Status codes the case system writes, with what the caller hears and the default next step. */
export const CASE_STATUS: Readonly<Record<string, { readonly status: Bilingual; readonly nextStep: Bilingual }>> = {
  RECEIVED: {
    status: {
      'en-US': 'We have received your case and it is waiting to be reviewed.',
      'es-US': 'Hemos recibido su caso y está en espera de revisión.',
    },
    nextStep: {
      'en-US': 'No action is needed from you right now. We will contact you when the review begins.',
      'es-US': 'Por ahora no necesita hacer nada. Nos comunicaremos con usted cuando comience la revisión.',
    },
  },
  IN_REVIEW: {
    status: {
      'en-US': 'Your case is being reviewed.',
      'es-US': 'Su caso está en revisión.',
    },
    nextStep: {
      'en-US': 'No action is needed from you right now. We will contact you when a decision is made.',
      'es-US': 'Por ahora no necesita hacer nada. Nos comunicaremos con usted cuando se tome una decisión.',
    },
  },
  APPROVED: {
    status: {
      'en-US': 'Your case has been approved.',
      'es-US': 'Su caso ha sido aprobado.',
    },
    nextStep: {
      'en-US': 'You will receive a letter with the details.',
      'es-US': 'Recibirá una carta con los detalles.',
    },
  },
  DENIED: {
    status: {
      'en-US': 'Your case was not approved.',
      'es-US': 'Su caso no fue aprobado.',
    },
    nextStep: {
      'en-US': 'You will receive a letter explaining the decision and how to appeal it.',
      'es-US': 'Recibirá una carta que explica la decisión y cómo apelarla.',
    },
  },
  NEEDS_INFO: {
    status: {
      'en-US': 'We need more information from you to continue with your case.',
      'es-US': 'Necesitamos más información de usted para continuar con su caso.',
    },
    nextStep: {
      'en-US': 'Please check your mail for a letter listing what we need, or stay on the line to speak with an agent.',
      'es-US': 'Revise su correo para ver la carta con lo que necesitamos, o permanezca en la línea para hablar con un agente.',
    },
  },
};

/** Spoken for a status code not in {@link CASE_STATUS} (the case system may add codes before we do). */
export const UNKNOWN_STATUS: { readonly status: Bilingual; readonly nextStep: Bilingual } = {
  status: {
    'en-US': 'Your case is on file, but we cannot read out its current status.',
    'es-US': 'Su caso está registrado, pero no podemos leerle su estado actual.',
  },
  nextStep: {
    'en-US': 'Please stay on the line to speak with an agent.',
    'es-US': 'Por favor, permanezca en la línea para hablar con un agente.',
  },
};
