import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as connect from 'aws-cdk-lib/aws-connect';
import type { JurisdictionConfig } from '../../lib/config/schema';
import { ContactCenterStack } from '../../lib/stacks/contact-center-stack';
import { exampleConfig, sharedExamples, templateOf } from '../helpers/examples';

/** The contact-center stack of `config`, with the instance in a stack of its own (as the stateful stack holds it). */
function givenContactCenter(config: JurisdictionConfig): { stack: ContactCenterStack; template: Template } {
  const app = new App();
  const env = { account: config.account, region: config.region };
  const stateful = new Stack(app, `${config.id}-stateful`, { env });
  const cfnInstance = new connect.CfnInstance(stateful, 'Instance', { identityManagementType: 'SAML', instanceAlias: config.instance.alias, attributes: { inboundCalls: true, outboundCalls: true } });
  const stack = new ContactCenterStack(app, `${config.id}-contact-center`, { config, env, instance: { instanceArn: cfnInstance.attrArn, instanceId: cfnInstance.attrId } });
  return { stack, template: Template.fromStack(stack) };
}

/** The instance ARN the stateful stack exports (`InstanceC1063A87` in the app, `Instance` in givenContactCenter). */
const INSTANCE_ARN = { 'Fn::ImportValue': Match.stringLikeRegexp('-stateful:ExportsOutputFnGetAttInstance[0-9A-F]*Arn') };

describe('agent side of the pinecrest-benefits example', () => {
  // The example as the app deploys it (addJurisdiction).
  const stack = sharedExamples()['pinecrest-benefits'].contactCenter;
  const template = templateOf(stack);

  test('deploys the A-11 evaluation form, active, scored by question, with bilingual text', () => {
    template.resourceCountIs('AWS::Connect::EvaluationForm', 1);
    template.hasResourceProperties('AWS::Connect::EvaluationForm', {
      InstanceArn: INSTANCE_ARN,
      Title: 'Service quality (OMB A-11 section 280) / Calidad del servicio (OMB A-11, sección 280)',
      Status: 'ACTIVE',
      ScoringStrategy: { Mode: 'QUESTION_ONLY', Status: 'ENABLED' },
    });
    const [form] = Object.values(template.findResources('AWS::Connect::EvaluationForm')) as Array<{ Properties: { Items: Array<{ Section: any }> } }>;
    const sections = form.Properties.Items.map((i) => i.Section);
    expect(sections.map((s) => s.Title)).toEqual([
      'Trust / Confianza',
      'Effectiveness / Eficacia',
      'Ease and simplicity / Facilidad y sencillez',
      'Efficiency and speed / Eficiencia y rapidez',
      'Equity / Equidad',
      'Courtesy and empathy / Cortesía y empatía',
      'Transparency / Transparencia',
      'Coaching notes / Notas para el desarrollo',
    ]);
    // The example moves weight to "not asking twice": the total stays 100.
    const weights = sections.flatMap((s) => s.Items.map((i: { Question: { RefId: string; Weight?: number } }) => [i.Question.RefId, i.Question.Weight]));
    expect(Object.fromEntries(weights)['ease.no-repeat']).toBe(10);
    expect(weights.reduce((sum: number, [, w]: [string, number | undefined]) => sum + (w ?? 0), 0)).toBe(100);
    expect(sections[0].Items[0]).toEqual({
      Question: {
        RefId: 'trust.accurate',
        Title: 'Did the agent give accurate, consistent information the caller can rely on? / ¿Dio el agente información correcta y coherente en la que la persona puede confiar?',
        QuestionType: 'SINGLESELECT',
        NotApplicableEnabled: false,
        Weight: 10,
        QuestionTypeProperties: {
          SingleSelect: {
            DisplayAs: 'RADIO',
            Options: [
              { RefId: 'trust.accurate.yes', Text: 'Yes / Sí', Score: 10 },
              { RefId: 'trust.accurate.partly', Text: 'Partly / En parte', Score: 5 },
              { RefId: 'trust.accurate.no', Text: 'No / No', Score: 0 },
            ],
          },
        },
      },
    });
  });

  test('deploys the Language predefined attribute with the caller languages and the interpreted one', () => {
    template.resourceCountIs('AWS::Connect::PredefinedAttribute', 1);
    template.hasResourceProperties('AWS::Connect::PredefinedAttribute', { InstanceArn: INSTANCE_ARN, Name: 'Language', Values: { StringList: ['en', 'es', 'vi'] } });
  });

  test('deploys the Division and Unit levels and each group under its parent, after the structure', () => {
    template.resourceCountIs('AWS::Connect::UserHierarchyStructure', 1);
    template.hasResourceProperties('AWS::Connect::UserHierarchyStructure', {
      InstanceArn: INSTANCE_ARN,
      UserHierarchyStructure: { LevelOne: { Name: 'Division' }, LevelTwo: { Name: 'Unit' } },
    });
    template.resourceCountIs('AWS::Connect::UserHierarchyGroup', 5);
    const hierarchy = stack.agentSide.hierarchy!;
    const structureId = stack.getLogicalId(hierarchy.structure);
    const top = hierarchy.groups.get('Benefits Services')!;
    template.hasResource('AWS::Connect::UserHierarchyGroup', {
      Properties: { Name: 'Benefits Services', InstanceArn: INSTANCE_ARN, ParentGroupArn: Match.absent() },
      DependsOn: [structureId],
    });
    template.hasResourceProperties('AWS::Connect::UserHierarchyGroup', {
      Name: 'Claims Unit',
      ParentGroupArn: { 'Fn::GetAtt': [stack.getLogicalId(top), 'UserHierarchyGroupArn'] },
    });
  });

  test('puts no user in the template: agents come from the identity process', () => {
    template.resourceCountIs('AWS::Connect::User', 0);
  });
});

describe('agent side turned off', () => {
  test('a config with each feature off synthesizes none of their resources', () => {
    const config = structuredClone(exampleConfig('pinecrest-benefits')) as JurisdictionConfig & Record<string, any>;
    config.evaluationForm.enabled = false;
    config.proficiencyRouting.enabled = false;
    delete config.agentHierarchy;
    const { stack, template } = givenContactCenter(config);
    for (const type of ['EvaluationForm', 'PredefinedAttribute', 'UserHierarchyStructure', 'UserHierarchyGroup']) template.resourceCountIs(`AWS::Connect::${type}`, 0);
    expect([stack.agentSide.evaluationForm, stack.agentSide.proficiency, stack.agentSide.hierarchy]).toEqual([undefined, undefined, undefined]);
  });

  test('riverton-311 deploys the English-only form and no proficiency attribute or hierarchy', () => {
    const template = templateOf(sharedExamples()['riverton-311'].contactCenter);
    template.hasResourceProperties('AWS::Connect::EvaluationForm', { Title: 'Service quality (OMB A-11 section 280)' });
    template.resourceCountIs('AWS::Connect::PredefinedAttribute', 0);
    template.resourceCountIs('AWS::Connect::UserHierarchyGroup', 0);
  });
});
