import { ACTIONS } from '../../actions';
import type { Finding } from '../../types';
import { finding, LintRule } from '../rule';

const id = 'flow-type';

/**
 * Some actions exist only in some flow types (EndFlowModuleExecution in modules,
 * DequeueContactAndTransferToQueue in customer queue flows, TransferContactToAgent in transfer
 * flows); Amazon Connect rejects them elsewhere.
 */
export const flowType: LintRule = {
  id,
  description: 'Actions restricted to some flow types (see flowTypes in lib/flows/actions.ts) must not appear in others.',
  check(ctx) {
    const out: Finding[] = [];
    for (const flow of ctx.flows) {
      for (const action of flow.content.Actions) {
        const allowed = ACTIONS.get(action.Type)?.flowTypes;
        if (allowed && !allowed.includes(flow.type)) {
          out.push(finding(flow, id, 'error', `${action.Type} cannot be used in a ${flow.type} flow (only in ${allowed.join(', ')})`, action.Identifier));
        }
      }
    }
    return out;
  },
};
