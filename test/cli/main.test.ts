import { spawnSync } from 'child_process';
import * as path from 'path';
import { Command, UsageError } from '../../lib/cli/command';
import { main } from '../../lib/cli/main';
import { exampleFile } from '../helpers/example-paths';

const ROOT = path.join(__dirname, '..', '..');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const failing: Command = {
  name: 'explode',
  summary: 'fails',
  usage: 'gcck explode',
  async run(args) {
    if (args.length > 0) throw new UsageError('takes no arguments');
    throw new Error('disk on fire');
  },
};

describe('gcck main', () => {
  test('lists the commands for help', async () => {
    const { io, out } = capture();
    expect(await main(['help'], io)).toBe(0);
    expect(out[0]).toMatch(/^usage: gcck <command> \[arguments\]\n\ncommands:\n {2}validate {7}check jurisdiction config files/);
  });

  test('exits 2 naming an unknown command', async () => {
    const { io, err } = capture();
    expect(await main(['deploy-everything'], io)).toBe(2);
    expect(err[0]).toMatch(/^gcck: unknown command "deploy-everything"/);
  });

  test('exits 2 with the usage on a usage mistake', async () => {
    const { io, err } = capture();
    expect(await main(['explode', 'now'], io, [failing])).toBe(2);
    expect(err).toEqual(['gcck explode: takes no arguments\nusage: gcck explode']);
  });

  test('exits 1 with one line and no stack trace when a command fails', async () => {
    const { io, err } = capture();
    expect(await main(['explode'], io, [failing])).toBe(1);
    expect(err).toEqual(['gcck explode: disk on fire']);
  });

  test('validates the example jurisdictions, named by the paths of their files, and exits 0 (bin/gcck.ts, a real process)', () => {
    // One full build of each example for the whole CLI suite: the other tests fail before building.
    // In a node process, as `npm run gcck` runs it: the same build costs about half the CPU
    // outside a jest worker, and the exit code is the process's own.
    const run = spawnSync(process.execPath, ['--require', './bin/ts-cache.cjs', 'bin/gcck.ts', 'validate', exampleFile('pinecrest-benefits'), exampleFile('riverton-311')], {
      cwd: ROOT,
      // The test environment's variables (test/setup-env.ts: validation, bundling and caches off), not the worker's.
      env: process.env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '2 jurisdictions valid: pinecrest-benefits, riverton-311\n', stderr: '' });
  });

  test('exits 1 with every problem for a bad config folder', async () => {
    const { io, err } = capture();
    expect(await main(['validate', '--config-dir', 'test/fixtures/config/wrong-type'], io)).toBe(1);
    expect(err[0]).toMatch(/^Configuration has \d+ problems:\n {2}test\/fixtures\/config\/wrong-type\/jurisdictions\/riverton-311\.yaml: account: expected a string/);
  });

  test('rejects an unknown option as a usage mistake', async () => {
    const { io, err } = capture();
    expect(await main(['validate', '--verbose'], io)).toBe(2);
    expect(err).toEqual(['gcck validate: unknown option --verbose (known: --config-dir)\nusage: gcck validate [--config-dir DIR] [JURISDICTION_ID|FILE ...]']);
  });
});
