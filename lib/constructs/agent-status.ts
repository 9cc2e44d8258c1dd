import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { IConnectInstance } from './connect-instance';

/** Properties of {@link AgentStatus}. */
export interface AgentStatusProps {
  /** The Amazon Connect instance the status belongs to. */
  readonly instance: IConnectInstance;
  /** Name agents pick in the Contact Control Panel, e.g. "Training". */
  readonly name: string;
  /**
   * What the status is for.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Whether agents can pick the status. A disabled status stays in the instance (and in
   * historical reports) but is hidden from the Contact Control Panel.
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * A custom agent status (`Type: CUSTOM`): a not-routable state such as Training or Case Work,
 * shown in the Contact Control Panel and in agent activity reports.
 */
export class AgentStatus extends Construct {
  /** ARN of the agent status. */
  public readonly agentStatusArn: string;
  /** The underlying CloudFormation resource. */
  public readonly resource: connect.CfnAgentStatus;

  constructor(scope: Construct, id: string, props: AgentStatusProps) {
    super(scope, id);
    this.resource = new connect.CfnAgentStatus(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      name: props.name,
      description: props.description,
      type: 'CUSTOM',
      state: (props.enabled ?? true) ? 'ENABLED' : 'DISABLED',
    });
    this.agentStatusArn = this.resource.attrAgentStatusArn;
  }
}
