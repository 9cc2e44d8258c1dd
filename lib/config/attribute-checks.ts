import { CONTRACT_ATTRIBUTE_NAMES } from '../flows/attribute-contract';

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
