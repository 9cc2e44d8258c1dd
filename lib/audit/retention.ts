import { asList, Assembly, AssemblyResource, at, evidence } from './model';
import type { Store } from './stores';
import type { Evidence, RecordsSchedule, ResourceRef } from './types';

/**
 * The retention inventory: every bucket, table, stream, delivery stream and log group → how
 * long its records are kept and what happens at the end (expiry, Object Lock, deletion policy),
 * compared with the jurisdiction's records schedule (the config's `retention`).
 */

/** How a store's retention compares with the schedule. */
export type RetentionStatus = 'matches' | 'mismatch' | 'not in schedule' | 'transient';

/** One store's retention. */
export interface RetentionEntry extends ResourceRef {
  readonly type: string;
  readonly name: string;
  readonly holds: string;
  /** Retention in plain words, e.g. `Object Lock GOVERNANCE 365 days; expires after 366 days`. */
  readonly retention: string;
  /** What deleting the stack does. */
  readonly onDelete: string;
  /** The schedule entry it is compared with, e.g. `retention.recordings: 365 days (GOVERNANCE)`. */
  readonly scheduled?: string;
  readonly status: RetentionStatus;
  /** Why it does not match, when it does not. */
  readonly problems: readonly string[];
  /** Comparable figure in days (hours for streams are converted), for diffs. */
  readonly keptDays?: number;
  readonly evidence: readonly Evidence[];
}

const deletionOf = (r: AssemblyResource): string =>
  r.resource.DeletionPolicy === 'Retain' || r.resource.DeletionPolicy === 'RetainExceptOnCreate'
    ? 'retained when the stack is deleted'
    : r.resource.DeletionPolicy === 'Snapshot'
      ? 'snapshot kept when the stack is deleted'
      : 'deleted with the stack';

