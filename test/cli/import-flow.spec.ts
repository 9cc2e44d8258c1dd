import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';
import { EXAMPLES_CONFIG } from '../helpers/example-paths';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['import-flow', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-import-flow-'));
  made.push(dir);
  return dir;
};
const DIR = 'test/fixtures/flows/import';

describe('gcck import-flow', () => {
  test('writes kit flow files with the jurisdiction\'s names and exits 0 when they lint clean', async () => {
    const out = tmp();
    const result = await run(`${DIR}/queue-wait.envelope.json`, `${DIR}/stack.template.yaml`, '--jurisdiction', 'pinecrest-benefits', '--config-dir', EXAMPLES_CONFIG, '--out', out);
    expect(result.err).toEqual([]);
    expect(result.out).toHaveLength(3);
    expect(result.out[0]).toMatch(/queue-wait\.json \(CUSTOMER_QUEUE, 1 value converted\)$/);
    expect(result.out[1]).toMatch(/spanish-survey\.json \(CONTACT_FLOW, 2 values converted\)$/);
    expect(result.out[2]).toMatch(/^lint: 0 errors, 0 warnings \(add ".*" to flows\.folders of pinecrest-benefits to deploy them\)$/);
    expect(result.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'queue-wait.json'), 'utf8')).Content.Actions[1].Parameters).toEqual({ QueueId: '${queue:General}' });
  });

  test('prints the unmapped values and the lint findings, and exits 1 when the result does not lint clean', async () => {
    const out = tmp();
    const result = await run(`${DIR}/console-inbound.json`, `${DIR}/verify-caller.describe.json`, '--jurisdiction', 'pinecrest-benefits', '--config-dir', EXAMPLES_CONFIG, '--out', out);
    expect(result.code).toBe(1);
    expect(result.out).toContain('1 value could not be mapped (left as found):');
    expect(result.out).toContain(
      '  test/fixtures/flows/import/console-inbound.json: flow benefits-inbound: action "Permits": QueueId "arn:aws-us-gov:connect:us-gov-west-1:111122223333:instance/6d1c9f2e-3b4a-4c5d-9e8f-7a6b...": "Claim" is no queue name of the jurisdiction (candidates: Claims)',
    );
    expect(result.out.some((line) => line.endsWith('[error literal-arn]') && line.includes('action "Permits"'))).toBe(true);
  });

  test('needs a jurisdiction and existing files (usage errors exit 2)', async () => {
    expect((await run(`${DIR}/console-inbound.json`)).code).toBe(2);
    expect((await run('--jurisdiction', 'pinecrest-benefits', '--config-dir', EXAMPLES_CONFIG)).code).toBe(2);
    expect((await run('nope.json', '--jurisdiction', 'pinecrest-benefits', '--config-dir', EXAMPLES_CONFIG)).err[0]).toMatch(/^gcck import-flow: no such file: nope\.json\nusage: gcck import-flow /);
  });
});
