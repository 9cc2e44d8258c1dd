import { lintBot } from '../../lib/bots/lint';
import { declaredLocales } from '../../lib/bots/schema';
import { REGION_CAPABILITIES } from '../../lib/config/regions';
import { INTENTS } from '../../lambdas/lex-fulfillment/index';
import { MESSAGES } from '../../lambdas/lex-fulfillment/messages';
import { citizenServices } from './helpers';

describe('the default citizen-services bot', () => {
  const bot = citizenServices();

  test('is lint-clean for us-gov-west-1: no error and no warning', () => {
    expect(lintBot(bot, { file: 'config/bots/citizen-services.yaml', allowedLocales: REGION_CAPABILITIES['us-gov-west-1'].lexLocales, region: 'us-gov-west-1' })).toEqual([]);
  });

  test('speaks English and Spanish, the two Lex locales GovCloud offers', () => {
    expect(declaredLocales(bot)).toEqual(['en_US', 'es_US']);
    expect(bot.locales.en_US?.voice).toEqual({ id: 'Joanna', engine: 'neural' });
    expect(bot.locales.es_US?.voice).toEqual({ id: 'Lupe', engine: 'neural' });
  });

  test('has exactly the intents the lex-fulfillment code hook handles, each sent to the hook', () => {
    const handled = Object.values(INTENTS).filter((name) => name !== INTENTS.FALLBACK);
    expect(bot.intents.map((i) => i.name)).toEqual(handled);
    for (const intent of bot.intents) expect(intent.codeHook.fulfillment).toBe(true);
    expect(bot.fallback.codeHook).toEqual({ dialog: false, fulfillment: true });
  });

  test('collects caseNumber and problemType, the slots the code hook reads', () => {
    const slots = Object.fromEntries(bot.intents.filter((i) => i.slots.length > 0).map((i) => [i.name, i.slots.map((s) => `${s.name}:${s.type}`)]));
    expect(slots).toEqual({ CheckCaseStatus: ['caseNumber:AMAZON.AlphaNumeric'], ReportProblem: ['problemType:ProblemType'] });
    // The hook validates the case number while the dialog runs.
    expect(bot.intents[0].codeHook).toEqual({ dialog: true, fulfillment: true });
    expect(bot.intents[0].slots[0].obfuscate).toBe(true);
  });

  test('asks for the case number in the words the code hook uses', () => {
    expect(bot.intents[0].slots[0].prompt).toEqual({ en_US: MESSAGES.en_US.askCaseNumber, es_US: MESSAGES.es_US.askCaseNumber });
  });
});
