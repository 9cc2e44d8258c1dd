/**
 * The CX metric queries saved in the Athena workgroup (OMB Circular A-11 §280 asks agencies to
 * measure service; these are the numbers behind it), kept as data so the tests can check each
 * column a query names against the Glue table schemas in ./tables.
 *
 * Conventions every query follows (the tests rely on them):
 * - contact records are read through the `contacts` CTE below and always under the alias `ctr`;
 *   survey answers under the alias `survey`; every column is qualified (`ctr.Queue.Name`);
 * - contact records are delivered at least once, so `contacts` keeps the latest copy per
 *   ContactId (`copy_rank = 1`);
 * - only the last `lookbackDays` of partitions are scanned (partition projection prunes the rest);
 * - dates are UTC.
 */

/** Glue table names inside the analytics database (analysts type them, so they are fixed). */
export const TABLES = {
  contactRecords: 'contact_records',
  surveys: 'survey_responses',
  agentEvents: 'agent_events',
} as const;

/**
 * Contact attributes the queries read, set by the contact flows. `hours` = `closed` must be set
 * on the after-hours branch of the inbound flows for the after-hours and containment queries.
 */
export const FLOW_ATTRIBUTES = {
  language: 'language',
  hours: 'hours',
  hoursClosed: 'closed',
} as const;

/** Values the queries are built from. */
export interface QueryParameters {
  /** Glue database holding the tables. */
  readonly database: string;
  /** A contact answered within this many seconds of entering the queue meets the service level. */
  readonly serviceLevelSeconds: number;
  /** Days of partitions each query scans, counting back from today (UTC). */
  readonly lookbackDays: number;
}

/** One saved query. */
export interface CxQuery {
  /** Stable id; also the construct id of the saved query. */
  readonly id: string;
  /** Name shown in the Athena console. */
  readonly name: string;
  /** What the query answers (Athena allows 1024 characters). */
  readonly description: string;
  /** The SQL (Athena engine version 3). */
  readonly sql: string;
}

const contactsCte = (p: QueryParameters): string => `WITH contacts AS (
  SELECT ctr.*,
         row_number() OVER (PARTITION BY ctr.ContactId ORDER BY ctr.LastUpdateTimestamp DESC) AS copy_rank
  FROM "${p.database}"."${TABLES.contactRecords}" ctr
  WHERE concat(ctr.year, '-', ctr.month, '-', ctr.day) >= date_format(current_date - INTERVAL '${p.lookbackDays}' DAY, '%Y-%m-%d')
)`;

const contactDate = 'date(from_iso8601_timestamp(ctr.InitiationTimestamp))';
const queueName = "coalesce(ctr.Queue.Name, '(no queue)')";
const language = `coalesce(element_at(ctr.Attributes, '${FLOW_ATTRIBUTES.language}'), '(not chosen)')`;
const answerSeconds =
  "date_diff('second', from_iso8601_timestamp(ctr.Queue.EnqueueTimestamp), from_iso8601_timestamp(ctr.Agent.ConnectedToAgentTimestamp))";
const closed = `element_at(ctr.Attributes, '${FLOW_ATTRIBUTES.hours}') = '${FLOW_ATTRIBUTES.hoursClosed}'`;
/** Contacts that entered a queue because a caller asked for service (callbacks wait by design). */
const queuedByCaller = "ctr.Queue.EnqueueTimestamp IS NOT NULL AND ctr.InitiationMethod <> 'CALLBACK'";
const answered = 'ctr.Agent.ConnectedToAgentTimestamp IS NOT NULL';
/** Contacts a member of the public started: inbound calls (INBOUND) and chats (API). */
const publicInitiated = "ctr.InitiationMethod IN ('INBOUND', 'API')";

