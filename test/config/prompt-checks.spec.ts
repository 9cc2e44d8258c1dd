import { ConfigError } from '../../lib/config/errors';
import { crossCheck } from '../../lib/config/cross-checks';
import { loadJurisdictions } from '../../lib/config/loader';
import { REGION_CAPABILITIES } from '../../lib/config/regions';
import { EXAMPLES_CONFIG_DIR, exampleFile } from '../helpers/example-paths';
import { mutatedRiverton } from '../helpers/mutated-config';

const FILE = exampleFile('pinecrest-benefits');
type Mutable = Record<string, any>;
const [validated] = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: ['pinecrest-benefits'] }).configs;
/** A fresh, mutable copy of the validated Pinecrest example (one prompt, hold music in General). */
const pinecrest = (): Mutable => structuredClone(validated) as Mutable;

describe('recorded prompt cross-checks', () => {
  test('accept the Pinecrest example: one prompt, the General queue plays it on hold', () => {
    expect(validated.prompts.files.map((p) => p.name)).toEqual(['hold-chime']);
    expect(validated.queues.find((q) => q.name === 'General')?.holdPrompt).toBe('hold-chime');
    expect(crossCheck(FILE, pinecrest()).problems).toEqual([]);
  });

  test('a hold prompt that is not listed is named with the listed ones', () => {
    const config = pinecrest();
    config.queues[1].holdPrompt = 'hold-chimes';
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: queues[1].holdPrompt: "hold-chimes" is not a prompt in prompts.files, did you mean "hold-chime"? (prompts: hold-chime)`,
    ]);
  });

  test('prompt names are unique, also once reduced to a construct id', () => {
    const config = pinecrest();
    config.prompts.files.push({ name: 'hold-chime', file: 'a.wav' }, { name: 'welcome en', file: 'b.wav' }, { name: 'welcome.en', file: 'c.wav' });
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: prompts.files[1].name: "hold-chime" is a duplicate prompt name (names must be unique)`,
      `${FILE}: prompts.files[3].name: "welcome.en" differs from "welcome en" only in spaces or punctuation (names must differ in letters or digits)`,
    ]);
  });

  test('a region whose CloudFormation lacks AWS::Connect::Prompt refuses prompts', () => {
    const config = pinecrest();
    config.region = 'us-east-1';
    const replaced = jest.replaceProperty(REGION_CAPABILITIES['us-east-1'], 'cfnPrompt', false);
    try {
      expect(crossCheck(FILE, config).problems).toContain(
        `${FILE}: prompts.files: recorded prompts need AWS::Connect::Prompt, which CloudFormation in us-east-1 does not offer (remove prompts.files)`,
      );
    } finally {
      replaced.restore();
    }
  });

  test('AWS::Connect::Prompt is in us-gov-west-1 (cfn-lint 1.51 provider data)', () => {
    expect(REGION_CAPABILITIES['us-gov-west-1'].cfnPrompt).toBe(true);
  });

  test('more prompts than the default quota of 500 is a warning', () => {
    const config = pinecrest();
    config.prompts.files = Array.from({ length: 501 }, (_, i) => ({ name: i === 0 ? 'hold-chime' : `p${i}`, file: `p${i}.wav` }));
    const result = crossCheck(FILE, config);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toContain(`${FILE}: prompts.files: 501 prompts exceed the default Amazon Connect quota of 500 per instance (ask AWS Support to raise it before deploying)`);
  });

  test('a prompt file name with a folder or another extension is a schema error', () => {
    const { dir, file } = mutatedRiverton((text) => `${text}\nprompts:\n  files:\n    - { name: welcome, file: ../welcome.mp3 }\n`);
    let error: unknown;
    try {
      loadJurisdictions({ configDir: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `${file}: prompts.files[0].file: "../welcome.mp3" must be a file name ending in ".wav" (letters, digits, "_", "." or "-"; no folders)`,
    ]);
  });
});
