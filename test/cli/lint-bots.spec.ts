import { main } from '../../lib/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const LINT = 'test/fixtures/bots/lint';

describe('gcck lint-bots', () => {
  test('checks config/bots by default and exits 0 for the clean default bots', async () => {
    const { io, out } = capture();
    expect(await main(['lint-bots'], io)).toBe(0);
    expect(out).toEqual(['2 bot definitions checked for us-gov-west-1: 0 errors, 0 warnings']);
  });

  test('exits 1 on errors, listing each with file, key path and rule', async () => {
    const { io, out } = capture();
    expect(await main(['lint-bots', `${LINT}/locale-not-in-region.yaml`], io)).toBe(1);
    expect(out).toEqual([
      'error: test/fixtures/bots/lint/locale-not-in-region.yaml: locales.fr_CA: Lex V2 locale fr_CA is not available in us-gov-west-1 (available there: en_US, es_US) [locale-not-in-region]',
      '1 bot definition checked for us-gov-west-1: 1 error, 0 warnings',
    ]);
  });

  test('exits 0 on warnings alone, and 1 with --strict', async () => {
    const file = `${LINT}/too-few-utterances.yaml`;
    const relaxed = capture();
    expect(await main(['lint-bots', file], relaxed.io)).toBe(0);
    expect(relaxed.out[0]).toEqual(
      'warning: test/fixtures/bots/lint/too-few-utterances.yaml: intents[0].utterances.en_US: intent Hours has 2 sample utterances in en_US (give at least 5, phrased the ways callers ask) [too-few-utterances]',
    );
    expect(relaxed.out[2]).toEqual('1 bot definition checked for us-gov-west-1: 0 errors, 2 warnings');
    expect(await main(['lint-bots', '--strict', file], capture().io)).toBe(1);
  });

  test('accepts a region that offers the locale', async () => {
    expect(await main(['lint-bots', '--region', 'us-east-1', `${LINT}/locale-not-in-region.yaml`], capture().io)).toBe(0);
  });

  test('prints every finding as JSON with file, locale, intent, rule, severity and message', async () => {
    const { io, out } = capture();
    expect(await main(['lint-bots', '--format', 'json', `${LINT}/too-few-utterances.yaml`, 'test/fixtures/bots/schema/wrong-name.yaml'], io)).toBe(1);
    expect(JSON.parse(out[0])).toEqual({
      region: 'us-gov-west-1',
      files: ['test/fixtures/bots/lint/too-few-utterances.yaml', 'test/fixtures/bots/schema/wrong-name.yaml'],
      errors: 1,
      warnings: 2,
      findings: [
        {
          file: 'test/fixtures/bots/lint/too-few-utterances.yaml',
          path: 'intents[0].utterances.en_US',
          locale: 'en_US',
          intent: 'Hours',
          ruleId: 'too-few-utterances',
          severity: 'warning',
          message: 'intent Hours has 2 sample utterances in en_US (give at least 5, phrased the ways callers ask)',
        },
        {
          file: 'test/fixtures/bots/lint/too-few-utterances.yaml',
          path: 'intents[0].utterances.es_US',
          locale: 'es_US',
          intent: 'Hours',
          ruleId: 'too-few-utterances',
          severity: 'warning',
          message: 'intent Hours has 1 sample utterance in es_US (give at least 5, phrased the ways callers ask)',
        },
        {
          file: 'test/fixtures/bots/schema/wrong-name.yaml',
          path: 'name',
          ruleId: 'schema',
          severity: 'error',
          message: '"right-name" must match the file name (rename the file to right-name.yaml or set name: wrong-name)',
        },
      ],
    });
  });

  test('lints every *.yaml of a folder', async () => {
    const { io, out } = capture();
    expect(await main(['lint-bots', LINT], io)).toBe(1);
    expect(out[out.length - 1]).toEqual('9 bot definitions checked for us-gov-west-1: 19 errors, 3 warnings');
  });

  test('exits 2 on usage mistakes', async () => {
    const { io, err } = capture();
    expect(await main(['lint-bots', '--format', 'xml'], io)).toBe(2);
    expect(await main(['lint-bots', '--region', 'us-gov-west-2'], io)).toBe(2);
    expect(await main(['lint-bots', 'config/bots/nope.yaml'], io)).toBe(2);
    expect(err.map((e) => e.split('\n')[0])).toEqual([
      'gcck lint-bots: --format must be text or json, not "xml"',
      'gcck lint-bots: --region "us-gov-west-2" is not a region the kit knows, did you mean "us-gov-west-1"? (known: us-gov-west-1, us-east-1, us-west-2)',
      'gcck lint-bots: config/bots/nope.yaml does not exist (give bot definition files or folders, e.g. config/bots)',
    ]);
  });
});
