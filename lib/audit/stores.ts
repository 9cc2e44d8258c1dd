import { asList, Assembly, AssemblyResource, at, keyOf } from './model';
import type { RecordsSchedule, ResourceRef } from './types';

/**
 * What each data store of the assembly is for, derived from how the templates wire it: the
 * Amazon Connect storage configurations name the recordings, transcripts and reports buckets,
 * the contact-record Firehose names its bucket, bucket logging names the access-log bucket, the
 * Athena workgroup its results bucket, and each function's `*_TABLE_NAME` variable its table.
 */

/** The kinds of data store the audit inventories. */
export const STORE_TYPES = [
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::Kinesis::Stream',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::Logs::LogGroup',
  'AWS::SNS::Topic',
  'AWS::SSM::Parameter',
  'AWS::Athena::WorkGroup',
  'AWS::Backup::BackupVault',
] as const;

/** The records-schedule entry a store is compared with. */
export type ScheduleKey = keyof RecordsSchedule;

/** A data store and what it holds. */
export interface Store extends ResourceRef {
  readonly type: string;
  /** Readable name (construct path). */
  readonly name: string;
  /** What it holds, in plain words. */
  readonly holds: string;
  /** The records-schedule entry its retention must match; none for derived or transient data. */
  readonly schedule?: ScheduleKey;
  /** True when it holds caller data (content, identifiers, answers). */
  readonly callerData: boolean;
}

const STORAGE_HOLDS: Readonly<Record<string, { holds: string; schedule: ScheduleKey }>> = {
  CALL_RECORDINGS: { holds: 'call recordings and Contact Lens output', schedule: 'recordings' },
  CHAT_TRANSCRIPTS: { holds: 'chat transcripts', schedule: 'recordings' },
  SCHEDULED_REPORTS: { holds: 'scheduled reports', schedule: 'reports' },
  CONTACT_TRACE_RECORDS: { holds: 'contact trace records (in transit)', schedule: 'contactRecords' },
  AGENT_EVENTS: { holds: 'agent events', schedule: 'agentEventsHours' },
  MEDIA_STREAMS: { holds: 'live media streams', schedule: 'recordings' },
};

const TABLE_VARIABLES: Readonly<Record<string, { holds: string; schedule?: ScheduleKey }>> = {
  CASE_TABLE_NAME: { holds: 'case status records (case number, status)' },
  VERIFICATION_TABLE_NAME: { holds: 'caller verification records (case number, salted PIN and date-of-birth hashes, attempt counters)' },
  SURVEY_TABLE_NAME: { holds: 'post-contact survey answers', schedule: 'surveyDays' },
};

