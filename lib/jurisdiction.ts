import { App } from 'aws-cdk-lib';
import { acknowledgeStatefulFindings } from './compliance/acknowledgements';
import { applyJurisdictionTags } from './compliance/tags';
import type { JurisdictionConfig } from './config/schema';
import { StatefulStack } from './stacks/stateful-stack';

/** The stacks of one jurisdiction. */
export interface JurisdictionStacks {
  /** Keys, buckets, streams and the Amazon Connect instance. */
  readonly stateful: StatefulStack;
}

/** Adds one jurisdiction's stacks to the app, in the account and region its config names. */
export function addJurisdiction(app: App, config: JurisdictionConfig): JurisdictionStacks {
  const env = { account: config.account, region: config.region };
  const stateful = new StatefulStack(app, `${config.id}-stateful`, {
    env,
    config,
    description: `${config.displayName}: Amazon Connect instance and its data stores (keys, buckets, streams). Retained on delete.`,
  });
  applyJurisdictionTags(stateful, config);
  acknowledgeStatefulFindings(stateful);
  return { stateful };
}
