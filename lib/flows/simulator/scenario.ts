import { z } from 'zod';

/**
 * Scenario files: one call, scripted. YAML under `contact-flows/tests/` (and `tests/` of any
 * flow folder a jurisdiction lists); `config/scenario.schema.json` is generated from this
 * schema for editors. Every object is strict: a misspelt key fails.
 */

const input = z.union([
  z.strictObject({ press: z.string().regex(/^[0-9*#]+$/, 'must be DTMF digits, * or #').describe('Keys the caller presses (a menu choice or digits to store).') }),
  z.strictObject({ say: z.string().min(1).describe('What the caller says to the bot (or types, in a chat).') }),
  z.literal('silence').describe('The caller says or presses nothing until the prompt times out.'),
  z.literal('hang-up').describe('The caller hangs up.'),
]);

const functionAnswer = z.union([
  z.strictObject({ answer: z.record(z.string(), z.string()).describe('The flat string map the function returns.') }),
  z.strictObject({ error: z.string().describe('The function fails (an unhandled error, throttling...).') }),
  z.strictObject({ timeout: z.literal(true).describe('The function does not answer within the flow\'s InvocationTimeLimitSeconds.') }),
]);

const prompt = z.union([
  z.string().describe('Text the prompt contains (SSML stripped).'),
  z.strictObject({ text: z.string(), language: z.enum(['en-US', 'es-US', 'mixed']).optional() }),
]);

const queueMetrics = z.strictObject({
  waiting: z.number().int().min(0).optional().describe('Contacts waiting in the queue. @default 0'),
  oldestContactSeconds: z.number().min(0).optional().describe('Age of the oldest contact in the queue. @default 0'),
  agentsOnline: z.number().int().min(0).optional(),
  agentsAvailable: z.number().int().min(0).optional(),
  agentsStaffed: z.number().int().min(0).optional(),
});

const end = z.strictObject({
  kind: z.enum(['disconnected', 'queued', 'transferred', 'hung-up', 'stopped']).describe('How the call ended (a callback created is expect.callback).'),
  after: z.string().optional().describe('For disconnected: text of the last message the caller heard.'),
  queue: z.string().optional().describe('For queued: the queue.'),
  priority: z.number().int().optional().describe('For queued: the priority.'),
  flow: z.string().optional().describe('The flow the call ended in.'),
});

/** Schema of one scenario file. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1).describe('What the call proves, as a sentence.'),
    jurisdictions: z.array(z.string()).optional().describe('Jurisdictions the scenario runs for. @default - every jurisdiction that deploys the flow'),
    flow: z.string().default('main-inbound').describe('The flow the call enters.'),
    channel: z.enum(['VOICE', 'CHAT', 'TASK']).default('VOICE').describe('TASK: a task contact (no caller), e.g. in a task flow.'),
    at: z.iso.datetime({ offset: true }).describe('The simulated instant, e.g. 2027-03-02T10:00:00-06:00.'),
    language: z.enum(['en-US', 'es-US']).optional().describe('The language the contact starts with (a chat widget sends it as the "language" attribute). @default - the jurisdiction\'s first'),
    customerNumber: z.string().default('+15555550123').describe('The caller\'s number (E.164), or any text for an anonymous caller.'),
    attributes: z.record(z.string(), z.string()).default({}).describe('Attributes the contact starts with.'),
    world: z
      .strictObject({
        queues: z.record(z.string(), queueMetrics).default({}).describe('Queue metrics by queue name.'),
        neuralVoices: z.boolean().default(true).describe('Whether neural text-to-speech voices are available.'),
        faults: z.record(z.string(), z.string()).default({}).describe('Actions forced onto an error branch: "flow/action" or "action" → error type.'),
        percent: z.array(z.number().int().min(0).max(99)).optional().describe('Draws for DistributeByPercentage, in order.'),
      })
      .default({ queues: {}, neuralVoices: true, faults: {} }),
    data: z
      .strictObject({
        closure: z.unknown().optional().describe('The closure switch parameter (its JSON value). @default open'),
        cases: z.record(z.string(), z.strictObject({ status: z.string(), nextStep: z.record(z.string(), z.string()).optional() })).optional(),
        verification: z
          .record(z.string(), z.strictObject({ pin: z.string().optional(), dob: z.string().optional(), failedAttempts: z.number().int().optional(), lockedForSeconds: z.number().int().optional() }))
          .optional(),
      })
      .default({})
      .describe('What the kit\'s functions find in their tables and parameter.'),
    functions: z.record(z.string(), z.union([functionAnswer, z.array(functionAnswer).min(1)])).default({}).describe('Scripted function answers instead of the real handler (a list is used in order).'),
    agent: z
      .strictObject({
        answers: z.boolean().default(true).describe('Whether an agent answers the queued call.'),
        afterInterrupts: z.number().int().min(0).default(0).describe('Queue-flow interruptions before the agent answers.'),
        then: z
          .array(z.string().regex(/^(hang-up|caller-hangs-up|hold|transfer:[A-Za-z0-9_.-]+(:[A-Za-z0-9 _.-]+)?)$/, 'hang-up, caller-hangs-up, hold or transfer:<flow>[:<queue>]'))
          .default(['hang-up'])
          .describe('What happens once connected, in order: hold, transfer:<flow>[:<queue>], then hang-up (the agent first: the disconnect flow runs) or caller-hangs-up.'),
      })
      .default({ answers: true, afterInterrupts: 0, then: ['hang-up'] }),
    inputs: z.array(input).default([]).describe('What the caller does, in order.'),
    expect: z
      .strictObject({
        prompts: z.array(prompt).optional().describe('Every prompt the caller hears, in order: each heard prompt contains the text.'),
        agentHears: z.array(z.string()).optional().describe('Every whisper the agent hears, in order.'),
        attributes: z.record(z.string(), z.string()).optional().describe('Attribute values at the end of the call.'),
        end: end.optional(),
        queued: z.strictObject({ queue: z.string(), priority: z.number().int().optional() }).optional().describe('The queue the caller was placed in.'),
        callback: z.strictObject({ queue: z.string(), number: z.string().optional() }).optional().describe('A callback the flow created.'),
        routingCriteria: z
          .union([
            z.literal('none'),
            z.array(
              z.strictObject({
                attribute: z.string(),
                value: z.string(),
                minimumLevel: z.number().int().min(1).max(5),
                expiresAfterSeconds: z.number().int().min(1).optional().describe('@default - the step never expires'),
              }),
            ),
          ])
          .optional()
          .describe('The routing criteria set on the contact at the end of the call, one entry per step (one requirement each), or "none".'),
        survey: z.record(z.string(), z.string()).optional().describe('The survey answers survey-capture stored (satisfaction, trust, ease).'),
        tasks: z
          .array(z.strictObject({ flow: z.string().describe('The flow the task starts in.'), name: z.string().optional(), attributes: z.record(z.string(), z.string()).optional().describe('Attributes the task must carry (others may be there too).') }))
          .optional()
          .describe('Every task the flows created (CreateTask), in order; [] expects none.'),
        lambdas: z.array(z.string()).optional().describe('Functions called, in order, as "name → result".'),
      })
      .default({}),
  })
  .describe('A scripted call through a jurisdiction\'s flows and what the caller must hear.');

/** A parsed scenario. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** One caller input. */
export type ScenarioInput = Scenario['inputs'][number];
