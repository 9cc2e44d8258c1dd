import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET_BASELINE } from './bucket-baseline';

/** Properties of {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  /** Days server access logs are kept before they expire. */
  readonly retentionDays: number;
}

/**
 * The target of the other buckets' S3 server access logs: public access blocked, TLS only,
 * versioned, retained, with logs expiring after the configured days.
 *
 * Amazon S3 delivers server access logs only to a bucket encrypted with SSE-S3 and without
 * an Object Lock default retention period, so this bucket uses SSE-S3 and no Object Lock
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
 */
export class AccessLogBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Resource', {
      ...BUCKET_BASELINE,
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }
}
