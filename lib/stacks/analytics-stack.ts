import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { JurisdictionConfig } from '../config/schema';
import { ContactCenterMonitoring } from '../constructs/contact-center-monitoring';
import type { ContactCenterStack } from './contact-center-stack';
import type { StatefulStack } from './stateful-stack';

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

  constructor(scope: Construct, id: string, props: AnalyticsStackProps) {
    const { config, stateful, contactCenter, ...stackProps } = props;
    super(scope, id, stackProps);

    this.monitoring = new ContactCenterMonitoring(this, 'Monitoring', {
      instanceId: stateful.instance.instanceId,
      queues: config.queues.map((queue) => ({ name: queue.name })),
      functions: [...(contactCenter.functions?.byName ?? [])].map(([name, fn]) => ({ name, function: fn.function })),
      deliveryStreams: [{ name: 'contact-records', deliveryStream: stateful.contactRecords.deliveryStream }],
      bots: [...contactCenter.bots.values()].map((bot) => ({ botId: bot.botId, aliasId: bot.alias.attrBotAliasId, locales: bot.locales })),
      thresholds: config.monitoring,
      alarmEmails: config.monitoring.alarmEmails,
      keyAlias: `${config.id}/alarms`,
    });
  }
}
