import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { ContactCenterStack } from '../../lib/stacks/contact-center-stack';
import { loadJurisdictionSources } from '../../lib/sources';
import { type ExampleId, exampleConfig, sharedExamples, templateOf } from '../helpers/examples';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** The contact-center stack of an example (unit tests never bundle: test/setup-env.ts) and its template. */
function contactCenter(id: ExampleId): { stack: ContactCenterStack; template: Template } {
  const { contactCenter: stack } = sharedExamples()[id];
  return { stack, template: templateOf(stack) };
}

/**
 * A rule's Function as data: the Fn::Join CloudFormation makes of the JSON text, with each
 * CloudFormation value inside it replaced by `<Fn::GetAtt logicalId>` of the resource it reads.
 */
function ruleFunction(value: unknown): any {
  if (typeof value === 'string') return JSON.parse(value);
  const [, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const text = parts.map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).match(/"Fn::GetAtt":\["([^"]+)"/)![1]}>`)).join('');
  return JSON.parse(text);
}

/** Environment variables of every function in the template, by logical id. */
function environments(template: Template): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(template.findResources('AWS::Lambda::Function')).map(([id, r]) => [id, r.Properties.Environment?.Variables ?? {}]));
}

describe('follow-up tasks in the Pinecrest contact-center stack (followUp.enabled)', () => {
  const { stack, template } = contactCenter('pinecrest-benefits');
  const taskFlowArn = stack.resolve(stack.flows!.flowArns.get('follow-up-task'));
  const queueId = (name: string) => `<${Stack.of(stack).getLogicalId(stack.queues.get(name)!.resource)}>`;

  test('deploys the follow-up-task flow, and one task template that starts tasks in it', () => {
    expect(taskFlowArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^FlowsFlowfollowuptask/), 'ContactFlowArn'] });
    template.resourceCountIs('AWS::Connect::TaskTemplate', 1);
    template.hasResourceProperties('AWS::Connect::TaskTemplate', {
      InstanceArn: Match.anyValue(),
      Name: 'Follow-up',
      Status: 'ACTIVE',
      ContactFlowArn: taskFlowArn,
      Fields: [
        { Id: { Name: 'Name' }, Type: 'NAME' },
        { Id: { Name: 'Description' }, Type: 'DESCRIPTION' },
        { Id: { Name: 'Reason' }, Type: 'SINGLE_SELECT', SingleSelectOptions: ['low-survey-score', 'failed-callback', 'agent-follow-up'] },
        { Id: { Name: 'Previous contact' }, Type: 'TEXT', Description: 'Contact id of the contact to follow up on.' },
        { Id: { Name: 'Callback number' }, Type: 'TEXT', Description: 'Number to call the caller back on (E.164).' },
        { Id: { Name: 'Case number' }, Type: 'TEXT' },
        { Id: { Name: 'Language' }, Type: 'SINGLE_SELECT', SingleSelectOptions: ['en-US', 'es-US'] },
      ],
      Constraints: { RequiredFields: [{ Id: { Name: 'Name' } }, { Id: { Name: 'Reason' } }] },
      Defaults: [
        { Id: { Name: 'Reason' }, DefaultValue: 'agent-follow-up' },
        { Id: { Name: 'Language' }, DefaultValue: 'en-US' },
      ],
    });
  });

  test('tells survey-capture the task flow and threshold, and contact-center-status the task flow for failed callbacks', () => {
    const withFollowUp = Object.values(environments(template)).filter((env) => 'FOLLOW_UP_FLOW_ID' in env || 'FAILED_CALLBACK_FLOW_ID' in env);
    expect(withFollowUp).toHaveLength(2);
    expect(withFollowUp).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ CLOSURE_PARAMETER_NAME: expect.anything(), FAILED_CALLBACK_FLOW_ID: taskFlowArn }),
        expect.objectContaining({ SURVEY_TABLE_NAME: expect.anything(), FOLLOW_UP_FLOW_ID: taskFlowArn, FOLLOW_UP_SCORE_AT_MOST: '2' }),
      ]),
    );
    expect(withFollowUp.find((env) => 'CLOSURE_PARAMETER_NAME' in env)).not.toHaveProperty('FOLLOW_UP_FLOW_ID');
  });

  test('deploys one published OnMetricDataUpdate rule per supervisor alert, emailing the tagged users', () => {
    template.resourceCountIs('AWS::Connect::Rule', 2);
    const rules = Object.values(template.findResources('AWS::Connect::Rule')).map((r) => r.Properties);
    const byName = Object.fromEntries(rules.map((r) => [r.Name, r]));
    expect(Object.keys(byName).sort()).toEqual(['long-wait-claims', 'spanish-backlog']);
    expect(byName['long-wait-claims']).toMatchObject({
      TriggerEventSource: { EventSourceName: 'OnMetricDataUpdate' },
      PublishStatus: 'PUBLISHED',
      Actions: {
        SendNotificationActions: [
          {
            DeliveryMethod: 'EMAIL',
            ContentType: 'PLAIN_TEXT',
            Subject: 'OLDEST_CONTACT_AGE alert: long-wait-claims',
            Content: 'In queue Claims, General, a contact has waited 900 seconds or more.',
            Recipient: { UserTags: { role: 'supervisor' } },
          },
        ],
      },
    });
    expect(byName['spanish-backlog'].Actions.SendNotificationActions[0]).toMatchObject({
      Content: 'In queue Spanish, 15 or more contacts are waiting.',
      Recipient: { UserTags: { role: 'supervisor', language: 'es-US' } },
    });
  });

  test('writes each rule function in the Rules Function language: metric at least the value in the listed queues, grouped by queue', () => {
    const rules = Object.fromEntries(Object.values(template.findResources('AWS::Connect::Rule')).map((r) => [r.Properties.Name, ruleFunction(r.Properties.Function)]));
    expect(rules['long-wait-claims']).toEqual({
      Version: '2022-11-25',
      RuleFunction: {
        Operator: 'AND',
        Operands: [
          {
            Operator: 'AND',
            Operands: [
              {
                Operator: 'NumberGreaterOrEqualTo',
                ComparisonValue: '$.MetricData.OLDEST_CONTACT_AGE',
                Operands: [900],
                FilterClause: { LogicOperator: 'AND', Filters: [{ Type: 'MetricDataFilterByQueue', Data: [queueId('Claims'), queueId('General')] }] },
                Negate: false,
              },
            ],
          },
        ],
        FilterClause: { LogicOperator: 'AND', Filters: [{ Type: 'MetricDataGrouping', Data: ['QUEUE'] }] },
      },
    });
    expect(rules['spanish-backlog'].RuleFunction.Operands[0].Operands[0]).toEqual({
      Operator: 'NumberGreaterOrEqualTo',
      ComparisonValue: '$.MetricData.CONTACTS_IN_QUEUE',
      Operands: [15],
      FilterClause: {
        LogicOperator: 'AND',
        Filters: [
          { Type: 'MetricDataFilterByQueue', Data: [queueId('Spanish')] },
          { Type: 'MetricDataFilterByChannel', Data: ['VOICE'] },
        ],
      },
      Negate: false,
    });
  });

  test('reads queue ids from the queue ARNs (the part after "queue/")', () => {
    const rule = Object.values(template.findResources('AWS::Connect::Rule')).find((r) => r.Properties.Name === 'spanish-backlog')!;
    const parts = rule.Properties.Function['Fn::Join'][1].filter((p: unknown) => typeof p !== 'string');
    expect(parts).toEqual([{ 'Fn::Select': [3, { 'Fn::Split': ['/', { 'Fn::GetAtt': [Stack.of(stack).getLogicalId(stack.queues.get('Spanish')!.resource), 'QueueArn'] }] }] }]);
  });
});

