import type { EvaluationSectionConfig } from '../config/agent-schema';

/**
 * The kit's default quality evaluation form: one section per customer experience driver of
 * OMB Circular A-11, section 280 ("Managing Customer Experience and Improving Service Delivery"):
 * trust, effectiveness (quality), ease/simplicity, efficiency/speed, equity, employee helpfulness
 * (courtesy and empathy) and transparency, plus an unscored notes section for coaching.
 *
 * The questions ask what an evaluator can hear in a recording or read in a transcript. Weights
 * are per question and sum to 100 (Amazon Connect: "The total weight must always equal 100%",
 * admin guide, "Use scoring and weights on agent evaluation forms"). A jurisdiction changes
 * weights with `evaluationForm.weights` or replaces the form with `evaluationForm.sections`.
 */

/** The form title when the config gives none. */
export const A11_FORM_TITLE = {
  'en-US': 'Service quality (OMB A-11 section 280)',
  'es-US': 'Calidad del servicio (OMB A-11, sección 280)',
} as const;

/** The form description (one language: evaluators see the bilingual title and questions). */
export const A11_FORM_DESCRIPTION = 'Agent evaluation aligned with the customer experience drivers of OMB Circular A-11 section 280.';

export const A11_SECTIONS: readonly EvaluationSectionConfig[] = [
  {
    id: 'trust',
    title: { 'en-US': 'Trust', 'es-US': 'Confianza' },
    questions: [
      {
        id: 'trust.accurate',
        text: {
          'en-US': 'Did the agent give accurate, consistent information the caller can rely on?',
          'es-US': '¿Dio el agente información correcta y coherente en la que la persona puede confiar?',
        },
        type: 'SINGLESELECT',
        weight: 10,
        notApplicable: false,
      },
      {
        id: 'trust.next-step',
        text: {
          'en-US': 'Did the agent say clearly what happens next, who does it and when?',
          'es-US': '¿Dijo el agente con claridad qué sigue, quién lo hará y cuándo?',
        },
        type: 'SINGLESELECT',
        weight: 10,
        notApplicable: false,
      },
    ],
  },
  {
    id: 'effectiveness',
    title: { 'en-US': 'Effectiveness', 'es-US': 'Eficacia' },
    questions: [
      {
        id: 'effectiveness.resolved',
        text: {
          'en-US': 'Was the caller\'s need met on this contact, or sent to the right place?',
          'es-US': '¿Se atendió la necesidad de la persona en este contacto, o se envió al lugar correcto?',
        },
        type: 'SINGLESELECT',
        weight: 12,
        notApplicable: false,
      },
      {
        id: 'effectiveness.understood',
        text: {
          'en-US': 'Did the agent confirm the caller understood the answer or next step?',
          'es-US': '¿Confirmó el agente que la persona entendió la respuesta o el siguiente paso?',
        },
        type: 'SINGLESELECT',
        weight: 8,
        notApplicable: false,
      },
    ],
  },
  {
    id: 'ease',
    title: { 'en-US': 'Ease and simplicity', 'es-US': 'Facilidad y sencillez' },
    questions: [
      {
        id: 'ease.no-repeat',
        text: {
          'en-US': 'Did the agent use what the caller had already given (language, case number, self-service answers) without asking again?',
          'es-US': '¿Usó el agente lo que la persona ya había dado (idioma, número de caso, respuestas de autoservicio) sin volver a preguntar?',
        },
        type: 'SINGLESELECT',
        weight: 8,
        notApplicable: false,
      },
      {
        id: 'ease.plain-language',
        text: {
          'en-US': 'Did the agent use plain language, free of jargon and acronyms?',
          'es-US': '¿Usó el agente un lenguaje sencillo, sin jerga ni siglas?',
        },
        type: 'SINGLESELECT',
        weight: 7,
        notApplicable: false,
      },
    ],
  },
  {
    id: 'efficiency',
    title: { 'en-US': 'Efficiency and speed', 'es-US': 'Eficiencia y rapidez' },
    questions: [
      {
        id: 'efficiency.time',
        text: {
          'en-US': 'How well did the agent use the caller\'s time? (1 = much time wasted, 5 = none wasted)',
          'es-US': '¿Qué tan bien aprovechó el agente el tiempo de la persona? (1 = mucho tiempo perdido, 5 = nada perdido)',
        },
        type: 'NUMERIC',
        min: 1,
        max: 5,
        weight: 10,
        notApplicable: false,
      },
    ],
  },
  {
    id: 'equity',
    title: { 'en-US': 'Equity', 'es-US': 'Equidad' },
    questions: [
      {
        id: 'equity.same-service',
        text: {
          'en-US': 'Did the caller get the same quality of service whatever their language, disability or background?',
          'es-US': '¿Recibió la persona la misma calidad de servicio sin importar su idioma, discapacidad u origen?',
        },
        type: 'SINGLESELECT',
        weight: 8,
        notApplicable: false,
      },
      {
        id: 'equity.access',
        text: {
          'en-US': 'Were language assistance or accommodations offered when the caller needed them?',
          'es-US': '¿Se ofreció asistencia de idioma o adaptaciones cuando la persona las necesitó?',
        },
        type: 'SINGLESELECT',
        weight: 7,
        notApplicable: true,
      },
    ],
  },
  {
    id: 'courtesy',
    title: { 'en-US': 'Courtesy and empathy', 'es-US': 'Cortesía y empatía' },
    questions: [
      {
        id: 'courtesy.respect',
        text: {
          'en-US': 'Was the agent courteous and respectful throughout the contact?',
          'es-US': '¿Fue el agente cortés y respetuoso durante todo el contacto?',
        },
        type: 'SINGLESELECT',
        weight: 5,
        notApplicable: false,
      },
      {
        id: 'courtesy.empathy',
        text: {
          'en-US': 'Did the agent acknowledge the caller\'s situation with empathy?',
          'es-US': '¿Reconoció el agente la situación de la persona con empatía?',
        },
        type: 'SINGLESELECT',
        weight: 5,
        notApplicable: false,
      },
    ],
  },
  {
    id: 'transparency',
    title: { 'en-US': 'Transparency', 'es-US': 'Transparencia' },
    questions: [
      {
        id: 'transparency.process',
        text: {
          'en-US': 'Did the agent explain the process, the timelines and the caller\'s options?',
          'es-US': '¿Explicó el agente el proceso, los plazos y las opciones de la persona?',
        },
        type: 'SINGLESELECT',
        weight: 5,
        notApplicable: false,
      },
      {
        id: 'transparency.why-asked',
        text: {
          'en-US': 'Did the agent say why any personal information was asked for?',
          'es-US': '¿Dijo el agente por qué se pidió cualquier información personal?',
        },
        type: 'SINGLESELECT',
        weight: 5,
        notApplicable: true,
      },
    ],
  },
  {
    id: 'notes',
    title: { 'en-US': 'Coaching notes', 'es-US': 'Notas para el desarrollo' },
    questions: [
      {
        id: 'notes.coaching',
        text: {
          'en-US': 'What went well, and what one thing should the agent do differently next time?',
          'es-US': '¿Qué salió bien y qué debería hacer el agente de otra manera la próxima vez?',
        },
        type: 'TEXT',
        notApplicable: false,
      },
    ],
  },
];

/** The answers of a SINGLESELECT question that lists none: Yes (10), Partly (5), No (0). */
export const DEFAULT_ANSWERS = [
  { suffix: 'yes', text: { 'en-US': 'Yes', 'es-US': 'Sí' }, score: 10 },
  { suffix: 'partly', text: { 'en-US': 'Partly', 'es-US': 'En parte' }, score: 5 },
  { suffix: 'no', text: { 'en-US': 'No', 'es-US': 'No' }, score: 0 },
] as const;
