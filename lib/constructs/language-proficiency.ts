import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import type { ProficiencyRouting } from '../quality/proficiency-routing';
import { IConnectInstance } from './connect-instance';

/** Properties of {@link LanguageProficiency}. */
export interface LanguageProficiencyProps {
  /** The Amazon Connect instance the attribute belongs to. */
  readonly instance: IConnectInstance;
  /** The resolved proficiency routing (lib/quality/proficiency-routing.ts). */
  readonly routing: ProficiencyRouting;
}

/**
 * The predefined attribute agents are rated in for routing by language proficiency
 * (AWS::Connect::PredefinedAttribute, e.g. `Language` with values `en`, `es`, `vi`). The kit's
 * inbound flows set routing criteria on it; each agent's levels (1-5) are set on the agent's
 * user, outside the templates.
 *
 * Lives in the replaceable contact-center stack: it holds language codes, no caller data.
 * Amazon Connect deletes an attribute only when no agent is rated in it, so a replacement with
 * agents rated fails safely instead of dropping their levels.
 */
export class LanguageProficiency extends Construct {
  /** Name of the predefined attribute, as the flows' routing criteria use it. */
  public readonly attributeName: string;
  /** The underlying CloudFormation resource. */
  public readonly resource: connect.CfnPredefinedAttribute;

  constructor(scope: Construct, id: string, props: LanguageProficiencyProps) {
    super(scope, id);
    this.attributeName = props.routing.attribute;
    this.resource = new connect.CfnPredefinedAttribute(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      name: props.routing.attribute,
      values: { stringList: [...props.routing.values] },
    });
  }
}
