import { closest } from '../../../config/zod-issues';
import type { Finding } from '../../types';
import { finding, flowRule, LintRule, targets } from '../rule';

const id = 'missing-transition-target';

/** Every NextAction (success, error and condition branches) must name an action of the flow. */
export const missingTransitionTarget: LintRule = flowRule({
  id,
  description: 'Every transition (NextAction, error and condition branches) must lead to an action of the flow.',
  checkFlow(flow) {
    const out: Finding[] = [];
    const ids = flow.content.Actions.map((a) => a.Identifier);
    const known = new Set(ids);
    for (const action of flow.content.Actions) {
      for (const { to, via } of targets(action)) {
        if (known.has(to)) continue;
        const hint = closest(to, ids);
        out.push(finding(flow, id, 'error', `${via} leads to ${JSON.stringify(to)}, which is not an action of this flow${hint ? `, did you mean "${hint}"?` : ''}`, action.Identifier));
      }
    }
    return out;
  },
});
