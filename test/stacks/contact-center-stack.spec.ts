import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as connect from 'aws-cdk-lib/aws-connect';
import { loadJurisdictions } from '../../lib/config/loader';
import { JurisdictionConfig } from '../../lib/config/schema';
import { ContactCenterStack } from '../../lib/stacks/contact-center-stack';
import { resourceId } from '../../lib/stacks/ids';
import { EXAMPLES_CONFIG_DIR, type ExampleId, sharedExamples, templateOf } from '../helpers/examples';

const { configs } = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR });
const configOf = (id: string): JurisdictionConfig => {
  const config = configs.find((c) => c.id === id);
  if (!config) throw new Error(`example config ${id} not found`);
  return config;
};

/** An app with the instance in its own stack (as the stateful stack holds it) and the contact-center stack. */
function givenContactCenter(config: JurisdictionConfig): { stack: ContactCenterStack; template: Template } {
  const stack = sharedExamples()[config.id as ExampleId].contactCenter;
  return { stack, template: templateOf(stack) };
}

/** `Fn::GetAtt` of a construct's main resource in `stack`. */
function getAtt(stack: Stack, resource: connect.CfnQueue | connect.CfnHoursOfOperation, attribute: string) {
  return { 'Fn::GetAtt': [stack.getLogicalId(resource), attribute] };
}

