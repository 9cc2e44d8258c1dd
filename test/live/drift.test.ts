import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  DescribeHoursOfOperationCommand,
  DescribeQueueCommand,
  DescribeRoutingProfileCommand,
  ListBotsCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
  ListFlowAssociationsCommand,
  ListHoursOfOperationOverridesCommand,
  ListHoursOfOperationsCommand,
  ListInstancesCommand,
  ListLambdaFunctionsCommand,
  ListPromptsCommand,
  ListQueuesCommand,
  ListQuickConnectsCommand,
  ListRoutingProfileQueuesCommand,
  ListRoutingProfilesCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lib/cli/main';
import { deployedState, diffStates, expectedState } from '../../lib/live/drift';
import { EXAMPLES_CONFIG } from '../helpers/example-paths';

/** The Connect resources of pinecrest-benefits as `cdk synth` wrote them. */
const TEMPLATE_FILE = 'test/fixtures/drift/pinecrest-benefits-contact-center.template.json';
const template = JSON.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
type Resource = { Type: string; Properties: Record<string, any> };
const resources: Record<string, Resource> = template.Resources;
const INSTANCE = 'arn:aws-us-gov:connect:us-gov-west-1:222222222222:instance/11111111-2222-4333-8444-555555555555';
const PATHS: Record<string, string> = { 'AWS::Connect::Queue': 'queue', 'AWS::Connect::HoursOfOperation': 'operating-hours', 'AWS::Connect::ContactFlow': 'contact-flow', 'AWS::Connect::ContactFlowModule': 'flow-module', 'AWS::Connect::RoutingProfile': 'routing-profile', 'AWS::Connect::QuickConnect': 'transfer-destination' };

