import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Where contact trace records land in the bucket; the analytics tables read this layout. */
export const CONTACT_RECORDS_PREFIX = 'ctr/';

/** Properties of {@link ContactRecordDelivery}. */
export interface ContactRecordDeliveryProps {
  /** Bucket receiving the records. */
  readonly bucket: s3.IBucket;
  /** Customer-managed key for the stream's server-side encryption and the S3 objects. */
  readonly encryptionKey: kms.IKey;
  /** Customer-managed key for the delivery error log group. */
  readonly logKey: kms.IKey;
  /**
   * Days the delivery error log is kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The Kinesis Data Firehose stream Amazon Connect sends contact trace records (CTRs) to.
 * It delivers GZIP-compressed, KMS-encrypted objects under `ctr/` partitioned by
 * year/month/day (Hive style, for Athena partition projection), one record per line,
 * failed records under `ctr-errors/`, and logs delivery errors to an encrypted log group.
 */
export class ContactRecordDelivery extends Construct {
  /** The delivery stream. */
  public readonly deliveryStream: firehose.DeliveryStream;
  /** The log group delivery errors are written to. */
  public readonly errorLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ContactRecordDeliveryProps) {
    super(scope, id);
    this.errorLogGroup = new logs.LogGroup(this, 'ErrorLogs', {
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const destination = new firehose.S3Bucket(props.bucket, {
      dataOutputPrefix: `${CONTACT_RECORDS_PREFIX}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`,
      errorOutputPrefix: 'ctr-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/',
      compression: firehose.Compression.GZIP,
      encryptionKey: props.encryptionKey,
      bufferingInterval: Duration.seconds(300),
      bufferingSize: Size.mebibytes(64),
      loggingConfig: new firehose.EnableLogging(this.errorLogGroup),
      // Firehose concatenates records with no delimiter, and the OpenX JSON SerDe of the
      // contact_records table reads one JSON object per line: without a newline after each
      // CTR a whole object reads as one contact. AppendDelimiterToRecord (default delimiter
      // "\n", https://docs.aws.amazon.com/firehose/latest/APIReference/API_Processor.html) works
      // without dynamic partitioning (https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html),
      // which an existing stream could not turn on; the timestamp prefix stays as it is, and
      // ProcessingConfiguration is an in-place update (test/stacks/contact-record-delivery-update.spec.ts).
      processors: [new firehose.AppendDelimiterToRecordProcessor()],
    });
    this.deliveryStream = new firehose.DeliveryStream(this, 'Resource', {
      destination,
      encryption: firehose.StreamEncryption.customerManagedKey(props.encryptionKey),
    });
    this.deliveryStream.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
