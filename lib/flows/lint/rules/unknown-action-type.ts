import { closest } from '../../../config/zod-issues';
import { ACTION_TYPES, ACTIONS } from '../../actions';
import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'unknown-action-type';

/** A type outside the catalogue (lib/flows/actions.ts) is a typo or a new action the kit cannot check. */
export const unknownActionType: LintRule = flowRule({
  id,
  description: 'Action types should be ones the kit knows (warning: new types appear; the other rules skip unknown ones).',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      if (ACTIONS.has(action.Type)) continue;
      const hint = closest(action.Type, ACTION_TYPES);
      out.push(finding(flow, id, 'warning', `Type ${JSON.stringify(action.Type)} is not an action type the kit knows${hint ? `, did you mean "${hint}"?` : ''}`, action.Identifier));
    }
    return out;
  },
});
