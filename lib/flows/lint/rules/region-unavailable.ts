import { ActionFeature, ACTIONS } from '../../actions';
import { FEATURE_NAMES, REGION_CAPABILITIES } from '../../../config/regions';
import type { Finding } from '../../types';
import { finding, LintRule } from '../rule';

const id = 'region-unavailable';

/** Whether `region` offers `feature`; undefined for a region the kit does not know. */
function offers(region: string, feature: ActionFeature): boolean | undefined {
  const capabilities = REGION_CAPABILITIES[region as keyof typeof REGION_CAPABILITIES];
  if (!capabilities) return undefined;
  // Live media streaming is not in the config's feature switches; DESIGN.md §4 lists it as
  // unavailable in GovCloud.
  if (feature === 'liveMediaStreaming') return capabilities.partition !== 'aws-us-gov';
  return capabilities.features[feature];
}

const NAMES: Readonly<Record<ActionFeature, string>> = { ...FEATURE_NAMES, liveMediaStreaming: 'live media streaming' };

/** Actions that need a feature the region lacks (Cases, Customer Profiles, Voice ID, … in GovCloud) fail at deploy or run time. */
export const regionUnavailable: LintRule = {
  id,
  description: 'Actions must not need an Amazon Connect feature the target region lacks (e.g. Cases or Voice ID in us-gov-west-1).',
  check(ctx) {
    const region = ctx.context.region ?? 'us-gov-west-1';
    const out: Finding[] = [];
    for (const flow of ctx.flows) {
      for (const action of flow.content.Actions) {
        const feature = ACTIONS.get(action.Type)?.feature;
        if (feature && offers(region, feature) === false) {
          out.push(finding(flow, id, 'error', `${action.Type} needs ${NAMES[feature]}, which Amazon Connect does not offer in ${region}`, action.Identifier));
        }
      }
    }
    return out;
  },
};
