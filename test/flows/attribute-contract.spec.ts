import * as fs from 'fs';
import { crossCheck } from '../../lib/config/cross-checks';
import { loadJurisdictions } from '../../lib/config/loader';
import { AGENT_ATTRIBUTES, ATTRIBUTE_CONTRACT, contractTable, CONTRACT_ATTRIBUTE_NAMES } from '../../lib/flows/attribute-contract';
import { lintContextFor } from '../../lib/flows/context';
import { CHAT_START_ATTRIBUTES } from '../../lib/flows/lint/rules/unset-attribute';
import { loadFlows } from '../../lib/flows/loader';
import type { LoadedFlow } from '../../lib/flows/types';
import { loadJurisdictionSources } from '../../lib/sources';
import { EXAMPLES_CONFIG_DIR, exampleConfig, exampleFile } from '../helpers/examples';

const KIT_FLOWS = loadFlows(['contact-flows']).flows;

/** Attribute name → the literal values (not `$.` paths) one flow writes to it. */
function written(flow: LoadedFlow): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const action of flow.content.Actions) {
    if (action.Type !== 'UpdateContactAttributes') continue;
    for (const [name, value] of Object.entries(action.Parameters.Attributes as Record<string, string>)) {
      if (!out.has(name)) out.set(name, new Set());
      if (!value.startsWith('$.') && !value.startsWith('${')) out.get(name)!.add(value);
    }
  }
  return out;
}

describe('caller-context attribute contract', () => {
  test('contact-flows/README.md holds the contract table exactly as the module renders it', () => {
    const readme = fs.readFileSync('contact-flows/README.md', 'utf8');
    expect(readme).toContain(`${contractTable()}\n`);
  });

  test('each kit flow sets exactly the contract attributes that name it as a setter', () => {
    for (const flow of KIT_FLOWS) {
      const expected = ATTRIBUTE_CONTRACT.filter((a) => (a.setBy as readonly string[]).includes(flow.name)).map((a) => a.name).sort();
      expect({ flow: flow.name, sets: [...written(flow).keys()].sort() }).toEqual({ flow: flow.name, sets: expected });
    }
  });

  test('the chat-start Lambda\'s start attributes are the contract attributes it is said to set', () => {
    expect(ATTRIBUTE_CONTRACT.filter((a) => a.setBy.includes('chat-start')).map((a) => a.name).sort()).toEqual([...CHAT_START_ATTRIBUTES].sort());
  });

  test('every literal value a kit flow writes is one the contract allows', () => {
    for (const flow of KIT_FLOWS) {
      for (const [name, values] of written(flow)) {
        const allowed = ATTRIBUTE_CONTRACT.find((a) => a.name === name)!.allowed;
        if (!allowed) continue;
        for (const value of values) expect({ flow: flow.name, name, value, allowed: allowed.includes(value) }).toEqual({ flow: flow.name, name, value, allowed: true });
      }
    }
  });

  test('the agent is shown language, verification, case, path, how self-service ended, callback, after hours and chat topic, in that order', () => {
    expect(AGENT_ATTRIBUTES.map((a) => a.name)).toEqual([
      'language',
      'verification',
      'caseNumber',
      'caseStatus',
      'intents',
      'intent',
      'problemType',
      'selfServiceExit',
      'callbackRequested',
      'hours',
      'channelSource',
      'topic',
      'page',
    ]);
    expect(new Set(CONTRACT_ATTRIBUTE_NAMES).size).toBe(CONTRACT_ATTRIBUTE_NAMES.length);
  });
});

describe('flows.attributes (an agency\'s own attributes)', () => {
  const FILE = exampleFile('riverton-311');

  function riverton(attributes: unknown): Record<string, any> {
    const [config] = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: ['riverton-311'] }).configs;
    const copy = structuredClone(config) as Record<string, any>;
    copy.flows = { ...copy.flows, attributes };
    return copy;
  }

  test('rejects a contract attribute and a name listed twice, naming the key path', () => {
    expect(crossCheck(FILE, riverton(['permitType', 'caseNumber', 'permitType'])).problems).toEqual([
      `${FILE}: flows.attributes[1]: "caseNumber" is already in the kit's attribute contract (contact-flows/README.md): remove it from flows.attributes`,
      `${FILE}: flows.attributes[2]: "permitType" is listed twice`,
    ]);
    expect(crossCheck(FILE, riverton(['permitType'])).problems).toEqual([]);
  });

  test('the lint context of a jurisdiction carries its own attributes', () => {
    const config = { ...exampleConfig('riverton-311'), flows: { exclude: [], folders: [], attributes: ['permitType'] } };
    expect(lintContextFor(config, []).attributes).toEqual(['permitType']);
  });

  test('a custom flow setting an unlisted attribute is warned about at synthesis, a listed one is not', () => {
    const folder = 'test/fixtures/flows/rules/attribute-contract';
    const base = exampleConfig('riverton-311');
    const warnings = (attributes?: string[]) =>
      loadJurisdictionSources({ ...base, flows: { ...base.flows, folders: [folder], ...(attributes ? { attributes } : {}) } }).warnings.filter((w) => w.includes('[warning attribute-contract]'));
    const typo = `${folder}/outside-contract.json: action "Save context": sets the contact attribute "caseNumbr", which is not in the attribute contract (contact-flows/README.md): did you mean "caseNumber"? (list your own attributes in the jurisdiction's flows.attributes) [warning attribute-contract]`;
    const own = `${folder}/outside-contract.json: action "Save context": sets the contact attribute "permitType", which is not in the attribute contract (contact-flows/README.md) (list your own attributes in the jurisdiction's flows.attributes) [warning attribute-contract]`;
    expect(warnings()).toEqual([typo, own]);
    expect(warnings(['permitType'])).toEqual([typo]);
  });
});
