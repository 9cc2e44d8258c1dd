import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { displayPath } from '../../lib/config/display-path';
import { loadJurisdictions } from '../../lib/config/loader';
import { EXAMPLES_CONFIG_DIR } from '../helpers/example-paths';

/**
 * `-c jurisdiction=<id>` (and gcck --jurisdiction) over a folder of many jurisdictions: the
 * other files are read only as far as the instance-alias clash check needs.
 */
describe('loading one selected jurisdiction', () => {
  let dir: string;
  const riverton = fs.readFileSync(path.join(EXAMPLES_CONFIG_DIR, 'jurisdictions', 'riverton-311.yaml'), 'utf8');
  /** riverton-311 under another id, with its own alias unless `alias` says otherwise (null: none). */
  const copyAs = (id: string, alias: string | null) => {
    let text = riverton.replace(/^id: riverton-311$/m, `id: ${id}`);
    text = alias === null ? text.replace(/^ {2}alias: riverton-311-cc\n/m, '') : text.replace(/^ {2}alias: riverton-311-cc$/m, `  alias: ${alias}`);
    fs.writeFileSync(path.join(dir, 'jurisdictions', `${id}.yaml`), text);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-selection-'));
    fs.mkdirSync(path.join(dir, 'jurisdictions'));
    fs.copyFileSync(path.join(EXAMPLES_CONFIG_DIR, 'defaults.yaml'), path.join(dir, 'defaults.yaml'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('parses no unselected file that cannot share the selected alias', () => {
    for (let i = 1; i <= 20; i++) copyAs(`county-${i}`, `county-${i}-cc`);
    // Every YAML parse, counted through a fresh copy of the loader over a wrapped yaml (the
    // transform jest uses exports non-configurable getters, which cannot be spied on in place).
    const parsedTexts: string[] = [];
    let isolated: typeof import('../../lib/config/loader') | undefined;
    jest.isolateModules(() => {
      jest.doMock('yaml', () => {
        const actual = jest.requireActual('yaml');
        return { ...actual, parseDocument: (text: string, ...rest: unknown[]) => (parsedTexts.push(text), actual.parseDocument(text, ...rest)) };
      });
      isolated = require('../../lib/config/loader');
    });
    const { configs, warnings } = isolated!.loadJurisdictions({ configDir: dir, only: ['county-7'] });
    expect(configs.map((c) => c.id)).toEqual(['county-7']);
    expect(warnings.filter((w) => w.includes('instance.alias'))).toEqual([]);
    const parsedIds = parsedTexts.flatMap((text) => /^id: (\S+)$/m.exec(text)?.[1] ?? []);
    expect(parsedIds).toEqual(['county-7']);
  });

  test('still warns about an unselected copy that kept the selected alias', () => {
    for (let i = 1; i <= 5; i++) copyAs(`county-${i}`, `county-${i}-cc`);
    copyAs('dmv', 'county-3-cc');
    const { warnings } = loadJurisdictions({ configDir: dir, only: ['county-3'] });
    expect(warnings).toContain(
      `${displayPath(path.join(dir, 'jurisdictions', 'dmv.yaml'))}: instance.alias: "county-3-cc" is also the alias of ${displayPath(path.join(dir, 'jurisdictions', 'county-3.yaml'))} (aliases are globally unique: give each jurisdiction its own, e.g. "dmv-cc")`,
    );
  });

  test('an alias every file inherits from defaults.yaml is still a clash', () => {
    const defaults = fs.readFileSync(path.join(dir, 'defaults.yaml'), 'utf8').replace(/^instance:$/m, 'instance:\n  alias: shared-cc');
    fs.writeFileSync(path.join(dir, 'defaults.yaml'), defaults);
    copyAs('north', null);
    copyAs('south', null);
    copyAs('east', 'east-cc');
    const shown = (id: string) => displayPath(path.join(dir, 'jurisdictions', `${id}.yaml`));
    expect(() => loadJurisdictions({ configDir: dir, only: ['north'] })).toThrow(
      `${shown('north')}: instance.alias: "shared-cc" is also the alias of ${shown('south')} (aliases are globally unique: give each jurisdiction its own, e.g. "north-cc")`,
    );
  });
});