/** The ARN a deployed resource has: Connect ARNs by logical ID, generated Lambda names, a bot alias. */
function arnOf(logicalId: string): string {
  const r = resources[logicalId];
  if (r.Type === 'AWS::Lambda::Function') return `arn:aws-us-gov:lambda:us-gov-west-1:222222222222:function:pinecrest-${logicalId}-GENERATED`;
  if (r.Type === 'AWS::Lex::BotAlias') return 'arn:aws-us-gov:lex:us-gov-west-1:222222222222:bot-alias/BOTID12345/ALIAS12345';
  return `${INSTANCE}/${PATHS[r.Type]}/${logicalId}`;
}
/** An intrinsic value as CloudFormation would have resolved it. */
function resolve(value: any): string {
  if (typeof value === 'string') return value;
  if (value['Fn::GetAtt']) return arnOf(value['Fn::GetAtt'][0]);
  if (value['Fn::Join']) return value['Fn::Join'][1].map(resolve).join(value['Fn::Join'][0]);
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

const connect = mockClient(ConnectClient);

/** A live instance exactly as the template says, plus one default flow the kit does not manage. */
function instanceAsTemplated(change: { maxContacts?: number; dropOverride?: boolean; retarget?: boolean; unbind?: boolean } = {}) {
  connect.reset();
  const flows = ofType('AWS::Connect::ContactFlow');
  connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [{ Id: 'inst', InstanceAlias: 'pinecrest-benefits-cc' }] });
  connect.on(ListContactFlowsCommand).resolves({ ContactFlowSummaryList: [...flows.map(([id, r]) => ({ Id: id, Arn: arnOf(id), Name: r.Properties.Name })), { Id: 'default-hold', Arn: `${INSTANCE}/contact-flow/default-hold`, Name: 'Default agent hold' }] });
  for (const [id, r] of flows) {
    let content = resolve(r.Properties.Content);
    if (change.retarget && r.Properties.Name === 'Main inbound') content = content.split(arnOf('QueueGeneral046564E5')).join(arnOf('QueueClaimsDDFB9569'));
    connect.on(DescribeContactFlowCommand, { InstanceId: 'inst', ContactFlowId: id }).resolves({ ContactFlow: { Name: r.Properties.Name, Type: r.Properties.Type, Content: content } });
  }
  connect.on(DescribeContactFlowCommand, { InstanceId: 'inst', ContactFlowId: 'default-hold' }).resolves({ ContactFlow: { Name: 'Default agent hold', Type: 'AGENT_HOLD', Content: '{}' } });
  connect.on(ListContactFlowModulesCommand).resolves({ ContactFlowModulesSummaryList: [] });
  connect.on(DescribeContactFlowModuleCommand).rejects(new Error('no modules'));
  const queues = ofType('AWS::Connect::Queue');
  connect.on(ListQueuesCommand).resolves({ QueueSummaryList: queues.map(([id, r]) => ({ Id: id, Arn: arnOf(id), Name: r.Properties.Name })) });
  for (const [id, r] of queues) {
    const maxContacts = change.maxContacts !== undefined && r.Properties.Name === 'General' ? change.maxContacts : r.Properties.MaxContacts;
    connect.on(DescribeQueueCommand, { InstanceId: 'inst', QueueId: id }).resolves({ Queue: { Name: r.Properties.Name, Description: r.Properties.Description, MaxContacts: maxContacts, HoursOfOperationId: r.Properties.HoursOfOperationArn['Fn::GetAtt'][0] } });
  }
  const hours = ofType('AWS::Connect::HoursOfOperation');
  connect.on(ListHoursOfOperationsCommand).resolves({ HoursOfOperationSummaryList: hours.map(([id, r]) => ({ Id: id, Arn: arnOf(id), Name: r.Properties.Name })) });
  for (const [id, r] of hours) {
    connect.on(DescribeHoursOfOperationCommand, { InstanceId: 'inst', HoursOfOperationId: id }).resolves({ HoursOfOperation: { Name: r.Properties.Name, TimeZone: r.Properties.TimeZone, Config: r.Properties.Config } });
    const overrides = (r.Properties.HoursOfOperationOverrides ?? []).map((o: any) => ({ Name: o.OverrideName, EffectiveFrom: o.EffectiveFrom, EffectiveTill: o.EffectiveTill, Config: o.OverrideConfig }));
    connect.on(ListHoursOfOperationOverridesCommand, { InstanceId: 'inst', HoursOfOperationId: id }).resolves({ HoursOfOperationOverrideList: change.dropOverride && r.Properties.Name === 'main' ? overrides.slice(1) : overrides });
  }
  const profiles = ofType('AWS::Connect::RoutingProfile');
  connect.on(ListRoutingProfilesCommand).resolves({ RoutingProfileSummaryList: profiles.map(([id, r]) => ({ Id: id, Arn: arnOf(id), Name: r.Properties.Name })) });
  for (const [id, r] of profiles) {
    connect.on(DescribeRoutingProfileCommand, { InstanceId: 'inst', RoutingProfileId: id }).resolves({ RoutingProfile: { Name: r.Properties.Name, DefaultOutboundQueueId: r.Properties.DefaultOutboundQueueArn['Fn::GetAtt'][0], MediaConcurrencies: r.Properties.MediaConcurrencies } });
    connect.on(ListRoutingProfileQueuesCommand, { InstanceId: 'inst', RoutingProfileId: id }).resolves({
      RoutingProfileQueueConfigSummaryList: r.Properties.QueueConfigs.map((q: any) => ({ QueueName: resources[q.QueueReference.QueueArn['Fn::GetAtt'][0]].Properties.Name, Channel: q.QueueReference.Channel, Priority: q.Priority, Delay: q.Delay })),
    });
  }
  const numbers = ofType('Custom::ConnectPhoneNumber');
  connect.on(ListFlowAssociationsCommand).resolves({ FlowAssociationSummaryList: numbers.slice(change.unbind ? 1 : 0).map(([, r], i) => ({ ResourceId: `number-${i}`, FlowId: resolve(r.Properties.ContactFlowArn), ResourceType: 'VOICE_PHONE_NUMBER' })) });
  connect.on(ListPromptsCommand).resolves({ PromptSummaryList: [] });
  connect.on(ListQuickConnectsCommand).resolves({ QuickConnectSummaryList: ofType('AWS::Connect::QuickConnect').map(([id, r]) => ({ Id: id, Arn: arnOf(id), Name: r.Properties.Name })) });
  connect.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: ofType('AWS::Lambda::Function').map(([id]) => arnOf(id)) });
  connect.on(ListBotsCommand).resolves({ LexBots: [{ LexV2Bot: { AliasArn: arnOf(ofType('AWS::Lex::BotAlias')[0][0]) } }] });
}

