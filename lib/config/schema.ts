import { z } from 'zod';
import { FLOW_TEXT_NAMES, MAX_FLOW_TEXT_LENGTH, type FlowTextName } from '../flows/texts';
import { agentHierarchySchema, evaluationFormSchema, proficiencyRoutingSchema } from './agent-schema';
import { LEX_LOCALES, SUPPORTED_REGIONS } from './known-values';

/**
 * The jurisdiction configuration schema: the single source of truth for what a
 * `config/jurisdictions/<id>.yaml` file may say. Types are inferred from it and
 * `config/jurisdiction.schema.json` is generated from it (`npm run schema`).
 *
 * Every object is strict: an unknown key is an error, so a misspelt setting never
 * silently falls back to a default.
 */

/** A plain identifier used for resource names and references (no export-controlled prose). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,126}$/;
const name = () =>
  z
    .string()
    .regex(NAME, 'must start with a letter or digit and use only letters, digits, spaces, "_", "." or "-" (at most 127 characters)');

/**
 * A tag value: the characters every AWS resource type accepts in one (the CloudFormation
 * schemas' `^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`); the values are applied to every taggable resource.
 */
const tagValue = () =>
  z
    .string()
    .min(1)
    .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, 'must use only letters, digits, spaces and _ . : / = + - @ (the characters AWS tag values allow)');

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = () => z.string().regex(TIME, 'must be a 24-hour time HH:MM, e.g. "08:30"');

/** Days of the week, as Amazon Connect spells them. */
export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;


/** Caller languages (BCP 47) the kit has prompts and voices for. */
export const LANGUAGES = ['en-US', 'es-US'] as const;

/** CloudWatch Logs retention periods, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Data classifications an agency may tag its resources with. */
export const DATA_CLASSIFICATIONS = ['PUBLIC', 'INTERNAL', 'CUI', 'CUI-SP-PRVCY'] as const;

const scheduleEntry = z
  .object({
    days: z.array(z.enum(DAYS)).min(1).describe('Days these hours apply to.'),
    start: time().describe('Opening time, local to the time zone.'),
    end: time().describe('Closing time, local to the time zone; "00:00" means midnight at the end of the day.'),
  })
  .strict();

const holiday = z
  .object({
    name: name().describe('Plain name of the holiday, e.g. "New Years Day".'),
    date: z.string().describe('First day of the closure, YYYY-MM-DD.'),
    through: z.string().optional().describe('Last day of a multi-day closure, YYYY-MM-DD. @default - the same day as date'),
    open: time().optional().describe('Reduced opening time for a partial day. @default - closed all day'),
    close: time().optional().describe('Reduced closing time for a partial day; required with open.'),
  })
  .strict();

const hours = z
  .object({
    name: name().describe('Name that queues use to refer to these hours.'),
    description: z.string().max(250).optional(),
    timeZone: z.string().describe('IANA time zone, e.g. "America/Chicago".'),
    schedule: z.array(scheduleEntry).min(1),
    holidays: z.array(holiday).default([]).describe('Dates the hours are overridden (closed, or reduced hours).'),
  })
  .strict();

const queue = z
  .object({
    name: name(),
    description: z.string().max(250).optional(),
    hours: z.string().describe('Name of an entry in hours.'),
    maxContacts: z.number().int().min(1).max(10000).optional().describe('Most contacts waiting in the queue. @default - no limit'),
    outboundCallerIdName: z.string().max(255).optional().describe('Caller ID name on outbound calls from this queue.'),
    holdPrompt: z
      .string()
      .optional()
      .describe('Recorded prompt (a prompts.files name) voice callers in this queue hear before each hold message. @default - none: the hold messages only'),
  })
  .strict();

/** A prompt audio file name: a plain file name ending in .wav, no folders. */
const PROMPT_FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,122}\.wav$/;

