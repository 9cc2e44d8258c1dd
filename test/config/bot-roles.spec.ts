import { crossCheck } from '../../lib/config/cross-checks';
import { loadJurisdictions } from '../../lib/config/loader';
import { jurisdictionSchema } from '../../lib/config/schema';
import { botRoles } from '../../lib/flows/context';
import { EXAMPLES_CONFIG_DIR } from '../helpers/example-paths';

const FILE = 'config/jurisdictions/riverton-311.yaml';

type Mutable = Record<string, any>;

/** A fresh, mutable copy of the validated Riverton example. */
function riverton(): Mutable {
  const [config] = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: ['riverton-311'] }).configs;
  return structuredClone(config) as Mutable;
}

describe('flows.bots (which bot plays each bot role)', () => {
  test('defaults to the kit bots, so existing configs keep their bots', () => {
    expect(botRoles(riverton() as never)).toEqual({ selfService: 'citizen-services', survey: 'survey-answers' });
  });

  test('lets a jurisdiction give a role to another listed bot', () => {
    const config = riverton();
    config.bots = ['dmv-services', 'survey-answers'];
    config.flows.bots = { selfService: 'dmv-services' };
    expect(crossCheck(FILE, config).problems).toEqual([]);
    expect(botRoles(config as never)).toEqual({ selfService: 'dmv-services', survey: 'survey-answers' });
  });

  test('leaves out a role whose default bot the jurisdiction does not list', () => {
    const config = riverton();
    config.bots = ['citizen-services'];
    expect(botRoles(config as never)).toEqual({ selfService: 'citizen-services' });
  });

  test('rejects a bot that is not listed in bots, naming the file, the key and the listed bots', () => {
    const config = riverton();
    config.flows.bots = { selfService: 'dmv-servces', survey: 'survey-answers' };
    expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: flows.bots.selfService: "dmv-servces" is not a listed bot (listed: citizen-services, survey-answers)`]);
  });

  test('rejects a role the kit does not know', () => {
    const result = jurisdictionSchema.safeParse({ ...riverton(), flows: { bots: { chat: 'citizen-services' } } });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['flows.bots', 'unrecognized_keys']]);
  });

  test('a jurisdiction listing only its own bot gets one error naming the role to set, not one per flow', () => {
    const config = riverton();
    config.bots = ['dmv-services', 'survey-answers'];
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: flows.bots.selfService: is required: the kit flows main-inbound, chat-inbound converse with the selfService bot, and its default "citizen-services" is not in bots (name a listed bot: dmv-services, survey-answers, or exclude those flows)`,
    ]);
  });

  test('a role no deployed kit flow uses needs no bot: with its own inbound flows, an agency need not list citizen-services', () => {
    const config = riverton();
    config.bots = ['survey-answers'];
    config.flows.exclude = ['main-inbound', 'chat-inbound'];
    config.phoneNumbers = [];
    expect(crossCheck(FILE, config).problems).toEqual([]);
  });
});
