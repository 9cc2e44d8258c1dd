import { describeAction, requiredErrors } from '../../actions';
import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'unhandled-error';

/**
 * Every error type an action raises (the `errors` of lib/flows/actions.ts) needs an error
 * transition, or a failure leaves the caller in silence. Error for the kit's own flows; warning
 * for imported ones (exports often lack branches the designer did not draw).
 */
export const unhandledError: LintRule = flowRule({
  id,
  description: 'Each error type an action can raise must have an error transition (warning for imported flows).',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      const handled = new Set((action.Transitions.Errors ?? []).map((e) => e.ErrorType));
      const missing = requiredErrors(action).filter((e) => !handled.has(e));
      if (missing.length === 0) continue;
      const list = missing.map((e) => JSON.stringify(e)).join(', ');
      out.push(
        finding(
          flow,
          id,
          flow.imported ? 'warning' : 'error',
          `${describeAction(action)} can fail with ${list} but has no error transition for ${missing.length === 1 ? 'it' : 'them'} (add {"ErrorType": ${JSON.stringify(missing[0])}, "NextAction": …} to Transitions.Errors)`,
          action.Identifier,
        ),
      );
    }
    return out;
  },
});
