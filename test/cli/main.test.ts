import { Command, UsageError } from '../../lib/cli/command';
import { main } from '../../lib/cli/main';
import { exampleFile } from '../helpers/examples';

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

  test('validates the example jurisdictions, named by the paths of their files', async () => {
    const { io, out } = capture();
    // One full build of each example for the whole CLI suite: the other tests fail before building.
    expect(await main(['validate', exampleFile('pinecrest-benefits'), exampleFile('riverton-311')], io)).toBe(0);
    expect(out).toEqual(['2 jurisdictions valid: pinecrest-benefits, riverton-311']);
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
