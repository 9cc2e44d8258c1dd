import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Properties of {@link DataTable}. */
export interface DataTableProps {
  /** Name of the partition key (a string attribute). */
  readonly partitionKey: string;
  /** Customer-managed key the table is encrypted with. */
  readonly encryptionKey: kms.IKey;
  /**
   * Attribute holding an epoch-seconds expiry for DynamoDB TTL.
   * @default - items never expire
   */
  readonly timeToLiveAttribute?: string;
}

/**
 * A DynamoDB table for caller data: on-demand capacity, encrypted with a customer-managed
 * key, point-in-time recovery, deletion protection, and retained when removed from the stack.
 */
export class DataTable extends Construct {
  /** The table. */
  public readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Resource', {
      partitionKey: { name: props.partitionKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: props.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
