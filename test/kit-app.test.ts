import * as path from 'path';
import { addKit, loadKitInputs } from '../lib/kit-app';
import { loadJurisdictionSources } from '../lib/sources';
import { kitApp } from './helpers/examples';

const ROOT = path.join(__dirname, '..');

describe('loadKitInputs', () => {
  const inputs = loadKitInputs({ configDir: path.join(ROOT, 'config') }, ROOT);

  test('loads every jurisdiction with its bots and flows, in file-name order', () => {
    expect(inputs.configs.map((c) => c.id)).toEqual(['pinecrest-benefits', 'riverton-311']);
    expect(inputs.sources.map((s) => [...s.bots.keys()])).toEqual([['citizen-services'], ['citizen-services']]);
    expect(inputs.sources.map((s) => s.flows.length)).toEqual([8, 8]);
    expect(inputs.warnings).toEqual([]);
  });

  test('reads the bot and flow files once for jurisdictions that share them', () => {
    expect(inputs.sources[1].bots.get('citizen-services')).toBe(inputs.sources[0].bots.get('citizen-services'));
    expect(inputs.sources[1].flows[0]).toBe(inputs.sources[0].flows[0]);
  });

  test('builds three stacks per jurisdiction', () => {
    const app = kitApp({ 'aws:cdk:bundling-stacks': [] });
    const stacks = addKit(app, inputs);
    expect(stacks.flatMap((s) => [s.stateful.stackName, s.contactCenter.stackName, s.analytics.stackName])).toEqual([
      'pinecrest-benefits-stateful',
      'pinecrest-benefits-contact-center',
      'pinecrest-benefits-analytics',
      'riverton-311-stateful',
      'riverton-311-contact-center',
      'riverton-311-analytics',
    ]);
  });
});

test('refuses a phone number bound to a flow the jurisdiction does not deploy, naming the file and key', () => {
  const base = loadKitInputs({ configDir: path.join(ROOT, 'config'), only: ['riverton-311'] }, ROOT);
  const config = { ...base.configs[0], phoneNumbers: [{ ...base.configs[0].phoneNumbers[0], flow: 'main-inbund' }] };
  expect(() => loadJurisdictionSources(config, ROOT)).toThrow(
    'Configuration has 1 problem:\n  config/jurisdictions/riverton-311.yaml: phoneNumbers[0].flow: "main-inbund" is not an inbound flow this jurisdiction deploys (inbound flows: chat-inbound, main-inbound, post-contact-survey)',
  );
});
