import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Properties of {@link DataKey}. */
export interface DataKeyProps {
  /** What the key protects, in plain words; it becomes the key description. */
  readonly purpose: string;
  /** Alias without the `alias/` prefix, e.g. `pinecrest-benefits/recordings`. */
  readonly alias: string;
  /**
   * Days between automatic rotations of the key material (90 to 2560).
   * @default 365
   */
  readonly rotationDays?: number;
}

/**
 * A customer-managed KMS key for one class of contact-center data: rotation on, retained
 * when removed (deleting a key destroys the data it protects), and the account's default
 * key policy so IAM policies and grants decide who uses it.
 *
 * Services are admitted with {@link allowService}, always scoped to this account.
 */
export class DataKey extends Construct {
  /** The key. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: DataKeyProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Resource', {
      description: props.purpose,
      alias: props.alias,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(props.rotationDays ?? 365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
  }

  /**
   * Lets a service principal use the key for envelope encryption, only on behalf of this
   * account and, where given, only for the named source resources.
   *
   * @param servicePrincipal e.g. `connect.amazonaws.com`
   * @param sourceArns ARNs (tokens allowed, wildcards allowed) the service acts for
   * @param actions KMS actions; @default encrypt, decrypt, generate data keys, describe
   */
  public allowService(
    servicePrincipal: string,
    sourceArns: readonly string[],
    actions: readonly string[] = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:DescribeKey'],
  ): void {
    const account = Stack.of(this).account;
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `Allow${servicePrincipal.split('.')[0].replace(/[^A-Za-z0-9]/g, '').replace(/^./, (c) => c.toUpperCase())}Service`,
        principals: [new iam.ServicePrincipal(servicePrincipal)],
        actions: [...actions],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ...(sourceArns.length > 0 ? { ArnLike: { 'aws:SourceArn': [...sourceArns] } } : {}),
        },
      }),
    );
  }

  /**
   * Lets CloudWatch Logs in this region encrypt log groups of this account with the key.
   * CloudWatch Logs names the log group in the encryption context, so that is the scope.
   */
  public allowCloudWatchLogs(): void {
    const stack = Stack.of(this);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogs',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
          },
        },
      }),
    );
  }
}
