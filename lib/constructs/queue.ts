import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { QueueConfig } from '../config/schema';
import { IConnectInstance } from './connect-instance';
import { HoursOfOperation } from './hours-of-operation';

/** Properties of {@link ConnectQueue}. */
export interface ConnectQueueProps {
  /** The Amazon Connect instance the queue belongs to. */
  readonly instance: IConnectInstance;
  /**
   * The queue from the jurisdiction config. Its `hours` name is resolved by the caller and
   * passed as {@link ConnectQueueProps.hours}.
   */
  readonly queue: QueueConfig;
  /** The hours of operation the queue follows. */
  readonly hours: HoursOfOperation;
}

/**
 * A standard Amazon Connect queue, open during the given hours of operation.
 *
 * `MaxContacts` is set only when the config gives `maxContacts` (otherwise no limit), and
 * the outbound caller ID name only when it gives `outboundCallerIdName`. The outbound
 * caller ID number is left to the phone-number layer, which claims numbers through the
 * Connect API because the us-gov-west-1 CloudFormation registry lacks AWS::Connect::PhoneNumber.
 */
export class ConnectQueue extends Construct {
  /** ARN of the queue, for routing profiles and the `${queue:<name>}` flow reference. */
  public readonly queueArn: string;
  /** The name from the config (also the name shown in Amazon Connect). */
  public readonly queueName: string;
  /** The hours of operation the queue follows. */
  public readonly hours: HoursOfOperation;
  /** The underlying CloudFormation resource. */
  public readonly resource: connect.CfnQueue;

  constructor(scope: Construct, id: string, props: ConnectQueueProps) {
    super(scope, id);
    const { queue } = props;
    if (props.hours.hoursName !== queue.hours) {
      throw new Error(
        `${this.node.path}: queue ${JSON.stringify(queue.name)} names hours ${JSON.stringify(queue.hours)} but was given hours ${JSON.stringify(props.hours.hoursName)}`,
      );
    }

    this.queueName = queue.name;
    this.hours = props.hours;
    this.resource = new connect.CfnQueue(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      name: queue.name,
      description: queue.description,
      hoursOfOperationArn: props.hours.hoursArn,
      maxContacts: queue.maxContacts,
      outboundCallerConfig:
        queue.outboundCallerIdName !== undefined ? { outboundCallerIdName: queue.outboundCallerIdName } : undefined,
    });
    this.queueArn = this.resource.attrQueueArn;
  }
}
