import { evaluationFormSchema, type EvaluationFormConfig } from '../../lib/config/agent-schema';
import { A11_SECTIONS } from '../../lib/quality/a11-form';
import { resolveEvaluationForm } from '../../lib/quality/evaluation-form';

const BILINGUAL = ['en-US', 'es-US'];
const form = (block: Record<string, unknown> = {}): EvaluationFormConfig => evaluationFormSchema.parse({ enabled: true, ...block });

describe('the default A-11 evaluation form', () => {
  const { form: resolved, problems } = resolveEvaluationForm(form(), BILINGUAL);
  const questions = resolved.items.flatMap((i) => i.section.items.map((x) => x.question));

  test('has one section per A-11 section 280 driver, then the coaching notes', () => {
    expect(problems).toEqual([]);
    expect(resolved.items.map((i) => i.section.refId)).toEqual(['trust', 'effectiveness', 'ease', 'efficiency', 'equity', 'courtesy', 'transparency', 'notes']);
  });

  test('weights the scored questions to exactly 100 and leaves the text question unweighted', () => {
    const weighted = questions.filter((q) => q.weight !== undefined);
    expect(weighted.reduce((sum, q) => sum + q.weight!, 0)).toBe(100);
    expect(questions.find((q) => q.refId === 'notes.coaching')).toMatchObject({ questionType: 'TEXT', weight: undefined });
    expect(resolved.scoringStrategy).toEqual({ mode: 'QUESTION_ONLY', status: 'ENABLED' });
  });

  test('shows English and Spanish in one title for a bilingual jurisdiction', () => {
    expect(resolved.title).toBe('Service quality (OMB A-11 section 280) / Calidad del servicio (OMB A-11, sección 280)');
    expect(resolved.items[0].section.title).toBe('Trust / Confianza');
    expect(questions[0].questionTypeProperties?.singleSelect?.options).toEqual([
      { refId: 'trust.accurate.yes', text: 'Yes / Sí', score: 10 },
      { refId: 'trust.accurate.partly', text: 'Partly / En parte', score: 5 },
      { refId: 'trust.accurate.no', text: 'No / No', score: 0 },
    ]);
  });

  test('shows English only for an English-only jurisdiction', () => {
    const english = resolveEvaluationForm(form(), ['en-US']).form;
    expect(english.title).toBe('Service quality (OMB A-11 section 280)');
    expect(english.items[0].section.items[0].question.title).toBe('Did the agent give accurate, consistent information the caller can rely on?');
  });

  test('scores a 1-5 rating from 0 to 10 in proportion', () => {
    expect(questions.find((q) => q.refId === 'efficiency.time')?.questionTypeProperties?.numeric).toEqual({
      minValue: 1,
      maxValue: 5,
      options: [1, 2, 3, 4, 5].map((v, i) => ({ minValue: v, maxValue: v, score: [0, 3, 5, 8, 10][i] })),
    });
  });

  test('keeps every title within the CloudFormation limits in both languages', () => {
    for (const q of questions) expect(q.title.length).toBeLessThanOrEqual(350);
    for (const i of resolved.items) expect(i.section.title.length).toBeLessThanOrEqual(128);
  });
});

