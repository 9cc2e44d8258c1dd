import { describeAction, parameterProblems } from '../../actions';
import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'parameter-combination';

/**
 * Parameters some actions need together, or must not have together, e.g. GetParticipantInput's
 * InputValidation, "required if and only if StoreInput is True"; see `parameterProblems` in
 * lib/flows/actions.ts. Amazon Connect refuses such a flow, imported or not.
 */
export const parameterCombination: LintRule = flowRule({
  id,
  description: 'Parameters an action needs together must be present together, e.g. InputValidation with StoreInput "True".',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      for (const problem of parameterProblems(action)) out.push(finding(flow, id, 'error', `${describeAction(action)} ${problem}`, action.Identifier));
    }
    return out;
  },
});
