import { App } from 'aws-cdk-lib';
import { acknowledgeAnalyticsFindings, acknowledgeContactCenterFindings, acknowledgeStatefulFindings } from './compliance/acknowledgements';
import { applyJurisdictionTags } from './compliance/tags';
import type { JurisdictionConfig } from './config/schema';
import { AnalyticsStack, contactRecordsBucketExport } from './stacks/analytics-stack';
import { ContactCenterStack } from './stacks/contact-center-stack';
import type { JurisdictionSources } from './sources';
import { StatefulStack } from './stacks/stateful-stack';

/** The stacks of one jurisdiction. */
export interface JurisdictionStacks {
  /** Keys, buckets, streams and the Amazon Connect instance. */
  readonly stateful: StatefulStack;
  /** Hours, queues, routing and security profiles: replaceable, holds no data. */
  readonly contactCenter: ContactCenterStack;
  /** Glue tables, Athena workgroup and queries, dashboard and alarms. */
  readonly analytics: AnalyticsStack;
}

/**
 * Adds one jurisdiction's stacks to the app, in the account and region its config names.
 *
 * @param sources its checked bots and flows (loadJurisdictionSources); without them the
 *   contact-center stack has no bots, flows or phone numbers
 */
export function addJurisdiction(app: App, config: JurisdictionConfig, sources?: JurisdictionSources): JurisdictionStacks {
  const env = { account: config.account, region: config.region };
  const stateful = new StatefulStack(app, `${config.id}-stateful`, {
    env,
    config,
    description: `${config.displayName}: Amazon Connect instance and its data stores (keys, buckets, streams). Retained on delete.`,
  });
  applyJurisdictionTags(stateful, config);
  acknowledgeStatefulFindings(stateful);

  const contactCenter = new ContactCenterStack(app, `${config.id}-contact-center`, {
    env,
    config,
    instance: stateful.instance,
    sources,
    promptBucket: stateful.promptBucket?.bucket,
    data: {
      tablesKey: stateful.tablesKey.key,
      casesTable: stateful.casesTable.table,
      verificationTable: stateful.verificationTable.table,
      surveyTable: stateful.surveyTable.table,
      closureParameter: stateful.closureParameter,
      analyticsBucket: stateful.contactRecordsBucket.bucket,
      analyticsKey: stateful.streamsKey.key,
      surveyWriterPolicy: stateful.surveyWriterPolicy,
      logKey: stateful.logsKey.key,
    },
    description: `${config.displayName}: hours, queues, routing and security profiles, quick connects, agent statuses. Replaceable.`,
  });
  applyJurisdictionTags(contactCenter, config);
  acknowledgeContactCenterFindings(contactCenter);

  const analytics = new AnalyticsStack(app, `${config.id}-analytics`, {
    env,
    config,
    stateful,
    contactCenter,
    description: `${config.displayName}: contact analytics (Glue, Athena, CX queries), dashboard and alarms. Replaceable.`,
  });
  applyJurisdictionTags(analytics, config);
  acknowledgeAnalyticsFindings(analytics, contactRecordsBucketExport(config.id));
  return { stateful, contactCenter, analytics };
}
