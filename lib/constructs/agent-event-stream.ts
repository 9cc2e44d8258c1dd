import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Properties of {@link AgentEventStream}. */
export interface AgentEventStreamProps {
  /** Customer-managed key the stream is encrypted with. */
  readonly encryptionKey: kms.IKey;
  /**
   * Hours records stay in the stream (24 to 8760).
   * @default 168
   */
  readonly retentionHours?: number;
}

/**
 * The Kinesis data stream Amazon Connect writes agent events to (state changes, contacts
 * handled), encrypted with a customer-managed key and retained when removed.
 * One provisioned shard carries about 1,000 events a second, far beyond a single instance.
 */
export class AgentEventStream extends Construct {
  /** The stream. */
  public readonly stream: kinesis.Stream;

  constructor(scope: Construct, id: string, props: AgentEventStreamProps) {
    super(scope, id);
    this.stream = new kinesis.Stream(this, 'Resource', {
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: props.encryptionKey,
      retentionPeriod: Duration.hours(props.retentionHours ?? 168),
      streamMode: kinesis.StreamMode.PROVISIONED,
      shardCount: 1,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
