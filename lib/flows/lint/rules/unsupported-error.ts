import { describeAction, unsupportedErrors } from '../../actions';
import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'unsupported-error';

/**
 * An error branch the action cannot take as configured is refused when the flow is created, e.g.
 * NoMatchingCondition on a GetParticipantInput that stores its input ("Must be defined only if
 * StoreInput is False"); see `unsupportedErrors` in lib/flows/actions.ts. Error for the kit's own
 * flows; warning for imported ones (an export came from an instance that accepted it).
 */
export const unsupportedError: LintRule = flowRule({
  id,
  description: 'An action must not have an error branch Amazon Connect refuses for its configuration (warning for imported flows).',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      const handled = new Set((action.Transitions.Errors ?? []).map((e) => e.ErrorType));
      for (const { errorType, allowedWhen } of unsupportedErrors(action)) {
        if (!handled.has(errorType)) continue;
        out.push(
          finding(
            flow,
            id,
            flow.imported ? 'warning' : 'error',
            `${describeAction(action)} has an error branch for ${JSON.stringify(errorType)}, which Amazon Connect allows only when ${allowedWhen}: remove the branch`,
            action.Identifier,
          ),
        );
      }
    }
    return out;
  },
});
