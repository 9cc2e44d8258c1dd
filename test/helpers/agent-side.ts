/**
 * The resource types the kit's agent-side features add (the agent view's hook excepted: it is
 * AWS-managed, never a resource), each absent when its feature is off. The Pinecrest example turns
 * every one on (test/app/synth.test.ts finds each in its synthesized template) and the features-off
 * fixture turns every one off (test/app/features-off.test.ts finds none).
 */
export function agentSideResourceTypes(): string[] {
  return [
    'AWS::Connect::EvaluationForm',
    'AWS::Connect::PredefinedAttribute',
    'AWS::Connect::UserHierarchyStructure',
    'AWS::Connect::UserHierarchyGroup',
    'AWS::Connect::TaskTemplate',
    'AWS::Connect::Rule',
    'AWS::Connect::Prompt',
    'Custom::CDKBucketDeployment',
  ];
}
