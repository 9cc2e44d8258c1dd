import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ConnectFunction } from '../../lib/constructs/connect-function';
import { kitApp } from '../helpers/examples';

const INSTANCE_ARN = 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/11111111-2222-3333-4444-555555555555';

function givenFunction(invokedByConnect?: boolean) {
  const stack = new Stack(kitApp(), 'Functions', { env: { account: '111111111111', region: 'us-gov-west-1' } });
  const logKey = new kms.Key(stack, 'LogKey');
  new ConnectFunction(stack, 'CaseStatus', {
    handlerName: 'case-status',
    description: 'Looks up cases',
    instance: { instanceArn: INSTANCE_ARN, instanceId: '11111111-2222-3333-4444-555555555555' },
    logKey,
    environment: { CASE_TABLE_NAME: 'cases' },
    reservedConcurrency: 20,
    invokedByConnect,
  });
  return Template.fromStack(stack);
}

describe('ConnectFunction', () => {
  const template = givenFunction();

  test('runs Node.js 24 on arm64 with tracing, an 8-second timeout and the Powertools settings', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 8,
      MemorySize: 256,
      ReservedConcurrentExecutions: 20,
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: {
          CASE_TABLE_NAME: 'cases',
          POWERTOOLS_SERVICE_NAME: 'case-status',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
          POWERTOOLS_LOGGER_LOG_EVENT: 'false',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^CaseStatusLogs') } },
    });
  });

  test('writes to its own KMS-encrypted log group kept for a year', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogKey'), 'Arn'] },
      RetentionInDays: 365,
    });
  });

  test('uses a role without managed policies', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] },
      ManagedPolicyArns: Match.absent(),
    });
  });

  test('lets only the instance in this account invoke it', () => {
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'connect.amazonaws.com',
      SourceArn: INSTANCE_ARN,
      SourceAccount: '111111111111',
    });
  });

  test('registers the function with the instance', () => {
    template.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
      InstanceId: INSTANCE_ARN,
      IntegrationType: 'LAMBDA_FUNCTION',
      IntegrationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CaseStatus'), 'Arn'] },
    });
  });

  test('grants Connect nothing when the function is a Lex code hook', () => {
    const hook = givenFunction(false);
    hook.resourceCountIs('AWS::Lambda::Permission', 0);
    hook.resourceCountIs('AWS::Connect::IntegrationAssociation', 0);
  });
});