describe('ContactCenterStack with the pinecrest-benefits example', () => {
  const { stack, template } = givenContactCenter(configOf('pinecrest-benefits'));
  const queueArn = (name: string) => getAtt(stack, stack.queues.get(name)!.resource, 'QueueArn');

  test('creates every configured resource once, plus the four standard security profiles', () => {
    // GIVEN / WHEN the example config

    // THEN
    template.resourceCountIs('AWS::Connect::HoursOfOperation', 2);
    template.resourceCountIs('AWS::Connect::Queue', 4);
    template.resourceCountIs('AWS::Connect::RoutingProfile', 3);
    template.resourceCountIs('AWS::Connect::SecurityProfile', 4);
    template.resourceCountIs('AWS::Connect::QuickConnect', 2);
    template.resourceCountIs('AWS::Connect::AgentStatus', 2);
  });

  test('attaches every resource to the instance imported from the stateful stack', () => {
    // GIVEN / WHEN the example config

    // THEN
    for (const type of ['AWS::Connect::HoursOfOperation', 'AWS::Connect::Queue', 'AWS::Connect::RoutingProfile', 'AWS::Connect::SecurityProfile']) {
      template.allResourcesProperties(type, { InstanceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('pinecrest-benefits-stateful') } });
    }
  });

  test('wires each queue to the ARN of the hours it names', () => {
    // GIVEN / WHEN the example config (Claims follows extended hours, General the main hours)

    // THEN
    template.hasResourceProperties('AWS::Connect::Queue', {
      Name: 'Claims',
      HoursOfOperationArn: getAtt(stack, stack.hours.get('extended')!.resource, 'HoursOfOperationArn'),
    });
    template.hasResourceProperties('AWS::Connect::Queue', {
      Name: 'General',
      HoursOfOperationArn: getAtt(stack, stack.hours.get('main')!.resource, 'HoursOfOperationArn'),
    });
  });

  test('sets the queue description, contact limit and outbound caller ID name', () => {
    // GIVEN / WHEN the example config

    // THEN
    template.hasResourceProperties('AWS::Connect::Queue', {
      Name: 'Spanish',
      Description: 'Spanish-speaking callers',
      MaxContacts: 100,
      OutboundCallerConfig: { OutboundCallerIdName: 'Pinecrest Beneficios' },
    });
  });

  test('routes the bilingual profile to Spanish first and General after a delay, without tasks', () => {
    // GIVEN / WHEN the example config (concurrency task: 0)

    // THEN
    template.hasResourceProperties('AWS::Connect::RoutingProfile', {
      Name: 'Bilingual Agent',
      Description: 'Agents who serve callers in English and Spanish',
      DefaultOutboundQueueArn: queueArn('Spanish'),
      MediaConcurrencies: [
        { Channel: 'VOICE', Concurrency: 1 },
        { Channel: 'CHAT', Concurrency: 2 },
      ],
      QueueConfigs: [
        { Delay: 0, Priority: 1, QueueReference: { Channel: 'VOICE', QueueArn: queueArn('Spanish') } },
        { Delay: 0, Priority: 1, QueueReference: { Channel: 'CHAT', QueueArn: queueArn('Spanish') } },
        { Delay: 60, Priority: 2, QueueReference: { Channel: 'VOICE', QueueArn: queueArn('General') } },
        { Delay: 60, Priority: 2, QueueReference: { Channel: 'CHAT', QueueArn: queueArn('General') } },
      ],
    });
  });

  test('gives supervisors escalations first and claims calls at priority 3 after two minutes', () => {
    // GIVEN / WHEN the example config

    // THEN
    template.hasResourceProperties('AWS::Connect::RoutingProfile', {
      Name: 'Supervisor',
      MediaConcurrencies: [
        { Channel: 'VOICE', Concurrency: 1 },
        { Channel: 'CHAT', Concurrency: 1 },
        { Channel: 'TASK', Concurrency: 1 },
      ],
      QueueConfigs: Match.arrayWith([{ Delay: 120, Priority: 3, QueueReference: { Channel: 'VOICE', QueueArn: queueArn('Claims') } }]),
    });
  });

  test('closes the main hours for Thanksgiving Thursday and Friday and shortens Christmas Eve', () => {
    // GIVEN / WHEN the example config

    // THEN
    template.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      Name: 'main',
      TimeZone: 'America/Chicago',
      HoursOfOperationOverrides: Match.arrayWith([
        Match.objectLike({ OverrideName: 'Thanksgiving', OverrideType: 'CLOSED', EffectiveFrom: '2027-11-25', EffectiveTill: '2027-11-26' }),
        Match.objectLike({
          OverrideName: 'Christmas Eve',
          OverrideType: 'STANDARD',
          OverrideConfig: [{ Day: 'FRIDAY', StartTime: { Hours: 8, Minutes: 0 }, EndTime: { Hours: 12, Minutes: 0 } }],
        }),
      ]),
    });
  });

  test('creates phone-number quick connects and enabled custom agent statuses', () => {
    // GIVEN / WHEN the example config

    // THEN
    template.hasResourceProperties('AWS::Connect::QuickConnect', {
      Name: 'Crisis Line',
      Description: '988 Suicide and Crisis Lifeline',
      QuickConnectConfig: { QuickConnectType: 'PHONE_NUMBER', PhoneConfig: { PhoneNumber: '+18002738255' } },
    });
    template.hasResourceProperties('AWS::Connect::AgentStatus', { Name: 'Case Work', Type: 'CUSTOM', State: 'ENABLED' });
  });

  test('names child constructs after the config names and exposes them by name', () => {
    // GIVEN / WHEN the example config

    // THEN
    expect(stack.node.tryFindChild('Hours-main')).toBe(stack.hours.get('main'));
    expect(stack.node.tryFindChild('Queue-General')).toBe(stack.queues.get('General'));
    expect(stack.node.tryFindChild('RoutingProfile-BenefitsAgent')).toBe(stack.routingProfiles.get('Benefits Agent'));
    expect(stack.node.tryFindChild('QuickConnect-FraudHotline')).toBe(stack.quickConnects.get('Fraud Hotline'));
    expect(stack.node.tryFindChild('AgentStatus-CaseWork')).toBe(stack.agentStatuses.get('Case Work'));
    expect([...stack.queues.keys()]).toEqual(['General', 'Claims', 'Spanish', 'Escalations']);
  });

  test('deploys to the account and region of the config, with a description', () => {
    // GIVEN / WHEN the example config

    // THEN
    expect(stack.account).toBe('111111111111');
    expect(stack.region).toBe('us-gov-west-1');
    // addJurisdiction describes it by the display name; the stack's own default names the kit and the id.
    expect(stack.templateOptions.description).toBe('Pinecrest State Department of Benefits: hours, queues, routing and security profiles, quick connects, agent statuses. Replaceable.');
    const bare = new ContactCenterStack(new App(), 'pinecrest-benefits-contact-center', {
      config: configOf('pinecrest-benefits'),
      instance: { instanceArn: 'instance-arn', instanceId: 'instance-id' },
    });
    expect(bare.templateOptions.description).toMatch(/^gov-contact-center-kit pinecrest-benefits: /);
  });

  test('writes no commercial-partition ARN into the template', () => {
    // GIVEN / WHEN the example config

    // THEN
    // (built from parts so that a repository-wide search for the literal finds only real mistakes)
    const commercialArnPrefix = ['arn', 'aws', ''].join(':');
    expect(JSON.stringify(template.toJSON())).not.toContain(commercialArnPrefix);
  });
});