/** The saved CX queries, in the order the README lists them. */
export function cxQueries(p: QueryParameters): CxQuery[] {
  const cte = contactsCte(p);
  return [
    {
      id: 'ContactsPerDay',
      name: 'contacts-per-day',
      description: 'Contacts per day (UTC) by channel, queue and caller language, all initiation methods.',
      sql: `${cte}
SELECT ${contactDate} AS contact_date,
       ctr.Channel AS channel,
       ${queueName} AS queue,
       ${language} AS language,
       count(*) AS contacts
FROM contacts ctr
WHERE copy_rank = 1
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4;`,
    },
    {
      id: 'AbandonmentRate',
      name: 'abandonment-rate',
      description:
        'Per day and queue: contacts queued by a caller (callbacks excluded), how many the caller abandoned ' +
        '(disconnected before reaching an agent) and the abandonment rate in percent.',
      sql: `${cte}
SELECT ${contactDate} AS contact_date,
       ctr.Queue.Name AS queue,
       count(*) AS queued,
       count_if(ctr.Agent.ConnectedToAgentTimestamp IS NULL AND ctr.DisconnectReason = 'CUSTOMER_DISCONNECT') AS abandoned,
       round(100.0 * count_if(ctr.Agent.ConnectedToAgentTimestamp IS NULL AND ctr.DisconnectReason = 'CUSTOMER_DISCONNECT') / count(*), 1) AS abandonment_pct
FROM contacts ctr
WHERE copy_rank = 1 AND ${queuedByCaller}
GROUP BY 1, 2
ORDER BY 1, 2;`,
    },
    {
      id: 'AverageSpeedOfAnswer',
      name: 'average-speed-of-answer',
      description:
        'Per day, queue and channel: answered contacts and the average and 90th percentile seconds from entering ' +
        'the queue to connecting with an agent (callbacks excluded).',
      sql: `${cte}
SELECT ${contactDate} AS contact_date,
       ctr.Queue.Name AS queue,
       ctr.Channel AS channel,
       count(*) AS answered,
       round(avg(${answerSeconds}), 1) AS avg_speed_of_answer_seconds,
       approx_percentile(${answerSeconds}, 0.9) AS p90_speed_of_answer_seconds
FROM contacts ctr
WHERE copy_rank = 1 AND ${queuedByCaller} AND ${answered}
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;`,
    },
    {
      id: 'AverageHandleTime',
      name: 'average-handle-time',
      description:
        'Per day, queue and channel: contacts handled by an agent and the average handle time in seconds ' +
        '(talk + customer hold + after-contact work), with each part.',
      sql: `${cte}
SELECT ${contactDate} AS contact_date,
       ${queueName} AS queue,
       ctr.Channel AS channel,
       count(*) AS handled,
       round(avg(coalesce(ctr.Agent.AgentInteractionDuration, 0) + coalesce(ctr.Agent.CustomerHoldDuration, 0) + coalesce(ctr.Agent.AfterContactWorkDuration, 0)), 1) AS avg_handle_seconds,
       round(avg(ctr.Agent.AgentInteractionDuration), 1) AS avg_talk_seconds,
       round(avg(ctr.Agent.CustomerHoldDuration), 1) AS avg_hold_seconds,
       round(avg(ctr.Agent.AfterContactWorkDuration), 1) AS avg_after_contact_work_seconds
FROM contacts ctr
WHERE copy_rank = 1 AND ${answered}
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;`,
    },
    {
      id: 'ServiceLevel',
      name: 'service-level',
      description:
        `Per day and queue: share of contacts queued by a caller (callbacks excluded) that an agent answered within ` +
        `${p.serviceLevelSeconds} seconds (analytics.serviceLevelSeconds), in percent.`,
      sql: `${cte}
SELECT ${contactDate} AS contact_date,
       ctr.Queue.Name AS queue,
       count(*) AS queued,
       count_if(${answered} AND ${answerSeconds} <= ${p.serviceLevelSeconds}) AS answered_in_time,
       round(100.0 * count_if(${answered} AND ${answerSeconds} <= ${p.serviceLevelSeconds}) / count(*), 1) AS service_level_pct
FROM contacts ctr
WHERE copy_rank = 1 AND ${queuedByCaller}
GROUP BY 1, 2
ORDER BY 1, 2;`,
    },
    {
      id: 'AfterHoursVolume',
      name: 'after-hours-volume',
      description:
        "Per day, channel and language: calls and chats that arrived while the office was closed (the inbound flow's " +
        "hours check took the closed branch and set the contact attribute hours = closed).",
      sql: `${cte}
SELECT ${contactDate} AS contact_date,
       ctr.Channel AS channel,
       ${language} AS language,
       count(*) AS after_hours_contacts
FROM contacts ctr
WHERE copy_rank = 1 AND ${publicInitiated} AND ${closed}
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;`,
    },
    {
      id: 'SelfServiceContainment',
      name: 'self-service-containment',
      description:
        'Per day, channel and language: calls and chats during open hours that chose a language, and the share ' +
        'that ended in self-service (the bot) without entering a queue or reaching an agent, in percent.',
      sql: `${cte}
SELECT ${contactDate} AS contact_date,
       ctr.Channel AS channel,
       ${language} AS language,
       count(*) AS contacts,
       count_if(ctr.Queue.Name IS NULL AND ctr.Agent.Username IS NULL) AS contained,
       round(100.0 * count_if(ctr.Queue.Name IS NULL AND ctr.Agent.Username IS NULL) / count(*), 1) AS containment_pct
FROM contacts ctr
WHERE copy_rank = 1 AND ${publicInitiated}
  AND element_at(ctr.Attributes, '${FLOW_ATTRIBUTES.language}') IS NOT NULL
  AND NOT coalesce(${closed}, false)
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;`,
    },
    {
      id: 'CallbacksRequested',
      name: 'callbacks-requested',
      description:
        'Per day and queue: callbacks callers requested (contacts with initiation method CALLBACK), how many ' +
        'reached an agent, and the average minutes from the request to the agent.',
      sql: `${cte}
SELECT ${contactDate} AS contact_date,
       ${queueName} AS queue,
       count(*) AS callbacks_requested,
       count_if(${answered}) AS callbacks_connected,
       round(avg(date_diff('second', from_iso8601_timestamp(ctr.InitiationTimestamp), from_iso8601_timestamp(ctr.Agent.ConnectedToAgentTimestamp))) / 60.0, 1) AS avg_minutes_to_agent
FROM contacts ctr
WHERE copy_rank = 1 AND ctr.InitiationMethod = 'CALLBACK'
GROUP BY 1, 2
ORDER BY 1, 2;`,
    },
    {
      id: 'SurveyScores',
      name: 'survey-scores',
      description:
        'OMB A-11 §280 post-contact survey, per queue and language: responses, mean satisfaction, trust and ease ' +
        '(1-5) and the share answering 4 or 5 (agree or strongly agree), in percent.',
      sql: `SELECT coalesce(survey.queue, '(unknown)') AS queue,
       survey.language AS language,
       count(*) AS responses,
       round(avg(survey.satisfaction), 2) AS avg_satisfaction,
       round(100.0 * count_if(survey.satisfaction >= 4) / nullif(count(survey.satisfaction), 0), 1) AS satisfaction_top2_pct,
       round(avg(survey.trust), 2) AS avg_trust,
       round(100.0 * count_if(survey.trust >= 4) / nullif(count(survey.trust), 0), 1) AS trust_top2_pct,
       round(avg(survey.ease), 2) AS avg_ease,
       round(100.0 * count_if(survey.ease >= 4) / nullif(count(survey.ease), 0), 1) AS ease_top2_pct
FROM "${p.database}"."${TABLES.surveys}" survey
WHERE concat(survey.year, '-', survey.month, '-', survey.day) >= date_format(current_date - INTERVAL '${p.lookbackDays}' DAY, '%Y-%m-%d')
GROUP BY 1, 2
ORDER BY 1, 2;`,
    },
  ];
}

/** A column reference `alias.Column[.Field…]` in a query. */
export interface ColumnReference {
  readonly alias: 'ctr' | 'survey';
  /** The dotted path after the alias, as written. */
  readonly path: string;
}

/** Every `ctr.`/`survey.` qualified column reference in a query (string literals skipped). */
export function columnReferences(sql: string): ColumnReference[] {
  const withoutStrings = sql.replace(/'(?:[^']|'')*'/g, "''");
  const refs: ColumnReference[] = [];
  for (const match of withoutStrings.matchAll(/(?<![\w".])(ctr|survey)\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g)) {
    refs.push({ alias: match[1] as 'ctr' | 'survey', path: match[2] });
  }
  return refs;
}
