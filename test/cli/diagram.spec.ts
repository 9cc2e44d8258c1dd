import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';
import { renderFlowMarkdown } from '../../lib/flows/diagram';
import { loadFlows } from '../../lib/flows/loader';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

async function run(...argv: string[]) {
  const { io, out, err } = capture();
  const code = await main(['diagram', ...argv], io);
  return { code, out, err };
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-diagram-'));
  made.push(dir);
  return dir;
};

describe('gcck diagram', () => {
  test('writes one Markdown file per flow', async () => {
    const out = tmp();
    const result = await run('--out', out, 'test/fixtures/flows/valid');
    expect(result.code).toBe(0);
    expect(result.out).toEqual([`wrote 3 diagrams:\n  ${out}/main.md\n  ${out}/queue-wait.md\n  ${out}/verify-caller.md`]);
    expect(fs.readdirSync(out).sort()).toEqual(['main.md', 'queue-wait.md', 'verify-caller.md']);
    expect(fs.readFileSync(path.join(out, 'main.md'), 'utf8')).toBe(renderFlowMarkdown(loadFlows(['test/fixtures/flows/valid/main.json']).flows[0]));
  });

  test('draws every default flow', async () => {
    const out = tmp();
    expect((await run('--out', out)).code).toBe(0);
    const flows = loadFlows(['contact-flows']).flows;
    expect(fs.readdirSync(out).sort()).toEqual(flows.map((f) => `${f.name}.md`).sort());
    for (const flow of flows) expect(fs.readFileSync(path.join(out, `${flow.name}.md`), 'utf8')).toMatch(/```mermaid\nflowchart TD\n/);
  });

  test('reports files that do not load, draws the rest and exits 1', async () => {
    const out = tmp();
    const result = await run('--out', out, 'test/fixtures/flows/rules/invalid-json', 'test/fixtures/flows/diagram');
    expect(result.code).toBe(1);
    expect(result.err).toEqual(['not drawn: test/fixtures/flows/rules/invalid-json/trailing-comma.json: (line 10, column 5): invalid JSON: expected a value (JSON allows no comma before "]") [error invalid-json]']);
    expect(fs.readdirSync(out)).toEqual(['small.md']);
  });

  test('exits 2 for a path that does not exist', async () => {
    expect((await run('--out', tmp(), 'no/such/flows')).code).toBe(2);
  });

  test('exits 0 when every file was drawn, showing problems as notes, with the inferred type in the header', async () => {
    const out = tmp();
    const result = await run('--out', out, 'test/fixtures/flows/untyped/agent-transfer.json', 'test/fixtures/flows/untyped/queue-wait.json');
    expect(result.code).toBe(0);
    expect(result.err).toEqual([
      'note: test/fixtures/flows/untyped/agent-transfer.json: declares no flow type: type unknown (TransferContactToAgent: a transfer flow (AGENT_TRANSFER or QUEUE_TRANSFER)); flow-type checks accept any of AGENT_TRANSFER, QUEUE_TRANSFER; declare "Type" (gcck import-flow writes it) [warning flow-file]',
    ]);
    expect(fs.readFileSync(path.join(out, 'queue-wait.md'), 'utf8')).toContain('`queue-wait` · CUSTOMER_QUEUE (inferred) · test/fixtures/flows/untyped/queue-wait.json');
    expect(fs.readFileSync(path.join(out, 'agent-transfer.md'), 'utf8')).toContain('`agent-transfer` · type unknown (AGENT_TRANSFER or QUEUE_TRANSFER)');
  });
});