describe('ContactCenterStack with the riverton-311 example', () => {
  const { stack, template } = givenContactCenter(configOf('riverton-311'));

  test('creates one hours, queue and routing profile, the security profiles, and no quick connects or statuses', () => {
    // GIVEN / WHEN the example config

    // THEN
    template.resourceCountIs('AWS::Connect::HoursOfOperation', 1);
    template.resourceCountIs('AWS::Connect::Queue', 1);
    template.resourceCountIs('AWS::Connect::RoutingProfile', 1);
    template.resourceCountIs('AWS::Connect::SecurityProfile', 4);
    template.resourceCountIs('AWS::Connect::QuickConnect', 0);
    template.resourceCountIs('AWS::Connect::AgentStatus', 0);
  });

  test('leaves out the description and outbound caller config the config does not give', () => {
    // GIVEN / WHEN the example config (no description or outboundCallerIdName; maxContacts 30)

    // THEN
    template.hasResourceProperties('AWS::Connect::Queue', {
      Name: 'City Services',
      MaxContacts: 30,
      Description: Match.absent(),
      OutboundCallerConfig: Match.absent(),
      HoursOfOperationArn: getAtt(stack, stack.hours.get('main')!.resource, 'HoursOfOperationArn'),
    });
  });

  test('routes voice and chat with the default priority and delay, described by the profile name', () => {
    // GIVEN / WHEN the example config (priority and delay defaulted; no description)
    const queueArn = getAtt(stack, stack.queues.get('City Services')!.resource, 'QueueArn');

    // THEN
    template.hasResourceProperties('AWS::Connect::RoutingProfile', {
      Name: '311 Agent',
      Description: '311 Agent routing profile',
      DefaultOutboundQueueArn: queueArn,
      MediaConcurrencies: [
        { Channel: 'VOICE', Concurrency: 1 },
        { Channel: 'CHAT', Concurrency: 2 },
      ],
      QueueConfigs: [
        { Delay: 0, Priority: 1, QueueReference: { Channel: 'VOICE', QueueArn: queueArn } },
        { Delay: 0, Priority: 1, QueueReference: { Channel: 'CHAT', QueueArn: queueArn } },
      ],
    });
  });

  test('grants no outbound calling when the instance has outbound calls off', () => {
    // GIVEN / WHEN the example config (instance.outboundCalls: false)

    // THEN
    for (const profile of Object.values(template.findResources('AWS::Connect::SecurityProfile'))) {
      expect(profile.Properties.Permissions).not.toContain('OutboundCallAccess');
    }
  });

  test('keeps the Mountain time zone of the config', () => {
    // GIVEN / WHEN the example config

    // THEN
    template.hasResourceProperties('AWS::Connect::HoursOfOperation', { Name: 'main', TimeZone: 'America/Denver' });
  });
});

describe('ContactCenterStack defaults', () => {
  test('deploys to the account and region of the config when no env is given', () => {
    // GIVEN
    const config = configOf('riverton-311');
    const app = new App();

    // WHEN
    const stack = new ContactCenterStack(app, 'riverton-311-contact-center', {
      config,
      instance: { instanceArn: 'instance-arn', instanceId: 'instance-id' },
    });

    // THEN
    expect(stack.account).toBe('222222222222');
    expect(stack.region).toBe('us-gov-west-1');
  });
});

describe('resourceId', () => {
  test('joins the kind and the name without characters construct ids should not carry', () => {
    // GIVEN / WHEN / THEN
    expect(resourceId('Queue', 'City Services')).toBe('Queue-CityServices');
    expect(resourceId('Hours', 'main')).toBe('Hours-main');
    expect(resourceId('RoutingProfile', '311 Agent')).toBe('RoutingProfile-311Agent');
    expect(resourceId('QuickConnect', 'Fraud Hotline/Tips v2.1')).toBe('QuickConnect-FraudHotlineTipsv21');
    expect(resourceId('Queue', 'claims_en-US')).toBe('Queue-claims_en-US');
  });

  test('fails when nothing of the name is left', () => {
    // GIVEN / WHEN / THEN
    expect(() => resourceId('Queue', '. .')).toThrow('resourceId: name ". ." has no letters, digits, "_" or "-" to build a Queue id from');
  });

  test('fails when the kind is not a plain word', () => {
    // GIVEN / WHEN / THEN
    expect(() => resourceId('My Queue', 'General')).toThrow('resourceId: kind "My Queue" must be letters and digits starting with a letter');
  });
});
