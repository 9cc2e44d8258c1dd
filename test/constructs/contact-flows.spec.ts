import { Match } from 'aws-cdk-lib/assertions';
import { CfnElement } from 'aws-cdk-lib';
import type { IDependable } from 'constructs';
import { HandlerName } from '../../lib/constructs/contact-center-functions';
import { integrationDependenciesOf } from '../../lib/constructs/contact-flows';
import type { LoadedFlow } from '../../lib/flows/types';
import { sharedExamples, templateOf } from '../helpers/examples';

// GIVEN both example jurisdictions built as the app builds them
const stacks = { pinecrest: sharedExamples()['pinecrest-benefits'], riverton: sharedExamples()['riverton-311'] };
const templates = { pinecrest: templateOf(stacks.pinecrest.contactCenter), riverton: templateOf(stacks.riverton.contactCenter) };
const KIT_FLOWS = {
  'Agent context': 'CONTACT_FLOW',
  'Agent whisper': 'AGENT_WHISPER',
  'Chat inbound': 'CONTACT_FLOW',
  'Customer hold': 'CUSTOMER_HOLD',
  'Customer queue': 'CUSTOMER_QUEUE',
  'Customer whisper': 'CUSTOMER_WHISPER',
  'Main inbound': 'CONTACT_FLOW',
  'Post-contact survey': 'CONTACT_FLOW',
  'Queue transfer': 'QUEUE_TRANSFER',
};

describe.each(Object.keys(templates) as Array<keyof typeof templates>)('contact flows (%s)', (example) => {
  const template = templates[example];

  test('deploys every kit flow, active, with its type', () => {
    const flows = Object.values(template.findResources('AWS::Connect::ContactFlow')).map((r) => [r.Properties.Name, r.Properties.Type, r.Properties.State]);
    // The follow-up task flow is deployed only with followUp.enabled (Pinecrest, not Riverton).
    expect(Object.fromEntries(flows.map(([name, type]) => [name, type]))).toEqual(example === 'pinecrest' ? { ...KIT_FLOWS, 'Follow-up task': 'CONTACT_FLOW' } : KIT_FLOWS);
    expect(new Set(flows.map(([, , state]) => state))).toEqual(new Set(['ACTIVE']));
  });

  test('leaves no named reference unresolved in any flow', () => {
    const text = JSON.stringify(template.findResources('AWS::Connect::ContactFlow'));
    expect(text.match(/\$\{(queue|route|hours|lambda|bot|prompt|flow|module|routingProfile|quickConnect|config):[^}]*\}/g)).toBeNull();
  });

  test('points the main flow at the real bot alias, functions and sibling flows', () => {
    const main = Object.values(template.findResources('AWS::Connect::ContactFlow', { Properties: { Name: 'Main inbound' } }))[0];
    const content = JSON.stringify(main.Properties.Content);
    expect(content).toContain('"Fn::GetAtt":["BotcitizenservicesAliasBADC7353","Arn"]');
    expect(content).toContain('"Fn::GetAtt":["FunctionscontactcenterstatusF3E5D662","Arn"]');
    expect(content).toContain('"Fn::GetAtt":["FlowsFlowcustomerqueueD0DA0F83","ContactFlowArn"]');
    expect(content).toContain('"Fn::GetAtt":["FlowsFlowpostcontactsurvey8D51E947","ContactFlowArn"]');
  });

  test('binds every configured phone number to the main inbound flow, kept on delete', () => {
    const numbers = Object.values(template.findResources('Custom::ConnectPhoneNumber'));
    expect(numbers.length).toBe(example === 'pinecrest' ? 2 : 1);
    for (const number of numbers) {
      expect(number.Properties).toEqual(
        expect.objectContaining({ ContactFlowArn: { 'Fn::GetAtt': ['FlowsFlowmaininboundF9CD22B4', 'ContactFlowArn'] }, CountryCode: 'US', ReleaseOnDelete: false }),
      );
    }
  });

  test('creates each flow after the integration associations of exactly the functions and bots it uses', () => {
    // GIVEN the logical ids of the associations, from the constructs that own them
    const center = stacks[example].contactCenter;
    const id = (element: CfnElement) => center.getLogicalId(element);
    const lambda = (name: HandlerName) => id(center.functions!.byName.get(name)!.association!);
    const bot = id(center.bots.get('citizen-services')!.association);
    const surveyBot = id(center.bots.get('survey-answers')!.association);
    // WHEN the DependsOn of every flow is read from the template
    const dependsOn = Object.fromEntries(
      Object.values(template.findResources('AWS::Connect::ContactFlow')).map((r) => [r.Properties.Name, [...(r.DependsOn ?? [])].sort()]),
    );
    // THEN each flow waits for what its own content invokes (a flow it names waits for its own),
    // and the flows that set routing criteria for the proficiency attribute they name
    const attribute = center.agentSide.proficiency ? [id(center.agentSide.proficiency.resource)] : [];
    expect(dependsOn).toEqual({
      'Main inbound': [...attribute, bot, lambda(HandlerName.CALLER_VERIFICATION), lambda(HandlerName.CONTACT_CENTER_STATUS)].sort(),
      'Chat inbound': [...attribute, bot, lambda(HandlerName.CONTACT_CENTER_STATUS)].sort(),
      'Post-contact survey': [surveyBot, lambda(HandlerName.SURVEY_CAPTURE)].sort(),
      'Customer queue': [],
      'Customer hold': [],
      'Customer whisper': [],
      'Agent whisper': [],
      'Agent context': [],
      'Queue transfer': [],
      ...(example === 'pinecrest' ? { 'Follow-up task': [] } : {}),
    });
    expect(new Set(Object.values(template.findResources('AWS::Connect::IntegrationAssociation')).map((r) => r.Properties.IntegrationType))).toEqual(
      new Set(['LAMBDA_FUNCTION', 'LEX_BOT']),
    );
  });

  test('registers the bot with the instance', () => {
    template.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
      IntegrationType: 'LEX_BOT',
      IntegrationArn: { 'Fn::GetAtt': ['BotcitizenservicesAliasBADC7353', 'Arn'] },
    });
  });
});

