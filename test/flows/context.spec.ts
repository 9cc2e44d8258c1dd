import { flowTextValues } from '../../lib/flows/texts';
import { proficiencyConfigValues } from '../../lib/quality/proficiency-routing';
import { configValues, FLOW_LAMBDAS, flowSources, lintContextFor } from '../../lib/flows/context';
import { loadFlows } from '../../lib/flows/loader';
import { exampleConfig } from '../helpers/examples';

describe('lint context of a jurisdiction', () => {
  test('knows the names the config defines and the flows the jurisdiction deploys', () => {
    const config = exampleConfig('riverton-311');
    const flows = loadFlows(['test/fixtures/flows/valid']).flows;
    expect(lintContextFor(config, flows)).toEqual({
      names: {
        queue: ['City Services'],
        route: ['default', 'spanish', 'escalation', 'callback', 'followUp'],
        hours: ['main'],
        lambda: ['contact-center-status', 'case-status', 'caller-verification', 'survey-capture'],
        bot: ['citizen-services', 'survey-answers'],
        botRole: ['selfService', 'survey'],
        prompt: [],
        flow: ['main', 'queue-wait'],
        module: ['verify-caller'],
        routingProfile: ['311 Agent'],
        quickConnect: [],
        view: ['detail', 'list', 'form', 'confirmation', 'cards'],
        config: ['id', 'displayName', 'region', 'languages', 'defaultLanguage', 'agentView', ...Object.keys(flowTextValues('City of Riverton 311')), ...Object.keys(proficiencyConfigValues(config.proficiencyRouting))],
      },
      configValues: { id: 'riverton-311', displayName: 'City of Riverton 311', region: 'us-gov-west-1', languages: 'en-US', defaultLanguage: 'en-US', agentView: 'on', ...flowTextValues('City of Riverton 311'), ...proficiencyConfigValues(config.proficiencyRouting) },
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
      account: '222222222222',
      metadata: 'strip',
      attributes: [],
    });
  });

  test('flows invoke every kit function but the bot\'s code hook', () => {
    expect(FLOW_LAMBDAS).not.toContain('lex-fulfillment');
  });

  test('reads the kit folder and the jurisdiction\'s own folders, minus its exclusions', () => {
    const config = { ...exampleConfig('pinecrest-benefits'), flows: { folders: ['flows/pinecrest'], exclude: ['chat-inbound'] } };
    expect(flowSources(config)).toEqual({ paths: ['contact-flows', 'flows/pinecrest'], options: { exclude: ['chat-inbound'] } });
    expect(configValues(config).languages).toBe(config.languages.join(','));
  });
});
