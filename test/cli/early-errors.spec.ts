import * as fs from 'fs';
import { main } from '../../lib/cli/main';
import { validateTargets } from '../../lib/cli/validate';
import { displayPath } from '../../lib/config/display-path';
import { EXAMPLES_CONFIG, exampleFile } from '../helpers/example-paths';
import { mutatedRiverton, replaceOnce } from '../helpers/mutated-config';

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
    expect(out).toEqual(['usage: gcck validate [--config-dir DIR] [JURISDICTION_ID|FILE ...]\n\ncheck jurisdiction config files and report every problem']);
  });

  test('<command> -h does the same', async () => {
    const { io, out } = capture();
    expect(await main(['lint-flows', '-h'], io)).toBe(0);
    expect(out[0]).toMatch(/^usage: gcck lint-flows /);
  });
});

describe('gcck validate targets', () => {
  test('accepts a path to a jurisdiction file: its config folder, that jurisdiction only', () => {
    // (the fixture copy: the agency's own files in config/ may differ; test/cli/main.test.ts
    // runs `gcck validate` on paths to the end, a successful build)
    expect(validateTargets([exampleFile('riverton-311')], undefined)).toEqual({ configDir: EXAMPLES_CONFIG, only: ['riverton-311'] });
  });

  test('an unknown id names the file it looked for and the known ids, not -c jurisdiction', async () => {
    const { io, err } = capture();
    expect(await main(['validate', '--config-dir', EXAMPLES_CONFIG, 'nosuch'], io)).toBe(2);
    expect(err[0].split('\n')[0]).toBe(`gcck validate: no jurisdiction file ${EXAMPLES_CONFIG}/jurisdictions/nosuch.yaml (known: pinecrest-benefits, riverton-311)`);
  });

  test('a file outside a jurisdictions folder is a usage mistake saying where files go', async () => {
    const { io, err } = capture();
    expect(await main(['validate', 'config/defaults.yaml'], io)).toBe(2);
    expect(err[0].split('\n')[0]).toBe('gcck validate: config/defaults.yaml is not a jurisdiction file (expected <config dir>/jurisdictions/<id>.yaml)');
  });
});

describe('gcck lint-flows without --jurisdiction', () => {
  test('says that references were not checked against any jurisdiction', async () => {
    const { io, err } = capture();
    expect(await main(['lint-flows', 'test/fixtures/flows/rules/unreachable-action'], io)).toBe(0);
    expect(err).toEqual([
      'note: without --jurisdiction, ${...} references are checked for syntax and kind only, not that the queues, hours, functions, bots, prompts or flows they name exist (add --jurisdiction ID to check them)',
    ]);
  });
});

test('lint-flows --jurisdiction blames a missing flows folder on flows.folders in the YAML file', async () => {
  const { dir, file } = mutatedRiverton((t) => replaceOnce(t, 'phoneNumbers:', 'flows: { folders: [agency-flows] }\nphoneNumbers:'));
  try {
    const { io, err } = capture();
    expect(await main(['lint-flows', '--jurisdiction', 'riverton-311', '--config-dir', dir], io)).toBe(1);
    expect(err).toEqual([`Configuration has 1 problem:\n  ${displayPath(file)}: flows.folders[0]: "agency-flows" does not exist (folders are relative to the repository root, .)`]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
