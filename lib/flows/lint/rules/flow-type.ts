import { ACTIONS, endOfPath } from '../../actions';
import { FLOW_TYPES } from '../../types';
import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'flow-type';

/**
 * Some actions exist only in some flow types (EndFlowModuleExecution in modules,
 * DequeueContactAndTransferToQueue in customer queue flows, TransferContactToAgent in transfer
 * flows, EndFlowExecution in customer queue and whisper flows) or not in some (no MessageParticipant
 * in hold flows, no input prompts in whisper or hold flows); Amazon Connect rejects them elsewhere.
 * A flow that declares no type is checked against every type it may be (see lib/flows/infer-type.ts).
 * The message names the shorter of the allowed and the excluded lists (the excluded on a tie, as the
 * pages word it) and, for a terminal action, the one that ends a path in this flow type.
 */
export const flowType: LintRule = flowRule({
  id,
  description: 'Actions restricted to some flow types (see flowTypes in lib/flows/actions.ts) must not appear in others.',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      const spec = ACTIONS.get(action.Type);
      const allowed = spec?.flowTypes;
      if (!allowed || (flow.possibleTypes ?? [flow.type]).some((t) => allowed.includes(t))) continue;
      const excluded = FLOW_TYPES.filter((t) => !allowed.includes(t));
      const where = allowed.length < excluded.length ? `only in ${allowed.join(', ')}` : `not in ${excluded.join(', ')}`;
      const instead = spec.terminal && endOfPath(flow.type) !== action.Type ? `: end the path with ${endOfPath(flow.type)}` : '';
      out.push(finding(flow, id, 'error', `${action.Type} cannot be used in ${/^[AEIOU]/.test(flow.type) ? 'an' : 'a'} ${flow.type} flow (${where})${instead}`, action.Identifier));
    }
    return out;
  },
});
