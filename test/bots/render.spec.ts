import { renderBotLocales } from '../../lib/bots/render';
import { changed, citizenServices } from './helpers';

describe('renderBotLocales', () => {
  const [english, spanish] = renderBotLocales(citizenServices(), ['en_US', 'es_US']);

  test('gives ProblemType the same resolved values in both languages, with each language\'s synonyms', () => {
    expect(spanish.slotTypes).toHaveLength(1);
    const [type] = spanish.slotTypes as any[];
    expect(type.name).toEqual('ProblemType');
    expect(type.valueSelectionSetting).toEqual({ resolutionStrategy: 'TOP_RESOLUTION' });
    expect(type.slotTypeValues[0]).toEqual({
      sampleValue: { value: 'pothole' },
      synonyms: [{ value: 'bache' }, { value: 'hoyo en la calle' }, { value: 'calle dañada' }, { value: 'pavimento roto' }],
    });
    // The value itself is not repeated as a synonym.
    expect((english.slotTypes as any[])[0].slotTypeValues[5]).toEqual({ sampleValue: { value: 'graffiti' }, synonyms: [{ value: 'vandalism' }, { value: 'spray paint' }] });
  });

  test('elicits problemType only when asked, with a prompt ready', () => {
    const report = (english.intents as any[]).find((i) => i.name === 'ReportProblem');
    expect(report.slots[0].valueElicitationSetting.slotConstraint).toEqual('Optional');
    expect(report.fulfillmentCodeHook).toEqual({ enabled: true, isActive: true });
    expect(report.dialogCodeHook).toBeUndefined();
  });

  test('renders confirmation and closing texts and extended slot types', () => {
    const definition = changed(citizenServices(), (d) => {
      d.intents[2].confirmation = { prompt: { en_US: 'Connect you to an agent?', es_US: '¿Le comunico con un agente?' }, declined: { en_US: 'Okay.', es_US: 'Está bien.' }, maxRetries: 1 };
      d.intents[1].closing = { en_US: 'Anything else?', es_US: '¿Algo más?' };
      d.slotTypes.push({ name: 'Permit', extends: 'AMAZON.AlphaNumeric', pattern: '[A-Z]{2}[0-9]{6}', resolution: 'TOP_RESOLUTION', values: [] });
      d.slotTypes[0].values[0].locales = ['en_US'];
    });
    const [, es] = renderBotLocales(definition, ['en_US', 'es_US']);
    const intents = es.intents as any[];
    expect(intents[2].intentConfirmationSetting).toEqual({
      isActive: true,
      promptSpecification: { maxRetries: 1, allowInterrupt: true, messageGroupsList: [{ message: { plainTextMessage: { value: '¿Le comunico con un agente?' } } }] },
      declinationResponse: { allowInterrupt: true, messageGroupsList: [{ message: { plainTextMessage: { value: 'Está bien.' } } }] },
    });
    expect(intents[1].intentClosingSetting).toEqual({ isActive: true, closingResponse: { allowInterrupt: true, messageGroupsList: [{ message: { plainTextMessage: { value: '¿Algo más?' } } }] } });
    const types = es.slotTypes as any[];
    expect(types[1]).toEqual({ name: 'Permit', parentSlotTypeSignature: 'AMAZON.AlphaNumeric', valueSelectionSetting: { resolutionStrategy: 'ORIGINAL_VALUE', regexFilter: { pattern: '[A-Z]{2}[0-9]{6}' } } });
    // A value limited to en_US is left out of es_US.
    expect(types[0].slotTypeValues.map((v: any) => v.sampleValue.value)[0]).toEqual('streetlight');
  });

  test('refuses a locale the definition does not declare', () => {
    expect(() => renderBotLocales(citizenServices(), ['fr_CA'])).toThrow('renderBotLocales: bot citizen-services does not declare locale fr_CA');
  });
});