describe('follow-up tasks off (Riverton: features.tasks false, followUp.enabled false)', () => {
  const { stack, template } = contactCenter('riverton-311');

  test('deploys no task template, no rule and no follow-up-task flow', () => {
    template.resourceCountIs('AWS::Connect::TaskTemplate', 0);
    template.resourceCountIs('AWS::Connect::Rule', 0);
    expect([...stack.flows!.flowArns.keys()]).not.toContain('follow-up-task');
    expect(Object.values(template.findResources('AWS::Connect::ContactFlow')).map((r) => r.Properties.Name)).not.toContain('Follow-up task');
  });

  test('gives no function a follow-up setting, so the flows never create a task', () => {
    const keys = Object.values(environments(template)).flatMap((env) => Object.keys(env));
    expect(keys.filter((key) => key.startsWith('FOLLOW_UP') || key.startsWith('FAILED_CALLBACK'))).toEqual([]);
  });
});

describe('the follow-up task flow and phone numbers', () => {
  test('cannot answer a call: a phone number bound to it is a config error listing the voice flows', () => {
    const config = structuredClone(exampleConfig('pinecrest-benefits'));
    (config.phoneNumbers[0] as { flow: string }).flow = 'follow-up-task';
    expect(() => loadJurisdictionSources(config, ROOT)).toThrow(
      'config/jurisdictions/pinecrest-benefits.yaml: phoneNumbers[0].flow: "follow-up-task" is deployed, but cannot answer a call (a chat, task, event-hook, queue or module flow) (inbound voice flows: main-inbound)',
    );
  });
});
