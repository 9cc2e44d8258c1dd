import { crossCheck } from '../../lib/config/cross-checks';
import { checkJurisdictionFile } from '../../lib/config/loader';
import { REGION_CAPABILITIES } from '../../lib/config/regions';
import { exampleConfig, exampleFile } from '../helpers/examples';
import { mutatedRiverton, replaceOnce } from '../helpers/mutated-config';

const FILE = exampleFile('pinecrest-benefits');
type Mutable = Record<string, any>;
const pinecrest = (): Mutable => structuredClone(exampleConfig('pinecrest-benefits')) as Mutable;
const regionDefaults = { region: 'us-gov-west-1' };

describe('agent-side cross-checks', () => {
  test('accept the Pinecrest example with the form, proficiency routing and hierarchy on', () => {
    const config = pinecrest();
    expect([config.evaluationForm.enabled, config.proficiencyRouting.enabled, config.agentHierarchy.groups.length]).toEqual([true, true, 5]);
    expect(crossCheck(FILE, config).problems).toEqual([]);
  });

  test('fail an interpreted proficiency language without a queue, in the file and key path of the YAML', () => {
    const { file } = mutatedRiverton((text) => `${text}proficiencyRouting:\n  enabled: true\n  languages: [{ value: en }, { value: so }]\n`);
    expect(checkJurisdictionFile(file, regionDefaults).problems).toEqual([
      `${file}: proficiencyRouting.languages[1].queue: language "so" has no queue: interpreted calls need a queue where agents proficient in it take them (name one of: City Services)`,
    ]);
  });

  test('fail evaluation form weights that do not sum to 100, with the file and key path', () => {
    const { file } = mutatedRiverton((text) => replaceOnce(text, 'evaluationForm:\n  enabled: true', 'evaluationForm:\n  enabled: true\n  weights: [{ question: courtesy.empathy, weight: 4.5 }]'));
    expect(checkJurisdictionFile(file, regionDefaults).problems).toEqual([
      `${file}: evaluationForm.weights: the scored question weights sum to 99.5, not 100 (trust 20, effectiveness 20, ease 15, efficiency 10, equity 15, courtesy 9.5, transparency 10); AWS::Connect::EvaluationForm needs the total weight to equal 100 (change the weights so they add up to 100)`,
    ]);
  });

  test('fail an evaluation form without Contact Lens', () => {
    const config = pinecrest();
    config.features.contactLens = false;
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: evaluationForm.enabled: needs Contact Lens, which performance evaluations are part of (set features.contactLens: true, or evaluationForm.enabled: false)`,
    ]);
  });

  test('fail a hierarchy group under a parent that is not defined', () => {
    const config = pinecrest();
    config.agentHierarchy.groups[1].parent = 'Benefit Services';
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: agentHierarchy.groups[1].parent: "Benefit Services" is not a defined group name (defined: Benefits Services, Claims Unit, Spanish Services Unit, Program Integrity, Escalations Unit)`,
    ]);
  });

  test('fail each feature in a region whose CloudFormation registry lacks its types', () => {
    const config = pinecrest();
    const saved = REGION_CAPABILITIES['us-gov-west-1'].agentSide;
    (REGION_CAPABILITIES['us-gov-west-1'] as { agentSide: unknown }).agentSide = { evaluationForms: false, predefinedAttributes: false, routingCriteria: true, userHierarchy: false };
    try {
      expect(crossCheck(FILE, config).problems).toEqual([
        `${FILE}: evaluationForm.enabled: needs AWS::Connect::EvaluationForm (Contact Lens performance evaluations), which us-gov-west-1 does not offer (set evaluationForm.enabled: false)`,
        `${FILE}: proficiencyRouting.enabled: needs AWS::Connect::PredefinedAttribute (agent proficiencies), which us-gov-west-1 does not offer (set proficiencyRouting.enabled: false)`,
        `${FILE}: agentHierarchy: needs AWS::Connect::UserHierarchyStructure and AWS::Connect::UserHierarchyGroup, which us-gov-west-1 does not offer (remove agentHierarchy)`,
      ]);
    } finally {
      (REGION_CAPABILITIES['us-gov-west-1'] as { agentSide: unknown }).agentSide = saved;
    }
  });

  test('offer every agent-side capability in us-gov-west-1 (cfn-lint registry data)', () => {
    expect(REGION_CAPABILITIES['us-gov-west-1'].agentSide).toEqual({ evaluationForms: true, predefinedAttributes: true, routingCriteria: true, userHierarchy: true });
  });

  test('say nothing about the blocks while they are off', () => {
    const config = pinecrest();
    config.evaluationForm = { ...config.evaluationForm, enabled: false, weights: [{ question: 'nope', weight: 1 }] };
    config.proficiencyRouting = { ...config.proficiencyRouting, enabled: false, languages: [{ value: 'so' }] };
    delete config.agentHierarchy;
    expect(crossCheck(FILE, config).problems).toEqual([]);
  });

  test('leave proficiency routing off and the hierarchy out when a config does not mention them', () => {
    const config = exampleConfig('riverton-311');
    expect(config.proficiencyRouting).toEqual({ enabled: false, attribute: 'Language', minimumLevel: 3, waitSeconds: 60, languages: [{ value: 'en' }, { value: 'es' }] });
    expect(config.agentHierarchy).toBeUndefined();
  });
});
