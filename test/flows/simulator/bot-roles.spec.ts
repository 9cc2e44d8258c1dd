import type { BotDefinition } from '../../../lib/bots/schema';
import { runScenario, type Simulation } from '../../../lib/cli/simulation';
import type { JurisdictionConfig } from '../../../lib/config/schema';
import { buildWorld } from '../../../lib/flows/simulator';
import { scenarioSchema } from '../../../lib/flows/simulator/scenario';
import { exampleSimulation } from '../../helpers/simulations';

/** An agency's own self-service bot: the kit bot, plus a request only it understands. */
function dmvBot(kit: BotDefinition): BotDefinition {
  const bot = structuredClone(kit) as BotDefinition & { intents: Array<{ name: string; utterances?: Record<string, string[]> }> };
  const agent = bot.intents.find((i) => i.name === 'SpeakToAgent')!;
  agent.utterances!.en_US = [...(agent.utterances!.en_US ?? []), 'renew my driver license'];
  return { ...bot, name: 'dmv-services' };
}

const scenario = scenarioSchema.parse({
  name: 'An English caller asks the self-service bot to renew a driver license and is queued for an agent',
  flow: 'main-inbound',
  at: '2027-03-02T10:00:00-06:00',
  inputs: [{ press: '1' }, { say: 'renew my driver license' }],
  agent: { then: ['caller-hangs-up'] },
  expect: { attributes: { intent: 'SpeakToAgent' } },
});

describe('an agency bot and agency texts in the simulated default flows', () => {
  let kit: Simulation;
  beforeAll(() => {
    kit = exampleSimulation('pinecrest-benefits');
  });

  test('the kit bot does not understand the request (the control)', async () => {
    const { failures } = await runScenario(kit, scenario);
    expect(failures).toEqual([expect.stringContaining('intent')]);
  });

  test('with flows.bots.selfService set, main-inbound converses with the agency bot, from config alone', async () => {
    const config: JurisdictionConfig = { ...kit.config, bots: [...kit.config.bots, 'dmv-services'], flows: { ...kit.config.flows, bots: { selfService: 'dmv-services' } } };
    const bots = new Map([...kit.world.bots, ['dmv-services', dmvBot(kit.world.bots.get('citizen-services')!)]]);
    const world = buildWorld(config, [...kit.world.flows.values()].map((f) => f.source), bots);
    const { failures, result } = await runScenario({ ...kit, config, world }, scenario);
    expect(failures).toEqual([]);
    expect(result.state.attributes.intent).toBe('SpeakToAgent');
    expect(world.flows.get('main-inbound')!.actions.get('Self service EN')!.Parameters.LexV2Bot).toEqual({ AliasArn: 'dmv-services' });
  });

  test('with flows.texts set, a Spanish caller hears the agency greeting and menu, from config alone', async () => {
    const texts = {
      greeting: { 'en-US': 'Welcome to the {displayName} DMV.', 'es-US': 'Bienvenido al DMV de {displayName}.' },
      menu: { 'en-US': 'Say renew, or say agent.', 'es-US': 'Diga renovar, o diga agente.' },
    };
    const config: JurisdictionConfig = { ...kit.config, flows: { ...kit.config.flows, texts } };
    const world = buildWorld(config, [...kit.world.flows.values()].map((f) => f.source), kit.world.bots);
    const spanish = scenarioSchema.parse({
      name: 'A Spanish caller hears the agency texts',
      flow: 'main-inbound',
      at: '2027-03-02T10:00:00-06:00',
      inputs: [{ press: '2' }, { say: 'agente' }],
      agent: { then: ['caller-hangs-up'] },
      expect: { attributes: { language: 'es-US', intent: 'SpeakToAgent' } },
    });
    const { failures, result } = await runScenario({ ...kit, config, world }, spanish);
    expect(failures).toEqual([]);
    const heard = result.state.events.flatMap((e) => (e.kind === 'prompt' ? [e.text] : []));
    expect(heard).not.toContain(expect.stringMatching(/^Gracias por llamar a/));
    expect(heard.slice(1, 3)).toEqual(['Bienvenido al DMV de Pinecrest State Department of Benefits.', 'Diga renovar, o diga agente.']);
  });

  test('with flows.texts set, a chat reads the agency greeting and menu, a held caller and the survey use the agency words', async () => {
    const texts = {
      chatGreeting: { 'en-US': 'Welcome to {displayName} chat.', 'es-US': 'Bienvenido al chat de {displayName}.' },
      chatMenu: { 'en-US': 'Type renew, or type agent.', 'es-US': 'Escriba renovar, o escriba agente.' },
      hold: { 'en-US': 'Your DMV agent will be right back.', 'es-US': 'Su agente del DMV regresará en un momento.' },
      surveyThanks: { 'en-US': 'Thanks from the DMV.', 'es-US': 'Gracias de parte del DMV.' },
    };
    const config: JurisdictionConfig = { ...kit.config, flows: { ...kit.config.flows, texts } };
    const world = buildWorld(config, [...kit.world.flows.values()].map((f) => f.source), kit.world.bots);
    const heardIn = async (input: unknown) => {
      const { failures, result } = await runScenario({ ...kit, config, world }, scenarioSchema.parse(input));
      expect(failures).toEqual([]);
      return result.state.events.flatMap((e) => (e.kind === 'prompt' ? [e.text] : []));
    };
    const chat = await heardIn({
      name: 'An English chat reads the agency texts',
      flow: 'chat-inbound',
      channel: 'CHAT',
      at: '2027-03-02T10:00:00-06:00',
      language: 'en-US',
      inputs: [{ say: 'agent' }],
      agent: { then: ['hang-up'] },
    });
    expect(chat.slice(0, 2)).toEqual(['Welcome to Pinecrest State Department of Benefits chat.', 'Type renew, or type agent.']);
    const held = await heardIn({
      name: 'A Spanish caller put on hold hears the agency hold text, then the agency survey thanks',
      flow: 'main-inbound',
      at: '2027-03-02T10:00:00-06:00',
      inputs: [{ press: '2' }, { say: 'agente' }, { press: '5' }, { press: '5' }, { press: '5' }],
      agent: { then: ['hold', 'hang-up'] },
    });
    expect(held).toContain('Su agente del DMV regresará en un momento.');
    expect(held).not.toContain(expect.stringMatching(/^Usted está en espera/));
    expect(held[held.length - 1]).toBe('Gracias de parte del DMV.');
  });
});
