import { ACTIONS, conditionRules, describeAction } from '../../actions';
import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'required-conditions';

/**
 * Branching actions need their conditions: CheckHoursOfOperation exactly `True` and `False`,
 * Loop exactly `ContinueLooping` and `DoneLooping`, Wait `WaitCompleted`, Compare and
 * DistributeByPercentage at least one; operators must be ones the action supports (CheckMetricData:
 * Equals and the Number* operators, only NumberGreaterThan for the NumberOfAgents* metrics); and
 * actions that do not branch must have no conditions, including a GetParticipantInput that stores
 * its input (see the `conditions` of lib/flows/actions.ts).
 */
export const requiredConditions: LintRule = flowRule({
  id,
  description: 'Branching actions must have the conditions they require, with supported operators; other actions must have none.',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      if (!ACTIONS.has(action.Type)) continue;
      const conditions = action.Transitions.Conditions ?? [];
      const report = (message: string) => out.push(finding(flow, id, 'error', message, action.Identifier));
      const described = describeAction(action);
      const rules = conditionRules(action);
      if (!rules) {
        if (conditions.length > 0) report(`${described} does not branch on conditions, but has ${conditions.length}: remove them and use NextAction`);
        continue;
      }
      if (rules.atLeastOne && conditions.length === 0) report(`${action.Type} needs at least one condition to branch on`);
      conditions.forEach(({ Condition: { Operator: operator, Operands: operands } }, i) => {
        const which = `condition ${i + 1}`;
        if (rules.operators && !rules.operators.includes(operator)) report(`${which}: ${described} does not support the operator ${JSON.stringify(operator)} (supported: ${rules.operators.join(', ')})`);
        if (operands.length === 0) report(`${which} has no operands`);
        for (const operand of rules.only ? operands : []) {
          if (!rules.only!.includes(operand)) report(`${which}: ${JSON.stringify(operand)} is not a result of ${action.Type} (results: ${rules.only!.join(', ')})`);
        }
      });
      for (const needed of rules.required ?? []) {
        if (!conditions.some((c) => c.Condition.Operator === 'Equals' && c.Condition.Operands.includes(needed))) {
          report(`${action.Type} has no condition for ${JSON.stringify(needed)} (needs Equals ${rules.required!.map((r) => JSON.stringify(r)).join(' and ')})`);
        }
      }
    }
    return out;
  },
});
