import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { ConfigError } from '../../lib/config/errors';
import { checkJurisdictionFile, loadJurisdictions, mergeUnder, textProblems } from '../../lib/config/loader';
import { closest } from '../../lib/config/zod-issues';
import { mutatedRiverton, replaceOnce } from '../helpers/mutated-config';
import { EXAMPLES_CONFIG, EXAMPLES_CONFIG_DIR } from '../helpers/example-paths';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'config');

/** A fixture's jurisdiction file as the problem lines show it (relative to the repo root, where jest runs). */
const fileOf = (fixture: string, id: string) => `test/fixtures/config/${fixture}/jurisdictions/${id}.yaml`;

const TOP_LEVEL_KEYS =
  'id, displayName, account, region, tags, instance, languages, lexLocales, features, chat, followUp, retention, functions, routing, bots, flows, prompts, agentView, phoneNumbers, analytics, monitoring, officeInfo, hours, queues, routingProfiles, quickConnects, agentStatuses, evaluationForm, proficiencyRouting, agentHierarchy';
const TIME_ZONE_EXAMPLES = '(e.g. America/New_York, America/Chicago, America/Denver, America/Los_Angeles, Pacific/Honolulu)';
const GOVCLOUD_FEATURES = '(available there: chat, tasks, contactLens)';

/** Loads a config folder that must be rejected and returns its ConfigError. */
function rejectionOf(configDir: string, only?: string[]): ConfigError {
  try {
    loadJurisdictions({ configDir, only });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`${configDir} was accepted`);
}
/** The problem lines of a fixture under test/fixtures/config that must be rejected. */
const problemsOf = (fixture: string) => rejectionOf(path.join(FIXTURES, fixture)).problems;

/** A scratch config folder in the OS temp dir, removed after each test. */
let scratch: string | undefined;
function scratchConfig(files: Record<string, string>): string {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-config-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
    fs.writeFileSync(path.join(scratch, name), text);
  }
  return scratch;
}
afterEach(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('loadJurisdictions with the example config', () => {
  const { configs, warnings } = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR });
  const [pinecrest, riverton] = configs;

  test('accepts both examples, in file-name order, without warnings', () => {
    expect(configs.map((c) => c.id)).toEqual(['pinecrest-benefits', 'riverton-311']);
    expect(warnings).toEqual([]);
  });

  test('applies schema defaults the file leaves out', () => {
    expect(riverton.features).toEqual({
      chat: true,
      tasks: false,
      contactLens: true,
      customerProfiles: false,
      cases: false,
      outboundCampaigns: false,
      emailChannel: false,
      voiceId: false,
      amazonQInConnect: false,
      globalResiliency: false,
    });
    expect(riverton.quickConnects).toEqual([]);
    expect(riverton.agentStatuses).toEqual([]);
    expect(riverton.retention.recordings).toEqual({ days: 365, mode: 'GOVERNANCE', expireAfterRetention: true });
    expect(riverton.routingProfiles[0].concurrency).toEqual({ voice: 1, chat: 2, task: 0 });
    expect(riverton.routingProfiles[0].queues).toEqual([{ queue: 'City Services', channels: ['VOICE', 'CHAT'], priority: 1, delaySeconds: 0 }]);
  });

  test('merges config/defaults.yaml underneath, with the file winning', () => {
    expect(riverton.instance).toEqual({
      alias: 'riverton-311-cc',
      identityManagement: 'CONNECT_MANAGED',
      inboundCalls: true,
      outboundCalls: false,
      earlyMedia: true,
      autoResolveBestVoices: true,
    });
    expect(riverton.retention.accessLogsDays).toEqual(180);
    expect(riverton.retention.agentEventsHours).toEqual(168);
  });

  test('keeps the values the file gives', () => {
    expect(pinecrest.languages).toEqual(['en-US', 'es-US']);
    expect(pinecrest.lexLocales).toEqual(['en_US', 'es_US']);
    expect(pinecrest.hours.map((h) => h.name)).toEqual(['main', 'extended']);
    expect(pinecrest.hours[0].holidays[5]).toEqual({ name: 'Thanksgiving', date: '2027-11-25', through: '2027-11-26' });
    expect(pinecrest.queues.map((q) => q.name)).toEqual(['General', 'Claims', 'Spanish', 'Escalations']);
    expect(pinecrest.retention.recordings).toEqual({ days: 2555, mode: 'COMPLIANCE', archiveAfterDays: 90, expireAfterRetention: true });
    expect(pinecrest.account).toEqual('111111111111');
  });

  test('returns deeply frozen configs', () => {
    expect(Object.isFrozen(riverton)).toBe(true);
    expect(Object.isFrozen(riverton.features)).toBe(true);
    expect(Object.isFrozen(riverton.hours[0].schedule[0].days)).toBe(true);
    expect(() => {
      (riverton.features as { tasks: boolean }).tasks = true;
    }).toThrow(TypeError);
  });

  test('loads only the jurisdictions named in only', () => {
    const selected = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: ['riverton-311'] });
    expect(selected.configs.map((c) => c.id)).toEqual(['riverton-311']);
  });

  test('loads every jurisdiction when only is empty', () => {
    expect(loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: [] }).configs).toHaveLength(2);
  });

  test('rejects an unknown jurisdiction id in only, naming the known ones', () => {
    expect(rejectionOf(EXAMPLES_CONFIG_DIR, ['riverton-312', 'springfield']).problems).toEqual([
      `${EXAMPLES_CONFIG}/jurisdictions/riverton-312.yaml: (file): jurisdiction "riverton-312" has no file, did you mean "riverton-311"? (known: pinecrest-benefits, riverton-311)`,
      `${EXAMPLES_CONFIG}/jurisdictions/springfield.yaml: (file): jurisdiction "springfield" has no file (known: pinecrest-benefits, riverton-311)`,
    ]);
  });
});

