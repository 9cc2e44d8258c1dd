import * as fs from 'fs';
import * as path from 'path';
import { renderFlowMarkdown, renderMermaid, mermaidText } from '../../lib/flows/diagram';
import { loadFlows } from '../../lib/flows/loader';
import type { LoadedFlow } from '../../lib/flows/types';

const flow = (file: string): LoadedFlow => loadFlows([file]).flows[0];

describe('flow diagrams', () => {
  test('draws a known small flow exactly', () => {
    expect(renderFlowMarkdown(flow('test/fixtures/flows/diagram/small.json'))).toBe(
      [
        '# Small inbound',
        '',
        '`small` · CONTACT_FLOW · test/fixtures/flows/diagram/small.json',
        '',
        'Hours check, a greeting and the general queue.',
        '',
        '```mermaid',
        'flowchart TD',
        '  start((Start))',
        '  a1{{"<b>Check hours</b><br/>CheckHoursOfOperation<br/>hours: main"}}',
        '  a2["<b>Greeting</b><br/>MessageParticipant<br/>“Thank you for calling the #quot;City#quot; #lt;help#gt;…”"]',
        '  a3["<b>Set queue</b><br/>UpdateContactTargetQueue<br/>queue: General"]',
        '  a4["<b>Transfer</b><br/>TransferContactToQueue"]',
        '  a5["<b>Closed</b><br/>MessageParticipant<br/>“Please call again later.”"]',
        '  a6(["<b>Bye</b><br/>DisconnectParticipant"])',
        '  start --> a1',
        '  a1 -->|"True"| a2',
        '  a1 -->|"False"| a5',
        '  a1 -.->|"NoMatchingError"| a5',
        '  a2 --> a3',
        '  a2 -.->|"NoMatchingError"| a3',
        '  a3 --> a4',
        '  a3 -.->|"NoMatchingError"| a5',
        '  a4 --> a5',
        '  a4 -.->|"QueueAtCapacity, NoMatchingError"| a5',
        '  a5 --> a6',
        '  a5 -.->|"NoMatchingError"| a6',
        '  classDef terminal fill:#e8f5e9,stroke:#2e7d32',
        '  classDef missing fill:#fdecea,stroke:#b71c1c',
        '  classDef unreachable stroke-dasharray:4 4',
        '  class a6 terminal',
        '  linkStyle 3,5,7,9,11 stroke:#b71c1c,color:#b71c1c',
        '```',
        '',
        'Solid arrows: success and conditions. Dashed red arrows: errors. Six-sided boxes branch; rounded green boxes end the flow.',
        '',
      ].join('\n'),
    );
  });

  test('marks missing targets and unreachable actions', () => {
    expect(renderMermaid(flow('test/fixtures/flows/rules/missing-transition-target/missing.json')).split('\n')).toEqual([
      'flowchart TD',
      '  start((Start))',
      '  a1["<b>Greeting</b><br/>MessageParticipant<br/>“Hello.”"]',
      '  a2(["<b>Goodbye</b><br/>DisconnectParticipant"])',
      '  m1[/"missing: Goodby"/]',
      '  m2[/"missing: Apology"/]',
      '  start --> a1',
      '  a1 --> m1',
      '  a1 -.->|"NoMatchingError"| m2',
      '  classDef terminal fill:#e8f5e9,stroke:#2e7d32',
      '  classDef missing fill:#fdecea,stroke:#b71c1c',
      '  classDef unreachable stroke-dasharray:4 4',
      '  class a2 terminal',
      '  class m1,m2 missing',
      '  class a2 unreachable',
      '  linkStyle 2 stroke:#b71c1c,color:#b71c1c',
    ]);
  });

  test('omits the NextAction that repeats a branching action\'s no-match branch', () => {
    const lines = renderMermaid(flow('test/fixtures/flows/valid/main.json')).split('\n');
    expect(lines.filter((l) => l.startsWith('  a4 '))).toEqual(['  a4 -->|"true"| a5', '  a4 -.->|"NoMatchingCondition"| a6']);
  });

  test('labels an exported flow by type and display names, not by UUIDs and ARNs', () => {
    const lines = renderMermaid(flow('test/fixtures/flows/exported/describe-contact-flow.json')).split('\n');
    expect(lines[3]).toBe('  a2["UpdateContactTextToSpeechVoice<br/>voice: Joanna"]');
    expect(lines.slice(4, 8)).toEqual([
      '  a3{{"CheckHoursOfOperation<br/>hours: Permits office"}}',
      '  a4["MessageParticipant<br/>“Thank you for calling the permits offic…”"]',
      '  a5["InvokeLambdaFunction<br/>lambda: permits-lookup<br/>timeout: 3 s"]',
      '  a6["UpdateContactTargetQueue<br/>queue: Permits"]',
    ]);
  });

  test('shows references inside texts by name and escapes what Mermaid would read', () => {
    expect(mermaidText('a "b" <c> & #1 | `d`\nnext')).toBe('a #quot;b#quot; #lt;c#gt; #amp; #35;1 #124; #96;d#96; next');
    const lines = renderMermaid(flow('test/fixtures/flows/valid/main.json')).split('\n');
    expect(lines).toContain('  a7["<b>After hours</b><br/>MessageParticipant<br/>“Thank you for calling {config: displayN…”"]');
    expect(lines).toContain('  a9{{"<b>Ask bot</b><br/>ConnectParticipantWithLexBot<br/>“How can I help you today?”<br/>bot: citizen-services"}}');
  });

  test('a flow that stores its input is drawn as a plain box, a menu as a branching one', () => {
    const lines = renderMermaid(flow('test/fixtures/flows/rules/unsupported-error/stored-input-branches.json')).split('\n');
    expect(lines[2]).toBe('  a1["<b>Ask for account</b><br/>GetParticipantInput<br/>“Enter your account number, then press t…”"]');
    expect(lines).toContain('  a1 --> a2');
    const menu = renderMermaid(flow('test/fixtures/flows/rules/parameter-combination/input-validation.json')).split('\n');
    expect(menu[3]).toBe('  a2{{"<b>Menu</b><br/>GetParticipantInput<br/>“For billing, press 1.”"}}');
  });
});

/** The committed diagrams of the default flows: regenerate with `npm run gcck -- diagram --out contact-flows/diagrams contact-flows`. */
describe('committed diagrams of the default flows', () => {
  const DIAGRAMS = 'contact-flows/diagrams';
  const flows = loadFlows(['contact-flows']).flows;

  test('there is one diagram per default flow, and the index links each of them', () => {
    const committed = fs.readdirSync(DIAGRAMS).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(committed.sort()).toEqual(flows.map((f) => `${f.name}.md`).sort());
    const index = fs.readFileSync(path.join(DIAGRAMS, 'README.md'), 'utf8');
    const linked = [...index.matchAll(/\]\(([^)]+\.md)\)/g)].map((m) => m[1]);
    expect(linked.sort()).toEqual(committed.sort());
  });

  test.each(flows.map((f) => [f.name, f] as const))('contact-flows/diagrams/%s.md is what the renderer draws now', (name, loaded) => {
    expect(fs.readFileSync(path.join(DIAGRAMS, `${name}.md`), 'utf8')).toBe(renderFlowMarkdown(loaded));
  });
});
