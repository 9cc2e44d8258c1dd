import { Fn, Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { IConnectInstance } from './connect-instance';

/** Why a follow-up task was created: the `followUpReason` attribute, and the template's Reason options. */
export enum FollowUpReason {
  /** A post-contact survey answer at or below the configured score. */
  LOW_SURVEY_SCORE = 'low-survey-score',
  /** The caller asked for a callback that could not be created. */
  FAILED_CALLBACK = 'failed-callback',
  /** An agent or supervisor created the task by hand from the template. */
  AGENT_FOLLOW_UP = 'agent-follow-up',
}

/** The real-time queue metric a supervisor alert watches. */
export enum AlertMetric {
  /** Seconds the oldest contact in the queue has waited. */
  OLDEST_CONTACT_AGE = 'OLDEST_CONTACT_AGE',
  /** Contacts waiting in the queue. */
  CONTACTS_IN_QUEUE = 'CONTACTS_IN_QUEUE',
}

/** One supervisor alert: an Amazon Connect rule on real-time queue metrics that notifies users by email. */
export interface SupervisorAlert {
  /** Rule name (letters, digits, ".", "_", "-"). */
  readonly name: string;
  /** The metric watched. */
  readonly metric: AlertMetric;
  /** Notify when the metric reaches this value (seconds or contacts). */
  readonly atLeast: number;
  /** The queues watched (at most 25), by name, with their ARNs. */
  readonly queues: ReadonlyArray<{ readonly name: string; readonly queueArn: string }>;
  /**
   * Channels counted.
   * @default - every channel
   */
  readonly channels?: readonly ('VOICE' | 'CHAT' | 'TASK')[];
  /** Users notified: those carrying all of these tags (users are managed outside the templates). */
  readonly notifyUserTags: Readonly<Record<string, string>>;
  /**
   * Notification subject.
   * @default - "<metric> alert: <name>"
   */
  readonly subject?: string;
  /**
   * Notification text.
   * @default - which metric reached which value in which queues
   */
  readonly message?: string;
}

/** Properties of {@link FollowUpTasks}. */
export interface FollowUpTasksProps {
  /** The Amazon Connect instance. */
  readonly instance: IConnectInstance;
  /** ARN of the task flow every follow-up task starts in (contact-flows/follow-up-task.json). */
  readonly taskFlowArn: string;
  /** Caller languages offered in the template's Language field, e.g. ["en-US", "es-US"]. */
  readonly languages: readonly string[];
  /**
   * Supervisor alert rules.
   * @default - none
   */
  readonly alerts?: readonly SupervisorAlert[];
}

/** Version of the Amazon Connect Rules Function language (the only one there is). */
const RULE_FUNCTION_VERSION = '2022-11-25';

/** Plain words for the metrics, for the default notification. */
const METRIC_WORDS: Record<AlertMetric, (value: number) => string> = {
  [AlertMetric.OLDEST_CONTACT_AGE]: (value) => `a contact has waited ${value} seconds or more`,
  [AlertMetric.CONTACTS_IN_QUEUE]: (value) => `${value} or more contacts are waiting`,
};

/**
 * The follow-up side of a contact center: the "Follow-up" task template (agents create
 * follow-up tasks from it; they start in the kit's task flow) and one rule per supervisor
 * alert (OnMetricDataUpdate → SendNotification by email to the users carrying the given tags).
 *
 * Tasks from a low survey score or a failed callback are created by the flows themselves
 * (Flow Language CreateTask, run by Amazon Connect: no IAM role of the kit's is involved).
 * Neither resource holds caller data: both are replaceable.
 */
export class FollowUpTasks extends Construct {
  /** The task template. */
  public readonly template: connect.CfnTaskTemplate;
  /** The supervisor alert rules by name. */
  public readonly rules: ReadonlyMap<string, connect.CfnRule>;

  constructor(scope: Construct, id: string, props: FollowUpTasksProps) {
    super(scope, id);
    const problems = (props.alerts ?? []).flatMap((alert) => [
      ...(alert.queues.length < 1 || alert.queues.length > 25 ? [`alert ${alert.name}: watches ${alert.queues.length} queues (1 to 25 allowed)`] : []),
      ...(Object.keys(alert.notifyUserTags).length === 0 ? [`alert ${alert.name}: notifies nobody (give at least one user tag)`] : []),
    ]);
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    this.template = new connect.CfnTaskTemplate(this, 'Template', {
      instanceArn: props.instance.instanceArn,
      name: 'Follow-up',
      description: 'Follow up with a caller: a low survey score, a failed callback, or a promise an agent made.',
      contactFlowArn: props.taskFlowArn,
      status: 'ACTIVE',
      fields: [
        { id: { name: 'Name' }, type: 'NAME' },
        { id: { name: 'Description' }, type: 'DESCRIPTION' },
        { id: { name: 'Reason' }, type: 'SINGLE_SELECT', singleSelectOptions: Object.values(FollowUpReason) },
        { id: { name: 'Previous contact' }, type: 'TEXT', description: 'Contact id of the contact to follow up on.' },
        { id: { name: 'Callback number' }, type: 'TEXT', description: 'Number to call the caller back on (E.164).' },
        { id: { name: 'Case number' }, type: 'TEXT' },
        { id: { name: 'Language' }, type: 'SINGLE_SELECT', singleSelectOptions: [...props.languages] },
      ],
      // Constraints is untyped JSON in the L1 (passed through as is): CloudFormation's casing.
      constraints: { RequiredFields: [{ Id: { Name: 'Name' } }, { Id: { Name: 'Reason' } }] },
      defaults: [
        { id: { name: 'Reason' }, defaultValue: FollowUpReason.AGENT_FOLLOW_UP },
        { id: { name: 'Language' }, defaultValue: props.languages[0] },
      ],
    });

    const rules = new Map<string, connect.CfnRule>();
    for (const alert of props.alerts ?? []) {
      rules.set(
        alert.name,
        new connect.CfnRule(this, `Alert-${alert.name}`, {
          instanceArn: props.instance.instanceArn,
          name: alert.name,
          triggerEventSource: { eventSourceName: 'OnMetricDataUpdate' },
          function: Stack.of(this).toJsonString(alertFunction(alert)),
          actions: {
            sendNotificationActions: [
              {
                deliveryMethod: 'EMAIL',
                contentType: 'PLAIN_TEXT',
                subject: alert.subject ?? `${alert.metric} alert: ${alert.name}`,
                content: alert.message ?? `In queue ${alert.queues.map((q) => q.name).join(', ')}, ${METRIC_WORDS[alert.metric](alert.atLeast)}.`,
                recipient: { userTags: { ...alert.notifyUserTags } },
              },
            ],
          },
          publishStatus: 'PUBLISHED',
        }),
      );
    }
    this.rules = rules;
  }
}

/** A queue's id: the last part of its ARN (`…:instance/<instance id>/queue/<queue id>`). */
export function queueIdOf(queueArn: string): string {
  return Fn.select(3, Fn.split('/', queueArn));
}

/**
 * The Rules Function of an alert (OnMetricDataUpdate): one metric group with one condition,
 * metric ≥ atLeast in the listed queues (and channels), grouped by queue.
 * https://docs.aws.amazon.com/connect/latest/APIReference/OnMetricDataUpdate.html
 */
export function alertFunction(alert: SupervisorAlert): Record<string, unknown> {
  const filters: Array<Record<string, unknown>> = [{ Type: 'MetricDataFilterByQueue', Data: alert.queues.map((q) => queueIdOf(q.queueArn)) }];
  if (alert.channels) filters.push({ Type: 'MetricDataFilterByChannel', Data: [...alert.channels] });
  return {
    Version: RULE_FUNCTION_VERSION,
    RuleFunction: {
      Operator: 'AND',
      Operands: [
        {
          Operator: 'AND',
          Operands: [
            {
              Operator: 'NumberGreaterOrEqualTo',
              ComparisonValue: `$.MetricData.${alert.metric}`,
              Operands: [alert.atLeast],
              FilterClause: { LogicOperator: 'AND', Filters: filters },
              Negate: false,
            },
          ],
        },
      ],
      FilterClause: { LogicOperator: 'AND', Filters: [{ Type: 'MetricDataGrouping', Data: ['QUEUE'] }] },
    },
  };
}
