import type { EvaluationFormConfig, EvaluationQuestionConfig, EvaluationSectionConfig } from '../config/agent-schema';
import { A11_FORM_DESCRIPTION, A11_FORM_TITLE, A11_SECTIONS, DEFAULT_ANSWERS } from './a11-form';

/**
 * The evaluation form a jurisdiction deploys, resolved from its config into the shape of
 * AWS::Connect::EvaluationForm (CDK L1 property names), with every problem found on the way.
 * Pure: the config checks (lib/config/agent-checks.ts) and the construct
 * (lib/constructs/evaluation-form.ts) call the same function, so a form that passes
 * `gcck validate` is the form that is synthesized.
 *
 * One form, bilingual items. An EvaluationForm item has one Title, and the form's
 * LanguageConfiguration offers es-ES but not es-US. Two forms (one per language) would split one
 * agent's scores over two forms, and Amazon Connect reports and compares evaluation scores per
 * form; evaluators of Spanish contacts are bilingual staff. So each title reads
 * "English / Español" (Spanish only when the jurisdiction serves es-US), and the length limits
 * are checked on the combined text.
 */

/** CloudFormation limits of AWS::Connect::EvaluationForm (cfn-lint us-gov-west-1 schema). */
export const EVALUATION_FORM_LIMITS = {
  formTitle: 128,
  sectionTitle: 128,
  questionTitle: 350,
  optionText: 128,
  instructions: 1024,
  refId: 40,
  numericOptions: 10,
} as const;

/** The total the scored question weights must reach. */
export const TOTAL_WEIGHT = 100;

/** Question types that carry a score (and so a weight). */
const SCORED = new Set(['SINGLESELECT', 'NUMERIC']);

/** An AWS::Connect::EvaluationForm question, as CDK L1 properties. */
export interface ResolvedQuestion {
  readonly refId: string;
  readonly title: string;
  readonly instructions?: string;
  readonly questionType: 'SINGLESELECT' | 'NUMERIC' | 'TEXT';
  readonly notApplicableEnabled: boolean;
  readonly weight?: number;
  readonly questionTypeProperties?: {
    readonly singleSelect?: { readonly displayAs: 'RADIO'; readonly options: ReadonlyArray<{ readonly refId: string; readonly text: string; readonly score: number }> };
    readonly numeric?: { readonly minValue: number; readonly maxValue: number; readonly options: ReadonlyArray<{ readonly minValue: number; readonly maxValue: number; readonly score: number }> };
  };
}

/** An AWS::Connect::EvaluationForm top-level section, as CDK L1 properties. */
export interface ResolvedSection {
  readonly refId: string;
  readonly title: string;
  readonly instructions?: string;
  readonly items: ReadonlyArray<{ readonly question: ResolvedQuestion }>;
}

/** The form as CDK L1 properties (without the instance). */
export interface ResolvedEvaluationForm {
  readonly title: string;
  readonly description: string;
  readonly status: 'ACTIVE' | 'DRAFT';
  readonly scoringStrategy: { readonly mode: 'QUESTION_ONLY'; readonly status: 'ENABLED' };
  readonly items: ReadonlyArray<{ readonly section: ResolvedSection }>;
}

/** A problem at a key path under `evaluationForm`. */
export interface FormProblem {
  readonly path: string;
  readonly message: string;
}

type Bilingual = { readonly 'en-US': string; readonly 'es-US'?: string };

/** The text an evaluator reads: English, then Spanish after " / " when the jurisdiction serves it. */
function joined(text: Bilingual, spanish: boolean, separator: string): string {
  return spanish && text['es-US'] !== undefined ? `${text['en-US']}${separator}${text['es-US']}` : text['en-US'];
}

/**
 * Resolves the `evaluationForm` block of a jurisdiction (validated by its schema) into the
 * form to deploy. `problems` lists everything that would make CloudFormation or Amazon Connect
 * refuse it, or the form differ from what the config says; the form is only meaningful when
 * there are none.
 *
 * @param config the `evaluationForm` block
 * @param languages the jurisdiction's caller languages (Spanish text is required and shown when es-US is one)
 */
