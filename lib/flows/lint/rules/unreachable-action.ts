import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'unreachable-action';

/** An action no path from StartAction reaches is dead: Amazon Connect accepts it, but it is a leftover or a missing transition. */
export const unreachableAction: LintRule = flowRule({
  id,
  description: 'Every action should be reachable from StartAction (warning).',
  checkFlow(flow, facts) {
    const out: Finding[] = [];
    if (!flow.content.Actions.some((a) => a.Identifier === flow.content.StartAction)) return out; // start-action reports it
    const reachable = facts.reachable(flow);
    for (const action of flow.content.Actions) {
      if (!reachable.has(action.Identifier)) out.push(finding(flow, id, 'warning', `${action.Type} cannot be reached from StartAction; connect it or remove it`, action.Identifier));
    }
    return out;
  },
});
