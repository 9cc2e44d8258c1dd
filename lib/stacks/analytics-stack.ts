import { Fn, Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { JurisdictionConfig } from '../config/schema';
import { ContactAnalytics } from '../constructs/contact-analytics';
import { ContactCenterMonitoring } from '../constructs/contact-center-monitoring';
import type { ContactCenterStack } from './contact-center-stack';
import type { StatefulStack } from './stateful-stack';

/** Name of the stateful stack's export of the contact records bucket ARN. */
export function contactRecordsBucketExport(jurisdictionId: string): string {
  return `${jurisdictionId}-contact-records-bucket-arn`;
}

/** Properties of {@link AnalyticsStack}. */
export interface AnalyticsStackProps extends StackProps {
  /** The jurisdiction. */
  readonly config: JurisdictionConfig;
  /** Its data stores (contact records bucket, keys, streams, instance). */
  readonly stateful: StatefulStack;
  /** Its contact-center resources (queues, functions, bots), for the dashboard and alarms. */
  readonly contactCenter: ContactCenterStack;
}

/**
 * Analytics and monitoring of one jurisdiction: Glue tables over contact trace records and
 * survey answers, an Athena workgroup with the CX queries (when `analytics.enabled`), and the
 * CloudWatch dashboard and alarms. Replaceable: it holds no records (the Athena results bucket
 * is retained).
 */
export class AnalyticsStack extends Stack {
  /** The dashboard, alarms and alarm topic. */
  public readonly monitoring: ContactCenterMonitoring;
  /** Glue tables, Athena workgroup and CX queries, unless `analytics.enabled` is false. */
  public readonly analytics?: ContactAnalytics;

  constructor(scope: Construct, id: string, props: AnalyticsStackProps) {
    const { config, stateful, contactCenter, ...stackProps } = props;
    super(scope, id, stackProps);

    if (config.analytics.enabled) {
      // A named export, so the bucket ARN in this stack's policies has a name known before
      // synthesis (acknowledgements name it); an automatic export name is only made at synthesis.
      stateful.exportValue(stateful.contactRecordsBucket.bucket.bucketArn, { name: contactRecordsBucketExport(config.id) });
      const contactRecordsBucket = s3.Bucket.fromBucketAttributes(this, 'ContactRecordsBucket', {
        bucketArn: Fn.importValue(contactRecordsBucketExport(config.id)),
        encryptionKey: stateful.streamsKey.key,
      });
      this.analytics = new ContactAnalytics(this, 'ContactAnalytics', {
        bucket: contactRecordsBucket,
        dataKey: stateful.streamsKey.key,
        databaseName: config.id.replace(/-/g, '_'),
        serviceLevelSeconds: config.analytics.serviceLevelSeconds,
        bytesScannedCutoffMb: config.analytics.bytesScannedCutoffMb,
        accessLogs: stateful.accessLogsBucket.bucket,
        logRetention: config.retention.logDays as logs.RetentionDays,
        agentEvents: config.analytics.agentEvents ? { stream: stateful.agentEvents.stream, logKey: stateful.logsKey.key } : undefined,
      });
    }

    this.monitoring = new ContactCenterMonitoring(this, 'Monitoring', {
      instanceId: stateful.instance.instanceId,
      queues: config.queues.map((queue) => ({ name: queue.name })),
      functions: [...(contactCenter.functions?.byName ?? [])].map(([name, fn]) => ({ name, function: fn.function })),
      deliveryStreams: [
        { name: 'contact-records', deliveryStream: stateful.contactRecords.deliveryStream },
        ...(this.analytics?.agentEventsDelivery ? [{ name: 'agent-events', deliveryStream: this.analytics.agentEventsDelivery }] : []),
      ],
      bots: [...contactCenter.bots.values()].map((bot) => ({ botId: bot.botId, aliasId: bot.alias.attrBotAliasId, locales: bot.locales })),
      thresholds: config.monitoring,
      alarmEmails: config.monitoring.alarmEmails,
      keyAlias: `${config.id}/alarms`,
    });
  }
}
