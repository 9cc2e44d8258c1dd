import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'duplicate-identifier';

/** Two actions with the same Identifier make every transition to it ambiguous; Amazon Connect rejects the flow. */
export const duplicateIdentifier: LintRule = flowRule({
  id,
  description: 'Action identifiers must be unique within a flow.',
  checkFlow(flow) {
    const out: Finding[] = [];
    const first = new Map<string, number>();
    flow.content.Actions.forEach((action, index) => {
      const earlier = first.get(action.Identifier);
      if (earlier === undefined) first.set(action.Identifier, index);
      else out.push(finding(flow, id, 'error', `Identifier is also used by action #${earlier + 1} (${flow.content.Actions[earlier].Type}); identifiers must be unique`, action.Identifier));
    });
    return out;
  },
});
