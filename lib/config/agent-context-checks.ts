import { CONTRACT_ATTRIBUTE_NAMES } from '../flows/attribute-contract';
import { REGION_CAPABILITIES, RegionCapabilities } from './regions';

type Entry = Record<string, unknown>;
const record = (value: unknown): Entry => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entry) : {});

/**
 * Checks of `flows.attributes` (the contact attributes an agency's own flows set besides the
 * caller-context contract) that the schema cannot express: each is listed once and none repeats
 * a contract attribute (whose meaning the kit's flows, agent view and reports already fix).
 *
 * @param at records one problem at a key path
 * @param config the merged YAML of one jurisdiction
 */
export function checkFlowAttributes(at: (path: string, message: string) => void, config: Entry): void {
  const names = record(config.flows).attributes;
  if (!Array.isArray(names)) return;
  const seen = new Set<unknown>();
  names.forEach((name, i) => {
    if (typeof name !== 'string') return;
    if (CONTRACT_ATTRIBUTE_NAMES.includes(name)) at(`flows.attributes[${i}]`, `"${name}" is already in the kit's attribute contract (contact-flows/README.md): remove it from flows.attributes`);
    else if (seen.has(name)) at(`flows.attributes[${i}]`, `"${name}" is listed twice`);
    seen.add(name);
  });
}

/**
 * `agentView.enabled` (on by default) needs agent workspace views (the Show view block and the
 * AWS-managed views) in the region; a region without them fails with the key to turn it off.
 *
 * @param at records one problem at a key path
 * @param config the merged YAML of one jurisdiction
 * @param regions what each region offers @default REGION_CAPABILITIES
 */
export function checkAgentView(at: (path: string, message: string) => void, config: Entry, regions: Readonly<Record<string, RegionCapabilities>> = REGION_CAPABILITIES): void {
  if (record(config.agentView).enabled === false) return;
  const region = typeof config.region === 'string' && Object.hasOwn(regions, config.region) ? config.region : undefined;
  if (region && !regions[region].agentViews) {
    at('agentView.enabled', `the caller-context view needs agent workspace views (the Show view flow block and AWS-managed views), which ${region} does not offer (set agentView.enabled: false; agents still see the contact attributes in the Contact Control Panel)`);
  }
}
