import * as fs from 'fs';
import * as path from 'path';
import { formatFinding } from '../../lib/flows/errors';
import { flowFileText, formatUnmapped, importFlows, readContainers } from '../../lib/flows/import';
import type { JurisdictionNames } from '../../lib/flows/import';
import { lintFlows } from '../../lib/flows/lint';
import { parseFlowFile } from '../../lib/flows/loader';

const DIR = 'test/fixtures/flows/import';
const NAMES: JurisdictionNames = {
  queue: ['General', 'Claims', 'Spanish', 'Escalations'],
  route: ['default', 'spanish', 'escalation', 'callback', 'followUp'],
  hours: ['main', 'extended'],
  lambda: ['contact-center-status', 'case-status', 'caller-verification', 'survey-capture'],
  bot: ['citizen-services'],
  prompt: [],
  flow: ['main-inbound'],
  module: [],
  routingProfile: [],
  quickConnect: [],
  config: [],
};
const input = (file: string) => ({ file: path.join(DIR, file), text: fs.readFileSync(path.join(DIR, file), 'utf8') });
const ALL = ['console-inbound.json', 'verify-caller.describe.json', 'queue-wait.envelope.json', 'stack.template.json', 'stack.template.yaml'].map(input);

/** Lints the written files together, with the jurisdiction's names plus the imported flows. */
function lintWritten(texts: ReadonlyArray<[string, string]>) {
  const flows = texts.map(([name, text]) => parseFlowFile(`out/${name}.json`, text).flow!);
  const names = { ...NAMES, flow: [...NAMES.flow!, ...flows.filter((f) => f.type !== 'MODULE').map((f) => f.name)], module: flows.filter((f) => f.type === 'MODULE').map((f) => f.name) };
  return lintFlows(flows, { names, metadata: 'strip' }).map(formatFinding);
}

