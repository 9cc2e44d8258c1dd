import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { IConnectInstance } from './connect-instance';

/** Properties of {@link PhoneQuickConnect}. */
export interface PhoneQuickConnectProps {
  /** The Amazon Connect instance the quick connect belongs to. */
  readonly instance: IConnectInstance;
  /** Name agents see in the Contact Control Panel's transfer list. */
  readonly name: string;
  /**
   * What the number is for.
   * @default - no description
   */
  readonly description?: string;
  /** The external number to transfer to, in E.164 form (e.g. `+12175550100`). */
  readonly phoneNumber: string;
}

/** E.164, as the AWS::Connect::QuickConnect schema checks it. */
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * A quick connect of type `PHONE_NUMBER`: an external number agents can transfer a contact
 * to from the Contact Control Panel. Agents see quick connects only if their security profile
 * has `TransferDestinations.View` and the quick connect is associated with their queue.
 *
 * Quick connects of type `QUEUE` and `USER` also need a transfer flow (`ContactFlowArn`, a
 * flow of type QUEUE_TRANSFER or AGENT_TRANSFER); they come with the contact flows layer.
 */
export class PhoneQuickConnect extends Construct {
  /** ARN of the quick connect, for associating it with queues. */
  public readonly quickConnectArn: string;
  /** The underlying CloudFormation resource. */
  public readonly resource: connect.CfnQuickConnect;

  constructor(scope: Construct, id: string, props: PhoneQuickConnectProps) {
    super(scope, id);
    if (!E164.test(props.phoneNumber)) {
      throw new Error(`${this.node.path}: quick connect ${JSON.stringify(props.name)}: phoneNumber ${JSON.stringify(props.phoneNumber)} is not an E.164 number such as "+12175550100"`);
    }
    this.resource = new connect.CfnQuickConnect(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      name: props.name,
      description: props.description,
      quickConnectConfig: {
        quickConnectType: 'PHONE_NUMBER',
        phoneConfig: { phoneNumber: props.phoneNumber },
      },
    });
    this.quickConnectArn = this.resource.attrQuickConnectArn;
  }
}
