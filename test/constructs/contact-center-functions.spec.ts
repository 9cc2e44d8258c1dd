import { Match, type Template } from 'aws-cdk-lib/assertions';
import { sharedExamples, templateOf } from '../helpers/examples';

// GIVEN both example jurisdictions as the app builds them
const { 'pinecrest-benefits': pinecrest, 'riverton-311': riverton } = sharedExamples();
const template = templateOf(pinecrest.contactCenter);
const rivertonTemplate = templateOf(riverton.contactCenter);

function policyOf(functionPrefix: string): unknown[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const [policy] = Object.entries(policies).filter(([id]) => id.startsWith(`Functions${functionPrefix}Role`));
  return (policy[1] as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement;
}

const SELF_SERVICE = Match.objectLike({
  Properties: { Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: Match.stringLikeRegexp('^(contact-center-status|case-status|caller-verification|survey-capture|lex-fulfillment)$') }) } },
});

describe('ContactCenterFunctions', () => {
  test('creates the five self-service functions', () => {
    expect(Object.keys(template.findResources('AWS::Lambda::Function', SELF_SERVICE))).toHaveLength(5);
    for (const name of ['contact-center-status', 'case-status', 'caller-verification', 'survey-capture', 'lex-fulfillment']) {
      template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: name }) } });
    }
  });

  test('lets the instance invoke, and registers, only the four functions flows call', () => {
    const connectPermissions = template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'connect.amazonaws.com' } });
    expect(Object.values(connectPermissions).map((p) => p.Properties)).toEqual(
      Array(4).fill({
        Action: 'lambda:InvokeFunction',
        FunctionName: expect.anything(),
        Principal: 'connect.amazonaws.com',
        SourceAccount: '111111111111',
        SourceArn: { 'Fn::ImportValue': expect.stringMatching(/^pinecrest-benefits-stateful:ExportsOutputFnGetAttInstance/) },
      }),
    );
    const lambdaAssociations = template.findResources('AWS::Connect::IntegrationAssociation', { Properties: { IntegrationType: 'LAMBDA_FUNCTION' } });
    expect(Object.keys(lambdaAssociations)).toHaveLength(4);
  });

  test('reserves concurrency where the config asks (Pinecrest: 50) and not otherwise (Riverton)', () => {
    const reserved = (t: Template) => Object.values(t.findResources('AWS::Lambda::Function', SELF_SERVICE)).map((f) => f.Properties.ReservedConcurrentExecutions);
    expect(reserved(template)).toEqual([50, 50, 50, 50, 50]);
    expect(reserved(rivertonTemplate)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('gives the survey function the table, the retention and the analytics bucket', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'survey-capture',
          SURVEY_RETENTION_DAYS: '1095',
          SURVEY_TABLE_NAME: { 'Fn::ImportValue': Match.stringLikeRegexp('SurveyTable') },
          SURVEY_BUCKET_NAME: { 'Fn::ImportValue': Match.stringLikeRegexp('ContactRecordsBucket') },
          SURVEY_KMS_KEY_ARN: { 'Fn::ImportValue': Match.stringLikeRegexp('StreamsKey') },
        }),
      },
    });
  });

  test("gives the survey function the jurisdiction's queue names, the only values of its queue metric dimension", () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'survey-capture', SURVEY_QUEUE_NAMES: JSON.stringify(['General', 'Claims', 'Spanish', 'Escalations']) }),
      },
    });
  });

  test('gives the bot code hook the office text in each configured locale', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'lex-fulfillment' }) } },
    });
    const officeInfo = JSON.parse(Object.values(functions)[0].Properties.Environment.Variables.OFFICE_INFO);
    expect(Object.keys(officeInfo)).toEqual(['en_US', 'es_US']);
    expect(officeInfo.es_US).toMatch(/^Nuestras oficinas abren/);
  });

  test('lets case-status read one item at a time and decrypt, nothing more', () => {
    expect(policyOf('casestatus')).toEqual(
      expect.arrayContaining([
        { Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: { 'Fn::ImportValue': expect.stringMatching(/CasesTable/) } },
        { Action: 'kms:Decrypt', Effect: 'Allow', Resource: { 'Fn::ImportValue': expect.stringMatching(/TablesKey/) } },
      ]),
    );
    expect(JSON.stringify(policyOf('casestatus'))).not.toMatch(/PutItem|UpdateItem|Scan|Query/);
  });

  test('lets caller-verification only update items of the verification table', () => {
    expect(policyOf('callerverification')).toEqual(
      expect.arrayContaining([{ Action: 'dynamodb:UpdateItem', Effect: 'Allow', Resource: { 'Fn::ImportValue': expect.stringMatching(/VerificationTable/) } }]),
    );
    expect(JSON.stringify(policyOf('callerverification'))).not.toMatch(/GetItem|PutItem|Scan|Query|CasesTable/);
  });

  test('lets the status function read only the closure parameter', () => {
    const ssm = policyOf('contactcenterstatus').filter((s) => JSON.stringify(s).includes('ssm:'));
    expect(ssm).toEqual([
      expect.objectContaining({
        Action: ['ssm:DescribeParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory', 'ssm:GetParameters'],
        Resource: { 'Fn::Join': ['', ['arn:aws-us-gov:ssm:us-gov-west-1:111111111111:parameter', { 'Fn::ImportValue': expect.stringMatching(/ClosureParameter/) }]] },
      }),
    ]);
  });

  test('attaches the survey writer policy from the stateful stack to the survey role', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'Execution role of the survey-capture Amazon Connect function',
      ManagedPolicyArns: [{ 'Fn::ImportValue': Match.stringLikeRegexp('SurveyWriterPolicy') }],
    });
    templateOf(pinecrest.stateful).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['ContactRecordsBucket8749B4EB', 'Arn'] }, '/surveys/*']] } },
          { Action: ['kms:Encrypt', 'kms:GenerateDataKey'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['StreamsKey33CDC7D7', 'Arn'] } },
        ],
      },
    });
  });
});
