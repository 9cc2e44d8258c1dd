/** Languages the widget speaks (the kit's caller languages). */
export type Language = 'en-US' | 'es-US';

/** Every text the widget shows; a jurisdiction may override `title` and `intro` in its config. */
export interface Strings {
  readonly languageName: string;
  readonly launcher: string;
  readonly title: string;
  readonly intro: string;
  readonly close: string;
  readonly languageLabel: string;
  readonly nameLabel: string;
  readonly nameHint: string;
  readonly topicLabel: string;
  readonly start: string;
  readonly starting: string;
  readonly messageLabel: string;
  readonly send: string;
  readonly endChat: string;
  readonly confirmEnd: string;
  readonly confirmEndYes: string;
  readonly confirmEndNo: string;
  readonly you: string;
  readonly agent: string;
  readonly system: string;
  readonly typing: string;
  readonly connected: string;
  readonly reconnecting: string;
  readonly ended: string;
  readonly download: string;
  readonly newChat: string;
  readonly transcriptHeading: string;
  readonly errors: Readonly<Record<'INVALID_REQUEST' | 'ORIGIN_NOT_ALLOWED' | 'BUSY' | 'UNAVAILABLE' | 'INTERNAL' | 'NETWORK' | 'NAME_REQUIRED', string>>;
}

/** The built-in texts (plain language; Spanish uses the formal "usted"). */
export const STRINGS: Readonly<Record<Language, Strings>> = {
  'en-US': {
    languageName: 'English',
    launcher: 'Chat with us',
    title: 'Chat with us',
    intro: 'Chat with an agent about your question. Please do not share your Social Security number in the chat.',
    close: 'Close chat window',
    languageLabel: 'Language',
    nameLabel: 'Your name',
    nameHint: 'The agent will see this name.',
    topicLabel: 'What is your question about?',
    start: 'Start chat',
    starting: 'Starting your chat…',
    messageLabel: 'Type your message',
    send: 'Send',
    endChat: 'End chat',
    confirmEnd: 'Do you want to end this chat?',
    confirmEndYes: 'Yes, end chat',
    confirmEndNo: 'No, keep chatting',
    you: 'You',
    agent: 'Agent',
    system: 'System',
    typing: 'The agent is typing…',
    connected: 'Connected.',
    reconnecting: 'Connection lost. Reconnecting…',
    ended: 'The chat has ended.',
    download: 'Download transcript',
    newChat: 'Start a new chat',
    transcriptHeading: 'Chat transcript',
    errors: {
      INVALID_REQUEST: 'Please check your name and try again.',
      ORIGIN_NOT_ALLOWED: 'Chat is not available on this page.',
      BUSY: 'All agents are busy. Please try again in a minute.',
      UNAVAILABLE: 'Chat is not available right now. Please try again later.',
      INTERNAL: 'Chat could not be started. Please try again later.',
      NETWORK: 'We could not reach the chat service. Check your connection and try again.',
      NAME_REQUIRED: 'Enter your name to start the chat.',
    },
  },
  'es-US': {
    languageName: 'Español',
    launcher: 'Chatee con nosotros',
    title: 'Chatee con nosotros',
    intro: 'Chatee con un agente sobre su pregunta. Por favor, no comparta su número de Seguro Social en el chat.',
    close: 'Cerrar la ventana de chat',
    languageLabel: 'Idioma',
    nameLabel: 'Su nombre',
    nameHint: 'El agente verá este nombre.',
    topicLabel: '¿Sobre qué es su pregunta?',
    start: 'Iniciar chat',
    starting: 'Iniciando su chat…',
    messageLabel: 'Escriba su mensaje',
    send: 'Enviar',
    endChat: 'Terminar chat',
    confirmEnd: '¿Desea terminar este chat?',
    confirmEndYes: 'Sí, terminar el chat',
    confirmEndNo: 'No, seguir chateando',
    you: 'Usted',
    agent: 'Agente',
    system: 'Sistema',
    typing: 'El agente está escribiendo…',
    connected: 'Conectado.',
    reconnecting: 'Se perdió la conexión. Reconectando…',
    ended: 'El chat ha terminado.',
    download: 'Descargar la transcripción',
    newChat: 'Iniciar un chat nuevo',
    transcriptHeading: 'Transcripción del chat',
    errors: {
      INVALID_REQUEST: 'Revise su nombre e intente de nuevo.',
      ORIGIN_NOT_ALLOWED: 'El chat no está disponible en esta página.',
      BUSY: 'Todos los agentes están ocupados. Intente de nuevo en un minuto.',
      UNAVAILABLE: 'El chat no está disponible ahora. Intente más tarde.',
      INTERNAL: 'No se pudo iniciar el chat. Intente más tarde.',
      NETWORK: 'No pudimos comunicarnos con el servicio de chat. Revise su conexión e intente de nuevo.',
      NAME_REQUIRED: 'Escriba su nombre para iniciar el chat.',
    },
  },
};