describe('loadJurisdictions with defaults.yaml', () => {
  test('fills keys the jurisdiction leaves out (region included) and lets it override single keys', () => {
    const { configs } = loadJurisdictions({ configDir: path.join(FIXTURES, 'defaults-merged') });
    const [lakeside, riverton] = configs;

    expect(lakeside.region).toEqual('us-gov-west-1');
    expect(riverton.region).toEqual('us-gov-west-1');
    expect(lakeside.instance.outboundCalls).toBe(false);
    expect(riverton.instance.outboundCalls).toBe(true);
    expect(riverton.instance.identityManagement).toEqual('CONNECT_MANAGED');
    expect(riverton.features.chat).toBe(false);
    expect(riverton.features.tasks).toBe(true);
    expect(riverton.retention.accessLogsDays).toEqual(400);
  });

  test('replaces a list from the defaults whole rather than merging it', () => {
    const [lakeside, riverton] = loadJurisdictions({ configDir: path.join(FIXTURES, 'defaults-merged') }).configs;
    expect(lakeside.languages).toEqual(['en-US', 'es-US']);
    expect(riverton.languages).toEqual(['en-US']);
    expect(riverton.lexLocales).toEqual(['en_US', 'es_US']);
  });

  test('reports a mistake in defaults.yaml against defaults.yaml, once', () => {
    expect(problemsOf('defaults-typo')).toEqual([
      'test/fixtures/config/defaults-typo/defaults.yaml: instance.earlyMedia: expected true or false, received string "yes"',
      `test/fixtures/config/defaults-typo/defaults.yaml: featurs: unknown key, did you mean "features"? (allowed: ${TOP_LEVEL_KEYS})`,
    ]);
  });
});