const promptFile = z
  .object({
    name: name().describe('Name flows refer to it by, as ${prompt:<name>}; also the prompt name in Amazon Connect.'),
    file: z
      .string()
      .regex(PROMPT_FILE, 'must be a file name ending in ".wav" (letters, digits, "_", "." or "-"; no folders)')
      .describe('The audio file in the prompts folder: WAV, 8 kHz, mono, U-law, under 50 MB and five minutes.'),
    description: z.string().min(1).max(250).optional().describe('What the recording says or plays (shown in the Amazon Connect admin website).'),
  })
  .strict();

const prompts = z
  .object({
    folder: z
      .string()
      .min(1)
      .optional()
      .describe('Folder of the audio files, relative to the config folder (the one holding jurisdictions/). @default prompts/<id>'),
    files: z.array(promptFile).default([]).describe('Recorded prompts to upload and create; none by default.'),
  })
  .strict();

const CHANNELS = ['VOICE', 'CHAT', 'TASK'] as const;

const routingProfile = z
  .object({
    name: name(),
    description: z.string().min(1).max(250).optional(),
    defaultOutboundQueue: z.string().describe('Name of the queue outbound calls are placed from.'),
    concurrency: z
      .object({
        voice: z.number().int().min(0).max(1).default(1),
        chat: z.number().int().min(0).max(10).default(0),
        task: z.number().int().min(0).max(10).default(0),
      })
      .strict()
      .default({ voice: 1, chat: 0, task: 0 })
      .describe('Contacts per channel an agent handles at once; 0 turns the channel off for this profile.'),
    queues: z
      .array(
        z
          .object({
            queue: z.string().describe('Name of an entry in queues.'),
            channels: z.array(z.enum(CHANNELS)).min(1).default(['VOICE']),
            priority: z.number().int().min(1).max(99).default(1).describe('1 is served first.'),
            delaySeconds: z.number().int().min(0).max(9999).default(0),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const quickConnect = z
  .object({
    name: name(),
    description: z.string().max(250).optional(),
    phoneNumber: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as "+12175550100"'),
  })
  .strict();

const agentStatus = z
  .object({
    name: name(),
    description: z.string().max(250).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

const phoneNumber = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must start with a letter or digit and use only letters, digits, "_" or "-" (at most 64 characters)')
      .describe('Name of the number, for reference and outputs (it names the custom resource, so no spaces).'),
    flow: z.string().describe('Name of the inbound flow (file name without .json) the number is bound to.'),
    countryCode: z.enum(['US']).default('US'),
    type: z.enum(['DID', 'TOLL_FREE']).default('TOLL_FREE'),
    prefix: z
      .string()
      .regex(/^\+1\d{0,9}$/, 'must be "+1" followed by up to 9 digits, e.g. "+1800" or "+1217"')
      .optional()
      .describe('Claim a number starting with this prefix. @default - any available number'),
    adopt: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as "+18005550100"')
      .optional()
      .describe('Use this number, already claimed in the instance, instead of claiming a new one.'),
    releaseOnDelete: z
      .boolean()
      .default(false)
      .describe(
        'Release the number when this entry is removed from the config, or the stack deleted, while this says true (never when another entry adopts it). No other edit releases it. A released public number is hard to get back.',
      ),
  })
  .strict();

const RETENTION_MODES = ['GOVERNANCE', 'COMPLIANCE'] as const;

const retention = z
  .object({
    days: z.number().int().min(1).max(36500).describe('Object Lock default retention and the records schedule period.'),
    mode: z.enum(RETENTION_MODES).default('GOVERNANCE').describe('COMPLIANCE cannot be shortened by anyone, including the root user.'),
    archiveAfterDays: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Move objects to S3 Glacier Flexible Retrieval after this many days. @default - never'),
    expireAfterRetention: z
      .boolean()
      .default(true)
      .describe('Delete objects once the retention period has passed (records disposition).'),
  })
  .strict();

const features = z
  .object({
    chat: z.boolean().default(true),
    tasks: z.boolean().default(true),
    contactLens: z.boolean().default(true),
    customerProfiles: z.boolean().default(false),
    cases: z.boolean().default(false),
    outboundCampaigns: z.boolean().default(false),
    emailChannel: z.boolean().default(false),
    voiceId: z.boolean().default(false),
    amazonQInConnect: z.boolean().default(false),
    globalResiliency: z.boolean().default(false),
  })
  .strict()
  .describe('Amazon Connect features; one the region lacks is a config error.');

/** Contact attribute values the web chat may start a chat with (see lambdas/chat-start). */
const CHAT_TOPIC = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * An origin a web page may start chats from: `https://host` or `https://host:port`, no path,
 * lower case. Used for both API Gateway CORS and the instance's approved origins, so a browser
 * accepted by one is accepted by the other.
 */
export const CHAT_ORIGIN = /^https:\/\/[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+(:[1-9]\d{0,4})?$/;

const chatTopic = z
  .object({
    id: z.string().regex(CHAT_TOPIC, 'must be lower-case letters, digits and "-", starting with a letter (at most 40 characters)').describe('Topic value the page passes and the chat flow routes on.'),
    queue: z.string().optional().describe('Queue chats on this topic go to. @default - the language route (routing.spanish or routing.default)'),
    label: z
      .object({ 'en-US': z.string().min(1).max(80), 'es-US': z.string().min(1).max(80).optional() })
      .strict()
      .describe('What the widget shows for the topic, per language.'),
  })
  .strict();

const chatStrings = z
  .object({
    title: z.string().min(1).max(80).optional().describe('Heading of the chat window. @default - "Chat with <displayName>"'),
    intro: z.string().min(1).max(300).optional().describe('Text above the start form. @default - a generic invitation'),
  })
  .strict();

const chat = z
  .object({
    enabled: z.boolean().default(false).describe('Deploy the web chat API (API Gateway, WAF, Lambda StartChatContact) for the chat-inbound flow.'),
    allowedOrigins: z
      .array(z.string().regex(CHAT_ORIGIN, 'must be an HTTPS origin such as "https://benefits.example.gov" (lower case, no path, no trailing "/")'))
      .default([])
      .describe('Web sites allowed to start chats: API CORS and the instance\'s approved origins.'),
    topics: z.array(chatTopic).default([]).describe('Topics a page may start a chat on; any other topic is refused.'),
    strings: z
      .object({ 'en-US': chatStrings.optional(), 'es-US': chatStrings.optional() })
      .strict()
      .default({})
      .describe('Widget texts per language that override the built-in ones.'),
    rateLimit: z.number().int().min(1).max(10_000).default(10).describe('API Gateway steady-state requests per second for starting chats.'),
    burstLimit: z.number().int().min(1).max(5_000).default(20).describe('API Gateway burst of requests for starting chats.'),
    wafRequestsPer5Minutes: z
      .number()
      .int()
      .min(10)
      .max(2_000_000_000)
      .default(100)
      .describe('AWS WAF rate-based rule: chat starts one client IP may make in 5 minutes before it is blocked.'),
  })
  .strict();

/** Real-time queue metrics a supervisor alert can watch (Amazon Connect rules, OnMetricDataUpdate). */
export const ALERT_METRICS = ['OLDEST_CONTACT_AGE', 'CONTACTS_IN_QUEUE'] as const;

/** An Amazon Connect rule name (AWS::Connect::Rule `Name`: letters, digits, ".", "_", "-"). */
const RULE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

const supervisorAlert = z
  .object({
    name: z.string().regex(RULE_NAME, 'must be letters, digits, ".", "_" or "-" (at most 100 characters; a rule name has no spaces)').describe('Name of the rule.'),
    metric: z.enum(ALERT_METRICS).default('OLDEST_CONTACT_AGE').describe('OLDEST_CONTACT_AGE (seconds the oldest contact has waited) or CONTACTS_IN_QUEUE.'),
    atLeast: z.number().int().min(1).max(86_400).describe('Notify when the metric reaches this value in one of the queues.'),
    queues: z.array(z.string()).min(1).max(25).describe('Names of the queues watched (entries in queues; at most 25).'),
    channels: z.array(z.enum(CHANNELS)).min(1).optional().describe('Channels counted. @default - every channel'),
    notifyUsersTagged: z
      .array(z.string().regex(/^[^=\s][^=]{0,127}=[^=]{1,256}$/, 'must be "<tag key>=<tag value>", e.g. "role=supervisor"'))
      .min(1)
      .describe('Users notified by email: those carrying all of these tags ("key=value"). Users stay out of the templates; tag supervisors in the agency\'s identity process.'),
    subject: z.string().min(1).max(200).optional().describe('Subject of the notification. @default - "<metric> alert: <rule name>"'),
    message: z.string().min(1).max(1024).optional().describe('Text of the notification. @default - which metric reached which value'),
  })
  .strict();

const followUp = z
  .object({
    enabled: z.boolean().default(false).describe('Deploy the follow-up task flow and task template, and create follow-up tasks (needs features.tasks).'),
    queue: z.string().optional().describe('Queue follow-up tasks are placed in (`${route:followUp}`). @default - routing.escalation, else routing.default'),
    surveyTasks: z.boolean().default(true).describe('Create a task when a post-contact survey answer is at or below surveyScoreAtMost.'),
    surveyScoreAtMost: z.number().int().min(1).max(5).default(2).describe('A survey answer (1 to 5) at or below this creates a follow-up task.'),
    failedCallbackTasks: z.boolean().default(true).describe('Create a task when a callback the caller asked for cannot be created.'),
    supervisorAlerts: z.array(supervisorAlert).default([]).describe('Rules that notify supervisors when a queue metric reaches a value (e.g. a long wait).'),
  })
  .strict();

/** One replaceable flow text, per caller language: plain text (the flows speak it as Text, not SSML). */
const flowTextValue = z
  .string()
  .min(1)
  .max(MAX_FLOW_TEXT_LENGTH)
  .refine((text) => !/<\/?[a-zA-Z]/.test(text), 'must be plain text, not SSML or markup (the flows speak it as Text)');
const flowText = z.object({ 'en-US': flowTextValue.optional(), 'es-US': flowTextValue.optional() }).strict();

/** Schema of one jurisdiction file (after `config/defaults.yaml` has been merged underneath). */
export const jurisdictionSchema = z
  .object({
    $schema: z.string().optional(),
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, 'must be lower-case letters, digits and "-", 3 to 32 characters')
      .describe('Stable identifier; must match the file name. Part of every stack name.'),
    displayName: z.string().min(1).max(100).describe('Human-readable name of the agency or service.'),
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    region: z.enum(SUPPORTED_REGIONS),
    tags: z
      .object({
        systemId: tagValue().max(64),
        owner: tagValue().max(128),
        costCenter: tagValue().max(64),
        dataClassification: z.enum(DATA_CLASSIFICATIONS),
      })
      .strict()
      .describe('Applied to every taggable resource.'),
    instance: z
      .object({
        alias: z
          .string()
          .regex(/^[a-z0-9]([a-z0-9-]{0,60}[a-z0-9])?$/, 'must be 1 to 62 lower-case letters, digits and "-", not starting or ending with "-"')
          .describe('Globally unique Amazon Connect instance alias; it becomes the login URL.'),
        identityManagement: z.enum(['SAML', 'CONNECT_MANAGED']).default('SAML'),
        inboundCalls: z.boolean().default(true),
        outboundCalls: z.boolean().default(true),
        earlyMedia: z.boolean().default(true),
        autoResolveBestVoices: z.boolean().default(true),
      })
      .strict(),
    languages: z.array(z.enum(LANGUAGES)).min(1).default(['en-US']).describe('Caller languages, the first is the default.'),
    lexLocales: z.array(z.enum(LEX_LOCALES)).default(['en_US']).describe('Lex V2 locales the self-service bot is built in.'),
    features: features.default(() => features.parse({})),
    chat: chat.default(() => chat.parse({})).describe('Web chat: the API a web page starts chats through, and the widget settings.'),
    followUp: followUp.default(() => followUp.parse({})).describe('Follow-up tasks (low survey scores, failed callbacks) and supervisor alert rules.'),
    retention: z
      .object({
        recordings: retention.describe('Call recordings, chat transcripts and Contact Lens output.'),
        reports: retention.describe('Scheduled reports.'),
        contactRecords: retention.describe('Contact trace records delivered by Firehose.'),
        accessLogsDays: z.number().int().min(90).max(36500).default(365).describe('Days S3 server access logs are kept.'),
        agentEventsHours: z.number().int().min(24).max(8760).default(168).describe('Kinesis retention of agent events.'),
        surveyDays: z.number().int().min(30).max(36500).default(1095).describe('Days post-contact survey answers are kept in DynamoDB.'),
        logDays: z
          .literal([...LOG_RETENTION_DAYS])
          .default(365)
          .describe('Days Lambda and delivery logs are kept (a CloudWatch Logs retention value).'),
      })
      .strict(),
    functions: z
      .object({
        reservedConcurrency: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .optional()
          .describe('Reserved concurrency of each contact-flow Lambda. @default - unreserved (the account pool)'),
      })
      .strict()
      .default({})
      .describe('Settings of the Lambda functions flows invoke.'),
    routing: z
      .object({
        default: z.string().describe('Queue callers reach when nothing more specific applies.'),
        spanish: z.string().optional().describe('Queue for Spanish-speaking callers. @default - the default queue'),
        escalation: z.string().optional().describe('Queue for escalations and failed verification. @default - the default queue'),
        callback: z.string().optional().describe('Queue that callbacks are placed in. @default - the default queue'),
      })
      .strict()
      .describe('Which queues the kit flows route to; flows name them as ${route:default}, ${route:spanish}, ...'),
    bots: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{1,48}$/, 'must be a bot definition name: lower-case letters, digits and "-"'))
      .default(['citizen-services', 'survey-answers'])
      .describe('Lex bots (config/bots/<name>.yaml) deployed for this jurisdiction.'),
    flows: z
      .object({
        exclude: z.array(z.string()).default([]).describe('Kit flows (contact-flows/<name>.json) not to deploy.'),
        folders: z.array(z.string()).default([]).describe('Extra folders of flow files, relative to the repository root.'),
        bots: z
          .object({
            selfService: z
              .string()
              .optional()
              .describe('Bot (one of `bots`) the kit inbound flows converse with, as ${botRole:selfService}. @default citizen-services'),
            survey: z
              .string()
              .optional()
              .describe('Bot (one of `bots`) the kit survey flow asks its questions with, as ${botRole:survey}. @default survey-answers'),
          })
          .strict()
          .optional()
          .describe('Which listed bot plays each bot role; flows name them as ${botRole:selfService}, ${botRole:survey}. @default - citizen-services and survey-answers'),
        texts: z
          .object(Object.fromEntries(FLOW_TEXT_NAMES.map((name) => [name, flowText.optional()])) as Record<FlowTextName, z.ZodOptional<typeof flowText>>)
          .strict()
          .optional()
          .describe(`Texts of the default flows to replace (${FLOW_TEXT_NAMES.join(', ')}), per caller language; "{displayName}" becomes the display name. @default - the kit texts (lib/flows/texts.ts)`),
        attributes: z
          .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a contact attribute name: a letter, then letters, digits, "_" or "-" (at most 64 characters)'))
          .optional()
          .describe('Contact attributes your own flows (flows.folders) set besides the caller-context contract (contact-flows/README.md); the lint rule attribute-contract warns about any other. @default - none'),
      })
      .strict()
      .default({ exclude: [], folders: [] }),
    prompts: prompts
      .default({ files: [] })
      .describe('Recorded prompts (WAV audio) uploaded to a KMS-encrypted bucket and created in the instance; flows play them as ${prompt:<name>}.'),
    agentView: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe('Pop the caller-context view (contact-flows/agent-context.json) in the agent workspace when a contact connects. @default true'),
      })
      .strict()
      .default({ enabled: true })
      .describe('What the agent sees: the caller-context view of the attribute contract (contact-flows/README.md). @default - on'),
    phoneNumbers: z.array(phoneNumber).default([]).describe('Phone numbers claimed (or adopted) and bound to inbound flows.'),
    analytics: z
      .object({
        enabled: z.boolean().default(true).describe('Glue tables, Athena workgroup and CX queries over contact records and surveys.'),
        serviceLevelSeconds: z.number().int().min(5).max(3600).default(60).describe('Service level: share of calls answered within this many seconds.'),
        bytesScannedCutoffMb: z.number().int().min(10).max(1_000_000).default(10_240).describe('Athena stops a query that would scan more than this.'),
        agentEvents: z.boolean().default(false).describe('Also deliver agent events to S3 with a Glue table.'),
      })
      .strict()
      .default({ enabled: true, serviceLevelSeconds: 60, bytesScannedCutoffMb: 10_240, agentEvents: false }),
    monitoring: z
      .object({
        alarmEmails: z.array(z.email()).default([]).describe('Addresses subscribed to the alarm topic (each must confirm).'),
        concurrentCallsPercent: z.number().min(1).max(100).default(80).describe('Alarm when concurrent calls exceed this percentage of the quota.'),
        missedCalls: z.number().int().min(1).default(5).describe('Alarm when more calls than this are missed in 5 minutes.'),
        lambdaErrors: z.number().int().min(1).default(5).describe('Alarm when a function errors more than this in 5 minutes.'),
        lambdaP99Ms: z.number().int().min(100).max(8000).default(3000).describe('Alarm when a function p99 duration exceeds this.'),
        longestWaitSeconds: z.number().int().min(30).default(900).describe('Alarm when the oldest contact in a queue waits longer than this.'),
      })
      .strict()
      .default({ alarmEmails: [], concurrentCallsPercent: 80, missedCalls: 5, lambdaErrors: 5, lambdaP99Ms: 3000, longestWaitSeconds: 900 }),
    officeInfo: z
      .object({ 'en-US': z.string().min(1).max(1000), 'es-US': z.string().min(1).max(1000).optional() })
      .strict()
      .optional()
      .describe('What the self-service bot says about office hours and locations, per caller language. @default - a generic text'),
    hours: z.array(hours).min(1),
    queues: z.array(queue).min(1),
    routingProfiles: z.array(routingProfile).min(1),
    quickConnects: z.array(quickConnect).default([]),
    agentStatuses: z.array(agentStatus).default([]),
    evaluationForm: evaluationFormSchema.default(() => evaluationFormSchema.parse({})),
    proficiencyRouting: proficiencyRoutingSchema.default(() => proficiencyRoutingSchema.parse({})),
    agentHierarchy: agentHierarchySchema.optional().describe('Agent hierarchy (division, unit, ...). @default - none'),
  })
  .strict();

/** A validated jurisdiction configuration. */
export type JurisdictionConfig = z.infer<typeof jurisdictionSchema>;
/** One hours-of-operation entry. */
export type HoursConfig = JurisdictionConfig['hours'][number];
/** One holiday override. */
export type HolidayConfig = HoursConfig['holidays'][number];
/** One queue entry. */
export type QueueConfig = JurisdictionConfig['queues'][number];
/** One routing profile entry. */
export type RoutingProfileConfig = JurisdictionConfig['routingProfiles'][number];
/** A retention (records schedule) entry. */
export type RetentionConfig = JurisdictionConfig['retention']['recordings'];
/** The Amazon Connect feature switches. */
export type FeatureConfig = JurisdictionConfig['features'];
/** The recorded prompts settings. */
export type PromptsConfig = JurisdictionConfig['prompts'];
/** The web chat settings. */
export type ChatConfig = JurisdictionConfig['chat'];
/** The follow-up task and supervisor alert settings. */
export type FollowUpConfig = JurisdictionConfig['followUp'];
/** One supervisor alert rule. */
export type SupervisorAlertConfig = FollowUpConfig['supervisorAlerts'][number];
