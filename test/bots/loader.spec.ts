import * as path from 'path';
import { ConfigError } from '../../lib/config/errors';
import { BotDefinitionError, checkBotFile, loadBotDefinitions } from '../../lib/bots/loader';
import { ROOT } from './helpers';

const SCHEMA_FIXTURES = path.join('test', 'fixtures', 'bots', 'schema');

describe('bot definition loader', () => {
  test('reports every schema mistake once, with key path, received value and allowed values', () => {
    // GIVEN a file with seven mistakes
    const check = checkBotFile(path.join(SCHEMA_FIXTURES, 'mistakes.yaml'), { region: 'us-gov-west-1' });
    // THEN each is a config-style problem line, and nothing is linted
    const file = 'test/fixtures/bots/schema/mistakes.yaml';
    expect(check.definition).toBeUndefined();
    expect(check.findings).toEqual([]);
    expect(check.problems).toEqual([
      `${file}: idleSessionTtlSeconds: 30 is out of range (must be at least 60)`,
      `${file}: locales.en_US.voice.engine: "generative" is not allowed (allowed: neural, standard)`,
      `${file}: locales.en_US.nluConfidenceThreshold: expected a number, received string "high"`,
      `${file}: locales.en_UK: unknown key, did you mean "en_US"? (allowed: en_US, es_US, es_419, es_ES, fr_CA, fr_FR, de_DE, it_IT, ja_JP, ko_KR, pt_BR, zh_CN, en_GB, en_AU, en_IN, ar_AE, hi_IN, vi_VN)`,
      `${file}: intents[0].name: "Check Status" must be letters and digits, with single "_" or "-" between them (a Lex name, at most 100 characters)`,
      `${file}: intents[0].utterances: is required (expected a mapping)`,
      `${file}: intents[0].utterance: unknown key, did you mean "utterances"? (allowed: name, description, utterances, slots, codeHook, confirmation, closing)`,
      `${file}: intents[1].utterances.en_US[0]: expected a string, received a mapping (quote text that starts with "{", e.g. "{caseNumber} please")`,
    ]);
  });

  test('reports invalid YAML with line and column', () => {
    const check = checkBotFile(path.join(SCHEMA_FIXTURES, 'invalid-yaml.yaml'), { region: 'us-gov-west-1' });
    expect(check.problems).toEqual([
      'test/fixtures/bots/schema/invalid-yaml.yaml: (line 4, column 1): invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  test('requires the name to match the file name', () => {
    const check = checkBotFile(path.join(SCHEMA_FIXTURES, 'wrong-name.yaml'), { region: 'us-gov-west-1' });
    expect(check.problems).toEqual([
      'test/fixtures/bots/schema/wrong-name.yaml: name: "right-name" must match the file name (rename the file to right-name.yaml or set name: wrong-name)',
    ]);
  });

  test('loads the named bots frozen, with defaults filled in', () => {
    const { definitions, warnings } = loadBotDefinitions({ botsDir: path.join(ROOT, 'config', 'bots'), names: ['citizen-services'], region: 'us-gov-west-1' });
    const bot = definitions.get('citizen-services')!;
    expect(warnings).toEqual([]);
    expect(Object.isFrozen(bot.intents[0].utterances)).toBe(true);
    expect(bot.intents[2].slots).toEqual([]);
    expect(bot.intents[2].codeHook).toEqual({ dialog: false, fulfillment: true });
    expect(bot.intents[3].slots[0]).toMatchObject({ name: 'problemType', required: false, obfuscate: false, maxRetries: 2 });
  });

  test('throws one config error listing an unknown bot (with a hint) and every lint error of the others', () => {
    // GIVEN a misspelt bot and a bot whose locale GovCloud lacks
    const load = () =>
      loadBotDefinitions({ botsDir: path.join('test', 'fixtures', 'bots', 'lint'), names: ['locale-not-in-regio', 'locale-not-in-region', 'too-few-utterances'], region: 'us-gov-west-1' });
    // THEN the error is a ConfigError (printed without a stack trace) naming both problems
    expect(load).toThrow(BotDefinitionError);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      'Bot definition has 2 problems:\n' +
        '  test/fixtures/bots/lint/locale-not-in-regio.yaml: (file): bot "locale-not-in-regio" has no definition, did you mean "locale-not-in-region"? ' +
        '(defined: duplicate-name, duplicate-utterance, intent-parity, locale-not-in-region, slot-type-pattern, slot-type-without-values, too-few-utterances, undefined-slot, undefined-slot-type)\n' +
        '  test/fixtures/bots/lint/locale-not-in-region.yaml: locales.fr_CA: Lex V2 locale fr_CA is not available in us-gov-west-1 (available there: en_US, es_US) [locale-not-in-region]',
    );
  });

  test('returns lint warnings as problem lines without failing', () => {
    const { definitions, warnings } = loadBotDefinitions({ botsDir: path.join('test', 'fixtures', 'bots', 'lint'), names: ['too-few-utterances'], region: 'us-gov-west-1' });
    expect([...definitions.keys()]).toEqual(['too-few-utterances']);
    expect(warnings).toEqual([
      'test/fixtures/bots/lint/too-few-utterances.yaml: intents[0].utterances.en_US: intent Hours has 2 sample utterances in en_US (give at least 5, phrased the ways callers ask) [too-few-utterances]',
      'test/fixtures/bots/lint/too-few-utterances.yaml: intents[0].utterances.es_US: intent Hours has 1 sample utterance in es_US (give at least 5, phrased the ways callers ask) [too-few-utterances]',
    ]);
  });

  test('accepts a locale outside GovCloud for a commercial region', () => {
    const check = checkBotFile(path.join('test', 'fixtures', 'bots', 'lint', 'locale-not-in-region.yaml'), { region: 'us-east-1' });
    expect(check.problems).toEqual([]);
    expect(check.findings).toEqual([]);
  });
});
