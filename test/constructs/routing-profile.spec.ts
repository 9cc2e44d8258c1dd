import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { QueueConfig, RoutingProfileConfig } from '../../lib/config/schema';
import { IConnectInstance } from '../../lib/constructs/connect-instance';
import { HoursOfOperation } from '../../lib/constructs/hours-of-operation';
import { ConnectQueue } from '../../lib/constructs/queue';
import { RoutingProfile } from '../../lib/constructs/routing-profile';

const PROFILE_TYPE = 'AWS::Connect::RoutingProfile';

interface Given {
  stack: Stack;
  instance: IConnectInstance;
  queues: Map<string, ConnectQueue>;
  arnOf: (queue: string) => unknown;
}

/** A stack with hours and the queues General and Claims. */
function givenQueues(): Given {
  const stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'us-gov-west-1' } });
  const instance = {
    instanceArn: stack.formatArn({ service: 'connect', resource: 'instance', resourceName: '11111111-2222-3333-4444-555555555555' }),
    instanceId: '11111111-2222-3333-4444-555555555555',
  };
  const hours = new HoursOfOperation(stack, 'Hours-main', {
    instance,
    hours: { name: 'main', timeZone: 'America/Chicago', schedule: [{ days: ['MONDAY'], start: '08:00', end: '17:00' }], holidays: [] },
  });
  const queues = new Map<string, ConnectQueue>();
  for (const name of ['General', 'Claims']) {
    const queue: QueueConfig = { name, hours: 'main' };
    queues.set(name, new ConnectQueue(stack, `Queue-${name}`, { instance, queue, hours }));
  }
  const arnOf = (queue: string) => ({ 'Fn::GetAtt': [stack.getLogicalId(queues.get(queue)!.resource), 'QueueArn'] });
  return { stack, instance, queues, arnOf };
}

function profileWith(overrides: Partial<RoutingProfileConfig> = {}): RoutingProfileConfig {
  return {
    name: 'Benefits Agent',
    defaultOutboundQueue: 'General',
    concurrency: { voice: 1, chat: 2, task: 3 },
    queues: [
      { queue: 'General', channels: ['VOICE', 'CHAT', 'TASK'], priority: 1, delaySeconds: 0 },
      { queue: 'Claims', channels: ['VOICE', 'CHAT'], priority: 2, delaySeconds: 30 },
    ],
    ...overrides,
  };
}

