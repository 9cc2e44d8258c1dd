import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { addNagPacks } from '../../lib/compliance/nag';
import { PhoneNumber, PhoneNumberProvider, PhoneNumberType } from '../../lib/constructs/phone-number';
import { kitApp } from '../helpers/examples';

const INSTANCE_ID = '11111111-2222-3333-4444-555555555555';
const INSTANCE_ARN = `arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/${INSTANCE_ID}`;
const INSTANCE = { instanceArn: INSTANCE_ARN, instanceId: INSTANCE_ID };
const MAIN_FLOW_ARN = `${INSTANCE_ARN}/contact-flow/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
const CHAT_FLOW_ARN = `${INSTANCE_ARN}/contact-flow/ffffffff-0000-1111-2222-333333333333`;
// The kit's feature flags resolve the partition from the region: no AWS::Partition reference.
const PHONE_NUMBERS = 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:phone-number/*';

/** A stack for the numbers (unit tests never bundle: see test/setup-env.ts). */
function givenStack(): { stack: Stack; logKey: kms.Key } {
  const app = kitApp();
  const stack = new Stack(app, 'Numbers', { env: { account: '111111111111', region: 'us-gov-west-1' } });
  return { stack, logKey: new kms.Key(stack, 'LogKey', { enableKeyRotation: true }) };
}

/** A stack with a claimed toll-free number, an adopted local number and a second toll-free number on the same flow. */
function givenThreeNumbers() {
  const { stack, logKey } = givenStack();
  const main = new PhoneNumber(stack, 'MainNumber', { instance: INSTANCE, logKey, name: 'main', flowArn: MAIN_FLOW_ARN, type: PhoneNumberType.TOLL_FREE, prefix: '+1800' });
  new PhoneNumber(stack, 'FrontDesk', { instance: INSTANCE, logKey, name: 'front-desk', flowArn: CHAT_FLOW_ARN, type: PhoneNumberType.DID, adopt: '+12175550188', releaseOnDelete: true });
  new PhoneNumber(stack, 'Spanish', { instance: INSTANCE, logKey, name: 'spanish', flowArn: MAIN_FLOW_ARN, releaseOnDelete: true });
  return { stack, main, template: Template.fromStack(stack) };
}

describe('PhoneNumber', () => {
  const { stack, main, template } = givenThreeNumbers();
  const logicalId = (construct: PhoneNumber): string => stack.getLogicalId(construct.binding.node.defaultChild as never);

  test('claims a number with a custom resource carrying the config entry', () => {
    // GIVEN a toll-free number with a prefix (givenThreeNumbers)
    // THEN the custom resource has exactly these properties
    template.hasResourceProperties('Custom::ConnectPhoneNumber', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PhoneNumberProviderframeworkonEvent'), 'Arn'] },
      InstanceArn: INSTANCE_ARN,
      ContactFlowArn: MAIN_FLOW_ARN,
      CountryCode: 'US',
      Type: 'TOLL_FREE',
      Prefix: '+1800',
      Adopt: Match.absent(),
      ReleaseOnDelete: false,
      Description: 'gov-contact-center-kit main',
      Name: 'main',
      // Every number carries the whole config, so each update writes the current truth into the ledgers
      Entries: ['front-desk', 'main', 'spanish'],
      AdoptedNumbers: ['+12175550188'],
      Tags: {},
    });
  });

  test('hands the handler its stack id as the ledger owner the IAM conditions name', () => {
    // GIVEN the shared provider
    // THEN both handlers get NUMBER_OWNER = the stack id
    const functions = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'phone-number' } } } }));
    expect(functions.map((fn) => fn.Properties.Environment.Variables.NUMBER_OWNER)).toEqual([{ Ref: 'AWS::StackId' }, { Ref: 'AWS::StackId' }]);
  });

  test('adopts a number without a prefix and never asks to release it', () => {
    // GIVEN an adopted number configured with releaseOnDelete: true
    // THEN the custom resource adopts it and says ReleaseOnDelete false
    template.hasResourceProperties('Custom::ConnectPhoneNumber', {
      ContactFlowArn: CHAT_FLOW_ARN,
      Type: 'DID',
      Prefix: Match.absent(),
      Adopt: '+12175550188',
      ReleaseOnDelete: false,
      Description: 'gov-contact-center-kit front-desk',
    });
    // AND the synth warns that releaseOnDelete is ignored
    Annotations.fromStack(stack).hasWarning(
      '/Numbers/FrontDesk',
      'releaseOnDelete is ignored: the adopted number +12175550188 is never released [ack: gov-contact-center-kit:phone-number-adopt-release]',
    );
  });

  test('defaults to a toll-free US number and passes releaseOnDelete when the stack claims it', () => {
    // GIVEN a number with no country, type or prefix and releaseOnDelete: true (givenThreeNumbers)
    // THEN the defaults are filled in and releaseOnDelete passed on
    template.hasResourceProperties('Custom::ConnectPhoneNumber', {
      CountryCode: 'US',
      Type: 'TOLL_FREE',
      Prefix: Match.absent(),
      ReleaseOnDelete: true,
      Description: 'gov-contact-center-kit spanish',
    });
  });

  test('exposes the number, its id and its ARN as attributes of the custom resource', () => {
    // GIVEN the claimed main number
    // WHEN the attributes are resolved
    const resolved = [main.phoneNumber, main.phoneNumberId, main.phoneNumberArn].map((token) => stack.resolve(token));
    // THEN they read the custom resource's Data
    expect(resolved).toEqual([
      { 'Fn::GetAtt': [logicalId(main), 'PhoneNumber'] },
      { 'Fn::GetAtt': [logicalId(main), 'PhoneNumberId'] },
      { 'Fn::GetAtt': [logicalId(main), 'PhoneNumberArn'] },
    ]);
  });

  test('makes every number wait for the handler policy, so a rebind has the new flow permission', () => {
    // GIVEN three numbers
    // WHEN their dependencies are read
    const policyId = stack.getLogicalId(main.provider.policy.node.defaultChild as never);
    const numbers = template.findResources('Custom::ConnectPhoneNumber');
    // THEN each depends on the policy that lists the flows
    expect(Object.values(numbers).map((resource) => resource.DependsOn)).toEqual([[policyId], [policyId], [policyId]]);
  });

  test('shares one provider among all the numbers of the stack', () => {
    // GIVEN three numbers without an explicit provider
    // THEN there are three custom resources, one handler role and five functions (two handlers, three framework)
    template.resourceCountIs('Custom::ConnectPhoneNumber', 3);
    template.resourceCountIs('AWS::Lambda::Function', 5);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const tokens = Object.values(template.findResources('Custom::ConnectPhoneNumber')).map((resource) => JSON.stringify(resource.Properties.ServiceToken));
    expect(new Set(tokens).size).toBe(1);
  });

  test('scopes the handler role\'s phone number actions by the ledger\'s tags and the instance, not by phone-number/* alone', () => {
    // GIVEN numbers bound to two flows (one flow twice)
    // THEN claims must tag the number as this stack's; describe, bind, unbind and untag need that tag;
    // release needs gcck:claimed-by, which TagResource and UntagResource may not name; only the
    // read-only search and list actions (no condition keys) stand on the ARNs alone
    const owner = { Ref: 'AWS::StackId' };
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PhoneNumberProviderPermissions'),
      Roles: [{ Ref: Match.stringLikeRegexp('^PhoneNumberProviderRole') }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'FindNumbers', Effect: 'Allow', Action: ['connect:ListPhoneNumbersV2', 'connect:SearchAvailablePhoneNumbers'], Resource: [INSTANCE_ARN, PHONE_NUMBERS] },
          {
            Sid: 'ClaimNumbers',
            Effect: 'Allow',
            Action: 'connect:ClaimPhoneNumber',
            Resource: [INSTANCE_ARN, PHONE_NUMBERS],
            Condition: { StringEquals: { 'connect:InstanceId': INSTANCE_ID, 'aws:RequestTag/gcck:claimed-by': owner, 'aws:RequestTag/gcck:stack': owner } },
          },
          { Sid: 'ReadNumbers', Effect: 'Allow', Action: 'connect:DescribePhoneNumber', Resource: PHONE_NUMBERS, Condition: { StringEquals: { 'aws:ResourceTag/gcck:stack': owner } } },
          {
            Sid: 'BindNumbers',
            Effect: 'Allow',
            Action: ['connect:AssociatePhoneNumberContactFlow', 'connect:DisassociatePhoneNumberContactFlow'],
            Resource: PHONE_NUMBERS,
            Condition: { StringEquals: { 'aws:ResourceTag/gcck:stack': owner, 'connect:InstanceId': INSTANCE_ID } },
          },
          { Sid: 'BindFlows', Effect: 'Allow', Action: 'connect:AssociatePhoneNumberContactFlow', Resource: [MAIN_FLOW_ARN, CHAT_FLOW_ARN], Condition: { StringEquals: { 'connect:InstanceId': INSTANCE_ID } } },
          {
            Sid: 'TagNumbers',
            Effect: 'Allow',
            Action: 'connect:TagResource',
            Resource: PHONE_NUMBERS,
            Condition: {
              StringEquals: { 'aws:RequestTag/gcck:stack': owner },
              'ForAllValues:StringLike': { 'aws:TagKeys': ['gcck:stack', 'gcck:entry', 'gcck:release-on-delete', 'gcck:adopted-by:*'] },
            },
          },
          {
            Sid: 'UntagNumbers',
            Effect: 'Allow',
            Action: 'connect:UntagResource',
            Resource: PHONE_NUMBERS,
            Condition: {
              StringEquals: { 'aws:ResourceTag/gcck:stack': owner },
              'ForAllValues:StringLike': { 'aws:TagKeys': ['gcck:entry', 'gcck:release-on-delete', 'gcck:adopted-by:*'] },
            },
          },
          {
            Sid: 'ReleaseClaimedNumbers',
            Effect: 'Allow',
            Action: 'connect:ReleasePhoneNumber',
            Resource: PHONE_NUMBERS,
            Condition: { StringEquals: { 'aws:ResourceTag/gcck:claimed-by': owner } },
          },
        ],
      },
    });
  });

  test('lets TagResource write the jurisdiction\'s tag keys the numbers carry, and no gcck:claimed-by', () => {
    // GIVEN a number with the jurisdiction's tags
    const { stack, logKey } = givenStack();
    new PhoneNumber(stack, 'MainNumber', { instance: INSTANCE, logKey, name: 'main', flowArn: MAIN_FLOW_ARN, tags: { Jurisdiction: 'springfield', Owner: 'ops' } });
    const tagged = Template.fromStack(stack);
    // THEN the custom resource passes the tags and TagResource may write exactly these keys
    tagged.hasResourceProperties('Custom::ConnectPhoneNumber', { Tags: { Jurisdiction: 'springfield', Owner: 'ops' } });
    const policy = Object.values(tagged.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^PhoneNumberProviderPermissions') } }))[0];
    const tagStatement = policy.Properties.PolicyDocument.Statement.find((statement: { Sid: string }) => statement.Sid === 'TagNumbers');
    expect(tagStatement.Condition['ForAllValues:StringLike']['aws:TagKeys']).toEqual(['gcck:stack', 'gcck:entry', 'gcck:release-on-delete', 'gcck:adopted-by:*', 'Jurisdiction', 'Owner']);
  });

  test('gives the handler role nothing else than its own log group and X-Ray', () => {
    // GIVEN the shared provider
    // THEN the role's default policy writes to its log group and sends traces, nothing more
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PhoneNumberProviderRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PhoneNumberProviderLogs'), 'Arn'] } },
          { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
        ],
      },
    });
  });

  test('uses no managed policies on any role, the framework\'s included', () => {
    // GIVEN the handler role, the two framework roles and the waiter role
    // THEN none has a managed policy (no AWSLambdaBasicExecutionRole)
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(4);
    expect(roles.map((role) => role.Properties.ManagedPolicyArns)).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('encrypts both log groups with the log key and keeps them a year', () => {
    // GIVEN the handler and framework log groups
    // THEN both use the log key, keep logs 365 days and are retained
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    const logKeyId = stack.getLogicalId(stack.node.findChild('LogKey').node.defaultChild as never);
    expect(groups.map((group) => group.Properties)).toEqual([
      { KmsKeyId: { 'Fn::GetAtt': [logKeyId, 'Arn'] }, RetentionInDays: 365 },
      { KmsKeyId: { 'Fn::GetAtt': [logKeyId, 'Arn'] }, RetentionInDays: 365 },
    ]);
    expect(groups.map((group) => [group.DeletionPolicy, group.UpdateReplacePolicy])).toEqual([
      ['Retain', 'Retain'],
      ['Retain', 'Retain'],
    ]);
  });

  test('runs both handlers on Node.js 24, arm64, with tracing and their own log group', () => {
    // GIVEN the onEvent and isComplete handlers
    // THEN each is configured like the kit's other functions
    for (const [handler, timeout] of [
      ['index.onEvent', 180],
      ['index.isComplete', 60],
    ] as const) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: handler,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Timeout: timeout,
        MemorySize: 256,
        TracingConfig: { Mode: 'Active' },
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PhoneNumberProviderRole'), 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^PhoneNumberProviderLogs') } },
        Environment: {
          Variables: {
            POWERTOOLS_SERVICE_NAME: 'phone-number',
            POWERTOOLS_LOG_LEVEL: 'INFO',
            POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
            POWERTOOLS_LOGGER_LOG_EVENT: 'false',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    }
  });

  test('sends the framework functions\' logs to the encrypted framework log group', () => {
    // GIVEN the Provider framework's three functions
    // THEN each logs to the framework log group, not to a default unencrypted one
    const framework = Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) => String(fn.Properties.Handler).startsWith('framework.'));
    expect(framework.map((fn) => fn.Properties.Handler).sort()).toEqual(['framework.isComplete', 'framework.onEvent', 'framework.onTimeout']);
    for (const fn of framework) expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/^PhoneNumberProviderFrameworkLogs/) });
  });

  test('logs every waiter state machine event to the framework log group and traces it', () => {
    // GIVEN the framework's waiter state machine
    // THEN it logs at ALL level, without execution data, and has X-Ray tracing on
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: {
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PhoneNumberProviderFrameworkLogs'), 'Arn'] } } }],
        IncludeExecutionData: false,
        Level: 'ALL',
      },
      TracingConfiguration: { Enabled: true },
    });
  });

  test('writes no arn:aws: literal into the template', () => {
    // GIVEN a GovCloud stack
    // THEN every ARN is in the aws-us-gov partition
    expect(JSON.stringify(template.toJSON())).not.toContain('arn:aws:');
  });
});

describe('PhoneNumber where the region has AWS::Connect::PhoneNumber', () => {
  test('claims with AWS::Connect::PhoneNumber, retained, and binds it through the custom resource', () => {
    // GIVEN a region whose registry has AWS::Connect::PhoneNumber
    const { stack, logKey } = givenStack();
    // WHEN a number is claimed there
    new PhoneNumber(stack, 'MainNumber', { instance: INSTANCE, logKey, name: 'main', flowArn: MAIN_FLOW_ARN, prefix: '+1800', useCfnPhoneNumber: true });
    const template = Template.fromStack(stack);
    // THEN the number is an AWS::Connect::PhoneNumber kept on delete and replacement
    template.hasResource('AWS::Connect::PhoneNumber', {
      Properties: { TargetArn: INSTANCE_ARN, CountryCode: 'US', Type: 'TOLL_FREE', Prefix: '+1800', Description: 'gov-contact-center-kit main' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    // AND the custom resource adopts it to bind the flow, never releasing it itself
    template.hasResourceProperties('Custom::ConnectPhoneNumber', {
      Adopt: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MainNumber'), 'Address'] },
      Prefix: Match.absent(),
      ReleaseOnDelete: false,
      ContactFlowArn: MAIN_FLOW_ARN,
    });
  });

  test('lets AWS::Connect::PhoneNumber release the number when releaseOnDelete is true', () => {
    // GIVEN a region with AWS::Connect::PhoneNumber
    const { stack, logKey } = givenStack();
    // WHEN a number asks to be released on delete
    new PhoneNumber(stack, 'MainNumber', { instance: INSTANCE, logKey, name: 'main', flowArn: MAIN_FLOW_ARN, releaseOnDelete: true, useCfnPhoneNumber: true });
    // THEN CloudFormation may delete (release) it when the entry goes, but keeps it when a new prefix, type or country replaces it
    Template.fromStack(stack).hasResource('AWS::Connect::PhoneNumber', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Retain' });
    // AND synthesis warns of what the ledger cannot protect in this mode
    Annotations.fromStack(stack).hasWarning(
      '/Numbers/MainNumber',
      'releaseOnDelete with AWS::Connect::PhoneNumber: CloudFormation also releases the number when the entry is renamed, or removed while another entry adopts it; ' +
        'the ownership ledger protects only numbers the custom resource claims [ack: gov-contact-center-kit:phone-number-cfn-release]',
    );
  });

  test('adopts with the custom resource alone', () => {
    // GIVEN a region with AWS::Connect::PhoneNumber
    const { stack, logKey } = givenStack();
    // WHEN a number is adopted there
    new PhoneNumber(stack, 'FrontDesk', { instance: INSTANCE, logKey, name: 'front-desk', flowArn: MAIN_FLOW_ARN, adopt: '+12175550188', useCfnPhoneNumber: true });
    const template = Template.fromStack(stack);
    // THEN no AWS::Connect::PhoneNumber claims anything
    template.resourceCountIs('AWS::Connect::PhoneNumber', 0);
    template.hasResourceProperties('Custom::ConnectPhoneNumber', { Adopt: '+12175550188' });
  });
});

describe('PhoneNumber validation', () => {
  test('fails with every problem of the props at once', () => {
    // GIVEN a stack
    const { stack, logKey } = givenStack();
    // WHEN a number is given a bad country, prefix, number to adopt and flow ARN
    const create = () =>
      new PhoneNumber(stack, 'Bad', { instance: INSTANCE, logKey, name: 'main', countryCode: 'CA', prefix: '1800', adopt: '8005550100', flowArn: `${INSTANCE_ARN}/queue/abc` });
    // THEN synthesis fails naming each one
    expect(create).toThrow(
      'Numbers/Bad: invalid phone number: countryCode "CA" is not supported (supported: US); ' +
        'prefix "1800" must be "+1" followed by up to 9 digits, e.g. "+1800"; ' +
        'adopt "8005550100" must be an E.164 number such as "+18005550100"; ' +
        `flowArn "${INSTANCE_ARN}/queue/abc" is not a contact flow ARN`,
    );
  });

  test('fails when a tag key is the ledger\'s or AWS\'s', () => {
    // GIVEN a number whose tags use reserved keys
    const { stack, logKey } = givenStack();
    // THEN construction fails naming both
    expect(() => new PhoneNumber(stack, 'Main', { instance: INSTANCE, logKey, name: 'main', flowArn: MAIN_FLOW_ARN, tags: { 'gcck:entry': 'x', 'aws:cloudformation:stack-name': 'y' } })).toThrow(
      'Numbers/Main: invalid phone number: tag key "gcck:entry" is reserved (gcck: is the ownership ledger\'s, aws: is AWS\'s); ' +
        'tag key "aws:cloudformation:stack-name" is reserved (gcck: is the ownership ledger\'s, aws: is AWS\'s)',
    );
  });

  test('fails when two numbers of one provider share a name, since the name keys the ledger', () => {
    // GIVEN a number named main
    const { stack, logKey } = givenStack();
    new PhoneNumber(stack, 'Main', { instance: INSTANCE, logKey, name: 'main', flowArn: MAIN_FLOW_ARN });
    // THEN a second one named main fails
    expect(() => new PhoneNumber(stack, 'Other', { instance: INSTANCE, logKey, name: 'main', flowArn: CHAT_FLOW_ARN })).toThrow(
      'Numbers/PhoneNumberProvider: two phone numbers are named "main"; names key the numbers\' ownership ledger',
    );
  });

  test('fails without a provider or a key to create one', () => {
    // GIVEN a stack without a phone number provider
    const { stack } = givenStack();
    // WHEN a number gets neither provider nor logKey
    // THEN synthesis fails
    expect(() => new PhoneNumber(stack, 'Main', { instance: INSTANCE, name: 'main', flowArn: MAIN_FLOW_ARN })).toThrow(
      "Numbers/Main: invalid phone number: give either provider or logKey (to create the stack's shared provider)",
    );
  });

  test('fails when the stack\'s shared provider serves another instance', () => {
    // GIVEN a stack whose shared provider serves another instance
    const { stack, logKey } = givenStack();
    const other = { instanceArn: 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/99999999-8888-7777-6666-555555555555', instanceId: '99999999-8888-7777-6666-555555555555' };
    PhoneNumberProvider.of(stack, { instance: other, logKey });
    // WHEN a number of this instance asks for the shared provider
    const create = () => new PhoneNumber(stack, 'Main', { instance: INSTANCE, logKey, name: 'main', flowArn: MAIN_FLOW_ARN });
    // THEN synthesis fails
    expect(create).toThrow("Numbers/PhoneNumberProvider: the stack's phone number provider serves another instance; pass a provider for this instance explicitly");
  });

  test('warns that a prefix is ignored for an adopted number', () => {
    // GIVEN a stack
    const { stack, logKey } = givenStack();
    // WHEN an adopted number also has a prefix
    new PhoneNumber(stack, 'FrontDesk', { instance: INSTANCE, logKey, name: 'front-desk', flowArn: MAIN_FLOW_ARN, adopt: '+12175550188', prefix: '+1217' });
    // THEN synthesis warns with an id
    Annotations.fromStack(stack).hasWarning(
      '/Numbers/FrontDesk',
      'prefix +1217 is ignored: the number adopts +12175550188 [ack: gov-contact-center-kit:phone-number-adopt-prefix]',
    );
  });
});

describe('PhoneNumber compliance', () => {
  test('leaves only these nag findings for lib/compliance/acknowledgements.ts to acknowledge', () => {
    // GIVEN a stack with two numbers and the kit's nag packs
    const { stack, logKey } = givenStack();
    new PhoneNumber(stack, 'MainNumber', { instance: INSTANCE, logKey, name: 'main', flowArn: MAIN_FLOW_ARN });
    new PhoneNumber(stack, 'FrontDesk', { instance: INSTANCE, logKey, name: 'front-desk', flowArn: CHAT_FLOW_ARN, adopt: '+12175550188' });
    const app = stack.node.root as App;
    addNagPacks(app);
    // WHEN it is synthesized
    let report = '';
    try {
      app.synth();
    } catch (error) {
      report = (error as Error).message;
    }
    // THEN the findings are exactly these, all on the shared provider
    const findings = [...report.matchAll(/\n\s+(Numbers\/\S+) \S+\n\s+Acknowledge with '([^']+)'/g)].map((match) => `${match[2]} ${match[1]}`).sort();
    const provider = 'Numbers/PhoneNumberProvider';
    const functions = ['OnEvent', 'IsComplete', 'Provider/framework-onEvent', 'Provider/framework-isComplete', 'Provider/framework-onTimeout'];
    const policies = ['Role/DefaultPolicy', 'Permissions', 'FrameworkOnEventRole/DefaultPolicy', 'FrameworkWaiterRole/DefaultPolicy', 'Provider/waiter-state-machine/Role/DefaultPolicy'];
    const ids = (fn: string) => stack.getLogicalId(stack.node.findChild('PhoneNumberProvider').node.findChild(fn).node.defaultChild as never);
    const providerFn = (fn: string) => stack.getLogicalId(stack.node.findChild('PhoneNumberProvider').node.findChild('Provider').node.findChild(fn).node.defaultChild as never);
    expect(findings).toEqual(
      [
        ...['LambdaConcurrency', 'LambdaDLQ', 'LambdaInsideVPC'].flatMap((rule) => functions.map((fn) => `NIST.800.53.R5::NIST.800.53.R5-${rule} ${provider}/${fn}/Resource`)),
        ...policies.map((policy) => `NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy ${provider}/${policy}/Resource`),
        `AwsSolutions::AwsSolutions-IAM5[Resource::*] ${provider}/Role/DefaultPolicy/Resource`,
        `AwsSolutions::AwsSolutions-IAM5[Resource::*] ${provider}/Provider/waiter-state-machine/Role/DefaultPolicy/Resource`,
        `AwsSolutions::AwsSolutions-IAM5[Resource::${PHONE_NUMBERS}] ${provider}/Permissions/Resource`,
        ...['FrameworkOnEventRole', 'FrameworkWaiterRole'].flatMap((role) =>
          ['OnEvent', 'IsComplete'].map((fn) => `AwsSolutions::AwsSolutions-IAM5[Resource::<${ids(fn)}.Arn>:*] ${provider}/${role}/DefaultPolicy/Resource`),
        ),
        ...['framework-isComplete', 'framework-onTimeout'].map(
          (fn) => `AwsSolutions::AwsSolutions-IAM5[Resource::<${providerFn(fn)}.Arn>:*] ${provider}/Provider/waiter-state-machine/Role/DefaultPolicy/Resource`,
        ),
      ].sort(),
    );
  });
});
