import { ActionFamily, branchOn, condition, conditionIndex, error, next, param } from './common';
import { evaluateHours } from '../hours';
import type { Outcome, SimValue } from '../types';
import { UNKNOWN } from '../types';
import { valueOf } from '../values';

/**
 * Flow-control actions: comparisons, hours, metrics, loops, waits and flow changes.
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions.html
 */

/** Metric paths GetMetricData sets, from the scenario's queue metrics. */
function queueMetrics(queue: string, m: { waiting?: number; oldestContactSeconds?: number; agentsOnline?: number; agentsAvailable?: number; agentsStaffed?: number } | undefined): Record<string, SimValue> {
  const n = (v: number | undefined) => String(v ?? 0);
  return {
    'Queue.Name': queue,
    'Queue.ARN': `queue/${queue}`,
    'Queue.Size': n(m?.waiting),
    'Queue.OldestContactAge': n(m?.oldestContactSeconds),
    'Agents.Online.Count': n(m?.agentsOnline),
    'Agents.Available.Count': n(m?.agentsAvailable),
    'Agents.Staffed.Count': n(m?.agentsStaffed),
    'Agents.AfterContactWork.Count': '0',
    'Agents.Busy.Count': String(Math.max(0, (m?.agentsOnline ?? 0) - (m?.agentsAvailable ?? 0))),
    'Agents.Missed.Count': '0',
    'Agents.NonProductive.Count': '0',
  };
}

function metricValue(type: string, m: { waiting?: number; oldestContactSeconds?: number; agentsOnline?: number; agentsAvailable?: number; agentsStaffed?: number } | undefined): string | undefined {
  switch (type) {
    case 'NumberOfContactsInQueue':
      return String(m?.waiting ?? 0);
    // The console writes this metric's operand in milliseconds despite its name (contact-flows/README.md).
    case 'OldestContactInQueueAgeSeconds':
      return String((m?.oldestContactSeconds ?? 0) * 1000);
    case 'NumberOfAgentsOnline':
      return String(m?.agentsOnline ?? 0);
    case 'NumberOfAgentsAvailable':
      return String(m?.agentsAvailable ?? 0);
    case 'NumberOfAgentsStaffed':
      return String(m?.agentsStaffed ?? 0);
    default:
      return undefined;
  }
}

