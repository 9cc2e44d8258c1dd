import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const EXPORT = 'test/fixtures/bots/export-permit-desk';

describe('gcck import-bot', () => {
  test('writes the definition, lists what it could not carry over, and leaves an existing file alone', async () => {
    // GIVEN an empty output folder
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-import-'));
    const target = path.join(dir, 'permit-desk.yaml');
    // WHEN the export is imported
    const first = capture();
    expect(await main(['import-bot', EXPORT, '--out', target], first.io)).toBe(0);
    // THEN the file is written and the report lists the 13 settings left behind
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/bot\.schema\.json\n/);
    expect(first.out[0]).toEqual(`wrote ${target}`);
    expect(first.out[1]).toEqual('13 settings were not carried over:');
    expect(first.out[2]).toEqual(
      '  PermitDesk/BotLocales/en_US/SlotTypes/PermitKind/SlotType.json: valueSelectionSetting.advancedRecognitionSetting: slot values as custom vocabulary not carried over',
    );
    expect(first.out).toHaveLength(15);
    // AND a second import does not overwrite it without --force
    const second = capture();
    expect(await main(['import-bot', EXPORT, '--out', target], second.io)).toBe(1);
    expect(second.err).toEqual([`gcck import-bot: ${target} exists (use --force to overwrite, or --out another file)`]);
    expect(await main(['import-bot', EXPORT, '--out', target, '--force'], capture().io)).toBe(0);
  });

  test('exits 1 with one line when the folder is not an export', async () => {
    const { io, err } = capture();
    expect(await main(['import-bot', 'test/fixtures/bots/lint', '--out', path.join(os.tmpdir(), 'x.yaml')], io)).toBe(1);
    expect(err).toEqual([
      'gcck import-bot: test/fixtures/bots/lint: not an unzipped Lex V2 export (expected manifest.json and <BotName>/Bot.json with <BotName>/BotLocales/<locale>/BotLocale.json)',
    ]);
  });

  test('exits 2 on usage mistakes', async () => {
    const { io, err } = capture();
    expect(await main(['import-bot'], io)).toBe(2);
    expect(await main(['import-bot', EXPORT, '--out', 'config/bots/Permit Desk.yaml'], io)).toBe(2);
    expect(err.map((e) => e.split('\n')[0])).toEqual([
      'gcck import-bot: give exactly one export folder (the unzipped Lex V2 export)',
      'gcck import-bot: --out file name Permit Desk.yaml must be a bot name: lower-case letters, digits and "-"',
    ]);
  });
});

describe('gcck bot-schema', () => {
  test('reports the committed JSON Schema up to date', async () => {
    const { io, out } = capture();
    expect(await main(['bot-schema', '--check'], io)).toBe(0);
    expect(out).toEqual(['config/bots/bot.schema.json is up to date']);
  });
});
