import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Properties of {@link TableBackups}. */
export interface TableBackupsProps {
  /** Tables to back up. */
  readonly tables: readonly dynamodb.ITable[];
  /** Customer-managed key of the backup vault. */
  readonly encryptionKey: kms.IKey;
  /**
   * Days each daily backup is kept.
   * @default 35
   */
  readonly retentionDays?: number;
}

/**
 * Daily AWS Backup copies of the caller-data tables in a KMS-encrypted vault (CP-9), beside
 * DynamoDB point-in-time recovery: PITR undoes a bad write within 35 days, a vault backup
 * survives a deleted table. The vault is retained when removed from the stack.
 */
export class TableBackups extends Construct {
  /** The vault. */
  public readonly vault: backup.BackupVault;
  /** The plan. */
  public readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupsProps) {
    super(scope, id);
    this.vault = new backup.BackupVault(this, 'Vault', {
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new backup.BackupPlan(this, 'Plan', { backupVault: this.vault });
    this.plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'daily',
        scheduleExpression: events.Schedule.cron({ hour: '5', minute: '0' }),
        deleteAfter: Duration.days(props.retentionDays ?? 35),
      }),
    );
    this.plan.addSelection('Tables', {
      resources: props.tables.map((table) => backup.BackupResource.fromDynamoDbTable(table)),
    });
  }
}
