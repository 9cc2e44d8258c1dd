import { ACTIONS, endOfPath } from '../../actions';
import type { Finding, FlowType } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'dead-end';

/** How to end a path in a flow of `type` (see endOfPath: hold flows can only loop until the agent resumes). */
function endAdvice(type: FlowType): string {
  const end = endOfPath(type);
  return end === 'MessageParticipantIteratively' ? `${end}, which plays until the contact is taken off hold` : end;
}

/**
 * Every path must end in a terminal action (DisconnectParticipant, EndFlowExecution,
 * EndFlowModuleExecution, TransferContactToAgent, or MessageParticipantIteratively in queue and
 * hold flows). A reachable non-terminal action with neither a NextAction nor a condition branch
 * leaves the contact with nothing to do when it succeeds. The advice names the terminal action
 * the flow type allows (hold flows allow neither DisconnectParticipant nor EndFlowExecution).
 */
export const deadEnd: LintRule = flowRule({
  id,
  description: 'A reachable non-terminal action must have a NextAction or condition branches, so that no path ends without a terminal action.',
  checkFlow(flow, facts) {
    const out: Finding[] = [];
    const reachable = facts.reachable(flow);
    for (const action of flow.content.Actions) {
      const spec = ACTIONS.get(action.Type);
      if (!spec || spec.terminal || !reachable.has(action.Identifier)) continue;
      const { NextAction: next, Conditions: conditions = [], Errors: errors = [] } = action.Transitions;
      if (next !== undefined || conditions.length > 0) continue;
      const fix = `add a NextAction, or end the path with ${endAdvice(flow.type)}`;
      out.push(
        finding(
          flow,
          id,
          'error',
          errors.length > 0
            ? `${action.Type} has error branches but no NextAction: when it succeeds the contact goes nowhere (${fix})`
            : `${action.Type} is not a terminal action but leads nowhere: the path ends without one (${fix})`,
          action.Identifier,
        ),
      );
    }
    return out;
  },
});
