import type { Action } from '../../types';
import type { RoutingRequirement, RoutingStep, SimState, SimWorld } from '../types';
import { UNKNOWN } from '../types';
import { valueOf } from '../values';

/**
 * Reads the routing criteria of an UpdateContactRoutingCriteria action (the "Set routing
 * criteria" block; the documentation page is titled UpdateRoutingCriteria, the type the service
 * accepts is UpdateContactRoutingCriteria): steps of attribute conditions, each
 * `{ Name, Value, ProficiencyLevel, ComparisonOperator }`, alone (`AttributeCondition`) or ANDed
 * (`AndExpression`), with an optional `Expiry.DurationInSeconds`.
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-updateroutingcriteria.html
 *
 * Returns the steps, or why Amazon Connect would take the error branch: a predefined attribute
 * or value the instance does not have, a level other than 1.0-5.0, an operator other than
 * NumberGreaterOrEqualTo, a duration that is not a positive whole number of seconds.
 */
export function readRoutingCriteria(action: Action, state: SimState, world: SimWorld): { steps: RoutingStep[] } | { problem: string } | { unknown: true } {
  const criteria = action.Parameters.RoutingCriteria;
  // Set dynamically (a JSONPath to a Lambda's answer): nothing to check before run time.
  if (typeof criteria === 'string') return { unknown: true };
  const steps = (criteria as { Steps?: unknown } | undefined)?.Steps;
  if (!Array.isArray(steps) || steps.length === 0) return { problem: 'RoutingCriteria has no Steps' };
  const out: RoutingStep[] = [];
  for (const [s, raw] of steps.entries()) {
    const step = raw as { Expression?: { AttributeCondition?: unknown; AndExpression?: unknown }; Expiry?: { DurationInSeconds?: unknown } };
    const conditions = step.Expression?.AttributeCondition !== undefined
      ? [step.Expression.AttributeCondition]
      : Array.isArray(step.Expression?.AndExpression)
        ? (step.Expression.AndExpression as Array<{ AttributeCondition?: unknown }>).map((e) => e.AttributeCondition)
        : [];
    if (conditions.length === 0) return { problem: `step ${s + 1} has no AttributeCondition or AndExpression` };
    const requirements: RoutingRequirement[] = [];
    for (const condition of conditions) {
      const c = (condition ?? {}) as Record<string, unknown>;
      const name = valueOf(state, c.Name);
      const value = valueOf(state, c.Value);
      const level = Number(valueOf(state, c.ProficiencyLevel));
      if (name === UNKNOWN || value === UNKNOWN) return { unknown: true };
      if (valueOf(state, c.ComparisonOperator) !== 'NumberGreaterOrEqualTo') return { problem: `step ${s + 1}: ComparisonOperator must be NumberGreaterOrEqualTo` };
      if (!Number.isInteger(level) || level < 1 || level > 5) return { problem: `step ${s + 1}: ProficiencyLevel ${JSON.stringify(c.ProficiencyLevel)} is not one of 1.0-5.0` };
      const values = world.predefinedAttributes?.get(name);
      if (!values) return { problem: `step ${s + 1}: predefined attribute ${JSON.stringify(name)} does not exist (defined: ${[...(world.predefinedAttributes?.keys() ?? [])].join(', ') || 'none'})` };
      if (!values.includes(value)) return { problem: `step ${s + 1}: ${name} has no value ${JSON.stringify(value)} (values: ${values.join(', ')})` };
      requirements.push({ attribute: name, value, minimumLevel: level });
    }
    let expiresAfterSeconds: number | undefined;
    if (step.Expiry !== undefined) {
      const seconds = Number(valueOf(state, step.Expiry.DurationInSeconds));
      if (!Number.isInteger(seconds) || seconds < 1) return { problem: `step ${s + 1}: Expiry.DurationInSeconds ${JSON.stringify(step.Expiry.DurationInSeconds)} is not a whole number of seconds` };
      expiresAfterSeconds = seconds;
    }
    out.push({ requirements, expiresAfterSeconds });
  }
  return { steps: out };
}

/** `Language=es >= 3 for 60 s, then any agent`: routing criteria in words, for transcripts and messages. */
export function describeRoutingCriteria(steps: readonly RoutingStep[] | undefined): string {
  if (!steps || steps.length === 0) return 'any agent';
  const parts = steps.map((step) => {
    const needs = step.requirements.map((r) => `${r.attribute}=${r.value} >= ${r.minimumLevel}`).join(' and ');
    return step.expiresAfterSeconds === undefined ? `${needs} (never expires)` : `${needs} for ${step.expiresAfterSeconds} s`;
  });
  const last = steps[steps.length - 1];
  return last.expiresAfterSeconds === undefined ? parts.join(', then ') : `${parts.join(', then ')}, then any agent`;
}
