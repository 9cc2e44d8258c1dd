/**
 * Glue table schemas of the analytics database, as data: the construct turns them into
 * `AWS::Glue::Table` columns and the tests check every named query against them.
 *
 * Types are Hive DDL types (https://docs.aws.amazon.com/athena/latest/ug/data-types.html).
 * Timestamps stay `string`: Amazon Connect writes ISO 8601 (`2026-03-01T14:05:09Z`), which the
 * OpenX JSON SerDe does not parse as `timestamp`; queries convert with `from_iso8601_timestamp`.
 */

/** One column of a Glue table. */
export interface TableColumn {
  /** Column name as the JSON key (the OpenX SerDe matches keys case-insensitively). */
  readonly name: string;
  /** Hive type, e.g. `string`, `int`, `struct<Name:string>`, `map<string,string>`. */
  readonly type: string;
  /** What the column holds. */
  readonly comment?: string;
}

/** The date partitions every table shares, written by Firehose / the survey handler as `year=YYYY/month=MM/day=DD/`. */
export const DATE_PARTITIONS: readonly TableColumn[] = [
  { name: 'year', type: 'string', comment: 'UTC year of delivery, e.g. 2026' },
  { name: 'month', type: 'string', comment: 'UTC month of delivery, 01-12' },
  { name: 'day', type: 'string', comment: 'UTC day of delivery, 01-31' },
];

const ENDPOINT = 'struct<Address:string,Type:string>';

/**
 * Amazon Connect contact records (CTRs), the fields the CX queries and analysts use
 * (https://docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html). Fields not
 * listed are ignored by the SerDe; new ones can be added without touching stored data.
 */
export const CONTACT_RECORD_COLUMNS: readonly TableColumn[] = [
  { name: 'ContactId', type: 'string', comment: 'Contact id; a record may be delivered more than once (dedupe on LastUpdateTimestamp)' },
  { name: 'InitialContactId', type: 'string' },
  { name: 'PreviousContactId', type: 'string' },
  { name: 'NextContactId', type: 'string' },
  { name: 'Channel', type: 'string', comment: 'VOICE, CHAT, TASK, EMAIL' },
  { name: 'InitiationMethod', type: 'string', comment: 'INBOUND, OUTBOUND, TRANSFER, QUEUE_TRANSFER, CALLBACK, API, …' },
  { name: 'InitiationTimestamp', type: 'string', comment: 'ISO 8601 UTC' },
  { name: 'ConnectedToSystemTimestamp', type: 'string', comment: 'ISO 8601 UTC' },
  { name: 'TransferCompletedTimestamp', type: 'string', comment: 'ISO 8601 UTC' },
  { name: 'DisconnectTimestamp', type: 'string', comment: 'ISO 8601 UTC' },
  { name: 'LastUpdateTimestamp', type: 'string', comment: 'ISO 8601 UTC' },
  { name: 'DisconnectReason', type: 'string', comment: 'CUSTOMER_DISCONNECT, AGENT_DISCONNECT, CONTACT_FLOW_DISCONNECT, …' },
  { name: 'InstanceARN', type: 'string' },
  { name: 'AWSAccountId', type: 'string' },
  {
    name: 'Queue',
    type: 'struct<Name:string,ARN:string,EnqueueTimestamp:string,DequeueTimestamp:string,Duration:int>',
    comment: 'Last queue the contact entered; null if it never queued',
  },
  {
    name: 'Agent',
    type:
      'struct<Username:string,ARN:string,ConnectedToAgentTimestamp:string,AgentInteractionDuration:int,' +
      'CustomerHoldDuration:int,NumberOfHolds:int,LongestHoldDuration:int,AfterContactWorkDuration:int,' +
      'AfterContactWorkStartTimestamp:string,AfterContactWorkEndTimestamp:string,AgentPauseDuration:int,' +
      'RoutingProfile:struct<Name:string,ARN:string>>',
    comment: 'Agent who handled the contact; null if none did',
  },
  { name: 'AgentConnectionAttempts', type: 'int' },
  { name: 'Attributes', type: 'map<string,string>', comment: 'Contact attributes set by the flows (language, intent, hours, …)' },
  { name: 'CustomerEndpoint', type: ENDPOINT, comment: 'Caller phone number: PII' },
  { name: 'SystemEndpoint', type: ENDPOINT },
  { name: 'TransferredToEndpoint', type: ENDPOINT },
  { name: 'Recording', type: 'struct<Location:string,Status:string,Type:string,DeletionReason:string>' },
  {
    name: 'Recordings',
    type:
      'array<struct<Location:string,MediaStreamType:string,ParticipantType:string,StartTimestamp:string,' +
      'StopTimestamp:string,Status:string,StorageType:string,DeletionReason:string>>',
  },
  {
    name: 'ContactLens',
    type:
      'struct<ConversationalAnalytics:struct<Configuration:struct<Enabled:boolean,LanguageLocale:string,' +
      'RedactionConfiguration:struct<Behavior:string,Policy:string,MaskMode:string>,' +
      'SentimentConfiguration:struct<Behavior:string>,SummaryConfiguration:struct<SummaryModes:array<string>>,' +
      'ChannelConfiguration:struct<AnalyticsModes:array<string>>>>>',
    comment: 'Contact Lens settings applied; present only where the flow enabled analytics',
  },
  { name: 'Tags', type: 'map<string,string>' },
];