export const FLOW_CONTROL_ACTIONS: ActionFamily = {
  Compare(action, state) {
    const path = param(action, 'ComparisonValue');
    return branchOn(action, valueOf(state, path), path);
  },

  CheckHoursOfOperation(action, state, ctx) {
    const named = action.Parameters.HoursOfOperationId;
    const hoursName = named !== undefined ? valueOf(state, named) : state.targetQueue ? ctx.world.queues.get(state.targetQueue)?.hours : undefined;
    if (hoursName === undefined || hoursName === UNKNOWN) return error('NoMatchingError', 'no hours: set a target queue or HoursOfOperationId');
    const hours = ctx.world.hours.get(hoursName);
    if (!hours) return error('NoMatchingError', `hours ${JSON.stringify(hoursName)} do not exist`);
    const isTrue = conditionIndex(action, 'True');
    const isFalse = conditionIndex(action, 'False');
    if (!ctx.conditions) {
      return { ask: { kind: 'branch', options: [condition(isTrue, 'open'), condition(isFalse, 'closed')] }, resume: (a) => (a.kind === 'choice' && a.index === 1 ? condition(isFalse, 'closed') : condition(isTrue, 'open')) };
    }
    const verdict = evaluateHours(hours, new Date(ctx.conditions.at));
    const index = verdict.open ? isTrue : isFalse;
    return index >= 0 ? condition(index, verdict.reason) : error('NoMatchingError', `${verdict.reason}; no ${verdict.open ? 'True' : 'False'} branch`);
  },

  CheckMetricData(action, state, ctx) {
    const type = param(action, 'MetricType');
    const queueParam = action.Parameters.QueueId;
    const queue = queueParam !== undefined ? valueOf(state, queueParam) : state.targetQueue;
    if (!queue || queue === UNKNOWN) return error('NoMatchingError', 'no queue to read metrics of');
    if (!ctx.conditions) return branchOn(action, UNKNOWN, type);
    const value = metricValue(type, ctx.conditions.queues[queue]);
    if (value === undefined) return error('NoMatchingError', `metric ${type} is not simulated`);
    return branchOn(action, value, `${type} of ${queue}`);
  },

  GetMetricData(action, state, ctx) {
    const queueParam = action.Parameters.QueueId;
    const queue = queueParam !== undefined ? valueOf(state, queueParam) : state.targetQueue;
    if (!queue || queue === UNKNOWN) return error('NoMatchingError', 'no queue to read metrics of');
    if (!ctx.conditions) {
      const metrics = (state.metrics = { ...state.metrics });
      for (const key of Object.keys(queueMetrics(queue, undefined))) metrics[key] = UNKNOWN;
      metrics['Queue.Name'] = queue;
    } else state.metrics = queueMetrics(queue, ctx.conditions.queues[queue]);
    return next();
  },

  Loop(action, state) {
    const frame = state.stack[state.stack.length - 1];
    const count = Number(param(action, 'LoopCount')) || 0;
    const done = frame.loops[action.Identifier] ?? 0;
    if (done < count) {
      frame.loops[action.Identifier] = done + 1;
      return condition(conditionIndex(action, 'ContinueLooping'), `loop ${done + 1} of ${count}`);
    }
    // The counter starts again once the loop is done, so the next pass loops again.
    frame.loops[action.Identifier] = 0;
    return condition(conditionIndex(action, 'DoneLooping'), `loop done after ${count}`);
  },

  DistributeByPercentage(action) {
    const conditions = action.Transitions.Conditions ?? [];
    const pick = (draw: number): Outcome => {
      for (let i = 0; i < conditions.length; i++) {
        if (draw < Number(conditions[i].Condition.Operands[0])) return condition(i, `drew ${draw}`);
      }
      return error('NoMatchingCondition', `drew ${draw}`);
    };
    return { ask: { kind: 'percent' }, resume: (answer) => (answer.kind === 'percent' ? pick(answer.value) : answer.kind === 'choice' ? (answer.index < conditions.length ? condition(answer.index) : error('NoMatchingCondition')) : pick(0)) };
  },

  Wait(action) {
    const seconds = Number(param(action, 'TimeLimitSeconds') || param(action, 'TimeoutSeconds')) || 0;
    return {
      ask: { kind: 'wait', seconds },
      resume: (answer) => {
        if (answer.kind === 'hangup') return { end: 'hang-up' };
        const i = conditionIndex(action, 'WaitCompleted');
        return i >= 0 ? condition(i, `waited ${seconds} s`) : next();
      },
    };
  },

  TransferToFlow(action, state, ctx) {
    const flow = valueOf(state, action.Parameters.ContactFlowId);
    if (flow === UNKNOWN || !ctx.world.flows.has(flow)) return error('NoMatchingError', `flow ${flow === UNKNOWN ? '(known at run time)' : JSON.stringify(flow)} does not exist`);
    return { end: 'transfer-to-flow', target: flow };
  },

  EndFlowExecution() {
    return { end: 'end-flow' };
  },

  UpdateFlowAttributes(action, state) {
    const frame = state.stack[state.stack.length - 1];
    const attributes = (action.Parameters.FlowAttributes ?? {}) as Record<string, { Value?: unknown } | unknown>;
    for (const [key, raw] of Object.entries(attributes)) {
      const value = typeof raw === 'object' && raw !== null && 'Value' in raw ? (raw as { Value: unknown }).Value : raw;
      frame.flowAttributes[key] = valueOf(state, value);
    }
    return next();
  },

  UpdateFlowLoggingBehavior(action, state) {
    state.flowLogging = param(action, 'FlowLoggingBehavior') !== 'Disabled';
    return next();
  },

  UpdateRoutingCriteria: () => next(),
};
