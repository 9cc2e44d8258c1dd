import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import type { EvaluationFormConfig } from '../config/agent-schema';
import { resolveEvaluationForm } from '../quality/evaluation-form';
import { IConnectInstance } from './connect-instance';

/** Properties of {@link EvaluationForm}. */
export interface EvaluationFormProps {
  /** The Amazon Connect instance the form belongs to. */
  readonly instance: IConnectInstance;
  /** The `evaluationForm` block of the jurisdiction config. */
  readonly form: EvaluationFormConfig;
  /** The jurisdiction's caller languages: Spanish text is shown when es-US is one. */
  readonly languages: readonly string[];
}

/**
 * A scored agent evaluation form (AWS::Connect::EvaluationForm): by default one section per
 * OMB A-11 section 280 customer experience driver, bilingual question text, question weights
 * summing to 100 (lib/quality/evaluation-form.ts resolves the config).
 *
 * Lives in the replaceable contact-center stack: a form holds questions, not caller data.
 * Completed evaluations are stored by Amazon Connect against the contact, outside the form
 * resource, and a form that is replaced starts a new version history, not a loss of evaluations.
 */
export class EvaluationForm extends Construct {
  /** ARN of the evaluation form. */
  public readonly evaluationFormArn: string;
  /** The underlying CloudFormation resource. */
  public readonly resource: connect.CfnEvaluationForm;

  constructor(scope: Construct, id: string, props: EvaluationFormProps) {
    super(scope, id);
    const { form, problems } = resolveEvaluationForm(props.form, props.languages);
    // The config checks report these to the user first; reaching here is a programming error.
    if (problems.length > 0) throw new Error(`${this.node.path}: the evaluation form is not valid: ${problems.map((p) => `evaluationForm.${p.path}: ${p.message}`).join('; ')}`);
    this.resource = new connect.CfnEvaluationForm(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      title: form.title,
      description: form.description,
      status: form.status,
      scoringStrategy: form.scoringStrategy,
      items: form.items as connect.CfnEvaluationForm.EvaluationFormBaseItemProperty[],
    });
    this.evaluationFormArn = this.resource.attrEvaluationFormArn;
  }
}
