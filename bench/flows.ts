/**
 * Flow benchmark: load + resolve + lint for 100 generated flows of 30–60 actions each.
 *
 *   npx tsx bench/flows.ts
 *
 * The flows are written to a temp folder (removed afterwards) as kit flow files with designer
 * Metadata, references of every ARN kind, menus, Lex, Lambda calls and error branches on every
 * action, like the kit's own flows. One run = `loadFlows` (read + parse + normalize), then
 * `resolveReferences` of every flow with a token-like table (what the app does at synth), then
 * `lintFlows` with known names (every rule, including the content-size estimate). The first run
 * is discarded; the median of the rest is shown.
 *
 * Then the importer: the same 100 flows as console exports (raw Flow Language, every reference a
 * literal GovCloud ARN named in the designer Metadata, as the console writes them), converted back
 * to `${kind:name}` by `importFlows` in-process (parse + convert + name matching).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { importFlows } from '../lib/flows/import';
import { lintFlows, LintContext, RULES } from '../lib/flows/lint';
import { loadFlows } from '../lib/flows/loader';
import { ReferenceTable, resolveReferences } from '../lib/flows/references';
import type { Action } from '../lib/flows/types';

const FLOWS = 100;
const RUNS = 7;

/** Deterministic pseudo-random numbers (mulberry32), so every run lints the same flows. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUEUES = ['General', 'Benefits', 'Spanish', 'Escalations', 'Callbacks'];
const LAMBDAS = ['contact-center-status', 'case-status', 'caller-verification', 'survey-capture'];
const PROMPTS = ['welcome', 'hold-music', 'closed'];
const SENTENCE = 'Thank you for calling. Your call may be recorded to improve our service. For the status of a case, press 1.';

/** One flow of about `size` actions: segments chained in order, each with its error branches. */
function generateFlow(index: number, size: number, rnd: () => number): object {
  const actions: Action[] = [];
  const id = (n: number) => `Step ${index}-${n}`;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const bye = 'Goodbye';
  const sorry = 'Sorry';
  const next = () => id(actions.length + 1);
  const errors = (...types: string[]) => types.map((t) => ({ ErrorType: t, NextAction: sorry }));
  while (actions.length < size - 2) {
    const kind = Math.floor(rnd() * 7);
    const here = id(actions.length);
    if (kind === 0) {
      actions.push({ Identifier: here, Type: 'MessageParticipant', Parameters: { Text: SENTENCE.slice(0, 40 + Math.floor(rnd() * 60)) }, Transitions: { NextAction: next(), Errors: errors('NoMatchingError') } });
    } else if (kind === 1) {
      actions.push({ Identifier: here, Type: 'UpdateContactAttributes', Parameters: { Attributes: { language: 'en-US', intent: '$.Lex.IntentName' }, TargetContact: 'Current' }, Transitions: { NextAction: next(), Errors: errors('NoMatchingError') } });
    } else if (kind === 2) {
      actions.push({ Identifier: here, Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: `\${lambda:${pick(LAMBDAS)}}`, InvocationTimeLimitSeconds: '3', ResponseValidation: { ResponseType: 'STRING_MAP' } }, Transitions: { NextAction: next(), Errors: errors('NoMatchingError') } });
      const compare = id(actions.length);
      actions.push({ Identifier: compare, Type: 'Compare', Parameters: { ComparisonValue: '$.External.status' }, Transitions: { NextAction: next(), Conditions: [{ NextAction: next(), Condition: { Operator: 'Equals', Operands: ['OK'] } }], Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: next() }] } });
    } else if (kind === 3) {
      actions.push({
        Identifier: here,
        Type: 'GetParticipantInput',
        Parameters: { Text: SENTENCE, StoreInput: 'False', InputTimeLimitSeconds: '5' },
        Transitions: {
          NextAction: next(),
          Conditions: ['1', '2', '3'].map((digit) => ({ NextAction: next(), Condition: { Operator: 'Equals', Operands: [digit] } })),
          Errors: [...errors('InputTimeLimitExceeded', 'NoMatchingError'), { ErrorType: 'NoMatchingCondition', NextAction: next() }],
        },
      });
    } else if (kind === 4) {
      actions.push({
        Identifier: here,
        Type: 'CheckHoursOfOperation',
        Parameters: { HoursOfOperationId: '${hours:main}' },
        Transitions: { Conditions: [{ NextAction: next(), Condition: { Operator: 'Equals', Operands: ['True'] } }, { NextAction: bye, Condition: { Operator: 'Equals', Operands: ['False'] } }], Errors: errors('NoMatchingError') },
      });
    } else if (kind === 5) {
      actions.push({
        Identifier: here,
        Type: 'ConnectParticipantWithLexBot',
        Parameters: { Text: 'How can I help you today?', LexV2Bot: { AliasArn: '${bot:citizen-services}' } },
        Transitions: { NextAction: next(), Conditions: ['CaseStatus', 'OfficeHours'].map((intent) => ({ NextAction: next(), Condition: { Operator: 'Equals', Operands: [intent] } })), Errors: errors('NoMatchingCondition', 'NoMatchingError') },
      });
    } else {
      actions.push({ Identifier: here, Type: 'UpdateContactTargetQueue', Parameters: { QueueId: `\${queue:${pick(QUEUES)}}` }, Transitions: { NextAction: next(), Errors: errors('NoMatchingError') } });
      const hooks = id(actions.length);
      actions.push({ Identifier: hooks, Type: 'UpdateContactEventHooks', Parameters: { EventHooks: { CustomerQueue: '${flow:queue-wait}' } }, Transitions: { NextAction: next(), Errors: errors('NoMatchingError') } });
      const verify = id(actions.length);
      actions.push({ Identifier: verify, Type: 'InvokeFlowModule', Parameters: { FlowModuleId: '${module:verify-caller}' }, Transitions: { NextAction: next(), Errors: errors('NoMatchingError') } });
    }
  }
  // The last segment continues to the transfer; every path ends in Goodbye.
  actions.push({ Identifier: id(actions.length), Type: 'TransferContactToQueue', Parameters: {}, Transitions: { NextAction: sorry, Errors: errors('QueueAtCapacity', 'NoMatchingError') } });
  actions.push({ Identifier: sorry, Type: 'MessageParticipant', Parameters: { PromptId: `\${prompt:${pick(PROMPTS)}}` }, Transitions: { NextAction: bye, Errors: [{ ErrorType: 'NoMatchingError', NextAction: bye }] } });
  actions.push({ Identifier: bye, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
  const metadata = { entryPointPosition: { x: 40, y: 40 }, ActionMetadata: Object.fromEntries(actions.map((a, i) => [a.Identifier, { position: { x: 200 + 240 * (i % 8), y: 40 + 180 * Math.floor(i / 8) } }])) };
  return { Name: `Generated flow ${index}`, Type: 'CONTACT_FLOW', Description: 'Generated for the flow benchmark.', Content: { Version: '2019-10-30', StartAction: actions[0].Identifier, Metadata: metadata, Actions: actions } };
}

function writeFlows(dir: string): { actions: number; bytes: number } {
  const rnd = random(20261123);
  let actions = 0;
  let bytes = 0;
  for (let i = 1; i <= FLOWS; i++) {
    const flow = generateFlow(i, 30 + Math.floor(rnd() * 31), rnd) as { Content: { Actions: unknown[] } };
    const text = JSON.stringify(flow, null, 2);
    actions += flow.Content.Actions.length;
    bytes += text.length;
    fs.writeFileSync(path.join(dir, `flow-${String(i).padStart(3, '0')}.json`), text);
  }
  for (const [name, type, body] of [
    ['queue-wait', 'CUSTOMER_QUEUE', { Identifier: 'End', Type: 'EndFlowExecution', Parameters: {}, Transitions: {} }],
    ['verify-caller', 'MODULE', { Identifier: 'End', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} }],
  ] as const) {
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ Name: name, Type: type, Description: 'Referenced by the generated flows.', Content: { Version: '2019-10-30', StartAction: 'End', Actions: [body] } }));
  }
  return { actions, bytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-flows-'));
  try {
    const { actions, bytes } = writeFlows(dir);
    const flowNames = Array.from({ length: FLOWS }, (_, i) => `flow-${String(i + 1).padStart(3, '0')}`);
    const context: LintContext = {
      names: { queue: QUEUES, hours: ['main'], lambda: LAMBDAS, bot: ['citizen-services'], prompt: PROMPTS, flow: [...flowNames, 'queue-wait'], module: ['verify-caller'] },
    };
    // What the app passes: CDK token strings (`${Token[…]}`), one per resource.
    let token = 0;
    const tokens = (names: readonly string[]) => new Map(names.map((n) => [n, `\${Token[TOKEN.${++token}]}`]));
    const table: ReferenceTable = {
      queue: tokens(QUEUES),
      hours: tokens(['main']),
      lambda: tokens(LAMBDAS),
      bot: tokens(['citizen-services']),
      prompt: tokens(PROMPTS),
      flow: tokens([...flowNames, 'queue-wait']),
      module: tokens(['verify-caller']),
    };

    const samples: Array<{ load: number; resolve: number; lint: number; findings: number }> = [];
    for (let run = 0; run <= RUNS; run++) {
      const t0 = performance.now();
      const set = loadFlows([dir]);
      const t1 = performance.now();
      for (const flow of set.flows) resolveReferences(flow, table);
      const t2 = performance.now();
      const findings = lintFlows(set, context);
      const t3 = performance.now();
      if (run > 0) samples.push({ load: t1 - t0, resolve: t2 - t1, lint: t3 - t2, findings: findings.length });
    }
    const load = median(samples.map((s) => s.load));
    const resolve = median(samples.map((s) => s.resolve));
    const lint = median(samples.map((s) => s.lint));
    const total = median(samples.map((s) => s.load + s.resolve + s.lint));
    const fmt = (ms: number) => ms.toFixed(1).padStart(7);
    console.log(`Flow benchmark: ${FLOWS} generated flows (+2 referenced), ${actions} actions (${(actions / FLOWS).toFixed(1)} per flow), ${(bytes / 1024).toFixed(0)} KB of JSON`);
    console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}; median of ${RUNS} runs after 1 warm-up`);
    console.log('');
    console.log('step                  total ms   per flow ms');
    console.log(`load (read+parse)    ${fmt(load)}   ${fmt(load / FLOWS)}`);
    console.log(`resolve references   ${fmt(resolve)}   ${fmt(resolve / FLOWS)}`);
    console.log(`lint (${String(RULES.length).padStart(2)} rules)      ${fmt(lint)}   ${fmt(lint / FLOWS)}`);
    console.log(`load+resolve+lint    ${fmt(total)}   ${fmt(total / FLOWS)}`);
    console.log('');
    // The importer over 100 console exports of the same flows.
    const arnOf = (kind: string, name: string) =>
      kind === 'lambda' ? `arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:${name}` : `arn:aws-us-gov:connect:us-gov-west-1:111122223333:instance/6d1c9f2e-3b4a-4c5d-9e8f-7a6b5c4d3e2f/${kind}/${name.replace(/\W/g, '')}`;
    const exports = fs.readdirSync(dir).map((file) => {
      const kit = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      const named: Array<{ id: string; text: string }> = [];
      const text = JSON.stringify(kit.Content).replace(/\$\{([a-zA-Z]+):([^}]+)\}/g, (_whole, kind: string, name: string) => {
        const arn = arnOf(kind, name);
        named.push({ id: arn, text: name });
        return arn;
      });
      const content = JSON.parse(text);
      content.Metadata = { ...content.Metadata, name: kit.Name, type: kit.Type === 'MODULE' ? 'module' : kit.Type === 'CUSTOMER_QUEUE' ? 'customerQueue' : 'contactFlow', names: named };
      return { file, text: JSON.stringify(content) };
    });
    const importNames = { ...context.names, flow: [], module: [] };
    const importTimes: number[] = [];
    let unmapped = 0;
    for (let run = 0; run <= RUNS; run++) {
      const t0 = performance.now();
      const result = importFlows(exports, importNames);
      const t1 = performance.now();
      if (run > 0) importTimes.push(t1 - t0);
      unmapped = result.unmapped.length;
    }
    const importMs = median(importTimes);
    console.log(`import ${exports.length} exports   ${fmt(importMs)}   ${fmt(importMs / exports.length)}   (${unmapped} values unmapped)`);
    console.log('');
    const findings = samples[0].findings;
    console.log(findings === 0 ? 'The generated flows lint clean (0 findings), as kit flows should.' : `FAIL: the generated flows have ${findings} findings; the generator is out of step with the rules.`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