test('routes Spanish callers to the Spanish queue where one is configured and to the default queue otherwise', () => {
  const routeArn = (example: keyof typeof templates, queueLogicalIdPrefix: string) =>
    JSON.stringify(Object.values(templates[example].findResources('AWS::Connect::ContactFlow', { Properties: { Name: 'Main inbound' } }))[0]).includes(
      `"Fn::GetAtt":["${queueLogicalIdPrefix}`,
    );
  expect(routeArn('pinecrest', 'QueueSpanish')).toBe(true);
  expect(routeArn('riverton', 'QueueCityServices')).toBe(true);
  templates.riverton.resourcePropertiesCountIs('AWS::Connect::Queue', Match.anyValue(), 1);
});

test('builds the bot in the locales each jurisdiction configures', () => {
  const locales = (example: keyof typeof templates) =>
    Object.values(templates[example].findResources('AWS::Lex::Bot'))[0].Properties.BotLocales.map((l: { LocaleId: string }) => l.LocaleId);
  expect(locales('pinecrest')).toEqual(['en_US', 'es_US']);
  expect(locales('riverton')).toEqual(['en_US']);
});

test('a flow depends once on each association its actions name, not on names only in Metadata nor on flows', () => {
  // GIVEN a module that invokes one function twice, names a flow, and mentions another function only in Metadata
  const dependable = (name: string) => ({ name }) as unknown as IDependable;
  const integrations = { lambda: new Map([['a', dependable('A')], ['b', dependable('B')]]), bot: new Map([['bot', dependable('BOT')]]) };
  const flow: LoadedFlow = {
    file: 'm.json',
    name: 'm',
    displayName: 'm',
    type: 'MODULE',
    description: '',
    format: 'kit',
    imported: false,
    content: {
      Version: '2019-10-30',
      StartAction: 'One',
      Metadata: { ActionMetadata: { One: { note: '${lambda:b}' } } },
      Actions: [
        { Identifier: 'One', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: '${lambda:a}' }, Transitions: { NextAction: 'Two' } },
        { Identifier: 'Two', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: '${lambda:a}' }, Transitions: { NextAction: 'Three' } },
        { Identifier: 'Three', Type: 'TransferToFlow', Parameters: { ContactFlowId: '${flow:other}' }, Transitions: {} },
      ],
    },
  };
  // WHEN / THEN
  expect(integrationDependenciesOf(flow, integrations)).toEqual([{ name: 'A' }]);
});