describe('loadJurisdictions rejects', () => {
  test('a misspelt key, suggesting the key it resembles', () => {
    expect(problemsOf('unknown-key')).toEqual([
      `${fileOf('unknown-key', 'riverton-311')}: instance.identityManagment: unknown key, did you mean "identityManagement"? (allowed: alias, identityManagement, inboundCalls, outboundCalls, earlyMedia, autoResolveBestVoices)`,
    ]);
  });

  test('values of the wrong type, saying what was received', () => {
    const file = fileOf('wrong-type', 'riverton-311');
    expect(problemsOf('wrong-type')).toEqual([
      `${file}: account: expected a string, received number 222222222222 (put the value in quotes)`,
      `${file}: instance.outboundCalls: expected true or false, received string "no"`,
      `${file}: queues[0].maxContacts: expected a whole number, received number 12.5`,
    ]);
  });

  test('a queue that names undefined hours and a routing profile that names undefined queues', () => {
    const file = fileOf('dangling-reference', 'riverton-311');
    expect(problemsOf('dangling-reference')).toEqual([
      `${file}: queues[1].hours: "weekend" is not a defined hours name (defined: main, extended)`,
      `${file}: routingProfiles[0].defaultOutboundQueue: "City Service" is not a defined queue name, did you mean "City Services"? (defined: City Services, Utilities)`,
      `${file}: routingProfiles[0].queues[1].queue: "Permits" is not a defined queue name (defined: City Services, Utilities)`,
    ]);
  });

  test('time zones that are not IANA names, including one in the wrong case', () => {
    const file = fileOf('bad-time-zone', 'riverton-311');
    expect(problemsOf('bad-time-zone')).toEqual([
      `${file}: hours[0].timeZone: "America/Denvr" is not an IANA time zone name, did you mean "America/Denver"? ${TIME_ZONE_EXAMPLES}`,
      `${file}: hours[1].timeZone: "MST" is not an IANA time zone name ${TIME_ZONE_EXAMPLES}`,
      `${file}: hours[2].timeZone: "america/denver" is not an IANA time zone name, did you mean "America/Denver"? ${TIME_ZONE_EXAMPLES}`,
    ]);
  });

  test('features and Lex locales that GovCloud does not offer', () => {
    const file = fileOf('region-feature', 'riverton-311');
    expect(problemsOf('region-feature')).toEqual([
      `${file}: features.customerProfiles: Customer Profiles is not available in us-gov-west-1 ${GOVCLOUD_FEATURES}`,
      `${file}: features.voiceId: Voice ID is not available in us-gov-west-1 ${GOVCLOUD_FEATURES}`,
      `${file}: lexLocales[1]: Lex V2 locale "fr_CA" is not available in us-gov-west-1 (available there: en_US, es_US)`,
    ]);
  });

  test('a holiday on a date that does not exist', () => {
    expect(problemsOf('invalid-holiday-date')).toEqual([
      `${fileOf('invalid-holiday-date', 'riverton-311')}: hours[0].holidays[1].date: "2027-02-30" is not a real calendar date (format: YYYY-MM-DD)`,
    ]);
  });

  test('an id that does not match the file name', () => {
    expect(problemsOf('id-mismatch')).toEqual([
      `${fileOf('id-mismatch', 'riverton-311')}: id: "riverton-411" does not match the file name (expected: riverton-311)`,
    ]);
  });

  test('two hours, queues or routing profiles with the same name', () => {
    const file = fileOf('duplicate-names', 'riverton-311');
    expect(problemsOf('duplicate-names')).toEqual([
      `${file}: hours[1].name: "main" is a duplicate hours name (names must be unique)`,
      `${file}: queues[1].name: "City Services" is a duplicate queue name (names must be unique)`,
      `${file}: routingProfiles[1].name: "311 Agent" is a duplicate routing profile name (names must be unique)`,
    ]);
  });

  test('two jurisdictions with the same instance alias', () => {
    expect(problemsOf('duplicate-alias')).toEqual([
      `${fileOf('duplicate-alias', 'riverton-311')}: instance.alias: "riverton-cc" is also the alias of ${fileOf('duplicate-alias', 'riverton-parks')} (aliases are globally unique: give each jurisdiction its own, e.g. "riverton-311-cc")`,
      `${fileOf('duplicate-alias', 'riverton-parks')}: instance.alias: "riverton-cc" is also the alias of ${fileOf('duplicate-alias', 'riverton-311')} (aliases are globally unique: give each jurisdiction its own, e.g. "riverton-parks-cc")`,
    ]);
  });

  test('invalid YAML, with the line and column', () => {
    expect(problemsOf('invalid-yaml')).toEqual([
      `${fileOf('invalid-yaml', 'riverton-311')}: (line 13, column 1): invalid YAML: this line is indented differently from the keys above it (keys of one mapping must start in the same column)`,
    ]);
  });

  test('a key given twice in one mapping', () => {
    expect(problemsOf('duplicate-key')).toEqual([`${fileOf('duplicate-key', 'riverton-311')}: (line 9, column 3): invalid YAML: Map keys must be unique`]);
  });

  test('a file with many mistakes, reporting all of them at once', () => {
    const file = fileOf('ten-mistakes', 'ten-mistakes');
    const problems = problemsOf('ten-mistakes');
    expect(problems).toEqual([
      // schema
      `${file}: account: "12345" must be a 12-digit AWS account id`,
      `${file}: tags.costCenter: "" has 0 characters (must have at least 1 character)`,
      `${file}: tags.dataClassification: "SECRET" is not allowed (allowed: PUBLIC, INTERNAL, CUI, CUI-SP-PRVCY)`,
      `${file}: instance.alias: "Ten_Mistakes" must be 1 to 62 lower-case letters, digits and "-", not starting or ending with "-"`,
      `${file}: retention.reports: is required (expected a mapping)`,
      `${file}: queues[1].maxContacts: 0 is out of range (must be at least 1)`,
      `${file}: routingProfiles[0].concurrency.chat: 11 is out of range (must be at most 10)`,
      `${file}: routingProfiles[0].queues[0].channels[1]: "EMAIL" is not allowed (allowed: VOICE, CHAT, TASK)`,
      `${file}: quickConnects[0].phoneNumber: "555-0100" must be an E.164 number such as "+12175550100"`,
      `${file}: displayname: unknown key, did you mean "displayName"? (allowed: ${TOP_LEVEL_KEYS})`,
      // cross-reference checks
      `${file}: id: "ten-mistake" does not match the file name (expected: ten-mistakes)`,
      `${file}: hours[0].timeZone: "Central" is not an IANA time zone name ${TIME_ZONE_EXAMPLES}`,
      `${file}: hours[0].schedule[0].end: "08:00" is not after start "17:00" (use "00:00" for midnight)`,
      `${file}: hours[0].holidays[0].date: "2027-02-29" is not a real calendar date (format: YYYY-MM-DD)`,
      `${file}: queues[0].hours: "mian" is not a defined hours name, did you mean "main"? (defined: main)`,
      `${file}: features.voiceId: Voice ID is not available in us-gov-west-1 ${GOVCLOUD_FEATURES}`,
      `${file}: lexLocales[1]: Lex V2 locale "de_DE" is not available in us-gov-west-1 (available there: en_US, es_US)`,
      `${file}: languages[1]: caller language "es-US" has no self-service bot locale (add es_US to lexLocales)`,
      `${file}: retention.recordings.archiveAfterDays: 400 is not before the end of retention (365 days), so objects would never be archived (use fewer than 365 days, or set expireAfterRetention: false)`,
    ]);
    expect(problems.length).toBeGreaterThanOrEqual(10);
    for (const line of problems) {
      expect(line).toMatch(/^test\/fixtures\/config\/ten-mistakes\/jurisdictions\/ten-mistakes\.yaml: [A-Za-z]\w*(\[\d+\]|\.[A-Za-z]\w*)*: \S/);
    }
  });
});

