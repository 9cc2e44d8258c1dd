import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET_BASELINE } from './bucket-baseline';

/** Object Lock retention modes (see "Object Lock" in the Amazon S3 User Guide). */
export enum RetentionMode {
  /** Users with `s3:BypassGovernanceRetention` may shorten or remove retention. */
  GOVERNANCE = 'GOVERNANCE',
  /** No one, including the root user, can shorten retention or delete a locked version. */
  COMPLIANCE = 'COMPLIANCE',
}

/** A records-schedule entry: how long objects are kept and what happens to them after. */
export interface RecordsSchedule {
  /** Object Lock default retention, in days. */
  readonly days: number;
  /** Object Lock mode. */
  readonly mode: RetentionMode | `${RetentionMode}`;
  /**
   * Move objects to S3 Glacier Flexible Retrieval after this many days.
   * @default - never archived
   */
  readonly archiveAfterDays?: number;
  /**
   * Delete objects (records disposition) once the retention period has passed.
   * @default true
   */
  readonly expireAfterRetention?: boolean;
}

/** Properties of {@link RecordsBucket}. */
export interface RecordsBucketProps {
  /** Customer-managed key for SSE-KMS (with S3 Bucket Keys). */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving this bucket's server access logs. */
  readonly accessLogs: s3.IBucket;
  /** Prefix of this bucket's access logs in the access-log bucket, e.g. `recordings/`. */
  readonly accessLogsPrefix: string;
  /** Retention and disposition of the objects. */
  readonly schedule: RecordsSchedule;
}

/**
 * An S3 bucket for federal records (recordings, transcripts, reports, contact records):
 * public access blocked, TLS 1.2+ only, versioned, SSE-KMS with a customer-managed key and
 * Bucket Keys, server access logging, Object Lock with the records schedule as default
 * retention, and a lifecycle that archives and then disposes of objects on schedule.
 * Retained when removed from the stack.
 */
export class RecordsBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: RecordsBucketProps) {
    super(scope, id);
    const { schedule } = props;
    const retention = Duration.days(schedule.days);
    this.bucket = new s3.Bucket(this, 'Resource', {
      ...BUCKET_BASELINE,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: props.accessLogsPrefix,
      objectLockEnabled: true,
      objectLockDefaultRetention:
        schedule.mode === RetentionMode.COMPLIANCE ? s3.ObjectLockRetention.compliance(retention) : s3.ObjectLockRetention.governance(retention),
      lifecycleRules: [
        {
          id: 'records-schedule',
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          transitions:
            schedule.archiveAfterDays === undefined
              ? undefined
              : [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(schedule.archiveAfterDays) }],
          // A locked version cannot be deleted before its retention ends; expiring one day later
          // disposes of the record as the schedule says instead of keeping it forever.
          expiration: schedule.expireAfterRetention === false ? undefined : Duration.days(schedule.days + 1),
          noncurrentVersionExpiration: schedule.expireAfterRetention === false ? undefined : Duration.days(schedule.days + 1),
        },
      ],
    });
  }
}
