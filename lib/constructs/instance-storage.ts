import { RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { IConnectInstance } from './connect-instance';

/** An S3 destination for one kind of Amazon Connect data. */
export interface S3Destination {
  /** The bucket. */
  readonly bucket: s3.IBucket;
  /** Customer-managed key Amazon Connect encrypts objects with. */
  readonly key: kms.IKey;
}

/** Properties of {@link InstanceStorage}. */
export interface InstanceStorageProps {
  /** The instance whose data is stored. */
  readonly instance: IConnectInstance;
  /** Call recordings; Contact Lens writes its output to the same bucket. */
  readonly recordings: S3Destination;
  /** Chat transcripts. @default - the recordings destination */
  readonly chatTranscripts?: S3Destination;
  /** Scheduled reports. */
  readonly reports: S3Destination;
  /** Firehose receiving contact trace records. */
  readonly contactRecords: firehose.IDeliveryStream;
  /** Kinesis stream receiving agent events. */
  readonly agentEvents: kinesis.IStream;
}

/** Key prefixes Amazon Connect writes under, per storage type. */
export const STORAGE_PREFIXES = {
  CALL_RECORDINGS: 'connect/call-recordings',
  CHAT_TRANSCRIPTS: 'connect/chat-transcripts',
  SCHEDULED_REPORTS: 'connect/reports',
} as const;

/**
 * The instance storage configurations: call recordings, chat transcripts and scheduled
 * reports to S3 encrypted with customer-managed keys, contact trace records to a Firehose
 * and agent events to a Kinesis data stream. Without these Amazon Connect keeps the data
 * in AWS-managed storage and keys the agency does not control.
 */
export class InstanceStorage extends Construct {
  /** The storage configurations by resource type. */
  public readonly configs: Readonly<Record<string, connect.CfnInstanceStorageConfig>>;

  constructor(scope: Construct, id: string, props: InstanceStorageProps) {
    super(scope, id);
    const instanceArn = props.instance.instanceArn;
    const s3Config = (type: keyof typeof STORAGE_PREFIXES, destination: S3Destination) =>
      new connect.CfnInstanceStorageConfig(this, type, {
        instanceArn,
        resourceType: type,
        storageType: 'S3',
        s3Config: {
          bucketName: destination.bucket.bucketName,
          bucketPrefix: STORAGE_PREFIXES[type],
          encryptionConfig: { encryptionType: 'KMS', keyId: destination.key.keyArn },
        },
      });
    const configs: Record<string, connect.CfnInstanceStorageConfig> = {
      CALL_RECORDINGS: s3Config('CALL_RECORDINGS', props.recordings),
      CHAT_TRANSCRIPTS: s3Config('CHAT_TRANSCRIPTS', props.chatTranscripts ?? props.recordings),
      SCHEDULED_REPORTS: s3Config('SCHEDULED_REPORTS', props.reports),
      CONTACT_TRACE_RECORDS: new connect.CfnInstanceStorageConfig(this, 'CONTACT_TRACE_RECORDS', {
        instanceArn,
        resourceType: 'CONTACT_TRACE_RECORDS',
        storageType: 'KINESIS_FIREHOSE',
        kinesisFirehoseConfig: { firehoseArn: props.contactRecords.deliveryStreamArn },
      }),
      AGENT_EVENTS: new connect.CfnInstanceStorageConfig(this, 'AGENT_EVENTS', {
        instanceArn,
        resourceType: 'AGENT_EVENTS',
        storageType: 'KINESIS_STREAM',
        kinesisStreamConfig: { streamArn: props.agentEvents.streamArn },
      }),
    };
    for (const config of Object.values(configs)) config.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.configs = configs;
  }
}
