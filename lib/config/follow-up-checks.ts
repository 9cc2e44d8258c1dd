import { formatValue } from './errors';
import { REGION_CAPABILITIES } from './regions';

type Entry = Record<string, unknown>;
const record = (value: unknown): Entry => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entry) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The kit's task flow (contact-flows/follow-up-task.json): every follow-up task starts in it. */
export const FOLLOW_UP_FLOW = 'follow-up-task';

/**
 * The queue follow-up tasks go to: `followUp.queue`, else the escalation route, else the
 * default route (the same fallback `${route:followUp}` resolves with).
 */
export function followUpQueueName(config: { readonly followUp?: { readonly queue?: string }; readonly routing: { readonly default: string; readonly escalation?: string } }): string {
  return config.followUp?.queue ?? config.routing.escalation ?? config.routing.default;
}

/**
 * Checks of the `followUp` section the schema cannot express: tasks are on and the region has
 * the resource types, the task flow is deployed, the task queue exists and some routing profile
 * takes tasks from it, and each supervisor alert names known queues once under a unique name.
 * Settings given while `followUp.enabled` is false are an error too: they would do nothing.
 * Runs on the merged YAML whether the schema accepted it or not.
 *
 * @param at records one problem at a key path
 * @param config the merged YAML of one jurisdiction
 * @param queueNames the names of its queues
 */
export function checkFollowUp(at: (path: string, message: string) => void, config: Entry, queueNames: readonly string[]): void {
  const followUp = record(config.followUp);
  const alerts = list(followUp.supervisorAlerts);
  if (followUp.enabled !== true) {
    if (alerts.length > 0) at('followUp.supervisorAlerts', 'are listed, but followUp.enabled is not true, so no rule would be deployed (set followUp.enabled: true, or remove them)');
    return;
  }

  if (record(config.features).tasks === false) at('followUp.enabled', 'needs tasks, and features.tasks is false (set features.tasks: true, or followUp.enabled: false)');
  const region = typeof config.region === 'string' && Object.hasOwn(REGION_CAPABILITIES, config.region) ? (config.region as keyof typeof REGION_CAPABILITIES) : undefined;
  if (region) {
    const offered = REGION_CAPABILITIES[region].followUpResources;
    if (!offered.taskTemplate) at('followUp.enabled', `needs AWS::Connect::TaskTemplate, which the CloudFormation registry of ${region} lacks (set followUp.enabled: false)`);
    if (!offered.rule && alerts.length > 0) at('followUp.supervisorAlerts', `need AWS::Connect::Rule, which the CloudFormation registry of ${region} lacks (remove them)`);
  }
  if (list(record(config.flows).exclude).includes(FOLLOW_UP_FLOW)) {
    at('followUp.enabled', `needs the ${FOLLOW_UP_FLOW} flow, which flows.exclude leaves out (remove it from flows.exclude, or set followUp.enabled: false)`);
  }

  const routing = record(config.routing);
  const queue = [followUp.queue, routing.escalation, routing.default].find((q) => typeof q === 'string');
  const queuePath = typeof followUp.queue === 'string' ? 'followUp.queue' : typeof routing.escalation === 'string' ? 'routing.escalation' : 'routing.default';
  if (typeof followUp.queue === 'string' && !queueNames.includes(followUp.queue)) {
    at('followUp.queue', `${formatValue(followUp.queue)} is not a defined queue name (defined: ${queueNames.join(', ') || 'none'})`);
  } else if (typeof queue === 'string' && queueNames.includes(queue) && !takesTasks(config, queue)) {
    at(
      queuePath === 'followUp.queue' ? 'followUp.queue' : 'followUp',
      `follow-up tasks go to queue ${formatValue(queue)}${queuePath === 'followUp.queue' ? '' : ` (${queuePath})`}, which no routing profile takes TASK contacts from (add TASK to its channels in a routing profile, or set followUp.queue)`,
    );
  }

  const names = new Set<unknown>();
  alerts.forEach((raw, i) => {
    const alert = record(raw);
    if (names.has(alert.name)) at(`followUp.supervisorAlerts[${i}].name`, `${formatValue(alert.name)} is listed twice (rule names must be unique)`);
    names.add(alert.name);
    const seen = new Set<unknown>();
    list(alert.queues).forEach((q, j) => {
      const path = `followUp.supervisorAlerts[${i}].queues[${j}]`;
      if (typeof q === 'string' && !queueNames.includes(q)) at(path, `${formatValue(q)} is not a defined queue name (defined: ${queueNames.join(', ') || 'none'})`);
      else if (seen.has(q)) at(path, `${formatValue(q)} is listed twice (list each queue once)`);
      seen.add(q);
    });
  });
}

/** True if a routing profile lists `queue` with the TASK channel and a task concurrency above 0. */
function takesTasks(config: Entry, queue: string): boolean {
  return list(config.routingProfiles).some((raw) => {
    const profile = record(raw);
    const concurrency = record(profile.concurrency).task ?? 0;
    return concurrency !== 0 && list(profile.queues).some((entry) => record(entry).queue === queue && list(record(entry).channels).includes('TASK'));
  });
}
