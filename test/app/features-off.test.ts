import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { loadSimulations, runScenario, type Simulation } from '../../lib/cli/simulation';
import { loadKitInputs } from '../../lib/kit-app';
import { addJurisdiction } from '../../lib/jurisdiction';
import { scenarioSchema } from '../../lib/flows/simulator/scenario';
import { agentSideResourceTypes } from '../helpers/agent-side';
import { kitApp } from '../helpers/examples';

const ROOT = path.join(__dirname, '..', '..');
/** A third, bilingual test jurisdiction with every agent-side feature of the kit turned off. */
const CONFIG_DIR = path.join(ROOT, 'test', 'fixtures', 'config', 'features-off');

/** The resource types the agent-side features add, each absent when its feature is off. */
const AGENT_SIDE_TYPES = agentSideResourceTypes();

describe('a jurisdiction with every agent-side feature off', () => {
  const inputs = loadKitInputs({ configDir: CONFIG_DIR }, ROOT);
  const [config] = inputs.configs;
  const app = kitApp({ 'aws:cdk:bundling-stacks': [] });
  const stacks = addJurisdiction(app, config, inputs.sources[0]);
  // One synthesis for both templates (Template.fromStack synthesizes the whole app each call).
  const assembly = app.synth();
  const contactCenter = Template.fromJSON(assembly.getStackByName(stacks.contactCenter.stackName).template);
  const stateful = Template.fromJSON(assembly.getStackByName(stacks.stateful.stackName).template);
  const flowNames = Object.values(contactCenter.findResources('AWS::Connect::ContactFlow')).map((r) => r.Properties.Name as string);
  const content = (name: string) => JSON.stringify(Object.values(contactCenter.findResources('AWS::Connect::ContactFlow')).find((r) => r.Properties.Name === name)!.Properties.Content);

  test('is the bilingual example with the view, form, proficiency routing and follow-up off, and no prompts or hierarchy', () => {
    expect(config.id).toBe('pinecrest-minimal');
    expect(config.languages).toEqual(['en-US', 'es-US']);
    expect([config.agentView.enabled, config.evaluationForm.enabled, config.proficiencyRouting.enabled, config.followUp.enabled]).toEqual([false, false, false, false]);
    expect(config.prompts.files).toEqual([]);
    expect(config.agentHierarchy).toBeUndefined();
  });

  // The control (the Pinecrest example, with them on, synthesizes each type) reads the templates of
  // the real synthesis: test/app/synth.test.ts.

  test.each(AGENT_SIDE_TYPES)('synthesizes no %s', (type) => {
    expect(Object.keys(contactCenter.findResources(type))).toEqual([]);
    expect(Object.keys(stateful.findResources(type))).toEqual([]);
  });

  test('has no prompt bucket or key, and no follow-up task flow', () => {
    const buckets = Object.keys(stateful.findResources('AWS::S3::Bucket'));
    expect(buckets.filter((id) => id.startsWith('Prompt'))).toEqual([]);
    expect(Object.keys(stateful.findResources('AWS::KMS::Key')).filter((id) => id.startsWith('Prompt'))).toEqual([]);
    expect(flowNames).not.toContain('Follow-up task');
    expect(flowNames).toContain('Main inbound');
  });

  test('the inbound flows carry both switches off, so the agent view (AWS-managed, never a resource) and the routing criteria steps are skipped', () => {
    for (const inbound of ['Main inbound', 'Chat inbound']) {
      expect(content(inbound)).toContain('\\"agentView\\":\\"off\\"');
      expect(content(inbound)).toContain('\\"proficiencyRouting\\":{\\"Value\\":\\"off\\",\\"Type\\":\\"String\\"}');
    }
  });

  describe('simulated', () => {
    let sim: Simulation;
    beforeAll(() => {
      [sim] = loadSimulations(ROOT, undefined, CONFIG_DIR);
    });

    test('a Spanish caller still reaches the Spanish queue, with no routing criteria and no agent view hook', async () => {
      const { failures, result } = await runScenario(
        sim,
        scenarioSchema.parse({
          name: 'A Spanish caller asks for an agent',
          flow: 'main-inbound',
          at: '2027-03-02T10:00:00-06:00',
          inputs: [{ press: '2' }, { say: 'agente' }],
          agent: { then: ['caller-hangs-up'] },
          expect: { queued: { queue: 'Spanish' }, routingCriteria: 'none', tasks: [], attributes: { language: 'es-US', agentView: 'off' } },
        }),
      );
      expect(failures).toEqual([]);
      expect(result.state.attributes.language).toBe('es-US');
    });

    test('a low survey score creates no follow-up task', async () => {
      const { failures } = await runScenario(
        sim,
        scenarioSchema.parse({
          name: 'An English caller rates the call 1, 1, 1',
          flow: 'main-inbound',
          at: '2027-03-02T10:00:00-06:00',
          inputs: [{ press: '1' }, { say: 'agent' }, { press: '1' }, { press: '1' }, { press: '1' }],
          agent: { then: ['hang-up'] },
          expect: { survey: { satisfaction: '1', trust: '1', ease: '1' }, tasks: [] },
        }),
      );
      expect(failures).toEqual([]);
    });
  });
});
