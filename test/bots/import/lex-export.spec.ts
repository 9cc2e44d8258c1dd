import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { importLexExport, kebabName, LexImportError } from '../../../lib/bots/import/lex-export';
import { checkBotFile } from '../../../lib/bots/loader';

const EXPORT = path.join('test', 'fixtures', 'bots', 'export-permit-desk');

describe('import of a Lex V2 console export', () => {
  const result = importLexExport(EXPORT);

  test('names the definition after the exported bot, in kebab case', () => {
    expect(result.name).toEqual('permit-desk');
    expect(kebabName('CitizenServices_Bot2')).toEqual('citizen-services-bot2');
  });

  test('writes YAML that points editors at the schema and validates and lints clean as config/bots/<name>.yaml', () => {
    // GIVEN the YAML written where the kit keeps bots
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-import-'));
    const file = path.join(dir, `${result.name}.yaml`);
    fs.writeFileSync(file, result.yaml);
    // WHEN the kit loads it
    const check = checkBotFile(file, { region: 'us-gov-west-1' });
    // THEN it matches the schema, lints clean and equals what the importer returned
    expect(result.yaml.split('\n')[0]).toEqual('# yaml-language-server: $schema=./bot.schema.json');
    expect(check.problems).toEqual([]);
    expect(check.findings).toEqual([]);
    expect(check.definition).toEqual(result.definition);
  });

  test('carries over the bot and locale settings', () => {
    const data = parse(result.yaml);
    expect(data.description).toEqual('Permit questions for a county building department');
    expect(data.idleSessionTtlSeconds).toEqual(600);
    expect(data.locales).toEqual({
      en_US: { voice: { id: 'Joanna', engine: 'neural' }, nluConfidenceThreshold: 0.45 },
      es_US: { voice: { id: 'Lupe', engine: 'neural' }, nluConfidenceThreshold: 0.45 },
    });
  });

  test('merges each intent of both locales into one, slots in priority order with prompts per locale', () => {
    const check = result.definition.intents.find((i) => i.name === 'CheckPermit')!;
    expect(result.definition.intents.map((i) => i.name)).toEqual(['CheckPermit', 'OfficeHours']);
    expect(check.codeHook).toEqual({ dialog: true, fulfillment: true });
    expect(check.slots).toEqual([
      {
        name: 'permitNumber',
        description: 'The permit number, two letters and six digits',
        type: 'PermitNumber',
        required: true,
        obfuscate: true,
        maxRetries: 3,
        prompt: { en_US: 'What is your permit number?', es_US: '¿Cuál es su número de permiso?' },
      },
      { name: 'permitKind', type: 'PermitKind', required: false, obfuscate: false, maxRetries: 2, prompt: { en_US: 'What kind of permit is it?', es_US: '¿Qué tipo de permiso es?' } },
    ]);
    expect(check.utterances.es_US).toEqual(['revisar mi permiso', 'dónde está mi permiso', 'estado del permiso', 'ya aprobaron mi permiso', 'estado del permiso {permitNumber}', 'mi permiso de {permitKind}']);
    expect(check.confirmation).toEqual({
      prompt: { en_US: 'You want the status of permit {permitNumber}, is that right?', es_US: 'Quiere saber el estado del permiso {permitNumber}, ¿correcto?' },
      declined: { en_US: 'Okay, let us start over.', es_US: 'Muy bien, empecemos de nuevo.' },
      maxRetries: 1,
    });
    expect(result.definition.intents[1].closing).toEqual({ en_US: 'We are open Monday to Friday, eight to four thirty.', es_US: 'Abrimos de lunes a viernes, de ocho a cuatro y media.' });
    expect(result.definition.fallback).toEqual({ codeHook: { dialog: false, fulfillment: true } });
  });

  test('merges slot types by value, keeping values one locale has to that locale', () => {
    expect(result.definition.slotTypes).toEqual([
      {
        name: 'PermitKind',
        description: 'Kinds of building permit',
        resolution: 'TOP_RESOLUTION',
        values: [
          { value: 'building', synonyms: { en_US: ['construction', 'new house'], es_US: ['construcción', 'casa nueva'] } },
          { value: 'electrical', synonyms: { en_US: ['wiring'], es_US: ['electricidad', 'cableado'] } },
          { value: 'fence', synonyms: {}, locales: ['en_US'] },
          { value: 'cerca', synonyms: { es_US: ['barda'] }, locales: ['es_US'] },
        ],
      },
      { name: 'PermitNumber', extends: 'AMAZON.AlphaNumeric', pattern: '[A-Za-z]{2}[0-9]{6}', resolution: 'TOP_RESOLUTION', values: [] },
    ]);
  });

  test('reports every setting it could not carry over, one line each', () => {
    const en = 'PermitDesk/BotLocales/en_US';
    expect(result.notCarried).toEqual([
      `${en}/SlotTypes/PermitKind/SlotType.json: valueSelectionSetting.advancedRecognitionSetting: slot values as custom vocabulary not carried over`,
      `${en}/SlotTypes/SiteAddress/SlotType.json: compositeSlotTypeSetting: composite slot type SiteAddress not carried over; slots of type SiteAddress are left out`,
      `${en}/Intents/CheckPermit/Slots/permitNumber/Slot.json: valueElicitationSetting.promptSpecification.promptAttemptsSpecification: not carried over (the kit's bot definition has no equivalent)`,
      `${en}/Intents/CheckPermit/Slots/permitNumber/Slot.json: valueElicitationSetting.promptSpecification.messageGroupsList[0].variations: message variations not carried over (the kit speaks one message)`,
      `${en}/Intents/CheckPermit/Slots/permitKind/Slot.json: valueElicitationSetting.sampleUtterances: not carried over (the kit's bot definition has no equivalent)`,
      `${en}/Intents/CheckPermit/Slots/siteAddress/Slot.json: subSlotSetting: not carried over (the kit's bot definition has no equivalent)`,
      `${en}/Intents/OfficeHours/Intent.json: intentClosingSetting.nextStep: not carried over (the kit's bot definition has no equivalent)`,
      `${en}/Intents/OfficeHours/Intent.json: intentClosingSetting.closingResponse.messageGroupsList[1..]: 1 more message group(s) not carried over (the kit speaks one message)`,
      `${en}/Intents/OfficeHours/Intent.json: intentClosingSetting.closingResponse.messageGroupsList[0].message.ssmlMessage: SSML markup not carried over (converted to plain text)`,
      `${en}/Intents/SearchFaq/Intent.json: parentIntentSignature: built-in intent AMAZON.KendraSearchIntent not carried over (intent SearchFaq left out)`,
      'PermitDesk/BotLocales/es_US/Intents/CheckPermit/Intent.json: dialogCodeHook/fulfillmentCodeHook: code hook settings differ from another locale; the kit uses one setting per intent (enabled where any locale enables it)',
      `${en}/Intents/CheckPermit/Slots/siteAddress/Slot.json: slotTypeName: slot siteAddress of intent CheckPermit left out (its slot type SiteAddress was not carried over)`,
      `${en}/Intents/CheckPermit/Intent.json: sampleUtterances: "permit for {siteAddress}" left out: it names slot {siteAddress}, which was left out`,
    ]);
  });

  test('takes the definition name it is given', () => {
    expect(importLexExport(EXPORT, 'building-permits').definition.name).toEqual('building-permits');
  });

  test('refuses a folder that is not an export', () => {
    expect(() => importLexExport(path.join('test', 'fixtures', 'bots', 'lint'))).toThrow(LexImportError);
    expect(() => importLexExport(path.join('test', 'fixtures', 'bots', 'lint'))).toThrow(
      'test/fixtures/bots/lint: not an unzipped Lex V2 export (expected manifest.json and <BotName>/Bot.json with <BotName>/BotLocales/<locale>/BotLocale.json)',
    );
  });
});