describe('import-flow core', () => {
  const result = importFlows(ALL, NAMES);
  const byName = new Map(result.flows.map((f) => [f.name, f]));
  const params = (name: string) => byName.get(name)!.file.Content.Actions.map((a) => a.Parameters);

  test('reads every container shape: raw export, describe output, envelope, JSON and YAML templates (several flows each)', () => {
    expect(result.flows.map((f) => [f.name, f.displayName, f.type])).toEqual([
      ['benefits-inbound', 'Benefits Inbound', 'CONTACT_FLOW'],
      ['verify-caller', 'Verify Caller', 'MODULE'],
      ['queue-wait', 'Queue Wait', 'CUSTOMER_QUEUE'],
      ['greeting-module', 'Greeting Module', 'MODULE'],
      ['claims-line', 'Claims Line', 'CONTACT_FLOW'],
      ['spanish-survey', 'Spanish Survey', 'CONTACT_FLOW'],
    ]);
    expect(result.problems).toEqual([]);
  });

  test('converts literal ARNs with the names in Metadata: exact, case-insensitive, from the ARN, and between imported flows', () => {
    expect(params('benefits-inbound').slice(0, 5)).toEqual([
      { HoursOfOperationId: '${hours:main}' },
      { LambdaFunctionARN: '${lambda:case-status}', InvocationTimeLimitSeconds: '3', ResponseValidation: { ResponseType: 'STRING_MAP' } },
      { Text: 'How can we help?', LexV2Bot: { AliasArn: '${bot:citizen-services}' } },
      { FlowModuleId: '${module:verify-caller}' },
      { QueueId: '${queue:General}' },
    ]);
    expect(byName.get('benefits-inbound')!.file.Content).not.toHaveProperty('Metadata');
  });

  test('converts other tools\' placeholders and template substitutions (Fn::Sub string and [string, map], GetAtt, pseudo parameters)', () => {
    expect(params('queue-wait')[1]).toEqual({ QueueId: '${queue:General}' });
    expect(params('claims-line')[0]).toEqual({ FlowModuleId: '${module:greeting-module}' });
    expect(params('claims-line')[2]).toEqual({ QueueId: '${queue:Claims}' });
    expect(params('spanish-survey').slice(0, 2)).toEqual([{ LambdaFunctionARN: '${lambda:survey-capture}', InvocationTimeLimitSeconds: '3' }, { QueueId: '${queue:Spanish}' }]);
  });

  test('reports every value it could not map with file, action, parameter, value and candidates', () => {
    expect(result.unmapped.map(formatUnmapped)).toEqual([
      'test/fixtures/flows/import/console-inbound.json: flow benefits-inbound: action "Permits": QueueId "arn:aws-us-gov:connect:us-gov-west-1:111122223333:instance/6d1c9f2e-3b4a-4c5d-9e8f-7a6b...": "Claim" is no queue name of the jurisdiction (candidates: Claims)',
      'test/fixtures/flows/import/stack.template.json Resources.ClaimsFlow: flow claims-line: action "Hours": HoursOfOperationId "${HoursArn}": "MainHours" is no hours name of the jurisdiction (candidates: main)',
    ]);
  });

  test('the result lints clean except where the report says why', () => {
    const findings = lintWritten(result.flows.map((f) => [f.name, flowFileText(f)]));
    expect(findings).toEqual([
      'out/benefits-inbound.json: action "Permits": QueueId holds the literal ARN "arn:aws-us-gov:connect:us-gov-west-1:111122223333:instanc...": replace it with a reference such as ${queue:<name>} so the flow deploys to any instance [error literal-arn]',
      'out/claims-line.json: action "Hours": ${HoursArn} is a CloudFormation or Terraform ${…} substitution of another tool, not a kit reference: replace it with ${hours:Hours} (the name as the jurisdiction defines it), or run gcck import-flow, which converts it [error unknown-reference]',
    ]);
  });

  test('is idempotent: importing an imported file changes nothing', () => {
    for (const flow of result.flows) {
      const text = flowFileText(flow);
      const again = importFlows([{ file: `out/${flow.name}.json`, text }], { ...NAMES, module: ['verify-caller', 'greeting-module'] });
      expect(again.flows.map(flowFileText)).toEqual([text]);
      expect(again.flows[0].converted).toBe(0);
    }
  });

  test('a type it cannot tell is written as its best guess and reported', () => {
    const whisper = { Version: '2019-10-30', StartAction: 'Say', Actions: [
      { Identifier: 'Say', Type: 'MessageParticipant', Parameters: { Text: 'Caller waiting' }, Transitions: { NextAction: 'End', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'End' }] } },
      { Identifier: 'End', Type: 'EndFlowExecution', Parameters: {}, Transitions: {} },
    ] };
    const { flows, unmapped } = importFlows([{ file: 'whisper.json', text: JSON.stringify(whisper) }], NAMES);
    expect(flows[0].type).toBe('CUSTOMER_WHISPER');
    expect(unmapped.map(formatUnmapped)).toEqual([
      'whisper.json: flow whisper: Type "CUSTOMER_WHISPER": type unknown: it ends with EndFlowExecution and does not loop: a whisper flow (CUSTOMER_WHISPER, AGENT_WHISPER, OUTBOUND_WHISPER); wrote CUSTOMER_WHISPER, check it (candidates: CUSTOMER_WHISPER, AGENT_WHISPER, OUTBOUND_WHISPER)',
    ]);
  });

  test('a Lex V1 bot becomes Lex V2 when the jurisdiction has a bot of that name', () => {
    const v1 = { Name: 'Menu', Type: 'CONTACT_FLOW', Content: { Version: '2019-10-30', StartAction: 'Ask', Actions: [
      { Identifier: 'Ask', Type: 'ConnectParticipantWithLexBot', Parameters: { Text: 'Hi', LexBot: { Name: 'CitizenServices', Region: 'us-east-1', Alias: 'Prod' } }, Transitions: {} },
    ] } };
    const { flows } = importFlows([{ file: 'menu.json', text: JSON.stringify(v1) }], NAMES);
    expect(flows[0].file.Content.Actions[0].Parameters).toEqual({ Text: 'Hi', LexV2Bot: { AliasArn: '${bot:citizen-services}' } });
  });

  test('files that hold no readable flow are reported, not thrown', () => {
    expect(readContainers('old.json', '{"modules": [], "version": "1"}').problems[0].message).toMatch(/^is in the old flow designer format/);
    expect(readContainers('t.json', '{"Resources": {"Q": {"Type": "AWS::Connect::Queue"}}}').problems).toEqual([
      { file: 't.json', message: 'is a CloudFormation template with no AWS::Connect::ContactFlow or AWS::Connect::ContactFlowModule resource' },
    ]);
    expect(readContainers('bad.json', '{"Name": "x", "Content": "{not json"}').problems[0].message).toMatch(/^Content is not valid JSON/);
    expect(readContainers('x.txt', ': : :').problems[0].message).toMatch(/^neither JSON/);
  });
});
