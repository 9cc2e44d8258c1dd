import * as path from 'path';
import { checkAgentView } from '../../lib/config/agent-context-checks';
import { REGION_CAPABILITIES } from '../../lib/config/regions';
import { agentViewData } from '../../lib/flows/attribute-contract';
import { configValues } from '../../lib/flows/context';
import { lintFlows } from '../../lib/flows/lint';
import { loadFlows } from '../../lib/flows/loader';
import { kindOfArn } from '../../lib/flows/references';
import { buildWorld } from '../../lib/flows/simulator';
import { scenarioSchema } from '../../lib/flows/simulator/scenario';
import { runScenario, type Simulation } from '../../lib/cli/simulation';
import { loadJurisdictionSources } from '../../lib/sources';
import { exampleSimulation } from '../helpers/simulations';

const ROOT = path.join(__dirname, '..', '..');

/** A caller who asks the bot for an agent and is queued. */
const ASKS_FOR_AGENT = scenarioSchema.parse({
  name: 'asks for an agent',
  at: '2027-03-02T10:00:00-06:00',
  agent: { then: ['caller-hangs-up'] },
  inputs: [{ press: '1' }, { say: 'agent' }],
});

let pinecrest: Simulation;
beforeAll(() => {
  pinecrest = exampleSimulation('pinecrest-benefits');
});

describe('caller-context view (agent workspace)', () => {
  test('the agent-context guide shows the AWS-managed Detail view with the contract\'s agent attributes', () => {
    const [flow] = loadFlows([path.join(ROOT, 'contact-flows', 'agent-context.json')]).flows;
    const show = flow.content.Actions.find((a) => a.Type === 'ShowView')!;
    expect(show.Parameters.ViewResource).toEqual({ Id: '${view:detail}' });
    expect(show.Parameters.ViewData).toEqual(agentViewData());
    expect(agentViewData().AttributeBar).toEqual([
      { Label: 'Language', Value: '$.Attributes.language' },
      { Label: 'Identity verification', Value: '$.Attributes.verification' },
      { Label: 'Case number', Value: '$.Attributes.caseNumber' },
      { Label: 'Case status', Value: '$.Attributes.caseStatus' },
    ]);
  });

  test('on by default: the inbound flow sets the agent-context guide as the agent UI flow before the transfer', async () => {
    expect(pinecrest.config.agentView).toEqual({ enabled: true });
    const { result, failures } = await runScenario(pinecrest, ASKS_FOR_AGENT);
    expect(failures).toEqual([]);
    expect(result.state.attributes.agentView).toBe('on');
    expect(result.state.hooks.DefaultAgentUI).toBe('agent-context');
  });

  test('agentView.enabled: false leaves the agent UI flow unset and the call otherwise the same', async () => {
    const config = { ...pinecrest.config, agentView: { enabled: false } };
    const sources = loadJurisdictionSources(config, ROOT);
    const off: Simulation = { ...pinecrest, config, world: buildWorld(config, sources.flows, sources.bots) };
    expect(configValues(config).agentView).toBe('off');
    const { result, failures } = await runScenario(off, ASKS_FOR_AGENT);
    expect(failures).toEqual([]);
    expect(result.state.attributes.agentView).toBe('off');
    expect(result.state.hooks.DefaultAgentUI).toBeUndefined();
    expect(result.state.queued).toEqual((await runScenario(pinecrest, ASKS_FOR_AGENT)).result.state.queued);
  });

  test('a region without agent workspace views fails with the key to turn the view off', () => {
    const problems: string[] = [];
    const regions = { ...REGION_CAPABILITIES, 'us-gov-west-1': { ...REGION_CAPABILITIES['us-gov-west-1'], agentViews: false } };
    checkAgentView((p, m) => problems.push(`${p}: ${m}`), { region: 'us-gov-west-1' }, regions);
    checkAgentView((p, m) => problems.push(`${p}: ${m}`), { region: 'us-gov-west-1', agentView: { enabled: false } }, regions);
    checkAgentView((p, m) => problems.push(`${p}: ${m}`), { region: 'us-gov-west-1' });
    expect(problems).toEqual([
      'agentView.enabled: the caller-context view needs agent workspace views (the Show view flow block and AWS-managed views), which us-gov-west-1 does not offer (set agentView.enabled: false; agents still see the contact attributes in the Contact Control Panel)',
    ]);
  });
});

describe('${view:…} references', () => {
  test('an AWS-managed view ARN is of kind view (the linter and importer suggest ${view:<name>} for it)', () => {
    expect(kindOfArn('arn:aws-us-gov:connect:us-gov-west-1:aws:view/detail')).toBe('view');
    expect(kindOfArn('arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/i/queue/q')).toBe('queue');
  });

  test('a view name that is not an AWS-managed view fails lint, naming the known ones', () => {
    const [flow] = loadFlows([path.join(ROOT, 'contact-flows', 'agent-context.json')]).flows;
    const renamed = JSON.parse(JSON.stringify(flow).replace('${view:detail}', '${view:details}'));
    const findings = lintFlows([renamed], { names: { view: ['detail', 'list', 'form', 'confirmation', 'cards'] } }).filter((f) => f.ruleId === 'unknown-reference');
    expect(findings.map((f) => f.message)).toEqual(['${view:details} names no agent workspace view, did you mean "detail"? (known: detail, list, form, confirmation, cards)']);
  });
});
