import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findJsonSyntaxError } from '../../lib/flows/json';
import { loadFlows, parseFlowFile } from '../../lib/flows/loader';
import { findReferences } from '../../lib/flows/references';

const EXPORTED = 'test/fixtures/flows/exported';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-flows-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const KIT_FLOW = (name: string, type = 'CONTACT_FLOW') =>
  JSON.stringify({
    Name: name,
    Type: type,
    Description: 'A test flow.',
    Content: { Version: '2019-10-30', StartAction: 'Bye', Actions: [{ Identifier: 'Bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }] },
  });

describe('flow loader', () => {
  test('loads a kit flow file with its declaration; the file name is the reference name', () => {
    const { flows, findings } = loadFlows(['test/fixtures/flows/valid/main.json']);
    expect(findings).toEqual([]);
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({
      file: 'test/fixtures/flows/valid/main.json',
      name: 'main',
      displayName: 'Main inbound',
      type: 'CONTACT_FLOW',
      description: 'Closure switch, hours check, menu with self-service, then the general queue.',
      format: 'kit',
      imported: false,
    });
    expect(flows[0].content.Actions).toHaveLength(15);
  });

  test('loads a folder in file-name order, recursively', () => {
    const dir = tempDir({ 'b.json': KIT_FLOW('B'), 'a.json': KIT_FLOW('A'), 'modules/c.json': KIT_FLOW('C', 'MODULE'), 'notes.md': '# not a flow' });
    const { flows, findings, files } = loadFlows([dir]);
    expect(findings).toEqual([]);
    expect(flows.map((f) => f.name)).toEqual(['a', 'b', 'c']);
    expect(files).toHaveLength(3);
  });

  test('reads only the JSON files of the kit folder, not its README or the generated diagrams', () => {
    const { files, findings } = loadFlows(['contact-flows']);
    expect(findings).toEqual([]);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !/^contact-flows\/[^/]+\.json$/.test(f))).toEqual([]);
    expect(fs.readdirSync('contact-flows/diagrams').some((f) => f.endsWith('.md'))).toBe(true);
  });

  test('imports the output of describe-contact-flow, marked as imported', () => {
    const { flows, findings } = loadFlows([`${EXPORTED}/describe-contact-flow.json`]);
    expect(findings).toEqual([]);
    const [flow] = flows;
    expect(flow).toMatchObject({ name: 'describe-contact-flow', displayName: 'Permits inbound', type: 'CONTACT_FLOW', description: 'Inbound flow of the permits office', format: 'describe', imported: true });
    expect(flow.content.StartAction).toBe('3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a51');
    expect(flow.content.Actions.map((a) => a.Type)).toEqual([
      'UpdateFlowLoggingBehavior',
      'UpdateContactTextToSpeechVoice',
      'CheckHoursOfOperation',
      'MessageParticipant',
      'InvokeLambdaFunction',
      'UpdateContactTargetQueue',
      'TransferContactToQueue',
      'MessageParticipant',
      'MessageParticipant',
      'DisconnectParticipant',
    ]);
    expect(flow.content.Metadata).toHaveProperty('ActionMetadata');
  });

  test('imports describe-contact-flow-module output as a module', () => {
    const { flows, findings } = loadFlows([`${EXPORTED}/describe-contact-flow-module.json`]);
    expect(findings).toEqual([]);
    expect(flows[0]).toMatchObject({ displayName: 'Permits done', type: 'MODULE', format: 'describe', imported: true });
  });

  test('imports a {Name, Type, Content: "<string>"} envelope', () => {
    const { flows, findings } = loadFlows([`${EXPORTED}/envelope.json`]);
    expect(findings).toEqual([]);
    expect(flows[0]).toMatchObject({ displayName: 'Permits inbound', type: 'CONTACT_FLOW', description: '', format: 'envelope', imported: true });
  });

  test('imports the console export, taking name, type and description from its Metadata', () => {
    const { flows, findings } = loadFlows([`${EXPORTED}/console-export.json`]);
    expect(findings).toEqual([]);
    expect(flows[0]).toMatchObject({ displayName: 'Permits inbound', type: 'CONTACT_FLOW', description: 'Inbound flow of the permits office', format: 'raw', imported: true });
  });

  test('the three export formats give the same Flow Language document', () => {
    const contents = ['describe-contact-flow', 'envelope', 'console-export'].map((n) => loadFlows([`${EXPORTED}/${n}.json`]).flows[0].content);
    const { Metadata: _a, ...describe } = contents[0];
    const { Metadata: _b, ...envelope } = contents[1];
    const { Metadata: _c, ...raw } = contents[2];
    expect(envelope).toEqual(describe);
    expect(raw).toEqual(describe);
  });

  test('bare Flow Language whose actions fit any flow type is named after the file and says type unknown', () => {
    const text = JSON.stringify({ Version: '2019-10-30', StartAction: 'Bye', Actions: [{ Identifier: 'Bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }] });
    const { flow, findings } = parseFlowFile('flows/greeting.json', text);
    expect(flow).toMatchObject({ name: 'greeting', displayName: 'greeting', type: 'CONTACT_FLOW', format: 'raw', imported: true });
    expect(findings).toEqual([
      {
        file: 'flows/greeting.json',
        ruleId: 'flow-file',
        severity: 'warning',
        message: 'declares no flow type: type unknown (no action in it belongs to one flow type); flow-type checks are skipped; declare "Type" (gcck import-flow writes it)',
      },
    ]);
  });

  test('reports invalid JSON with line and column, never throwing', () => {
    const { flow, findings } = parseFlowFile('flows/broken.json', '{\n  "Name": "Broken",\n  "Type": "CONTACT_FLOW"\n  "Content": {}\n}\n');
    expect(flow).toBeUndefined();
    expect(findings).toEqual([
      { file: 'flows/broken.json', ruleId: 'invalid-json', severity: 'error', message: 'invalid JSON: expected "," or "}" after a property value, found "\\""', line: 4, column: 3 },
    ]);
  });

  test('reports invalid JSON inside an envelope\'s Content string', () => {
    const { findings } = parseFlowFile('flows/envelope.json', JSON.stringify({ Name: 'X', Type: 'CONTACT_FLOW', Content: '{"Version": "2019-10-30",' }));
    expect(findings.map((f) => f.message)).toEqual(['Content is not valid JSON: expected a property name in double quotes, found the end of the file (line 1, column 26 of the Content string)']);
  });

  test('reports every malformed part of a document and keeps the rest', () => {
    const text = JSON.stringify({
      Name: 'Malformed',
      Type: 'CONTACT_FLOW',
      Description: '',
      Content: {
        Version: '2020-01-01',
        StartAction: 'A',
        Actions: [
          'not an action',
          { Type: 'MessageParticipant' },
          { Identifier: 'A', Type: 'MessageParticipant', Parameters: [], Transitions: { NextAction: 3, Errors: [{ ErrorType: 'NoMatchingError' }], Conditions: [{ NextAction: 'B', Condition: { Operator: 'Equals', Operands: [1] } }] } },
          { Identifier: 'B', Type: 'DisconnectParticipant' },
        ],
      },
    });
    const { flow, findings } = parseFlowFile('flows/malformed.json', text);
    expect(findings.map((f) => `${f.actionId ?? '-'}: ${f.message}`)).toEqual([
      '-: Version "2020-01-01" is not supported (the Flow Language version is "2019-10-30")',
      '-: Actions[0] must be an object {"Identifier", "Type", "Parameters", "Transitions"}',
      '-: Actions[1] has no Identifier (a string); the action was left out',
      'A: Parameters must be an object',
      'A: Transitions.NextAction must be an action Identifier (a string)',
      'A: Transitions.Errors[0] must be {"ErrorType": string, "NextAction": string}; it was left out',
      'A: Transitions.Conditions[0].Condition.Operands must be strings (Amazon Connect compares text, e.g. "3", "True")',
    ]);
    expect(flow!.content.Actions.map((a) => a.Identifier)).toEqual(['A', 'B']);
    expect(flow!.content.Actions[0].Transitions).toEqual({ Errors: [], Conditions: [{ NextAction: 'B', Condition: { Operator: 'Equals', Operands: ['1'] } }] });
    expect(flow!.content.Actions[1]).toEqual({ Identifier: 'B', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
  });

  test('a kit flow file needs Name and Description, and a known Type', () => {
    const { findings } = parseFlowFile('flows/x.json', JSON.stringify({ Type: 'WHISPER', Content: { Version: '2019-10-30', StartAction: '', Actions: [] } }));
    expect(findings.map((f) => f.message)).toEqual([
      "Name must be the flow's name in Amazon Connect (a non-empty string)",
      'Description must be a string (a plain sentence; no export-controlled data)',
      'Type "WHISPER" is not a flow type (allowed: CONTACT_FLOW, CUSTOMER_QUEUE, CUSTOMER_HOLD, CUSTOMER_WHISPER, AGENT_HOLD, AGENT_WHISPER, OUTBOUND_WHISPER, AGENT_TRANSFER, QUEUE_TRANSFER, MODULE)',
    ]);
  });

  test('rejects JSON that is not a flow', () => {
    expect(parseFlowFile('x.json', '[1, 2]').findings[0].message).toBe(
      'expected a JSON object (a kit flow file {"Name", "Type", "Description", "Content"} or Flow Language), found a list',
    );
    expect(parseFlowFile('x.json', '{"queues": []}').findings[0].message).toBe(
      'is neither a kit flow file ({"Name", "Type", "Description", "Content"}), an exported flow ({"ContactFlow": {…}}) nor Flow Language ({"Version", "StartAction", "Actions"}); found keys queues',
    );
  });

  test('a "__proto__" key in a flow file stays data', () => {
    const text = '{"Name": "P", "Type": "CONTACT_FLOW", "Description": "", "Content": {"Version": "2019-10-30", "StartAction": "Bye", "Actions": [{"Identifier": "Bye", "Type": "DisconnectParticipant", "Parameters": {"__proto__": {"x": "${queue:General}"}}, "Transitions": {}}]}}';
    const { flow } = parseFlowFile('p.json', text);
    expect(findReferences(flow!.content).map((r) => r.parameter)).toEqual(['__proto__.x']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  test('reference names must be unique across folders, Amazon Connect names within flows', () => {
    const kit = tempDir({ 'main.json': KIT_FLOW('Main') });
    const fork = tempDir({ 'main.json': KIT_FLOW('Other'), 'extra.json': KIT_FLOW('Main') });
    const { flows, findings } = loadFlows([kit, fork]);
    expect(flows.map((f) => f.name)).toEqual(['main', 'extra']);
    expect(findings.map((f) => f.message)).toEqual([
      `Name "Main" is also used by ${kit}/main.json (Amazon Connect flow names are unique in an instance)`,
      `reference name "main" is also used by ${kit}/main.json (file names must be unique across flow folders; exclude one to replace it)`,
    ]);
  });

  test('exclude leaves flows out and warns about names that match no file', () => {
    const kit = tempDir({ 'main.json': KIT_FLOW('Main'), 'chat.json': KIT_FLOW('Chat') });
    const { flows, findings } = loadFlows([kit], { exclude: ['chat', 'survey'] });
    expect(flows.map((f) => f.name)).toEqual(['main']);
    expect(findings).toEqual([{ file: kit, ruleId: 'flow-file', severity: 'warning', message: 'exclude names "survey", which is not a flow file here (flows: main)' }]);
  });

  test('reports a path that does not exist', () => {
    expect(loadFlows(['no/such/folder']).findings).toEqual([{ file: 'no/such/folder', ruleId: 'flow-file', severity: 'error', message: 'no such file or folder' }]);
  });
});

describe('JSON syntax errors', () => {
  test.each([
    ['{"a": 1,}', 1, 9, 'expected a property name in double quotes (JSON allows no comma before "}")'],
    ['{"a": 1\n"b": 2}', 2, 1, 'expected "," or "}" after a property value, found "\\""'],
    ['{"a": tru}', 1, 7, 'expected a value, found "t"'],
    ["{'a': 1}", 1, 2, 'expected a property name in double quotes, found "\'"'],
    ['{"a": "x\ty"}', 1, 9, 'control character (such as a line break or tab) inside a string: write it as an escape like \\n'],
    ['{"a": "\\q"}', 1, 8, 'invalid escape \\q in a string'],
    ['{"a": [1, 2}', 1, 12, 'expected "," or "]" after a list item, found "}"'],
    ['{"a": 1', 1, 8, 'expected "," or "}" after a property value, found the end of the file'],
    ['{"a": 1} x', 1, 10, 'unexpected "x" after the end of the JSON value'],
    ['', 1, 1, 'expected a value, found the end of the file'],
    ['{"a": "open', 1, 12, 'string is not closed (missing ")'],
  ])('%j: line %i, column %i', (text, line, column, message) => {
    expect(findJsonSyntaxError(text)).toEqual({ offset: expect.any(Number), line, column, message });
  });

  test('valid JSON has no syntax error', () => {
    expect(findJsonSyntaxError('{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]}')).toBeUndefined();
  });
});
