import { z } from 'zod';

/**
 * Config blocks for the agent side of the contact center: the quality evaluation form
 * (`evaluationForm`), routing by language proficiency (`proficiencyRouting`) and the agent
 * hierarchy (`agentHierarchy`). Part of the jurisdiction schema (lib/config/schema.ts); the
 * checks a schema cannot express are in lib/config/agent-checks.ts.
 */

/** An evaluation form reference id (`RefId`: letters, digits, `.`, `_`, `-`, at most 40). */
const REF_ID = /^[a-zA-Z0-9._-]{1,40}$/;
const refId = () => z.string().regex(REF_ID, 'must be 1 to 40 letters, digits, ".", "_" or "-"');

/** Text an evaluator reads, in English and (when the jurisdiction serves Spanish) Spanish. */
const bilingual = (max: number) =>
  z
    .object({ 'en-US': z.string().min(1).max(max), 'es-US': z.string().min(1).max(max).optional() })
    .strict();

/** Question types of AWS::Connect::EvaluationForm the kit builds. */
export const EVALUATION_QUESTION_TYPES = ['SINGLESELECT', 'NUMERIC', 'TEXT'] as const;

const answerOption = z
  .object({
    id: refId().describe('Reference id of the answer, unique in the form.'),
    text: bilingual(128).describe('The answer as the evaluator sees it.'),
    score: z.number().int().min(0).max(10).describe('Points the answer earns (0-10).'),
  })
  .strict();

const question = z
  .object({
    id: refId().describe('Reference id of the question, unique in the form (scores in exports are keyed by it).'),
    text: bilingual(350).describe('The question, per language; shown as "English / Español".'),
    instructions: bilingual(1024).optional().describe('Guidance for the evaluator. @default - none'),
    type: z.enum(EVALUATION_QUESTION_TYPES).default('SINGLESELECT'),
    weight: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('Share of the overall score (scored questions of the form sum to 100); not for TEXT questions.'),
    options: z
      .array(answerOption)
      .min(2)
      .max(20)
      .optional()
      .describe('SINGLESELECT answers. @default - Yes (10), Partly (5), No (0)'),
    min: z.number().int().min(0).max(100).optional().describe('NUMERIC lowest rating. @default 1'),
    max: z.number().int().min(1).max(100).optional().describe('NUMERIC highest rating (at most 9 above min). @default 5'),
    notApplicable: z.boolean().default(false).describe('Evaluators may answer "not applicable" (the weight is spread over the other questions).'),
  })
  .strict();

const section = z
  .object({
    id: refId().describe('Reference id of the section, unique in the form.'),
    title: bilingual(128).describe('Section title, e.g. the A-11 driver.'),
    instructions: bilingual(1024).optional(),
    questions: z.array(question).min(1).max(100),
  })
  .strict();

/** The `evaluationForm` block. */
export const evaluationFormSchema = z
  .object({
    enabled: z.boolean().default(false).describe('Deploy the quality evaluation form (AWS::Connect::EvaluationForm; needs features.contactLens).'),
    status: z.enum(['ACTIVE', 'DRAFT']).default('ACTIVE').describe('ACTIVE: evaluators can use it now; DRAFT: deployed for review first.'),
    title: bilingual(128).optional().describe('Form title. @default - "Service quality (OMB A-11 280)" in English and Spanish'),
    sections: z
      .array(section)
      .min(1)
      .max(100)
      .optional()
      .describe('The whole form, replacing the kit\'s A-11 driver form (lib/quality/a11-form.ts). @default - the A-11 driver form'),
    weights: z
      .array(z.object({ question: z.string().describe('Question id.'), weight: z.number().min(0).max(100) }).strict())
      .default([])
      .describe('Question weights to change, e.g. [{ question: ease.no-repeat, weight: 10 }] (the scored questions must still sum to 100).'),
  })
  .strict()
  .describe('Quality evaluation form aligned with the OMB Circular A-11 section 280 customer experience drivers.');

/** A predefined attribute name or value (Amazon Connect pattern, no `aws:` / `connect:` prefix). */
const ATTRIBUTE_TEXT = /^(?!(aws:|connect:))[\p{L}\p{Z}\p{N}_.:/=+\-@']{1,64}$/u;

/** The `proficiencyRouting` block. */
export const proficiencyRoutingSchema = z
  .object({
    enabled: z.boolean().default(false).describe('Route callers to agents proficient in their language first (AWS::Connect::PredefinedAttribute and routing criteria in the inbound flows).'),
    attribute: z
      .string()
      .regex(ATTRIBUTE_TEXT, 'must be 1 to 64 letters, digits, spaces or _ . : / = + - @ \' (not starting with "aws:" or "connect:")')
      .default('Language')
      .describe('Name of the predefined attribute agents get a proficiency level in.'),
    minimumLevel: z.number().int().min(1).max(5).default(3).describe('Proficiency (1-5) an agent needs in the caller\'s language during the first routing step.'),
    waitSeconds: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(60)
      .describe('How long the first step waits for a proficient agent before any agent of the queue may take the contact.'),
    languages: z
      .array(
        z
          .object({
            value: z
              .string()
              .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code in lower case, e.g. "es" or "vi"')
              .describe('Attribute value agents are rated in: the language code.'),
            queue: z
              .string()
              .optional()
              .describe('Queue interpreted calls in this language wait in. @default - en: routing.default, es: routing.spanish; other languages must name one'),
          })
          .strict(),
      )
      .min(1)
      .default([{ value: 'en' }, { value: 'es' }])
      .describe('Languages agents are rated in: the caller languages (en, es) and any the agency staffs for interpreted calls.'),
  })
  .strict()
  .describe('Routing by language proficiency: the first routing step asks for an agent proficient in the caller\'s language, then any agent of the queue.');

const HIERARCHY_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/;
const hierarchyName = () =>
  z.string().regex(HIERARCHY_NAME, 'must start with a letter or digit and use only letters, digits, spaces, "_", "." or "-" (at most 100 characters)');

const hierarchyGroup = z
  .object({
    name: hierarchyName().describe('Group name (unique in the hierarchy).'),
    parent: z.string().optional().describe('Name of the group one level up. @default - a top-level group'),
  })
  .strict();

/** The `agentHierarchy` block. */
export const agentHierarchySchema = z
  .object({
    levels: z
      .array(hierarchyName())
      .min(1)
      .max(5)
      .describe('Level names from the top, e.g. [Division, Unit] (Amazon Connect allows five).'),
    groups: z.array(hierarchyGroup).min(1).describe('Groups, each under its parent (a group without a parent is at the top level).'),
  })
  .strict()
  .describe('Agent hierarchy (AWS::Connect::UserHierarchyStructure and UserHierarchyGroup). Agents are assigned to groups with their user accounts, outside the templates.');

/** The evaluation form settings. */
export type EvaluationFormConfig = z.infer<typeof evaluationFormSchema>;
/** One section of an evaluation form. */
export type EvaluationSectionConfig = z.infer<typeof section>;
/** One question of an evaluation form. */
export type EvaluationQuestionConfig = z.infer<typeof question>;
/** The proficiency routing settings. */
export type ProficiencyRoutingConfig = z.infer<typeof proficiencyRoutingSchema>;
/** One group of the agent hierarchy. */
export type HierarchyGroupConfig = z.infer<typeof hierarchyGroup>;
/** The agent hierarchy settings. */
export type AgentHierarchyConfig = z.infer<typeof agentHierarchySchema>;
