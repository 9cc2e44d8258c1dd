import type { JurisdictionConfig } from '../config/schema';
import { FOLLOW_UP_FLOW } from '../config/follow-up-checks';
import type { IConnectInstance } from '../constructs/connect-instance';
import { ContactCenterFunctions, HandlerName } from '../constructs/contact-center-functions';
import type { ContactFlows } from '../constructs/contact-flows';
import { AlertMetric, FollowUpTasks } from '../constructs/follow-up-tasks';
import type { ConnectQueue } from '../constructs/queue';
import type { Construct } from 'constructs';

/**
 * Environment variables that turn follow-up tasks on: survey-capture's (survey answers) and
 * contact-center-status's (failed callbacks; main-inbound keeps the flow id it answers with).
 */
export const FOLLOW_UP_ENV = { flowId: 'FOLLOW_UP_FLOW_ID', scoreAtMost: 'FOLLOW_UP_SCORE_AT_MOST', failedCallbackFlowId: 'FAILED_CALLBACK_FLOW_ID' } as const;

/**
 * The follow-up part of a contact-center stack (config `followUp`, enabled): the task template
 * and supervisor alert rules on the kit's task flow, and the settings with which survey-capture
 * tells the survey flow to create a follow-up task.
 */
export function addFollowUp(
  scope: Construct,
  config: JurisdictionConfig,
  instance: IConnectInstance,
  flows: ContactFlows,
  functions: ContactCenterFunctions,
  queues: ReadonlyMap<string, ConnectQueue>,
): FollowUpTasks {
  const taskFlowArn = flows.flowArns.get(FOLLOW_UP_FLOW);
  if (!taskFlowArn) throw new Error(`${scope.node.path}: followUp.enabled needs the ${FOLLOW_UP_FLOW} flow, which is not deployed`);
  if (config.followUp.surveyTasks) {
    const survey = functions.byName.get(HandlerName.SURVEY_CAPTURE)!.function;
    survey.addEnvironment(FOLLOW_UP_ENV.flowId, taskFlowArn);
    survey.addEnvironment(FOLLOW_UP_ENV.scoreAtMost, String(config.followUp.surveyScoreAtMost));
  }
  if (config.followUp.failedCallbackTasks) {
    functions.byName.get(HandlerName.CONTACT_CENTER_STATUS)!.function.addEnvironment(FOLLOW_UP_ENV.failedCallbackFlowId, taskFlowArn);
  }
  return new FollowUpTasks(scope, 'FollowUp', {
    instance,
    taskFlowArn,
    languages: config.languages,
    alerts: config.followUp.supervisorAlerts.map((alert) => ({
      ...alert,
      metric: AlertMetric[alert.metric],
      notifyUserTags: Object.fromEntries(alert.notifyUsersTagged.map((tag) => [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)])),
      queues: alert.queues.map((name) => ({ name, queueArn: queues.get(name)!.queueArn })),
    })),
  });
}
