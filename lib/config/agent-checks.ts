import { resolveAgentHierarchy } from '../quality/agent-hierarchy';
import { resolveEvaluationForm } from '../quality/evaluation-form';
import { resolveProficiencyRouting } from '../quality/proficiency-routing';
import { agentHierarchySchema, evaluationFormSchema, proficiencyRoutingSchema } from './agent-schema';
import { AGENT_SIDE_NAMES, REGION_CAPABILITIES } from './regions';

type Entry = Record<string, unknown>;
const record = (value: unknown): Entry => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entry) : {});
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * Checks of the agent-side blocks the schema cannot express: the evaluation form's weights,
 * texts and ids (lib/quality/evaluation-form.ts), the proficiency languages' queues, the
 * hierarchy's parents and depth, and that the region offers each resource type. A block the
 * schema rejects is left to the schema's messages. Runs on the merged YAML.
 *
 * @param at records one problem at a key path
 * @param config the merged YAML of one jurisdiction
 * @param queueNames the names of its queues
 */
export function checkAgentSide(at: (path: string, message: string) => void, config: Entry, queueNames: readonly string[]): void {
  const region = typeof config.region === 'string' && Object.hasOwn(REGION_CAPABILITIES, config.region) ? (config.region as keyof typeof REGION_CAPABILITIES) : undefined;
  const unavailable = (path: string, capability: keyof typeof AGENT_SIDE_NAMES, fix: string) => {
    if (region && !REGION_CAPABILITIES[region].agentSide[capability]) at(path, `needs ${AGENT_SIDE_NAMES[capability]}, which ${region} does not offer (${fix})`);
  };
  const languages = Array.isArray(config.languages) ? strings(config.languages) : ['en-US'];

  const form = evaluationFormSchema.safeParse(config.evaluationForm ?? {});
  if (form.success && form.data.enabled) {
    unavailable('evaluationForm.enabled', 'evaluationForms', 'set evaluationForm.enabled: false');
    if (record(config.features).contactLens === false) at('evaluationForm.enabled', 'needs Contact Lens, which performance evaluations are part of (set features.contactLens: true, or evaluationForm.enabled: false)');
    for (const problem of resolveEvaluationForm(form.data, languages).problems) at(`evaluationForm.${problem.path}`, problem.message);
  }

  const proficiency = proficiencyRoutingSchema.safeParse(config.proficiencyRouting ?? {});
  if (proficiency.success && proficiency.data.enabled) {
    unavailable('proficiencyRouting.enabled', 'predefinedAttributes', 'set proficiencyRouting.enabled: false');
    unavailable('proficiencyRouting.enabled', 'routingCriteria', 'set proficiencyRouting.enabled: false');
    const routing = record(config.routing);
    if (typeof routing.default === 'string') {
      const routes = { default: routing.default, spanish: typeof routing.spanish === 'string' ? routing.spanish : undefined };
      for (const problem of resolveProficiencyRouting(proficiency.data, routes, queueNames, languages).problems) at(`proficiencyRouting.${problem.path}`, problem.message);
    }
  }

  if (config.agentHierarchy !== undefined) {
    const hierarchy = agentHierarchySchema.safeParse(config.agentHierarchy);
    if (hierarchy.success) {
      unavailable('agentHierarchy', 'userHierarchy', 'remove agentHierarchy');
      for (const problem of resolveAgentHierarchy(hierarchy.data).problems) at(`agentHierarchy.${problem.path}`, problem.message);
    }
  }
}