/** Classifies every data store of the assembly. */
export function classifyStores(assembly: Assembly): Store[] {
  const found = new Map<string, { holds: string[]; schedule?: ScheduleKey; callerData: boolean }>();
  const note = (ref: ResourceRef | undefined, holds: string, schedule: ScheduleKey | undefined, callerData: boolean) => {
    if (!ref) return;
    const entry = found.get(keyOf(ref)) ?? { holds: [], callerData: false };
    if (!entry.holds.includes(holds)) entry.holds.push(holds);
    entry.schedule ??= schedule;
    entry.callerData ||= callerData;
    found.set(keyOf(ref), entry);
  };

  for (const storage of assembly.ofType('AWS::Connect::InstanceStorageConfig')) {
    const p = storage.properties;
    const kind = STORAGE_HOLDS[String(p.ResourceType)] ?? { holds: String(p.ResourceType).toLowerCase(), schedule: undefined };
    const caller = p.ResourceType !== 'SCHEDULED_REPORTS' && p.ResourceType !== 'AGENT_EVENTS';
    note(assembly.resolve(at(p, 'S3Config.BucketName'), storage.stack), kind.holds, kind.schedule, caller);
    note(assembly.resolve(at(p, 'KinesisStreamConfig.StreamArn'), storage.stack), kind.holds, kind.schedule, caller);
    const firehose = assembly.resolve(at(p, 'KinesisFirehoseConfig.FirehoseArn'), storage.stack);
    if (firehose) {
      note(firehose, `${kind.holds.replace(' (in transit)', '')} in transit (buffer)`, undefined, caller);
      const bucket = assembly.resolve(at(firehose.properties, 'ExtendedS3DestinationConfiguration.BucketARN'), firehose.stack);
      note(bucket, kind.holds.replace(' (in transit)', ''), kind.schedule, caller);
    }
  }
  for (const stream of assembly.ofType('AWS::KinesisFirehose::DeliveryStream')) {
    const source = assembly.resolve(at(stream.properties, 'KinesisStreamSourceConfiguration.KinesisStreamARN'), stream.stack);
    if (!source) continue;
    const sourceHolds = found.get(keyOf(source))?.holds[0] ?? 'stream records';
    note(stream, `${sourceHolds} in transit (buffer)`, undefined, false);
    note(assembly.resolve(at(stream.properties, 'ExtendedS3DestinationConfiguration.BucketARN'), stream.stack), sourceHolds, undefined, false);
  }
  for (const bucket of assembly.ofType('AWS::S3::Bucket')) {
    note(assembly.resolve(at(bucket.properties, 'LoggingConfiguration.DestinationBucketName'), bucket.stack), 'S3 server access logs', 'accessLogsDays', false);
  }
  for (const workgroup of assembly.ofType('AWS::Athena::WorkGroup')) {
    note(assembly.resolve(at(workgroup.properties, 'WorkGroupConfiguration.ResultConfiguration.OutputLocation'), workgroup.stack), 'Athena query results (temporary copies of contact records and survey answers)', undefined, true);
    note(workgroup, 'query settings and result encryption', undefined, false);
  }
  for (const fn of assembly.ofType('AWS::Lambda::Function')) {
    const variables = (at(fn.properties, 'Environment.Variables') ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(variables)) {
      const table = TABLE_VARIABLES[name];
      if (table) note(assembly.resolve(value, fn.stack), table.holds, table.schedule, true);
      if (name === 'SURVEY_BUCKET_NAME') note(assembly.resolve(value, fn.stack), 'post-contact survey answers (surveys/)', undefined, true);
    }
    note(assembly.resolve(at(fn.properties, 'LoggingConfig.LogGroup'), fn.stack), `logs of function ${assembly.label(fn).replace(/\/?Resource$/, '')}`, 'logDays', false);
  }
  for (const r of assembly.resources) {
    for (const path of ['ExtendedS3DestinationConfiguration.CloudWatchLoggingOptions.LogGroupName']) {
      note(assembly.resolve(at(r.properties, path), r.stack), `delivery error logs of ${assembly.label(r)}`, 'logDays', false);
    }
    for (const d of asList<Record<string, unknown>>(at(r.properties, 'LoggingConfiguration.Destinations'))) {
      note(assembly.resolve(at(d, 'CloudWatchLogsLogGroup.LogGroupArn'), r.stack), `execution logs of ${assembly.label(r)}`, 'logDays', false);
    }
  }
  for (const selection of assembly.ofType('AWS::Backup::BackupSelection')) {
    const plan = assembly.resolve(selection.properties.BackupPlanId, selection.stack);
    const tables = assembly.refsIn(at(selection.properties, 'BackupSelection.Resources'), selection.stack);
    const caller = tables.some((t) => found.get(keyOf(t))?.callerData === true);
    for (const rule of asList<Record<string, unknown>>(at(plan?.properties, 'BackupPlan.BackupPlanRule'))) {
      note(assembly.resolve(rule.TargetBackupVault, plan!.stack), `backups of ${tables.map((t) => assembly.label(t)).join(', ')}`, undefined, caller);
    }
  }
  for (const topic of assembly.ofType('AWS::SNS::Topic')) note(topic, 'alarm notifications', undefined, false);
  for (const parameter of assembly.ofType('AWS::SSM::Parameter')) note(parameter, 'an operating setting (no caller data)', undefined, false);

  return assembly.resources
    .filter((r) => (STORE_TYPES as readonly string[]).includes(r.type))
    .map((r) => {
      const entry = found.get(keyOf(r));
      return {
        stack: r.stack,
        logicalId: r.logicalId,
        type: r.type,
        name: assembly.label(r),
        holds: entry?.holds.join('; ') ?? defaultHolds(r),
        schedule: entry?.schedule ?? (r.type === 'AWS::Logs::LogGroup' ? 'logDays' : undefined),
        callerData: entry?.callerData ?? false,
      };
    });
}

function defaultHolds(r: AssemblyResource): string {
  if (r.type === 'AWS::Logs::LogGroup') return 'logs';
  return `not classified (${r.type})`;
}
