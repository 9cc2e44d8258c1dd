import type { Action } from '../types';
import type { SimWorld } from './types';

/**
 * Transition coverage: every branch of every action (success, each condition, each error) of
 * every flow, and which of them calls have taken. A branching action's `NextAction` repeats its
 * no-match path in exports, so it is not a branch of its own.
 */

/** Key of one transition. */
export const transitionKey = (flow: string, action: string, label: string) => `${flow}\u0000${action}\u0000${label}`;

/**
 * Actions whose success hands the contact on and ends the flow: their `NextAction`, which the
 * Flow Language requires, is never taken (TransferContactToQueue: the contact is in the queue;
 * TransferToFlow: the other flow runs).
 */
const SUCCESS_ENDS_FLOW = new Set(['TransferContactToQueue', 'DequeueContactAndTransferToQueue', 'TransferToFlow', 'TransferParticipantToThirdParty']);

/** The branch labels of an action: `next`, `condition:<i>`, `error:<type>`. */
export function branchesOf(action: Action): string[] {
  const t = action.Transitions;
  const out: string[] = [];
  const conditions = t.Conditions ?? [];
  if (conditions.length === 0 && t.NextAction !== undefined && !SUCCESS_ENDS_FLOW.has(action.Type)) out.push('next');
  conditions.forEach((_c, i) => out.push(`condition:${i}`));
  for (const e of t.Errors ?? []) out.push(`error:${e.ErrorType}`);
  return out;
}

/** Coverage of one flow. */
export interface FlowCoverage {
  readonly flow: string;
  readonly total: number;
  readonly covered: number;
  /** Transitions never taken, as `action → branch (target)`. */
  readonly missed: readonly string[];
}

/** How a label reads in a report. */
function describeLabel(action: Action, label: string): string {
  if (label.startsWith('condition:')) {
    const c = action.Transitions.Conditions?.[Number(label.slice(10))];
    return c ? `${c.Condition.Operator} ${c.Condition.Operands.join(', ')} → ${c.NextAction}` : label;
  }
  if (label.startsWith('error:')) {
    const type = label.slice(6);
    return `${type} → ${action.Transitions.Errors?.find((e) => e.ErrorType === type)?.NextAction}`;
  }
  return `next → ${action.Transitions.NextAction}`;
}

/** Coverage of `flows` (default: all) given the transitions taken. */
export function coverage(world: SimWorld, taken: ReadonlySet<string>, flows: readonly string[] = [...world.flows.keys()]): FlowCoverage[] {
  return flows.map((name) => {
    const flow = world.flows.get(name)!;
    let total = 0;
    let covered = 0;
    const missed: string[] = [];
    for (const action of flow.actions.values()) {
      for (const label of branchesOf(action)) {
        total++;
        if (taken.has(transitionKey(name, action.Identifier, label))) covered++;
        else missed.push(`${action.Identifier}: ${describeLabel(action, label)}`);
      }
    }
    return { flow: name, total, covered, missed };
  });
}

/** Percent with one decimal. */
export const percent = (covered: number, total: number) => (total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10);
