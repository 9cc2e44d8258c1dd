import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AlertMetric, FollowUpTasks, type SupervisorAlert } from '../../lib/constructs/follow-up-tasks';

const INSTANCE = { instanceArn: 'arn:aws-us-gov:connect:us-gov-west-1:111122223333:instance/11111111-2222-3333-4444-555555555555', instanceId: '11111111-2222-3333-4444-555555555555' };
const FLOW = `${INSTANCE.instanceArn}/contact-flow/66666666-7777-8888-9999-000000000000`;
const queue = (n: number) => ({ name: `Q${n}`, queueArn: `${INSTANCE.instanceArn}/queue/${n}` });
const alert = (overrides: Partial<SupervisorAlert> = {}): SupervisorAlert => ({
  name: 'wait',
  metric: AlertMetric.OLDEST_CONTACT_AGE,
  atLeast: 600,
  queues: [queue(1)],
  notifyUserTags: { role: 'supervisor' },
  ...overrides,
});

function build(alerts: SupervisorAlert[], languages = ['en-US']): Template {
  const stack = new Stack(new App(), 'Test', { env: { account: '111122223333', region: 'us-gov-west-1' } });
  new FollowUpTasks(stack, 'FollowUp', { instance: INSTANCE, taskFlowArn: FLOW, languages, alerts });
  return Template.fromStack(stack);
}

describe('FollowUpTasks', () => {
  test('builds the template on the task flow, with the first language as the default, and no rule without alerts', () => {
    // GIVEN / WHEN an English-only contact center without alerts
    const template = build([]);
    // THEN
    template.resourceCountIs('AWS::Connect::Rule', 0);
    template.hasResourceProperties('AWS::Connect::TaskTemplate', {
      InstanceArn: INSTANCE.instanceArn,
      ContactFlowArn: FLOW,
      Defaults: [
        { Id: { Name: 'Reason' }, DefaultValue: 'agent-follow-up' },
        { Id: { Name: 'Language' }, DefaultValue: 'en-US' },
      ],
    });
  });

  test('writes a plain rule function (queue ids from static ARNs, no channel filter) and the given subject and text', () => {
    const template = build([alert({ subject: 'Long wait', message: 'Someone has waited 10 minutes.', queues: [queue(1), queue(2)] })]);
    const [rule] = Object.values(template.findResources('AWS::Connect::Rule')).map((r) => r.Properties);
    expect(rule.Name).toEqual('wait');
    expect(JSON.parse(rule.Function).RuleFunction.Operands[0].Operands[0].FilterClause.Filters).toEqual([{ Type: 'MetricDataFilterByQueue', Data: ['1', '2'] }]);
    expect(rule.Actions.SendNotificationActions[0]).toEqual({
      DeliveryMethod: 'EMAIL',
      ContentType: 'PLAIN_TEXT',
      Subject: 'Long wait',
      Content: 'Someone has waited 10 minutes.',
      Recipient: { UserTags: { role: 'supervisor' } },
    });
  });

  test('refuses, in one message, alerts that watch no queue or more than 25, or notify nobody', () => {
    expect(() => build([alert({ name: 'none', queues: [] }), alert({ name: 'many', queues: Array.from({ length: 26 }, (_, i) => queue(i)) }), alert({ name: 'nobody', notifyUserTags: {} })])).toThrow(
      'Test/FollowUp: alert none: watches 0 queues (1 to 25 allowed); alert many: watches 26 queues (1 to 25 allowed); alert nobody: notifies nobody (give at least one user tag)',
    );
  });
});
