import { RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';

/** A reference to an Amazon Connect instance, for constructs that attach resources to it. */
export interface IConnectInstance {
  /** The instance ARN. */
  readonly instanceArn: string;
  /** The instance id (the last part of the ARN). */
  readonly instanceId: string;
}

/** How users sign in to the instance. */
export enum IdentityManagement {
  /** Federated sign-in through the agency's SAML 2.0 identity provider. */
  SAML = 'SAML',
  /** Users and passwords kept in Amazon Connect. */
  CONNECT_MANAGED = 'CONNECT_MANAGED',
}

/** Properties of {@link ConnectInstance}. */
export interface ConnectInstanceProps {
  /** Globally unique instance alias; it becomes the sign-in URL. */
  readonly alias: string;
  /** How users sign in. */
  readonly identityManagement: IdentityManagement;
  /**
   * Accept inbound calls.
   * @default true
   */
  readonly inboundCalls?: boolean;
  /**
   * Allow outbound calls.
   * @default true
   */
  readonly outboundCalls?: boolean;
  /**
   * Turn on Contact Lens conversational analytics. Only where the region offers it.
   * @default true
   */
  readonly contactLens?: boolean;
  /**
   * Let callers hear audio before the call is answered (early media).
   * @default true
   */
  readonly earlyMedia?: boolean;
  /**
   * Use the best available Amazon Polly voice for each language automatically.
   * @default true
   */
  readonly autoResolveBestVoices?: boolean;
}

/**
 * An Amazon Connect instance with contact flow logs always on. The instance holds the
 * contact center's users, configuration and history, so it is retained when removed from
 * the stack or replaced.
 */
export class ConnectInstance extends Construct implements IConnectInstance {
  public readonly instanceArn: string;
  public readonly instanceId: string;
  /**
   * ARN of the instance's service-linked role (`AWSServiceRoleForAmazonConnect_…`), the identity
   * Amazon Connect writes to streams and buckets with.
   */
  public readonly serviceRoleArn: string;
  /** The underlying CloudFormation resource. */
  public readonly resource: connect.CfnInstance;

  constructor(scope: Construct, id: string, props: ConnectInstanceProps) {
    super(scope, id);
    this.resource = new connect.CfnInstance(this, 'Resource', {
      instanceAlias: props.alias,
      identityManagementType: props.identityManagement,
      attributes: {
        inboundCalls: props.inboundCalls ?? true,
        outboundCalls: props.outboundCalls ?? true,
        contactflowLogs: true,
        contactLens: props.contactLens ?? true,
        earlyMedia: props.earlyMedia ?? true,
        autoResolveBestVoices: props.autoResolveBestVoices ?? true,
        useCustomTtsVoices: false,
      },
    });
    this.resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.instanceArn = this.resource.attrArn;
    this.instanceId = this.resource.attrId;
    this.serviceRoleArn = this.resource.attrServiceRole;
  }
}