/** Survey answers written by lambdas/survey-capture (its `SurveyRecord`), one JSON object per line. */
export const SURVEY_COLUMNS: readonly TableColumn[] = [
  { name: 'contactId', type: 'string' },
  { name: 'initialContactId', type: 'string' },
  { name: 'channel', type: 'string' },
  { name: 'queue', type: 'string' },
  { name: 'language', type: 'string', comment: 'en-US or es-US' },
  { name: 'satisfaction', type: 'int', comment: '1-5, null if not answered' },
  { name: 'trust', type: 'int', comment: '1-5, null if not answered' },
  { name: 'ease', type: 'int', comment: '1-5, null if not answered' },
  { name: 'answeredAt', type: 'string', comment: 'ISO 8601 UTC' },
];

/**
 * Amazon Connect agent events (https://docs.aws.amazon.com/connect/latest/adminguide/agent-event-model.html).
 * The nested agent snapshot is kept as JSON text (`CurrentAgentSnapshot`) and read with `json_extract`.
 */
export const AGENT_EVENT_COLUMNS: readonly TableColumn[] = [
  { name: 'AWSAccountId', type: 'string' },
  { name: 'AgentARN', type: 'string' },
  { name: 'EventId', type: 'string' },
  { name: 'EventType', type: 'string', comment: 'LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT' },
  { name: 'EventTimestamp', type: 'string', comment: 'ISO 8601 UTC' },
  { name: 'InstanceARN', type: 'string' },
  { name: 'Version', type: 'string' },
  {
    name: 'CurrentAgentSnapshot',
    type:
      'struct<AgentStatus:struct<Name:string,Type:string,StartTimestamp:string>,' +
      'Configuration:struct<Username:string,RoutingProfile:struct<Name:string>>,' +
      'Contacts:array<struct<ContactId:string,Channel:string,InitiationMethod:string,State:string,' +
      'StateStartTimestamp:string,Queue:struct<Name:string>>>>',
  },
];

/**
 * Every column path a query may name: top-level columns, partitions and struct fields reached
 * with dots (`Queue.Name`, `Agent.RoutingProfile.Name`), lower-cased (Athena identifiers are
 * case-insensitive). Fields inside arrays and maps are not paths.
 */
export function columnPaths(columns: readonly TableColumn[]): Set<string> {
  const paths = new Set<string>();
  for (const column of [...columns, ...DATE_PARTITIONS]) {
    paths.add(column.name.toLowerCase());
    for (const field of structFields(column.type)) paths.add(`${column.name}.${field}`.toLowerCase());
  }
  return paths;
}

/** Dotted field paths of a `struct<…>` type, nested structs included. */
function structFields(type: string): string[] {
  if (!type.startsWith('struct<')) return [];
  const fields: string[] = [];
  for (const [name, fieldType] of splitTopLevel(type.slice('struct<'.length, -1))) {
    fields.push(name);
    for (const nested of structFields(fieldType)) fields.push(`${name}.${nested}`);
  }
  return fields;
}

/** Splits `A:string,B:struct<C:int,D:string>` into name/type pairs at depth 0. */
function splitTopLevel(body: string): Array<[string, string]> {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.map((part) => {
    const colon = part.indexOf(':');
    return [part.slice(0, colon), part.slice(colon + 1)];
  });
}