describe('loadJurisdictions warnings', () => {
  test('warns, without failing, when a default Amazon Connect quota is exceeded', () => {
    const { configs, warnings } = loadJurisdictions({ configDir: path.join(FIXTURES, 'quota-exceeded') });
    expect(configs.map((c) => c.id)).toEqual(['big-county']);
    expect(configs[0].queues).toHaveLength(51);
    expect(warnings).toEqual([
      `${fileOf('quota-exceeded', 'big-county')}: queues: 51 queues exceed the default Amazon Connect quota of 50 per instance (ask AWS Support to raise it before deploying)`,
    ]);
  });
});

describe('loadJurisdictions folder problems', () => {
  test('rejects a folder without jurisdiction files', () => {
    const dir = scratchConfig({ 'defaults.yaml': 'region: us-gov-west-1\n' });
    expect(() => loadJurisdictions({ configDir: dir })).toThrow(ConfigError);
    expect(() => loadJurisdictions({ configDir: dir })).toThrow(`${path.join(dir, 'jurisdictions')}: (folder): holds no jurisdiction files (add <id>.yaml)`);
  });

  test('rejects two files for the same id (.yaml and .yml)', () => {
    const dir = scratchConfig({ 'jurisdictions/a-b-c.yaml': 'id: a-b-c\n', 'jurisdictions/a-b-c.yml': 'id: a-b-c\n' });
    expect(rejectionOf(dir).problems).toEqual([
      `${path.join(dir, 'jurisdictions', 'a-b-c.yml')}: (file): jurisdiction a-b-c is also defined by a-b-c.yaml (keep one file per id)`,
    ]);
  });

  test('rejects a defaults.yaml that is not a mapping', () => {
    const dir = scratchConfig({ 'defaults.yaml': '- region: us-gov-west-1\n', 'jurisdictions/a-b-c.yaml': 'id: a-b-c\n' });
    expect(() => loadJurisdictions({ configDir: dir })).toThrow(`${path.join(dir, 'defaults.yaml')}: (top level): expected a mapping of settings`);
  });
});

