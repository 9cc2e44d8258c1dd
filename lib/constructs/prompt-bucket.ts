import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET_BASELINE } from './bucket-baseline';
import type { IConnectInstance } from './connect-instance';
import { DataKey } from './data-key';

/** Key prefix of the prompt audio in the bucket. */
export const PROMPT_KEY_PREFIX = 'prompts/';

/** Properties of {@link PromptBucket}. */
export interface PromptBucketProps {
  /** The instance that creates prompts from the audio (and only it may read it). */
  readonly instance: IConnectInstance;
  /** Alias of the bucket's key without `alias/`, e.g. `pinecrest-benefits/prompts`. */
  readonly keyAlias: string;
  /** Bucket receiving this bucket's server access logs. */
  readonly accessLogs: s3.IBucket;
  /**
   * Days a replaced or deleted audio file's old version is kept.
   * @default 30
   */
  readonly noncurrentVersionDays?: number;
}

/**
 * Where recorded prompts' audio waits for Amazon Connect to copy it: an S3 bucket with the kit's
 * baseline (public access blocked, TLS 1.2+, versioned, retained), SSE-KMS with a key of its own
 * and Bucket Keys, server access logs, and old versions expired.
 *
 * The audio is the agency's announcements and hold music, no caller data, so the key is not
 * shared with recordings. Amazon Connect reads an object once, when CreatePrompt or UpdatePrompt
 * runs (AWS::Connect::Prompt's `S3Uri`), then plays its own copy: the bucket policy lets the
 * Connect service principal read `prompts/*` for this instance only (`aws:SourceArn`,
 * `aws:SourceAccount`, as in the Amazon Connect Administrator Guide, "Set up prompts to play from
 * an S3 bucket"), and the key policy lets it decrypt through S3 (the key encrypts this
 * bucket only). The account's IAM principals (the deployment
 * role that uploads the audio, the CloudFormation role calling CreatePrompt) use the key
 * through S3 only, as with every DataKey.
 */
export class PromptBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;
  /** The bucket's key. */
  public readonly key: DataKey;

  constructor(scope: Construct, id: string, props: PromptBucketProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new DataKey(this, 'Key', { purpose: 'Recorded prompt audio (no caller data)', alias: props.keyAlias, usableVia: ['s3'] });
    this.bucket = new s3.Bucket(this, 'Resource', {
      ...BUCKET_BASELINE,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: PROMPT_KEY_PREFIX,
      lifecycleRules: [
        {
          id: 'old-audio',
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 30),
        },
      ],
    });
    const connect = new iam.ServicePrincipal('connect.amazonaws.com');
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConnectToReadPromptAudio',
        principals: [connect],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${PROMPT_KEY_PREFIX}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': props.instance.instanceArn },
        },
      }),
    );
    this.key.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConnectToDecryptPromptAudio',
        principals: [connect],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        // Through S3 only. The key encrypts this bucket alone, so that means this bucket's
        // objects; naming the bucket ARN here would make the key and the bucket depend on each
        // other (the bucket names the key for its default encryption).
        conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
      }),
    );
  }
}
