import type { Finding, ParameterValue } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'lex-test-alias';

const mentions = (value: ParameterValue | undefined, text: string): boolean =>
  typeof value === 'string' ? value.includes(text) : Array.isArray(value) ? value.some((v) => mentions(v, text)) : typeof value === 'object' && value !== null ? Object.values(value).some((v) => mentions(v, text)) : false;

/**
 * The Lex V2 test alias `TSTALIASID` is throttled and meant for the console's test window; a
 * flow in service must use a published alias (`${bot:…}` resolves to the kit's alias).
 */
export const lexTestAlias: LintRule = flowRule({
  id,
  description: 'Flows must not use the Lex V2 test alias TSTALIASID.',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      if (mentions(action.Parameters, 'TSTALIASID')) {
        out.push(finding(flow, id, 'error', 'uses the Lex test alias TSTALIASID, which is throttled and not for production: use ${bot:<name>}, which resolves to the bot\'s published alias', action.Identifier));
      }
    }
    return out;
  },
});