describe('evaluation form problems', () => {
  test('fails when changed weights no longer sum to 100, naming the total and each section', () => {
    const { problems } = resolveEvaluationForm(form({ weights: [{ question: 'trust.accurate', weight: 15 }] }), BILINGUAL);
    expect(problems).toEqual([
      {
        path: 'weights',
        message:
          'the scored question weights sum to 105, not 100 (trust 25, effectiveness 20, ease 15, efficiency 10, equity 15, courtesy 10, transparency 10); AWS::Connect::EvaluationForm needs the total weight to equal 100 (change the weights so they add up to 100)',
      },
    ]);
  });

  test('accepts changed weights that still sum to 100', () => {
    const weights = [
      { question: 'ease.no-repeat', weight: 10 },
      { question: 'ease.plain-language', weight: 5 },
    ];
    const { form: resolved, problems } = resolveEvaluationForm(form({ weights }), BILINGUAL);
    expect(problems).toEqual([]);
    expect(resolved.items[2].section.items.map((x) => x.question.weight)).toEqual([10, 5]);
  });

  test('fails when a weight names a question the form does not have', () => {
    const { problems } = resolveEvaluationForm(form({ weights: [{ question: 'trust.acurate', weight: 10 }] }), BILINGUAL);
    expect(problems[0]).toEqual({ path: 'weights[0].question', message: expect.stringMatching(/^"trust.acurate" is not a question of the form \(questions: trust.accurate, trust.next-step, /) });
  });

  const custom = (questions: unknown[]) => form({ sections: [{ id: 'service', title: { 'en-US': 'Service', 'es-US': 'Servicio' }, questions }] });

  test('fails when a Spanish-serving jurisdiction has a question with no Spanish text', () => {
    const { problems } = resolveEvaluationForm(custom([{ id: 'q1', text: { 'en-US': 'Was the agent helpful?' }, weight: 100 }]), BILINGUAL);
    expect(problems).toEqual([
      { path: 'sections[0].questions[0].text', message: 'has no "es-US" text, and es-US is in languages (add the Spanish text evaluators of Spanish contacts read)' },
    ]);
    expect(resolveEvaluationForm(custom([{ id: 'q1', text: { 'en-US': 'Was the agent helpful?' }, weight: 100 }]), ['en-US']).problems).toEqual([]);
  });

  test('fails when the two languages together are longer than a question title may be', () => {
    const long = 'x'.repeat(200);
    const { problems } = resolveEvaluationForm(custom([{ id: 'q1', text: { 'en-US': long, 'es-US': long }, weight: 100 }]), BILINGUAL);
    expect(problems).toEqual([
      { path: 'sections[0].questions[0].text', message: 'is 403 characters with both languages, over the 350 AWS::Connect::EvaluationForm allows (shorten it)' },
    ]);
  });

  test('fails on a scored question without a weight and a text question with one', () => {
    const { problems } = resolveEvaluationForm(
      custom([
        { id: 'q1', text: { 'en-US': 'Helpful?', 'es-US': '¿Útil?' } },
        { id: 'q2', text: { 'en-US': 'Notes', 'es-US': 'Notas' }, type: 'TEXT', weight: 100 },
      ]),
      BILINGUAL,
    );
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'sections[0].questions[0].weight: is required for a SINGLESELECT question (give its share of the 100 points)',
      'sections[0].questions[1].weight: is not allowed on a TEXT question (TEXT answers are not scored)',
      'sections: has no scored (SINGLESELECT or NUMERIC) question, so the form has no score (add one with a weight of 100)',
    ]);
  });

  test('fails on a reference id used twice', () => {
    const { problems } = resolveEvaluationForm(
      custom([
        { id: 'q1', text: { 'en-US': 'A?', 'es-US': '¿A?' }, weight: 50 },
        { id: 'q1', text: { 'en-US': 'B?', 'es-US': '¿B?' }, weight: 50 },
      ]),
      BILINGUAL,
    );
    expect(problems[0]).toEqual({
      path: 'sections[0].questions[1].id',
      message: 'reference id "q1" is already used by sections[0].questions[0].id (ids of sections, questions and answers must be unique in the form)',
    });
  });

  test('fails on a rating scale with more values than the form can score', () => {
    const { problems } = resolveEvaluationForm(custom([{ id: 'q1', text: { 'en-US': 'Rate', 'es-US': 'Califique' }, type: 'NUMERIC', min: 0, max: 10, weight: 100 }]), BILINGUAL);
    expect(problems).toEqual([
      { path: 'sections[0].questions[0].max', message: '10 must be above min 0 by 1 to 9 (each rating gets a score; AWS::Connect::EvaluationForm allows 10 options)' },
    ]);
  });

  test('the shipped A-11 sections are what the default form deploys', () => {
    expect(resolveEvaluationForm(form(), ['en-US']).form.items).toHaveLength(A11_SECTIONS.length);
  });
});
