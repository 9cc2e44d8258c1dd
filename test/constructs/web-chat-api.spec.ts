import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { loadJurisdictions } from '../../lib/config/loader';
import { WebChatApi, WebChatApiProps } from '../../lib/constructs/web-chat-api';
import { addJurisdiction } from '../../lib/jurisdiction';
import { exampleSources, kitApp } from '../helpers/examples';
import { EXAMPLES_CONFIG_DIR } from '../helpers/example-paths';

const INSTANCE_ARN = 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/inst-1';
const FLOW_ARN = `${INSTANCE_ARN}/contact-flow/flow-chat`;
const ORIGINS = ['https://benefits.pinecrest.example.gov', 'https://www.pinecrest.example.gov'];

function givenWebChat(overrides: Partial<WebChatApiProps> = {}): { stack: Stack; template: Template } {
  const app = new App();
  const stack = new Stack(app, 'Chat', { env: { account: '111111111111', region: 'us-gov-west-1' } });
  new WebChatApi(stack, 'WebChat', {
    instance: { instanceArn: INSTANCE_ARN, instanceId: 'inst-1' },
    chatFlowArn: FLOW_ARN,
    logKey: new kms.Key(stack, 'LogKey'),
    allowedOrigins: ORIGINS,
    languages: ['en-US', 'es-US'],
    topics: new Map([['claims', `${INSTANCE_ARN}/queue/q-claims`]]),
    rateLimit: 7,
    burstLimit: 14,
    wafRequestsPer5Minutes: 120,
    ...overrides,
  });
  return { stack, template: Template.fromStack(stack) };
}

describe('WebChatApi', () => {
  const { template } = givenWebChat();

  test('approves exactly the configured origins on the instance', () => {
    template.resourceCountIs('AWS::Connect::ApprovedOrigin', 2);
    for (const origin of ORIGINS) template.hasResourceProperties('AWS::Connect::ApprovedOrigin', { InstanceId: INSTANCE_ARN, Origin: origin });
  });

  test('answers CORS preflight for the same origins only', () => {
    const options = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS', ResourceId: Match.anyValue() } });
    const templates = JSON.stringify(Object.values(options).map((m) => m.Properties.Integration.IntegrationResponses));
    for (const origin of ORIGINS) expect(templates).toContain(origin);
    expect(templates).not.toContain("'*'");
  });

  test('validates the request body against the start-chat model', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true });
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Schema: Match.objectLike({ additionalProperties: false, required: ['displayName', 'language'] }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', RequestValidatorId: Match.anyValue(), RequestModels: { 'application/json': Match.anyValue() } });
  });

  test('throttles the stage and writes access logs to a log group encrypted with the given key', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 7, ThrottlingBurstLimit: 14 })],
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"ip":"\\$context.identity.sourceIp"') },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogKey'), 'Arn'] } });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
  });

  test('puts a WAF web ACL with a per-IP rate-based rule in front of the stage', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({ Name: 'RatePerClientIp', Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 120, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } } }),
      ]),
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: Match.anyValue(), WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebAcl'), 'Arn'] } });
  });

  test('lets the function start chats on the chat flow and this instance only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'connect:StartChatContact', Resource: [FLOW_ARN, `${INSTANCE_ARN}/contact/*`] }]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          INSTANCE_ID: 'inst-1',
          ALLOWED_ORIGINS: JSON.stringify(ORIGINS),
          CHAT_LANGUAGES: '["en-US","es-US"]',
          CHAT_TOPICS: `{"claims":"${INSTANCE_ARN}/queue/q-claims"}`,
        }),
      },
    });
    // Only API Gateway invokes it, and only this API's POST /chat.
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'apigateway.amazonaws.com', SourceArn: Match.anyValue() });
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'connect.amazonaws.com' }, 0);
  });

  test('refuses origins that are not HTTPS, naming each', () => {
    expect(() => givenWebChat({ allowedOrigins: ['http://a.example.gov', 'https://b.example.gov/path'] })).toThrow(
      'Chat/WebChat: allowedOrigins: "http://a.example.gov" is not an HTTPS origin such as "https://example.gov"; allowedOrigins: "https://b.example.gov/path" is not an HTTPS origin such as "https://example.gov"',
    );
  });
});

describe('web chat in the example jurisdictions', () => {
  test('is deployed when chat.enabled is true and absent when it is false, in either example', () => {
    // GIVEN both examples, each with the chat switch flipped from its committed value
    const { configs } = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR });
    const app = kitApp();
    const stacks = configs.map((original) => {
      const config = structuredClone(original);
      config.chat = { ...config.chat, enabled: !config.chat.enabled, allowedOrigins: ['https://example.gov'] };
      return { enabled: config.chat.enabled, stacks: addJurisdiction(app, config, exampleSources(config)) };
    });
    // THEN each template has the chat API exactly when enabled, with the URL as an output
    expect(stacks.map((s) => s.enabled).sort()).toEqual([false, true]);
    for (const { enabled, stacks: jurisdiction } of stacks) {
      const template = Template.fromStack(jurisdiction.contactCenter);
      template.resourceCountIs('AWS::ApiGateway::RestApi', enabled ? 1 : 0);
      template.resourceCountIs('AWS::WAFv2::WebACL', enabled ? 1 : 0);
      template.resourceCountIs('AWS::Connect::ApprovedOrigin', enabled ? 1 : 0);
      expect(Object.keys(template.findOutputs('ChatApiUrl'))).toHaveLength(enabled ? 1 : 0);
    }
  });
});
