import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NO_JURISDICTION_NOTE } from '../../lib/cli/lint-flows';
import { main } from '../../lib/cli/main';
import { RULES } from '../../lib/flows/lint';
import { EXAMPLES_CONFIG } from '../helpers/example-paths';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

async function run(...argv: string[]) {
  const { io, out, err } = capture();
  const code = await main(['lint-flows', ...argv], io);
  return { code, out, err };
}

const USAGE = 'usage: gcck lint-flows [--format text|json] [--strict] [--jurisdiction ID [--config-dir DIR]] [PATH ...]';

describe('gcck lint-flows', () => {
  test('exits 0 and says so for clean flows', async () => {
    expect(await run('test/fixtures/flows/valid')).toEqual({ code: 0, out: ['3 flow files checked: 0 errors, 0 warnings'], err: [NO_JURISDICTION_NOTE] });
  });

  test('exits 1 and prints one line per finding when there are errors', async () => {
    const { code, out } = await run('test/fixtures/flows/rules/lambda-timeout/too-long.json');
    expect(code).toBe(1);
    expect(out).toEqual([
      'test/fixtures/flows/rules/lambda-timeout/too-long.json: action "Status": InvocationTimeLimitSeconds "10" is outside 1–8 seconds (a flow waits at most 8 seconds for a synchronous Lambda) [error lambda-timeout]',
      '1 flow file checked: 1 error, 0 warnings',
    ]);
  });

  test('exits 0 on warnings, 1 with --strict', async () => {
    expect((await run('test/fixtures/flows/rules/unreachable-action')).code).toBe(0);
    expect((await run('--strict', 'test/fixtures/flows/rules/unreachable-action')).code).toBe(1);
  });

  test('--strict says why it exits 1 when there are only warnings', async () => {
    const { code, err } = await run('--strict', 'test/fixtures/flows/rules/unreachable-action');
    expect(code).toBe(1);
    expect(err).toEqual([NO_JURISDICTION_NOTE, '--strict: exit 1 because of 1 warning (without --strict, warnings do not fail)']);
  });

  test('prints JSON with counts and every finding', async () => {
    const { code, out } = await run('--format', 'json', 'test/fixtures/flows/rules/invalid-json', 'test/fixtures/flows/rules/unknown-action-type');
    expect(code).toBe(1);
    expect(JSON.parse(out.join('\n'))).toEqual({
      flows: 2,
      errors: 1,
      warnings: 1,
      findings: [
        {
          file: 'test/fixtures/flows/rules/invalid-json/trailing-comma.json',
          ruleId: 'invalid-json',
          severity: 'error',
          message: 'invalid JSON: expected a value (JSON allows no comma before "]")',
          line: 10,
          column: 5,
        },
        {
          file: 'test/fixtures/flows/rules/unknown-action-type/typo.json',
          actionId: 'Greeting',
          ruleId: 'unknown-action-type',
          severity: 'warning',
          message: 'Type "MessageParticipants" is not an action type the kit knows, did you mean "MessageParticipant"?',
        },
      ],
    });
  });

  test('reports every rule on the rule fixtures', async () => {
    const { code, out } = await run('--format=json', 'test/fixtures/flows/rules');
    expect(code).toBe(1);
    const reported = new Set((JSON.parse(out[0]).findings as Array<{ ruleId: string }>).map((f) => f.ruleId));
    expect([...reported].sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  test('with --jurisdiction, checks reference names against the config', async () => {
    const { code, out } = await run('--jurisdiction', 'riverton-311', '--config-dir', EXAMPLES_CONFIG, 'test/fixtures/flows/valid');
    expect(code).toBe(1);
    expect(out).toEqual([
      'test/fixtures/flows/valid/main.json: action "Set queue": ${queue:General} names no queue (known: City Services) [error unknown-reference]',
      'test/fixtures/flows/valid/queue-wait.json: action "Hold music": ${prompt:hold-music} names no prompt (known: none) [error unknown-reference]',
      '3 flow files checked: 2 errors, 0 warnings',
    ]);
  });

  test('with --jurisdiction, a flow may name the flows the jurisdiction deploys and its config values', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-lint-'));
    const flow = {
      Name: 'Fork flow',
      Type: 'CONTACT_FLOW',
      Description: 'Refers to kit flows and config values.',
      Content: {
        Version: '2019-10-30',
        StartAction: 'Greeting',
        Actions: [
          { Identifier: 'Greeting', Type: 'MessageParticipant', Parameters: { Text: 'Welcome to ${config:displayName}.' }, Transitions: { NextAction: 'Hooks', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Hooks' }] } },
          { Identifier: 'Hooks', Type: 'UpdateContactEventHooks', Parameters: { EventHooks: { CustomerQueue: '${flow:customer-queue}' } }, Transitions: { NextAction: 'Queue', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Queue' }] } },
          { Identifier: 'Queue', Type: 'UpdateContactTargetQueue', Parameters: { QueueId: '${route:spanish}' }, Transitions: { NextAction: 'Bye', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Bye' }] } },
          { Identifier: 'Bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
        ],
      },
    };
    fs.writeFileSync(path.join(dir, 'fork.json'), JSON.stringify(flow));
    try {
      expect(await run('--jurisdiction', 'riverton-311', '--config-dir', EXAMPLES_CONFIG, dir)).toEqual({ code: 0, out: ['1 flow file checked: 0 errors, 0 warnings'], err: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the kit\'s default flows lint clean, without warnings, for every example jurisdiction', async () => {
    expect(await run('--strict')).toMatchObject({ code: 0, err: [NO_JURISDICTION_NOTE] });
    for (const id of ['pinecrest-benefits', 'riverton-311']) {
      const { code, out } = await run('--strict', '--jurisdiction', id, '--config-dir', EXAMPLES_CONFIG);
      expect({ id, code, findings: out.slice(0, -1) }).toEqual({ id, code: 0, findings: [] });
    }
  });

  test('exits 1 with the config problems for an unknown jurisdiction', async () => {
    const { code, err } = await run('--jurisdiction', 'springfield');
    expect(code).toBe(1);
    expect(err[0]).toMatch(/^Configuration has 1 problem:\n {2}config\/jurisdictions\/springfield\.yaml: \(file\): jurisdiction "springfield" has no file \(known: /);
  });

  test('exits 2 with the usage on a bad format, a missing path or an unknown option', async () => {
    expect(await run('--format', 'xml')).toEqual({ code: 2, out: [], err: [`gcck lint-flows: --format must be text or json, not "xml"\n${USAGE}`] });
    expect(await run('no/such/flows')).toEqual({ code: 2, out: [], err: [`gcck lint-flows: no such file or folder: no/such/flows\n${USAGE}`] });
    expect((await run('--fix')).code).toBe(2);
    expect(await run('--config-dir', 'config')).toEqual({ code: 2, out: [], err: [`gcck lint-flows: --config-dir needs --jurisdiction\n${USAGE}`] });
  });
});
