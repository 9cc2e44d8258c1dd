import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';
import { EXAMPLES_CONFIG_DIR } from '../helpers/example-paths';

const ROOT = path.join(__dirname, '..', '..');

/** A config folder as a fork leaves it: the examples removed, one jurisdiction of its own (a renamed Riverton). */
function forkConfig(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-fork-'));
  fs.mkdirSync(path.join(dir, 'jurisdictions'));
  fs.copyFileSync(path.join(EXAMPLES_CONFIG_DIR, 'defaults.yaml'), path.join(dir, 'defaults.yaml'));
  const riverton = fs.readFileSync(path.join(EXAMPLES_CONFIG_DIR, 'jurisdictions', 'riverton-311.yaml'), 'utf8');
  const own = riverton
    .replace('id: riverton-311', 'id: lakeside-dmv')
    .replace('account: "222222222222"', 'account: "333333333333"');
  if (!own.includes('id: lakeside-dmv') || !own.includes('333333333333')) throw new Error('the Riverton fixture changed: update forkConfig');
  fs.writeFileSync(path.join(dir, 'jurisdictions', 'lakeside-dmv.yaml'), own);
  return dir;
}

test('test-flows in a fork without the examples skips their scenarios with one note and passes', async () => {
  const dir = forkConfig();
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const code = await main(['test-flows', '--config-dir', dir], { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect({ code, err }).toEqual({ code: 0, err: [] });
  } finally {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const total = fs.readdirSync(path.join(ROOT, 'contact-flows', 'tests')).filter((f) => f.endsWith('.yaml')).length;
  expect(out[0]).toBe(`skipped ${total} scenario(s) naming only jurisdictions not in the config (pinecrest-benefits, riverton-311)`);
  expect(out).toContain('lakeside-dmv:');
  expect(out[out.length - 1]).toBe('0 passed, 0 failed');
});
