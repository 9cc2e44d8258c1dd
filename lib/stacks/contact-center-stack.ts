import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { JurisdictionConfig } from '../config/schema';
import { AgentStatus } from '../constructs/agent-status';
import { IConnectInstance } from '../constructs/connect-instance';
import { HoursOfOperation } from '../constructs/hours-of-operation';
import { ConnectQueue } from '../constructs/queue';
import { PhoneQuickConnect } from '../constructs/quick-connect';
import { RoutingProfile } from '../constructs/routing-profile';
import { StandardSecurityProfiles } from '../constructs/security-profiles';
import { resourceId } from './ids';

/** Properties of {@link ContactCenterStack}. */
export interface ContactCenterStackProps extends StackProps {
  /** The validated jurisdiction configuration. */
  readonly config: JurisdictionConfig;
  /** The Amazon Connect instance, usually from the stateful stack. */
  readonly instance: IConnectInstance;
  /**
   * Where to deploy.
   * @default - the config's `account` and `region`
   */
  readonly env?: StackProps['env'];
}

/**
 * The replaceable contact-center layer of one jurisdiction: hours of operation, queues,
 * routing profiles, the standard security profiles, phone-number quick connects and custom
 * agent statuses, all attached to an instance that lives in another (stateful) stack.
 *
 * Child construct ids come from the config names through {@link resourceId}
 * (`Hours-main`, `Queue-General`, `RoutingProfile-BenefitsAgent`, `QuickConnect-FraudHotline`,
 * `AgentStatus-Training`; the security profiles are under `SecurityProfiles`), so renaming an
 * entry in the config replaces its resource. The config cross-checks reject names that give
 * the same id.
 */
export class ContactCenterStack extends Stack {
  /** Hours of operation by config name (`${hours:<name>}`). */
  public readonly hours: ReadonlyMap<string, HoursOfOperation>;
  /** Queues by config name (`${queue:<name>}`). */
  public readonly queues: ReadonlyMap<string, ConnectQueue>;
  /** Routing profiles by config name. */
  public readonly routingProfiles: ReadonlyMap<string, RoutingProfile>;
  /** Phone-number quick connects by config name. */
  public readonly quickConnects: ReadonlyMap<string, PhoneQuickConnect>;
  /** Custom agent statuses by config name. */
  public readonly agentStatuses: ReadonlyMap<string, AgentStatus>;
  /** The Admin, Supervisor, Agent and Auditor security profiles. */
  public readonly securityProfiles: StandardSecurityProfiles;

  constructor(scope: Construct, id: string, props: ContactCenterStackProps) {
    const { config, instance, ...stackProps } = props;
    super(scope, id, {
      description: `gov-contact-center-kit ${config.id}: hours, queues, routing and security profiles, quick connects and agent statuses (replaceable)`,
      ...stackProps,
      env: stackProps.env ?? { account: config.account, region: config.region },
    });

    const hours = new Map<string, HoursOfOperation>();
    for (const entry of config.hours) {
      hours.set(entry.name, new HoursOfOperation(this, resourceId('Hours', entry.name), { instance, hours: entry }));
    }

    const queues = new Map<string, ConnectQueue>();
    for (const entry of config.queues) {
      const queueHours = hours.get(entry.hours);
      if (!queueHours) {
        throw new Error(`${this.node.path}: queue ${JSON.stringify(entry.name)} names hours ${JSON.stringify(entry.hours)}, which is not defined (defined: ${[...hours.keys()].join(', ')})`);
      }
      queues.set(entry.name, new ConnectQueue(this, resourceId('Queue', entry.name), { instance, queue: entry, hours: queueHours }));
    }

    const routingProfiles = new Map<string, RoutingProfile>();
    for (const entry of config.routingProfiles) {
      routingProfiles.set(entry.name, new RoutingProfile(this, resourceId('RoutingProfile', entry.name), { instance, profile: entry, queues }));
    }

    this.securityProfiles = new StandardSecurityProfiles(this, 'SecurityProfiles', {
      instance,
      outboundCalls: config.instance.outboundCalls,
    });

    const quickConnects = new Map<string, PhoneQuickConnect>();
    for (const entry of config.quickConnects) {
      quickConnects.set(entry.name, new PhoneQuickConnect(this, resourceId('QuickConnect', entry.name), { instance, ...entry }));
    }

    const agentStatuses = new Map<string, AgentStatus>();
    for (const entry of config.agentStatuses) {
      agentStatuses.set(entry.name, new AgentStatus(this, resourceId('AgentStatus', entry.name), { instance, ...entry }));
    }

    this.hours = hours;
    this.queues = queues;
    this.routingProfiles = routingProfiles;
    this.quickConnects = quickConnects;
    this.agentStatuses = agentStatuses;
  }
}
