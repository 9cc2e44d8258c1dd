import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { ConfigError } from '../lib/config/errors';
import type { JurisdictionStacks } from '../lib/jurisdiction';
import { addKit, countResources, loadKitInputs, resourceCountProblems, validationReportProblems } from '../lib/kit-app';
import { loadJurisdictionSources } from '../lib/sources';
import { kitApp } from './helpers/examples';
import { EXAMPLES_CONFIG_DIR } from './helpers/examples';

const ROOT = path.join(__dirname, '..');

describe('loadKitInputs', () => {
  const inputs = loadKitInputs({ configDir: EXAMPLES_CONFIG_DIR }, ROOT);

  test('loads every jurisdiction with its bots and flows, in file-name order', () => {
    expect(inputs.configs.map((c) => c.id)).toEqual(['pinecrest-benefits', 'riverton-311']);
    expect(inputs.sources.map((s) => [...s.bots.keys()])).toEqual([
      ['citizen-services', 'survey-answers'],
      ['citizen-services', 'survey-answers'],
    ]);
    // Pinecrest also deploys the follow-up task flow (followUp.enabled).
    expect(inputs.sources.map((s) => s.flows.length)).toEqual([10, 9]);
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
  const base = loadKitInputs({ configDir: EXAMPLES_CONFIG_DIR, only: ['riverton-311'] }, ROOT);
  const config = { ...base.configs[0], phoneNumbers: [{ ...base.configs[0].phoneNumbers[0], flow: 'main-inbund' }] };
  expect(() => loadJurisdictionSources(config, ROOT)).toThrow(
    'Configuration has 1 problem:\n  config/jurisdictions/riverton-311.yaml: phoneNumbers[0].flow: "main-inbund" is not an inbound voice flow this jurisdiction deploys, did you mean "main-inbound"? (inbound voice flows: main-inbound)',
  );
});

describe('the shared validate/synth path', () => {
  const inputs = loadKitInputs({ configDir: EXAMPLES_CONFIG_DIR, only: ['riverton-311'] }, ROOT);
  const file = 'test/fixtures/config/examples/jurisdictions/riverton-311.yaml';

  test('turns a construct-time throw into a config error naming the file, with no stack trace', () => {
    // A config no check has seen (the loader would refuse this name): only the net can catch it.
    const config = { ...inputs.configs[0], phoneNumbers: [{ ...inputs.configs[0].phoneNumbers[0], name: 'main line' }] };
    const app = kitApp({ 'aws:cdk:bundling-stacks': [] });
    let thrown: unknown;
    try {
      addKit(app, { ...inputs, configs: [config] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      `${file}: (building the stacks): riverton-311-contact-center/PhoneNumbers/mainline: invalid phone number: name "main line" must be a plain identifier (letters, digits, - and _, at most 64) (the kit's config checks missed this: fix the setting it names, and please report it)`,
    ]);
  });

  test('counts the resources of each stack against the CloudFormation limit', () => {
    const app = new App();
    const stateful = new Stack(app, 'riverton-311-stateful');
    const contactCenter = new Stack(app, 'riverton-311-contact-center');
    const analytics = new Stack(app, 'riverton-311-analytics');
    for (let i = 0; i < 501; i++) new CfnResource(contactCenter, `Topic${i}`, { type: 'AWS::SNS::Topic' });
    for (let i = 0; i < 500; i++) new CfnResource(analytics, `Topic${i}`, { type: 'AWS::SNS::Topic' });
    const stacks = [{ stateful, contactCenter, analytics }] as unknown as JurisdictionStacks[];
    expect(countResources(contactCenter)).toBe(501);
    expect(resourceCountProblems(stacks, [file])).toEqual([
      `${file}: (stack riverton-311-contact-center): 501 resources exceed the 500 CloudFormation allows in one stack (fewer hours, queues, routing profiles, quick connects, agent statuses, phone numbers or flows)`,
    ]);
  });

  test('reads failed validation plugins from the report as problem lines naming the file and construct', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-report-'));
    const app = new App();
    const stacks = [
      { stateful: new Stack(app, 'riverton-311-stateful'), contactCenter: new Stack(app, 'riverton-311-contact-center'), analytics: new Stack(app, 'riverton-311-analytics') },
    ] as unknown as JurisdictionStacks[];
    const violation = (constructPath: string) => ({ constructPath });
    fs.writeFileSync(
      path.join(outdir, 'validation-report.json'),
      JSON.stringify({
        pluginReports: [
          {
            pluginName: 'CloudFormation Validate',
            violations: [
              {
                ruleName: 'F3031',
                severity: 'error',
                description: "Tags.4.Value: 'a & b' does not match pattern",
                violatingConstructs: [violation('riverton-311-stateful/Key/Resource'), violation('riverton-311-stateful/Bucket/Resource')],
              },
              { ruleName: 'W1', severity: 'warning', description: 'only a warning', violatingConstructs: [violation('riverton-311-stateful/Key/Resource')] },
            ],
          },
        ],
      }),
    );
    expect(validationReportProblems(outdir, stacks, [file])).toEqual([
      `${file}: (riverton-311-stateful/Key/Resource and 1 more): Tags.4.Value: 'a & b' does not match pattern [CloudFormation Validate F3031]`,
    ]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
