import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Actions that manage a key and its policy without touching data. Granted to the account, so IAM
 * policies decide who administers (the deployment role must keep `kms:PutKeyPolicy`, or the
 * stack could never update the key again).
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

/** Actions that use a key on data (envelope encryption). */
export const KEY_USE_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
] as const;

/** AWS services that use a data key on behalf of IAM principals of the account (the `kms:ViaService` prefix). */
export type KeyUseService = 's3' | 'kinesis' | 'dynamodb' | 'backup' | 'sns';

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
  /**
   * Services through which IAM principals of this account may use the key on data, when an IAM
   * policy lets them (e.g. `['s3']`: reading and writing objects in the bucket the key
   * encrypts). Calling KMS directly with the key is refused to every IAM principal.
   * @default - no use through IAM policies: only the services admitted with the `allow*`
   * methods and grants that AWS services create
   */
  readonly usableVia?: readonly KeyUseService[];
}

/**
 * A customer-managed KMS key for one class of contact-center data: rotation on, retained
 * when removed (deleting a key destroys the data it protects), and a key policy that keeps
 * administrators apart from users:
 *
 * - `KeyAdministration`: the account (its IAM policies) may manage the key and its policy, not use it;
 * - `KeyUseThroughAwsServices`: the account's IAM principals may use it only through the services in
 *   `usableVia` (`kms:ViaService`), which is how every grant the kit writes is exercised;
 * - `AllowGrantsForAwsResources` / `DenyGrantsNotForAwsServices`: grants can be created only by an AWS
 *   service for a resource it integrates (Connect storage, Firehose encryption, DynamoDB, AWS Backup),
 *   the statement Control Tower's CT.KMS.PR.3 (`kms_create_grant_aws_service_check`) requires.
 *
 * Services that use the key in their own name are admitted with the `allow*` methods.
 */
export class DataKey extends Construct {
  /** The key. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: DataKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const account = new iam.AccountRootPrincipal();
    const statements = [
      new iam.PolicyStatement({ sid: 'KeyAdministration', principals: [account], actions: [...KEY_ADMIN_ACTIONS], resources: ['*'] }),
      new iam.PolicyStatement({
        sid: 'AllowGrantsForAwsResources',
        principals: [account],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyGrantsNotForAwsServices',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }),
    ];
    const via = [...new Set(props.usableVia ?? [])].sort();
    if (via.length > 0) {
      statements.splice(
        1,
        0,
        new iam.PolicyStatement({
          sid: 'KeyUseThroughAwsServices',
          principals: [account],
          actions: [...KEY_USE_ACTIONS],
          resources: ['*'],
          conditions: {
            StringEquals: {
              'kms:CallerAccount': stack.account,
              'kms:ViaService': via.map((service) => `${service}.${stack.region}.amazonaws.com`),
            },
          },
        }),
      );
    }
    this.key = new kms.Key(this, 'Resource', {
      description: props.purpose,
      alias: props.alias,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(props.rotationDays ?? 365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
      // A policy of our own replaces CDK's default statement (the account may do kms:*).
      policy: new iam.PolicyDocument({ statements }),
    });
  }

  /**
   * Lets an Amazon Connect instance write to Kinesis data streams encrypted with this key.
   * Connect puts records through the instance's service-linked role, which needs
   * `kms:GenerateDataKey` in the key policy (Amazon Connect admin guide, "Enable data streaming
   * for your instance", server-side encryption; Kinesis Data Streams, "Permissions to use
   * user-generated KMS keys"). Scoped to that role, calls through Kinesis from this account, and
   * streams of this account and region (Kinesis passes the stream ARN as encryption context).
   */
  public allowConnectStreaming(instance: { readonly serviceRoleArn: string }): void {
    const stack = Stack.of(this);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConnectInstanceStreaming',
        principals: [new iam.ArnPrincipal(instance.serviceRoleArn)],
        actions: ['kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': stack.account, 'kms:ViaService': `kinesis.${stack.region}.amazonaws.com` },
          ArnLike: { 'kms:EncryptionContext:aws:kinesis:arn': stack.formatArn({ service: 'kinesis', resource: 'stream', resourceName: '*' }) },
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
