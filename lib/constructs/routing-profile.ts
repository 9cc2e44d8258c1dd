import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { RoutingProfileConfig } from '../config/schema';
import { IConnectInstance } from './connect-instance';
import { ConnectQueue } from './queue';

/** A contact channel a routing profile can serve. */
export enum Channel {
  /** Phone calls. */
  VOICE = 'VOICE',
  /** Chat. */
  CHAT = 'CHAT',
  /** Tasks. */
  TASK = 'TASK',
}

/** The channels in template order, with their key in the config's `concurrency`. */
const CHANNELS: ReadonlyArray<[Channel, keyof RoutingProfileConfig['concurrency']]> = [
  [Channel.VOICE, 'voice'],
  [Channel.CHAT, 'chat'],
  [Channel.TASK, 'task'],
];

/** Properties of {@link RoutingProfile}. */
export interface RoutingProfileProps {
  /** The Amazon Connect instance the routing profile belongs to. */
  readonly instance: IConnectInstance;
  /**
   * The routing profile from the jurisdiction config. Without a `description`, the profile is
   * described as `"<name> routing profile"` (CloudFormation requires a description).
   */
  readonly profile: RoutingProfileConfig;
  /** The instance's queues by config name; every queue the profile names must be here. */
  readonly queues: ReadonlyMap<string, ConnectQueue>;
}

/**
 * An Amazon Connect routing profile: which queues an agent takes contacts from, on which
 * channels, in what priority and after what delay, and how many contacts per channel at once.
 *
 * A channel with concurrency 0 is left out of `MediaConcurrencies`: the CloudFormation schema
 * allows 1–10 there, and a channel that is absent is one the agent is not offered. A profile
 * must offer at least one channel, and may only list queues on channels it offers.
 */
export class RoutingProfile extends Construct {
  /** ARN of the routing profile, for users. */
  public readonly routingProfileArn: string;
  /** The name from the config (also the name shown in Amazon Connect). */
  public readonly routingProfileName: string;
  /** The underlying CloudFormation resource. */
  public readonly resource: connect.CfnRoutingProfile;

  constructor(scope: Construct, id: string, props: RoutingProfileProps) {
    super(scope, id);
    const { profile, queues } = props;
    const problems = validate(profile, queues);
    if (problems.length > 0) {
      throw new Error(
        `${this.node.path}: routing profile ${JSON.stringify(profile.name)} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`,
      );
    }

    this.routingProfileName = profile.name;
    this.resource = new connect.CfnRoutingProfile(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      name: profile.name,
      description: profile.description ?? `${profile.name} routing profile`,
      defaultOutboundQueueArn: queues.get(profile.defaultOutboundQueue)!.queueArn,
      mediaConcurrencies: CHANNELS.filter(([, key]) => profile.concurrency[key] > 0).map(([channel, key]) => ({
        channel,
        concurrency: profile.concurrency[key],
      })),
      queueConfigs: profile.queues.flatMap((entry) =>
        entry.channels.map((channel) => ({
          delay: entry.delaySeconds,
          priority: entry.priority,
          queueReference: { channel, queueArn: queues.get(entry.queue)!.queueArn },
        })),
      ),
    });
    this.routingProfileArn = this.resource.attrRoutingProfileArn;
  }
}

/** Every problem with the profile, one line each, as `<key path>: <problem>`. */
function validate(profile: RoutingProfileConfig, queues: ReadonlyMap<string, ConnectQueue>): string[] {
  const problems: string[] = [];
  const known = () => `(known: ${[...queues.keys()].join(', ') || 'none'})`;
  if (!queues.has(profile.defaultOutboundQueue)) {
    problems.push(`defaultOutboundQueue: ${JSON.stringify(profile.defaultOutboundQueue)} is not a known queue ${known()}`);
  }
  if (CHANNELS.every(([, key]) => profile.concurrency[key] === 0)) {
    problems.push('concurrency: every channel is 0 (give at least one channel a concurrency of 1 or more)');
  }
  const seen = new Set<string>();
  profile.queues.forEach((entry, e) => {
    if (!queues.has(entry.queue)) problems.push(`queues[${e}].queue: ${JSON.stringify(entry.queue)} is not a known queue ${known()}`);
    for (const channel of entry.channels) {
      const key = CHANNELS.find(([c]) => c === channel)![1];
      if (profile.concurrency[key] === 0) {
        problems.push(`queues[${e}].channels: channel ${channel} has concurrency 0 in this profile (set concurrency.${key} to 1 or more, or remove the channel)`);
      }
      if (seen.has(`${entry.queue}/${channel}`)) problems.push(`queues[${e}]: queue ${JSON.stringify(entry.queue)} is listed twice for channel ${channel}`);
      seen.add(`${entry.queue}/${channel}`);
    }
  });
  return problems;
}