describe('checkJurisdictionFile', () => {
  test('rejects a file that is a list rather than a mapping', () => {
    const dir = scratchConfig({ 'a-b-c.yaml': '- id: a-b-c\n' });
    const file = path.join(dir, 'a-b-c.yaml');
    expect(checkJurisdictionFile(file)).toEqual({ problems: [`${file}: (top level): expected a mapping of settings, received a list`], warnings: [] });
  });

  test('reports every required key of an empty file', () => {
    const dir = scratchConfig({ 'a-b-c.yaml': '# nothing yet\n' });
    const file = path.join(dir, 'a-b-c.yaml');
    expect(checkJurisdictionFile(file).problems).toEqual([
      `${file}: id: is required (expected a string)`,
      `${file}: displayName: is required (expected a string)`,
      `${file}: account: is required (expected a string)`,
      `${file}: region: is required (allowed: us-gov-west-1, us-east-1, us-west-2)`,
      `${file}: tags: is required (expected a mapping)`,
      `${file}: instance: is required (expected a mapping)`,
      `${file}: retention: is required (expected a mapping)`,
      `${file}: routing: is required (expected a mapping)`,
      `${file}: hours: is required (expected a list)`,
      `${file}: queues: is required (expected a list)`,
      `${file}: routingProfiles: is required (expected a list)`,
    ]);
  });

  test('suggests the allowed value closest to a misspelt one, and describes empty lists and values', () => {
    const example = fs.readFileSync(path.join(EXAMPLES_CONFIG_DIR, 'jurisdictions', 'riverton-311.yaml'), 'utf8');
    const text = example
      .replace('region: us-gov-west-1', 'region: us-gov-west-2')
      .replace('languages: [en-US]', 'languages: []')
      .replace('lexLocales: [en_US]', 'lexLocales:');
    const dir = scratchConfig({ 'riverton-311.yaml': text });
    const file = path.join(dir, 'riverton-311.yaml');
    expect(checkJurisdictionFile(file).problems).toEqual([
      `${file}: region: "us-gov-west-2" is not allowed, did you mean "us-gov-west-1"? (allowed: us-gov-west-1, us-east-1, us-west-2)`,
      `${file}: languages: has 0 items (must have at least 1 item)`,
      `${file}: lexLocales: expected a list, received an empty value`,
    ]);
  });

  test('reports a missing file as a problem line', () => {
    const dir = scratchConfig({});
    const file = path.join(dir, 'gone.yaml');
    expect(checkJurisdictionFile(file)).toEqual({ problems: [`${file}: (file): cannot be read (ENOENT)`], warnings: [] });
  });

  test('reports a __proto__ key as unknown instead of merging it into the prototype', () => {
    const text = fs.readFileSync(path.join(EXAMPLES_CONFIG_DIR, 'jurisdictions', 'riverton-311.yaml'), 'utf8') + '__proto__:\n  region: us-east-1\n';
    const dir = scratchConfig({ 'riverton-311.yaml': text });
    const file = path.join(dir, 'riverton-311.yaml');
    const result = checkJurisdictionFile(file, { region: 'us-gov-west-1' });
    expect(result.problems).toEqual([`${file}: __proto__: unknown key (allowed: ${TOP_LEVEL_KEYS})`]);
    expect(Object.getPrototypeOf({})).not.toHaveProperty('region');
  });

  test('reports YAML that expands too many aliases as a problem line', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const dir = scratchConfig({ 'a-b-c.yaml': `${bomb.join('\n')}\n` });
    const file = path.join(dir, 'a-b-c.yaml');
    const { problems } = checkJurisdictionFile(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\(file\\): invalid YAML: `));
  });
});

describe('ConfigError', () => {
  test('lists every problem, indented, under a count', () => {
    const error = rejectionOf(path.join(FIXTURES, 'duplicate-names'));
    const lines = error.message.split('\n');
    expect(lines[0]).toEqual('Configuration has 3 problems:');
    expect(lines.slice(1)).toEqual(error.problems.map((p) => `  ${p}`));
    expect(error.name).toEqual('ConfigError');
  });

  test('says "1 problem" for a single problem', () => {
    expect(rejectionOf(path.join(FIXTURES, 'id-mismatch')).message.split('\n')[0]).toEqual('Configuration has 1 problem:');
  });

  test('has a message without stack-trace lines', () => {
    for (const fixture of ['ten-mistakes', 'invalid-yaml', 'defaults-typo', 'wrong-type']) {
      expect(rejectionOf(path.join(FIXTURES, fixture)).message).not.toMatch(/^\s+at /m);
    }
  });
});

describe('mergeUnder', () => {
  test('merges mappings key by key, at every depth', () => {
    expect(mergeUnder({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 4, e: 5 }, f: 6 })).toEqual({ a: 1, b: { c: 2, d: 4, e: 5 }, f: 6 });
  });

  test('replaces lists whole', () => {
    expect(mergeUnder({ languages: ['en-US', 'es-US'], hours: [{ name: 'main' }] }, { languages: ['en-US'] })).toEqual({
      languages: ['en-US'],
      hours: [{ name: 'main' }],
    });
    expect(mergeUnder({ list: [{ a: 1 }] }, { list: [{ b: 2 }] })).toEqual({ list: [{ b: 2 }] });
  });

  test('lets a scalar, a list or null replace a mapping, and a mapping replace a scalar', () => {
    expect(mergeUnder({ a: { b: 1 } }, { a: 'x' })).toEqual({ a: 'x' });
    expect(mergeUnder({ a: { b: 1 } }, { a: [1] })).toEqual({ a: [1] });
    expect(mergeUnder({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
    expect(mergeUnder({ a: 'x' }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  test('keeps the value underneath when there is nothing over it', () => {
    expect(mergeUnder({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(mergeUnder(undefined, { a: 1 })).toEqual({ a: 1 });
  });

  test('changes neither input', () => {
    const under = { a: { b: 1 }, l: [1] };
    const over = { a: { c: 2 }, l: [2] };
    mergeUnder(under, over);
    expect(under).toEqual({ a: { b: 1 }, l: [1] });
    expect(over).toEqual({ a: { c: 2 }, l: [2] });
  });

  test('keeps a __proto__ key as an own key', () => {
    const over = JSON.parse('{"__proto__": {"polluted": true}}');
    const merged = mergeUnder({}, over) as Record<string, unknown>;
    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect(merged.polluted).toBeUndefined();
  });
});

describe('textProblems', () => {
  test('names every value and key holding a lone UTF-16 surrogate, at any depth', () => {
    const what = 'holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not Unicode text (write the whole character, or remove it)';
    expect(textProblems('f.yaml', { displayName: 'a\uD800b', hours: [{ name: 'ok' }, { name: '\uDC00' }], ['k\uDBFF']: 1 })).toEqual([
      `f.yaml: displayName: ${what}`,
      `f.yaml: hours[1].name: ${what}`,
      `f.yaml: (top level): a key ${what}`,
    ]);
  });

  test('accepts paired surrogates (emoji), accents and right-to-left text', () => {
    expect(textProblems('f.yaml', { a: '\u{1F4DE} 📞', b: 'atención', c: '\u202Eabc', d: ['日本語'] })).toEqual([]);
  });
});

describe('tag values', () => {
  test('rejects characters AWS tag values do not allow, and accepts letters, digits, spaces and _ . : / = + - @', () => {
    const { dir, file } = mutatedRiverton((t) => replaceOnce(replaceOnce(t, 'owner: riverton-it', 'owner: "riverton & it"'), 'systemId: RIV-311', 'systemId: "RIV_311 .:/=+-@ñ"'));
    expect(rejectionOf(dir).problems).toEqual([
      `${file}: tags.owner: "riverton & it" must use only letters, digits, spaces and _ . : / = + - @ (the characters AWS tag values allow)`,
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('ConfigError problem lines', () => {
  test('stay one line each when a value brings control characters in', () => {
    const error = new ConfigError(['f.yaml: queues[0].name: "new\nline\t\u0000" is not a name']);
    expect(error.problems).toEqual(['f.yaml: queues[0].name: "new\\nline\\t\\u0000" is not a name']);
    expect(error.message).toBe('Configuration has 1 problem:\n  f.yaml: queues[0].name: "new\\nline\\t\\u0000" is not a name');
  });
});

test('a ConfigError message shows the first 200 problems and counts the rest', () => {
  const error = new ConfigError(Array.from({ length: 16_422 }, (_, i) => `f.yaml: hours[0].schedule[${i}]: overlaps`));
  const lines = error.message.split('\n');
  expect(error.problems).toHaveLength(16_422);
  expect(lines).toHaveLength(202);
  expect(lines[0]).toBe('Configuration has 16422 problems:');
  expect(lines[200]).toBe('  f.yaml: hours[0].schedule[199]: overlaps');
  expect(lines[201]).toBe('  ... and 16222 more (fix the ones above first)');
});

/** The plain Levenshtein distance (whole table, case ignored per UTF-16 unit): what `closest` must agree with. */
function fullDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The first allowed name strictly nearest to `given`, within a third of its length (at least 2). */
function reference(given: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(given.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = fullDistance(given, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

describe('closest', () => {
  test('suggests the nearest allowed name to a misspelt one, ignoring case, and nothing for a far one', () => {
    expect(closest('displayname', ['id', 'displayName', 'region'])).toBe('displayName');
    expect(closest('us-gov-west-2', ['us-gov-west-1', 'us-east-1', 'us-west-2'])).toBe('us-gov-west-1');
    expect(closest('General', ['Billing', 'Callback'])).toBeUndefined();
    expect(closest('x'.repeat(5000), ['General', 'x'.repeat(3000)])).toBeUndefined();
    expect(closest('x'.repeat(600), ['General', `${'x'.repeat(599)}y`])).toBe(`${'x'.repeat(599)}y`);
  });

  test('gives the same answer as the full Levenshtein table for any names (seeded)', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', 'c', '-', 'İ', 'ß'), maxLength: 14 });
    fc.assert(
      fc.property(name, fc.array(name, { maxLength: 8 }), (given, allowed) => {
        expect(closest(given, allowed)).toBe(reference(given, allowed));
      }),
      { seed: 20261127, numRuns: 1000 },
    );
  });
});