describe('RoutingProfile', () => {
  test('routes each queue on each of its channels with its priority and delay', () => {
    // GIVEN
    const { stack, instance, queues, arnOf } = givenQueues();

    // WHEN
    new RoutingProfile(stack, 'RoutingProfile-BenefitsAgent', { instance, profile: profileWith(), queues });

    // THEN one queue config per queue per channel
    Template.fromStack(stack).hasResourceProperties(PROFILE_TYPE, {
      Name: 'Benefits Agent',
      DefaultOutboundQueueArn: arnOf('General'),
      QueueConfigs: [
        { Delay: 0, Priority: 1, QueueReference: { Channel: 'VOICE', QueueArn: arnOf('General') } },
        { Delay: 0, Priority: 1, QueueReference: { Channel: 'CHAT', QueueArn: arnOf('General') } },
        { Delay: 0, Priority: 1, QueueReference: { Channel: 'TASK', QueueArn: arnOf('General') } },
        { Delay: 30, Priority: 2, QueueReference: { Channel: 'VOICE', QueueArn: arnOf('Claims') } },
        { Delay: 30, Priority: 2, QueueReference: { Channel: 'CHAT', QueueArn: arnOf('Claims') } },
      ],
    });
  });

  test('sets the concurrency of every channel the profile offers', () => {
    // GIVEN
    const { stack, instance, queues } = givenQueues();

    // WHEN
    new RoutingProfile(stack, 'RoutingProfile-BenefitsAgent', { instance, profile: profileWith(), queues });

    // THEN
    Template.fromStack(stack).hasResourceProperties(PROFILE_TYPE, {
      MediaConcurrencies: [
        { Channel: 'VOICE', Concurrency: 1 },
        { Channel: 'CHAT', Concurrency: 2 },
        { Channel: 'TASK', Concurrency: 3 },
      ],
    });
  });

  test('leaves a channel with concurrency 0 out, since CloudFormation accepts 1 to 10 only', () => {
    // GIVEN a voice-and-chat profile
    const { stack, instance, queues } = givenQueues();
    const profile = profileWith({
      concurrency: { voice: 1, chat: 2, task: 0 },
      queues: [{ queue: 'General', channels: ['VOICE', 'CHAT'], priority: 1, delaySeconds: 0 }],
    });

    // WHEN
    new RoutingProfile(stack, 'RoutingProfile-BenefitsAgent', { instance, profile, queues });

    // THEN
    Template.fromStack(stack).hasResourceProperties(PROFILE_TYPE, {
      MediaConcurrencies: [
        { Channel: 'VOICE', Concurrency: 1 },
        { Channel: 'CHAT', Concurrency: 2 },
      ],
    });
  });

  test('describes a profile without a description by its name', () => {
    // GIVEN / WHEN
    const { stack, instance, queues } = givenQueues();
    new RoutingProfile(stack, 'RoutingProfile-BenefitsAgent', { instance, profile: profileWith(), queues });

    // THEN
    Template.fromStack(stack).hasResourceProperties(PROFILE_TYPE, { Description: 'Benefits Agent routing profile' });
  });

  test('keeps the description given in the config', () => {
    // GIVEN / WHEN
    const { stack, instance, queues } = givenQueues();
    new RoutingProfile(stack, 'RoutingProfile-BenefitsAgent', {
      instance,
      profile: profileWith({ description: 'English-speaking benefits agents' }),
      queues,
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties(PROFILE_TYPE, {
      Description: 'English-speaking benefits agents',
      InstanceArn: Match.anyValue(),
    });
  });

  test('fails with every problem listed when queues are unknown or a channel is switched off', () => {
    // GIVEN
    const { stack, instance, queues } = givenQueues();
    const profile = profileWith({
      defaultOutboundQueue: 'Spanish',
      concurrency: { voice: 1, chat: 0, task: 0 },
      queues: [
        { queue: 'General', channels: ['VOICE', 'CHAT'], priority: 1, delaySeconds: 0 },
        { queue: 'Escalations', channels: ['VOICE'], priority: 1, delaySeconds: 0 },
        { queue: 'General', channels: ['VOICE'], priority: 2, delaySeconds: 0 },
      ],
    });

    // WHEN / THEN
    expect(() => new RoutingProfile(stack, 'RoutingProfile-BenefitsAgent', { instance, profile, queues })).toThrow(
      [
        'Test/RoutingProfile-BenefitsAgent: routing profile "Benefits Agent" has 4 problem(s):',
        '  defaultOutboundQueue: "Spanish" is not a known queue (known: General, Claims)',
        '  queues[0].channels: channel CHAT has concurrency 0 in this profile (set concurrency.chat to 1 or more, or remove the channel)',
        '  queues[1].queue: "Escalations" is not a known queue (known: General, Claims)',
        '  queues[2]: queue "General" is listed twice for channel VOICE',
      ].join('\n'),
    );
  });

  test('fails when every channel has concurrency 0', () => {
    // GIVEN
    const { stack, instance, queues } = givenQueues();
    const profile = profileWith({
      concurrency: { voice: 0, chat: 0, task: 0 },
      queues: [{ queue: 'General', channels: ['VOICE'], priority: 1, delaySeconds: 0 }],
    });

    // WHEN / THEN
    expect(() => new RoutingProfile(stack, 'RoutingProfile-BenefitsAgent', { instance, profile, queues })).toThrow(
      [
        'Test/RoutingProfile-BenefitsAgent: routing profile "Benefits Agent" has 2 problem(s):',
        '  concurrency: every channel is 0 (give at least one channel a concurrency of 1 or more)',
        '  queues[0].channels: channel VOICE has concurrency 0 in this profile (set concurrency.voice to 1 or more, or remove the channel)',
      ].join('\n'),
    );
  });
});
