import { main } from '../../lib/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('gcck help and --help', () => {
  test('help for an unknown command exits 2 naming it, with the list of commands', async () => {
    const { io, out, err } = capture();
    expect(await main(['help', 'nosuch'], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^gcck help: unknown command "nosuch"\n\nusage: gcck <command> \[arguments\]\n\ncommands:\n {2}validate /);
  });

  test('<command> --help prints the command usage and exits 0', async () => {
    const { io, out, err } = capture();
    expect(await main(['validate', '--help'], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual(['usage: gcck validate [--config-dir DIR] [JURISDICTION_ID ...]\n\ncheck jurisdiction config files and report every problem']);
  });

  test('<command> -h does the same', async () => {
    const { io, out } = capture();
    expect(await main(['lint-flows', '-h'], io)).toBe(0);
    expect(out[0]).toMatch(/^usage: gcck lint-flows /);
  });
});