const client = new ConnectClient({ region: 'us-gov-west-1' });
const expected = expectedState([template]);

describe('drift', () => {
  test('the template fixture is what the drift compares: every kind is present', () => {
    expect([expected.flows.size, expected.queues.size, expected.hours.size, expected.routingProfiles.size, expected.phoneNumberFlows]).toEqual([8, 4, 2, 3, ['Main inbound', 'Main inbound']]);
  });

  test('an instance deployed from the templates has no drift; its default flows are unmanaged, not drift', async () => {
    instanceAsTemplated();
    const report = diffStates(expected, await deployedState(client, 'inst'));
    expect(report).toEqual({ drift: [], unmanaged: ['flow "Default agent hold"'] });
  });

  test('a changed queue, a retargeted flow action, a lost hours override and an unbound number are each reported', async () => {
    instanceAsTemplated({ maxContacts: 150, dropOverride: true, retarget: true, unbind: true });
    const { drift } = diffStates(expected, await deployedState(client, 'inst'));
    expect(drift.filter((line) => line.startsWith('flow "Main inbound"')).length).toBeGreaterThan(0);
    expect(drift.find((line) => line.startsWith('flow "Main inbound"'))).toMatch(/^flow "Main inbound": action "[^"]+" Parameters: templates \{.*"queue:General".*\}, instance \{.*"queue:Claims".*\}$/);
    expect(drift.filter((line) => !line.startsWith('flow "Main inbound"'))).toEqual([
      'queue "General" MaxContacts: templates 200, instance 150',
      'hours "main" Overrides: missing New Years Day 2027-01-01..2027-01-01 [FRIDAY 00:00-23:59]',
      'phone numbers bound to flows: missing Main inbound',
    ]);
  });

  test('the command reads cdk.out, exits 1 on drift and 0 in sync', async () => {
    const cdkOut = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-drift-'));
    fs.copyFileSync(TEMPLATE_FILE, path.join(cdkOut, 'pinecrest-benefits-contact-center.template.json'));
    const run = async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['drift', '--jurisdiction', 'pinecrest-benefits', '--config-dir', EXAMPLES_CONFIG, '--cdk-out', cdkOut], { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out, err };
    };
    instanceAsTemplated();
    expect(await run()).toEqual({
      code: 0,
      out: ['not managed by the kit (ignored): 1 (flow "Default agent hold")', 'no drift: 8 flows, 0 modules, 4 queues, 2 hours, 3 routing profiles, 2 phone numbers match'],
      err: [],
    });
    instanceAsTemplated({ maxContacts: 150 });
    expect(await run()).toMatchObject({ code: 1, out: ['queue "General" MaxContacts: templates 200, instance 150', 'not managed by the kit (ignored): 1 (flow "Default agent hold")', '1 difference'] });
    fs.rmSync(cdkOut, { recursive: true, force: true });
  });

  test('without synthesized templates it says to synthesize first', async () => {
    const err: string[] = [];
    const code = await main(['drift', '--jurisdiction', 'pinecrest-benefits', '--config-dir', EXAMPLES_CONFIG, '--cdk-out', path.join(os.tmpdir(), 'no-such-cdk-out')], { out: () => undefined, err: (t) => err.push(t) });
    expect({ code, err }).toEqual({ code: 1, err: [`gcck drift: no synthesized templates of pinecrest-benefits in ${path.join(os.tmpdir(), 'no-such-cdk-out')} (run npx cdk synth first)`] });
  });
});