/** Builds the retention inventory. */
export function retentionInventory(assembly: Assembly, stores: readonly Store[], schedule: RecordsSchedule): RetentionEntry[] {
  const out: RetentionEntry[] = [];
  for (const store of stores) {
    const r = assembly.get(store)!;
    const p = r.properties;
    const base = { stack: r.stack, logicalId: r.logicalId, type: r.type, name: store.name, holds: store.holds, onDelete: deletionOf(r) };
    const ev: Evidence[] = [];
    const problems: string[] = [];
    if (r.resource.DeletionPolicy !== undefined) ev.push(evidence(r, 'DeletionPolicy', base.onDelete));
    switch (r.type) {
      case 'AWS::S3::Bucket': {
        const lock = at(p, 'ObjectLockConfiguration.Rule.DefaultRetention') as { Days?: number; Years?: number; Mode?: string } | undefined;
        const lockDays = lock ? (lock.Days ?? (lock.Years ?? 0) * 365) : undefined;
        const rules = asList<Record<string, unknown>>(at(p, 'LifecycleConfiguration.Rules'));
        const ruleIndex = rules.findIndex((x) => x.Status === 'Enabled' && typeof x.ExpirationInDays === 'number' && x.Prefix === undefined && x.Filter === undefined);
        const expiry = ruleIndex >= 0 ? (rules[ruleIndex].ExpirationInDays as number) : undefined;
        const transition = rules.flatMap((x) => asList<Record<string, unknown>>(x.Transitions)).find((t) => typeof t.TransitionInDays === 'number');
        if (lock) ev.push(evidence(r, 'Properties.ObjectLockConfiguration.Rule.DefaultRetention', `Object Lock ${lock.Mode} for ${lockDays} days`));
        if (ruleIndex >= 0) ev.push(evidence(r, `Properties.LifecycleConfiguration.Rules[${ruleIndex}]`, `objects expire after ${expiry} days`));
        const words = [
          lock ? `Object Lock ${lock.Mode} ${lockDays} days` : 'no Object Lock',
          expiry !== undefined ? `expires after ${expiry} days` : 'never expires',
          ...(transition ? [`to ${String(transition.StorageClass)} after ${String(transition.TransitionInDays)} days`] : []),
        ];
        const key = store.schedule;
        let scheduled: string | undefined;
        if (key === 'recordings' || key === 'reports' || key === 'contactRecords') {
          const entry = schedule[key];
          scheduled = `retention.${key}: ${entry.days} days (${entry.mode})${entry.expireAfterRetention ? ', then deleted' : ', then kept'}`;
          if (lockDays === undefined || lockDays < entry.days) problems.push(`Object Lock ${lockDays === undefined ? 'missing' : `${lockDays} days`} is shorter than the schedule's ${entry.days} days`);
          if (lock && lock.Mode !== entry.mode) problems.push(`Object Lock mode ${lock.Mode} differs from the schedule's ${entry.mode}`);
          if (expiry !== undefined && expiry < entry.days) problems.push(`objects expire after ${expiry} days, before the schedule's ${entry.days} days`);
          if (entry.expireAfterRetention && expiry === undefined) problems.push('objects never expire although the schedule disposes of them');
          if (!entry.expireAfterRetention && expiry !== undefined) problems.push(`objects expire after ${expiry} days although the schedule keeps them`);
        } else if (key === 'accessLogsDays') {
          scheduled = `retention.accessLogsDays: ${schedule.accessLogsDays} days`;
          if (expiry === undefined) problems.push('access logs never expire');
          else if (expiry !== schedule.accessLogsDays) problems.push(`access logs expire after ${expiry} days, the schedule says ${schedule.accessLogsDays}`);
        }
        out.push({ ...base, retention: words.join('; '), scheduled, status: scheduled ? (problems.length ? 'mismatch' : 'matches') : 'not in schedule', problems, keptDays: expiry ?? lockDays, evidence: ev });
        break;
      }
      case 'AWS::Kinesis::Stream': {
        const hours = typeof p.RetentionPeriodHours === 'number' ? p.RetentionPeriodHours : 24;
        ev.push(evidence(r, 'Properties.RetentionPeriodHours', `records kept ${hours} hours`));
        const scheduled = store.schedule === 'agentEventsHours' ? `retention.agentEventsHours: ${schedule.agentEventsHours} hours` : undefined;
        if (scheduled && hours !== schedule.agentEventsHours) problems.push(`stream keeps ${hours} hours, the schedule says ${schedule.agentEventsHours}`);
        out.push({ ...base, retention: `${hours} hours in the stream`, scheduled, status: scheduled ? (problems.length ? 'mismatch' : 'matches') : 'not in schedule', problems, keptDays: hours / 24, evidence: ev });
        break;
      }
      case 'AWS::DynamoDB::Table': {
        const ttl = p.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
        const pitr = at(p, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled') === true;
        if (ttl) ev.push(evidence(r, 'Properties.TimeToLiveSpecification', `items expire at their ${ttl.AttributeName} time`));
        if (pitr) ev.push(evidence(r, 'Properties.PointInTimeRecoverySpecification', 'point-in-time recovery (35 days of changes)'));
        if (p.DeletionProtectionEnabled === true) ev.push(evidence(r, 'Properties.DeletionProtectionEnabled', 'the table cannot be deleted while protection is on'));
        let scheduled: string | undefined;
        let keptDays: number | undefined;
        if (store.schedule === 'surveyDays') {
          scheduled = `retention.surveyDays: ${schedule.surveyDays} days`;
          // The writer sets each item's expiry from its SURVEY_RETENTION_DAYS variable.
          const writer = assembly.ofType('AWS::Lambda::Function').find((fn) => assembly.resolve(at(fn.properties, 'Environment.Variables.SURVEY_TABLE_NAME'), fn.stack)?.logicalId === r.logicalId);
          const days = writer ? Number(at(writer.properties, 'Environment.Variables.SURVEY_RETENTION_DAYS')) : NaN;
          if (writer) ev.push(evidence(writer, 'Properties.Environment.Variables.SURVEY_RETENTION_DAYS', `the writer sets each answer to expire after ${days} days`));
          keptDays = Number.isFinite(days) ? days : undefined;
          if (!ttl?.Enabled) problems.push('time to live is off: answers are never deleted');
          if (!Number.isFinite(days)) problems.push('no writer sets an expiry');
          else if (days !== schedule.surveyDays) problems.push(`answers expire after ${days} days, the schedule says ${schedule.surveyDays}`);
        }
        const words = [ttl?.Enabled ? `items expire by time to live (${ttl.AttributeName}${keptDays !== undefined ? `, ${keptDays} days` : ''})` : 'kept until deleted', ...(pitr ? ['point-in-time recovery 35 days'] : [])];
        out.push({ ...base, retention: words.join('; '), scheduled, status: scheduled ? (problems.length ? 'mismatch' : 'matches') : 'not in schedule', problems, keptDays, evidence: ev });
        break;
      }
      case 'AWS::Logs::LogGroup': {
        const days = typeof p.RetentionInDays === 'number' ? p.RetentionInDays : undefined;
        ev.push(evidence(r, 'Properties.RetentionInDays', days === undefined ? 'log events never expire' : `log events kept ${days} days`));
        const scheduled = `retention.logDays: ${schedule.logDays} days`;
        if (days === undefined) problems.push('log events never expire');
        else if (days !== schedule.logDays) problems.push(`log events kept ${days} days, the schedule says ${schedule.logDays}`);
        out.push({ ...base, retention: days === undefined ? 'never expires' : `${days} days`, scheduled, status: problems.length ? 'mismatch' : 'matches', problems, keptDays: days, evidence: ev });
        break;
      }
      case 'AWS::Backup::BackupVault': {
        const rules = assembly
          .ofType('AWS::Backup::BackupPlan')
          .flatMap((plan) => asList<Record<string, unknown>>(at(plan.properties, 'BackupPlan.BackupPlanRule')).map((rule, i) => ({ plan, rule, i })))
          .filter(({ plan, rule }) => assembly.resolve(rule.TargetBackupVault, plan.stack)?.logicalId === r.logicalId);
        const days = rules.map(({ rule }) => at(rule, 'Lifecycle.DeleteAfterDays')).filter((d): d is number => typeof d === 'number');
        for (const { plan, i } of rules) ev.push(evidence(plan, `Properties.BackupPlan.BackupPlanRule[${i}].Lifecycle`, 'recovery points deleted after this many days'));
        const kept = days.length ? Math.max(...days) : undefined;
        out.push({ ...base, retention: kept === undefined ? 'recovery points kept until deleted' : `recovery points kept ${kept} days`, status: 'not in schedule', problems, keptDays: kept, evidence: ev });
        break;
      }
      case 'AWS::KinesisFirehose::DeliveryStream': {
        const interval = at(p, 'ExtendedS3DestinationConfiguration.BufferingHints.IntervalInSeconds');
        ev.push(evidence(r, 'Properties.ExtendedS3DestinationConfiguration.BufferingHints', `buffers records up to ${String(interval ?? 300)} seconds before delivery`));
        out.push({ ...base, retention: `buffered up to ${String(interval ?? 300)} seconds, retried up to 24 hours, then delivered to S3`, status: 'transient', problems, evidence: ev });
        break;
      }
      default:
        break;
    }
  }
  return out;
}
