import * as fs from 'fs';
import * as path from 'path';
import { lintBot } from '../../lib/bots/lint';
import { declaredLocales } from '../../lib/bots/schema';
import { REGION_CAPABILITIES } from '../../lib/config/regions';
import { matchUtterance } from '../../lib/flows/simulator/lex';
import { definitionFrom, ROOT } from './helpers';

/** The post-contact survey's chat answers: what a citizen types and the score the flow stores. */
describe('the survey-answers bot', () => {
  const bot = definitionFrom('config/bots/survey-answers.yaml');
  const score = (locale: 'en_US' | 'es_US', typed: string) => {
    const match = matchUtterance(bot, locale, typed);
    return match?.intent === 'SurveyScore' ? match.slots.score : undefined;
  };

  test('is lint-clean for us-gov-west-1 and speaks English and Spanish', () => {
    expect(lintBot(bot, { file: 'config/bots/survey-answers.yaml', allowedLocales: REGION_CAPABILITIES['us-gov-west-1'].lexLocales, region: 'us-gov-west-1' })).toEqual([]);
    expect(declaredLocales(bot)).toEqual(['en_US', 'es_US']);
  });

  test('needs no code hook: Lex alone resolves the score', () => {
    for (const intent of bot.intents) expect(intent.codeHook).toEqual({ dialog: false, fulfillment: false });
    expect(bot.fallback.codeHook).toEqual({ dialog: false, fulfillment: false });
  });

  test('reads a digit, a number word or the agreement phrase as the same score 1 to 5', () => {
    const en = ['1', 'two', 'neutral', 'I would say agree', 'my answer is strongly agree'].map((t) => score('en_US', t));
    const es = ['uno', '2', 'ni de acuerdo ni en desacuerdo', 'le doy un 4', 'totalmente de acuerdo'].map((t) => score('es_US', t));
    expect(en).toEqual(['1', '2', '3', '4', '5']);
    expect(es).toEqual(['1', '2', '3', '4', '5']);
  });

  test('leaves anything that is not a score to the fallback, which skips the question', () => {
    expect(score('en_US', 'it was fine I guess')).toBeUndefined();
    expect(score('en_US', '7')).toBeUndefined();
    expect(score('es_US', 'no sé')).toBeUndefined();
  });

  test('is the bot the survey flow asks on chat, and its slot is the one the flow reads', () => {
    const flow = JSON.parse(fs.readFileSync(path.join(ROOT, 'contact-flows', 'post-contact-survey.json'), 'utf8')) as { Content: { Actions: Array<{ Identifier: string; Type: string; Parameters: Record<string, unknown> }> } };
    const asks = flow.Content.Actions.filter((a) => a.Type === 'ConnectParticipantWithLexBot');
    expect(asks.map((a) => a.Identifier).sort()).toEqual(['Chat ease question EN', 'Chat ease question ES', 'Chat satisfaction question EN', 'Chat satisfaction question ES', 'Chat trust question EN', 'Chat trust question ES']);
    for (const a of asks) expect(a.Parameters.LexV2Bot).toEqual({ AliasArn: '${botRole:survey}' });
    const reads = flow.Content.Actions.filter((a) => a.Identifier.startsWith('Read ') && a.Identifier.endsWith(' score')).map((a) => a.Parameters.ComparisonValue);
    expect(reads).toEqual(['$.Lex.Slots.score', '$.Lex.Slots.score', '$.Lex.Slots.score']);
    expect(bot.intents.map((i) => [i.name, i.slots.map((s) => `${s.name}:${s.type}`)])).toEqual([['SurveyScore', ['score:SurveyScore']]]);
  });
});