export function resolveEvaluationForm(config: EvaluationFormConfig, languages: readonly string[]): { form: ResolvedEvaluationForm; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const spanish = languages.includes('es-US');
  const custom = config.sections !== undefined;
  const sections: readonly EvaluationSectionConfig[] = config.sections ?? A11_SECTIONS;
  // Paths of the kit's own form are named by ids, since the YAML has no list to index into.
  const sectionPath = (s: number) => (custom ? `sections[${s}]` : `(A-11 form) ${sections[s].id}`);
  const questionPath = (s: number, q: number) => (custom ? `sections[${s}].questions[${q}]` : `(A-11 form) ${sections[s].questions[q].id}`);

  const text = (path: string, value: Bilingual, limit: number, separator = ' / ') => {
    if (spanish && value['es-US'] === undefined) problem(path, 'has no "es-US" text, and es-US is in languages (add the Spanish text evaluators of Spanish contacts read)');
    const out = joined(value, spanish, separator);
    if (out.length > limit) problem(path, `is ${out.length} characters with both languages, over the ${limit} AWS::Connect::EvaluationForm allows (shorten it)`);
    return out;
  };

  const seenIds = new Map<string, string>();
  const refId = (path: string, id: string) => {
    if (id.length > EVALUATION_FORM_LIMITS.refId) problem(path, `reference id ${JSON.stringify(id)} is longer than ${EVALUATION_FORM_LIMITS.refId} characters (shorten the question id)`);
    const first = seenIds.get(id);
    if (first !== undefined) problem(path, `reference id ${JSON.stringify(id)} is already used by ${first} (ids of sections, questions and answers must be unique in the form)`);
    else seenIds.set(id, path);
    return id;
  };

  const questionIds = new Set(sections.flatMap((s) => s.questions.map((q) => q.id)));
  const weights = new Map<string, number>();
  config.weights.forEach(({ question, weight }, w) => {
    if (!questionIds.has(question)) problem(`weights[${w}].question`, `${JSON.stringify(question)} is not a question of the form (questions: ${[...questionIds].join(', ')})`);
    else if (weights.has(question)) problem(`weights[${w}].question`, `${JSON.stringify(question)} is given a weight twice (list each question once)`);
    else weights.set(question, weight);
  });

  const resolveQuestion = (path: string, question: EvaluationQuestionConfig): ResolvedQuestion => {
    const weight = weights.get(question.id) ?? question.weight;
    const scored = SCORED.has(question.type);
    if (scored && weight === undefined) problem(`${path}.weight`, `is required for a ${question.type} question (give its share of the ${TOTAL_WEIGHT} points)`);
    if (!scored && weight !== undefined) problem(`${path}.weight`, 'is not allowed on a TEXT question (TEXT answers are not scored)');
    if (question.type !== 'SINGLESELECT' && question.options !== undefined) problem(`${path}.options`, `are only for SINGLESELECT questions (this one is ${question.type})`);
    if (question.type !== 'NUMERIC' && (question.min !== undefined || question.max !== undefined)) problem(path, `min and max are only for NUMERIC questions (this one is ${question.type})`);
    const base = {
      refId: refId(`${path}.id`, question.id),
      title: text(`${path}.text`, question.text, EVALUATION_FORM_LIMITS.questionTitle),
      instructions: question.instructions ? text(`${path}.instructions`, question.instructions, EVALUATION_FORM_LIMITS.instructions, '\n\n') : undefined,
      questionType: question.type,
      notApplicableEnabled: question.notApplicable,
      weight: scored ? weight : undefined,
    };
    if (question.type === 'SINGLESELECT') {
      const options = (question.options ?? DEFAULT_ANSWERS.map((a) => ({ id: `${question.id}.${a.suffix}`, text: a.text, score: a.score }))).map((option, o) => ({
        refId: refId(question.options ? `${path}.options[${o}].id` : `${path}.id`, option.id),
        text: text(question.options ? `${path}.options[${o}].text` : `${path}.id`, option.text, EVALUATION_FORM_LIMITS.optionText),
        score: option.score,
      }));
      return { ...base, questionTypeProperties: { singleSelect: { displayAs: 'RADIO', options } } };
    }
    if (question.type === 'NUMERIC') {
      const min = question.min ?? 1;
      const max = question.max ?? 5;
      if (max <= min || max - min + 1 > EVALUATION_FORM_LIMITS.numericOptions) {
        problem(`${path}.max`, `${max} must be above min ${min} by 1 to ${EVALUATION_FORM_LIMITS.numericOptions - 1} (each rating gets a score; AWS::Connect::EvaluationForm allows ${EVALUATION_FORM_LIMITS.numericOptions} options)`);
        return { ...base, questionTypeProperties: { numeric: { minValue: min, maxValue: max, options: [] } } };
      }
      // Each rating scores in proportion: the lowest 0 points, the highest 10.
      const options = Array.from({ length: max - min + 1 }, (_, i) => ({ minValue: min + i, maxValue: min + i, score: Math.round((10 * i) / (max - min)) }));
      return { ...base, questionTypeProperties: { numeric: { minValue: min, maxValue: max, options } } };
    }
    return base;
  };

  const items = sections.map((section, s) => ({
    section: {
      refId: refId(`${sectionPath(s)}.id`, section.id),
      title: text(`${sectionPath(s)}.title`, section.title, EVALUATION_FORM_LIMITS.sectionTitle),
      instructions: section.instructions ? text(`${sectionPath(s)}.instructions`, section.instructions, EVALUATION_FORM_LIMITS.instructions, '\n\n') : undefined,
      items: section.questions.map((question, q) => ({ question: resolveQuestion(questionPath(s, q), question) })),
    },
  }));

  const scored = items.flatMap((i) => i.section.items.map((x) => x.question)).filter((q) => q.weight !== undefined);
  const total = scored.reduce((sum, q) => sum + (q.weight ?? 0), 0);
  // Weights are decimals in YAML: compare with a tolerance well below any weight anyone writes.
  if (scored.length > 0 && Math.abs(total - TOTAL_WEIGHT) > 1e-6) {
    const bySection = items
      .map((i) => [i.section.refId, i.section.items.reduce((sum, x) => sum + (x.question.weight ?? 0), 0)] as const)
      .filter(([, sum]) => sum > 0)
      .map(([id, sum]) => `${id} ${Number(sum.toFixed(4))}`)
      .join(', ');
    problem(
      config.weights.length > 0 ? 'weights' : custom ? 'sections' : '(A-11 form)',
      `the scored question weights sum to ${Number(total.toFixed(4))}, not ${TOTAL_WEIGHT} (${bySection}); AWS::Connect::EvaluationForm needs the total weight to equal ${TOTAL_WEIGHT} (change the weights so they add up to ${TOTAL_WEIGHT})`,
    );
  }
  if (scored.length === 0) problem(custom ? 'sections' : '(A-11 form)', 'has no scored (SINGLESELECT or NUMERIC) question, so the form has no score (add one with a weight of 100)');

  const title = text('title', config.title ?? A11_FORM_TITLE, EVALUATION_FORM_LIMITS.formTitle);
  return {
    form: { title, description: custom ? 'Agent quality evaluation form of the jurisdiction.' : A11_FORM_DESCRIPTION, status: config.status, scoringStrategy: { mode: 'QUESTION_ONLY', status: 'ENABLED' }, items },
    problems,
  };
}
