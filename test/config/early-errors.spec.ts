import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../../lib/config/errors';
import { displayPath } from '../../lib/config/display-path';
import { loadJurisdictions } from '../../lib/config/loader';
import { loadKitInputs } from '../../lib/kit-app';
import { loadJurisdictionSources, SourceCache } from '../../lib/sources';
import { EXAMPLES_CONFIG_DIR } from '../helpers/example-paths';
import { mutatedRiverton, replaceOnce } from '../helpers/mutated-config';

/** The problem lines of a config folder that must be rejected. */
function problemsOf(configDir: string, only?: string[]): readonly string[] {
  try {
    loadJurisdictions({ configDir, only });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error(`${configDir} was accepted`);
}

const made: string[] = [];
/** A changed copy of the Riverton example, removed after each test. */
function riverton(edit: (text: string) => string) {
  const result = mutatedRiverton(edit);
  made.push(result.dir);
  return { ...result, shown: displayPath(result.file) };
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('early, clear config errors', () => {
  test('a negative archiveAfterDays gets one message, not a second about the end of retention', () => {
    const { dir, shown } = riverton((t) => replaceOnce(t, 'archiveAfterDays: 365', 'archiveAfterDays: -1'));
    expect(problemsOf(dir)).toEqual([`${shown}: retention.contactRecords.archiveAfterDays: -1 is out of range (must be at least 1)`]);
  });

  test('negative retention days get one message, not "use fewer than -1825 days"', () => {
    const { dir, shown } = riverton((t) => replaceOnce(t, 'contactRecords: { days: 730', 'contactRecords: { days: -1825'));
    expect(problemsOf(dir)).toEqual([`${shown}: retention.contactRecords.days: -1825 is out of range (must be at least 1)`]);
  });

  test('a misspelt displayName reports only the unknown key, with the hint', () => {
    const { dir, shown } = riverton((t) => replaceOnce(t, 'displayName:', 'displayname:'));
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${escape(shown)}: displayname: unknown key, did you mean "displayName"\\? \\(allowed: id, displayName, `));
  });

  test('one line indented a space too deep is one problem, with its line, column and plain words', () => {
    const { dir, shown } = riverton((t) => replaceOnce(t, '  identityManagement:', '   identityManagement:'));
    expect(problemsOf(dir)).toEqual([
      `${shown}: (line 14, column 4): invalid YAML: this line is indented more than the key on line 13, so it cannot start a key there (keys of one mapping must start in the same column)`,
    ]);
  });

  test('one line indented a space too shallow is one problem, with its line, column and plain words', () => {
    const { dir, shown } = riverton((t) => replaceOnce(t, '  identityManagement:', ' identityManagement:'));
    expect(problemsOf(dir)).toEqual([
      `${shown}: (line 14, column 1): invalid YAML: this line is indented differently from the keys above it (keys of one mapping must start in the same column)`,
    ]);
  });

  test('a key given twice in two mappings is two problems', () => {
    const { dir, shown } = riverton((t) => replaceOnce(replaceOnce(t, '  identityManagement:', '  alias: again\n  identityManagement:'), 'languages:', 'languages: [es-US]\nlanguages:'));
    expect(problemsOf(dir)).toEqual([
      `${shown}: (line 14, column 3): invalid YAML: Map keys must be unique`,
      `${shown}: (line 18, column 1): invalid YAML: Map keys must be unique`,
    ]);
  });

  describe('a file copied with only its id changed', () => {
    /** The Riverton example plus dmv.yaml, a copy of it with only the id changed. */
    function withCopy() {
      const { dir, file, shown } = riverton((t) => `${t}# The original.\n`);
      const copy = path.join(dir, 'jurisdictions', 'dmv.yaml');
      fs.writeFileSync(copy, replaceOnce(fs.readFileSync(file, 'utf8'), 'id: riverton-311', 'id: dmv'));
      return { dir, original: shown, copy: displayPath(copy) };
    }

    test('is blamed for the alias it kept when it is selected alone', () => {
      const { dir, original, copy } = withCopy();
      expect(problemsOf(dir, ['dmv'])).toEqual([
        `${copy}: instance.alias: "riverton-311-cc" is also the alias of ${original} (aliases are globally unique: give each jurisdiction its own, e.g. "dmv-cc")`,
      ]);
    });

    test('is blamed, not the original, when both are loaded', () => {
      const { dir, original, copy } = withCopy();
      expect(problemsOf(dir)).toEqual([
        `${copy}: instance.alias: "riverton-311-cc" is also the alias of ${original} (aliases are globally unique: give each jurisdiction its own, e.g. "dmv-cc")`,
      ]);
    });

    test('only warns when the original is selected alone', () => {
      const { dir, original, copy } = withCopy();
      const { configs, warnings } = loadJurisdictions({ configDir: dir, only: ['riverton-311'] });
      expect(configs.map((c) => c.id)).toEqual(['riverton-311']);
      expect(warnings).toEqual([
        `${copy}: instance.alias: "riverton-311-cc" is also the alias of ${original} (aliases are globally unique: give each jurisdiction its own, e.g. "dmv-cc")`,
      ]);
    });
  });
});

describe('bot locales, checked before any construct', () => {
  test('a bot without the locale of a caller language is blamed on the jurisdiction file, naming the bot and the language', () => {
    const root = path.join(__dirname, '..', '..');
    const base = loadKitInputs({ configDir: EXAMPLES_CONFIG_DIR, only: ['riverton-311'] }, root);
    const config = { ...base.configs[0], languages: ['en-US', 'es-US'], lexLocales: ['en_US', 'es_US'] } as typeof base.configs[0];
    const cache = new SourceCache();
    // The kit's citizen-services bot as an agency's English-only copy would be: en_US only.
    const definitions = new Map(base.sources[0].bots);
    const bot = definitions.get('citizen-services')!;
    definitions.set('citizen-services', { ...bot, locales: { en_US: bot.locales.en_US } } as typeof bot);
    cache.bots.set(`${config.region}|${config.bots.join(',')}`, { definitions, warnings: [] });
    expect(() => loadJurisdictionSources(config, root, cache)).toThrow(
      'Configuration has 1 problem:\n  config/jurisdictions/riverton-311.yaml: bots[0]: bot "citizen-services" has no es_US locale, which languages[1] "es-US" needs (declared: en_US; add es_US to config/bots/citizen-services.yaml, or list another bot)',
    );
  });
});

describe('holiday calendars', () => {
  const today = new Date('2028-01-10T15:00:00Z');

  test('warns when every holiday date of an hours set is in the past', () => {
    const { dir, shown } = riverton((t) => `${t}# Loaded in 2028.\n`);
    const { warnings } = loadJurisdictions({ configDir: dir, today });
    expect(warnings).toEqual([
      `${shown}: hours[0].holidays: every holiday date is in the past (latest 2027-12-24, today 2028-01-10), so these hours close on no holiday (add the coming year's dates: holiday calendars need a yearly update)`,
    ]);
  });

  test('does not warn while one holiday is still ahead', () => {
    const { dir } = riverton((t) => replaceOnce(t, '"2027-12-24"', '"2028-12-25"'));
    expect(loadJurisdictions({ configDir: dir, today }).warnings).toEqual([]);
  });

  test('counts a closure by its last day', () => {
    const { dir } = riverton((t) => replaceOnce(t, 'date: "2027-12-24" }', 'date: "2027-12-24", through: "2028-01-10" }'));
    expect(loadJurisdictions({ configDir: dir, today }).warnings).toEqual([]);
  });
});

describe('problems found after loading name the file that was loaded', () => {
  const root = path.join(__dirname, '..', '..');

  test('a missing flows folder is blamed on the jurisdiction file in the config folder given, not config/jurisdictions', () => {
    const { dir, shown } = riverton((t) => `${t}flows:\n  folders: [agency-flows/nowhere]\n`);
    expect(() => loadKitInputs({ configDir: dir }, root)).toThrow(`${shown}: flows.folders[0]:`);
  });

  test('a .yml jurisdiction file is named as .yml in problems about its flows', () => {
    const { dir, file } = riverton((t) => `${t}flows:\n  folders: [agency-flows/nowhere]\n`);
    const yml = file.replace(/\.yaml$/, '.yml');
    fs.renameSync(file, yml);
    expect(() => loadKitInputs({ configDir: dir }, root)).toThrow(`${displayPath(yml)}: flows.folders[0]:`);
  });

  test('the loader lists each config with its file', () => {
    const { configs, files } = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR });
    expect(configs.map((c) => c.id)).toEqual(['pinecrest-benefits', 'riverton-311']);
    expect(files).toEqual(['test/fixtures/config/examples/jurisdictions/pinecrest-benefits.yaml', 'test/fixtures/config/examples/jurisdictions/riverton-311.yaml']);
  });
});
