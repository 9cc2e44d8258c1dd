import type { Action } from '../types';
import { branchLabel, HANDLERS, unsupportedReason } from './actions';
import type { ActionContext } from './actions';
import type { Audience, Branch, Conditions, EndState, Frame, Outcome, Phase, SimFlow, SimState, SimWorld, StepResult } from './types';
import { UnmodelledPathError } from './values';
import { describeRoutingCriteria } from './actions/routing-criteria';

/**
 * The interpreter: one step at a time, so that a scripted call (runner.ts) and the path
 * explorer (explore.ts) share it. `step` runs the current action (or asks the world what
 * happens while no flow runs: in queue, talking to an agent); `follow` takes the outcome to
 * the next action, flow or phase of the contact's life:
 *
 * inbound flow ─TransferContactToQueue─► customer-queue hook flow ─agent answers─► customer
 * whisper ─► agent whisper ─► connected ─agent hangs up─► disconnect (CustomerRemaining) flow;
 * while connected the agent may put the caller on hold (hold flow) or transfer them (a
 * queue-transfer flow, back to a queue).
 */

/** How a call starts. */
export interface CallSetup {
  /** The flow the call enters (a phone number's or the chat widget's flow). */
  readonly flow: string;
  /** @default 'VOICE' */
  readonly channel?: 'VOICE' | 'CHAT' | 'TASK';
  /** The contact's language before any flow sets it. @default - the jurisdiction's first language */
  readonly languageCode?: string;
  /** Attributes the contact starts with (a chat's start attributes). @default none */
  readonly attributes?: Readonly<Record<string, string>>;
  /** @default '+15555550123' */
  readonly customerNumber?: string;
  /** @default '+15555550100' */
  readonly systemNumber?: string;
}

/** Most actions one call may run before the simulator calls it a runaway loop. */
export const MAX_STEPS = 2000;

/** The state of a new call entering `setup.flow`. */
export function newCall(world: SimWorld, setup: CallSetup): SimState {
  const flow = world.flows.get(setup.flow);
  if (!flow) throw new Error(`no flow named ${JSON.stringify(setup.flow)} in ${world.jurisdiction} (flows: ${[...world.flows.keys()].join(', ')})`);
  const state: SimState = {
    phase: flow.type === 'QUEUE_TRANSFER' ? 'transfer' : 'inbound',
    stack: [],
    channel: setup.channel ?? 'VOICE',
    languageCode: setup.languageCode ?? world.languages[0] ?? 'en-US',
    attributes: { ...(setup.attributes ?? {}) },
    external: {},
    lex: { sessionAttributes: {}, slots: {} },
    metrics: {},
    queuePriority: 1,
    customerNumber: setup.customerNumber ?? '+15555550123',
    systemNumber: setup.systemNumber ?? '+15555550100',
    voice: 'Joanna',
    hooks: {},
    tags: {},
    recording: 'off',
    flowLogging: false,
    agentSteps: 0,
    steps: 0,
    faultsUsed: 0,
    events: [],
  };
  startFlow(state, flow, 'entered');
  if (setup.attributes?.language) state.events.push({ kind: 'language', language: setup.attributes.language });
  return state;
}

/**
 * A copy of a state that a fork can change without touching the original (the explorer forks
 * with it). Every field is written in one fixed order (absent optional fields as `undefined`), so
 * all copies share one object shape and copying stays on V8's fast path instead of a generic
 * spread of varying shapes. The records the actions replace whole instead of changing (external,
 * lex, metrics, hooks, tags: read-only in {@link SimState}) are shared, not copied.
 */
export function cloneState(s: SimState): SimState {
  const stack: Frame[] = new Array<Frame>(s.stack.length);
  for (let i = 0; i < stack.length; i++) {
    const f = s.stack[i];
    stack[i] = { flow: f.flow, action: f.action, loops: { ...f.loops }, flowAttributes: { ...f.flowAttributes }, returnTo: f.returnTo } satisfies Every<Frame>;
  }
  return {
    phase: s.phase,
    stack,
    channel: s.channel,
    languageCode: s.languageCode,
    attributes: { ...s.attributes },
    external: s.external,
    lex: s.lex,
    metrics: s.metrics,
    storedInput: s.storedInput,
    targetQueue: s.targetQueue,
    queuePriority: s.queuePriority,
    customerNumber: s.customerNumber,
    systemNumber: s.systemNumber,
    callbackNumber: s.callbackNumber,
    voice: s.voice,
    hooks: s.hooks,
    tags: s.tags,
    recording: s.recording,
    flowLogging: s.flowLogging,
    agentSteps: s.agentSteps,
    silentError: s.silentError,
    pending: s.pending,
    queued: s.queued,
    callback: s.callback,
    routingCriteria: s.routingCriteria,
    tasks: s.tasks,
    steps: s.steps,
    faultsUsed: s.faultsUsed,
    events: s.events.length === 0 ? [] : s.events.slice(),
    end: s.end,
  } satisfies Every<SimState>;
}

/** Every field of `T`, optional ones included: a field added to the state and not copied above is a compile error. */
type Every<T> = { [K in keyof Required<T>]: T[K] };

function startFlow(state: SimState, flow: SimFlow, how: string): void {
  state.stack.push({ flow: flow.name, action: flow.start, loops: {}, flowAttributes: {} });
  state.events.push({ kind: 'flow', flow: flow.name, how });
}

/** Who hears prompts in the current phase. */
export const audienceOf = (phase: Phase): Audience => (phase === 'whisper-agent' ? 'agent' : 'caller');

/** The running flow and action, if a flow runs. */
export function current(world: SimWorld, state: SimState): { flow: SimFlow; action: Action } | undefined {
  const frame = state.stack[state.stack.length - 1];
  if (!frame) return undefined;
  const flow = world.flows.get(frame.flow)!;
  const action = flow.actions.get(frame.action);
  return action ? { flow, action } : undefined;
}

/** The fault a scenario injects into an action, if any (`flow/action` or `action` → error type). */
export function injectedFault(conditions: Conditions | undefined, flow: string, action: string): string | undefined {
  return conditions?.faults[`${flow}/${action}`] ?? conditions?.faults[action];
}

/**
 * Runs one step: the current action's handler (or a fault the scenario injects into it), or,
 * with no flow running, the world's question about the queue or the agent.
 */
export function step(world: SimWorld, state: SimState, conditions?: Conditions): StepResult {
  if (state.stack.length === 0) {
    if (state.pending === 'in-queue') {
      return {
        ask: { kind: 'queue-wait', queue: state.queued?.queue ?? '' },
        resume: (answer) => (answer.kind === 'agent-answers' ? { end: 'agent' } : answer.kind === 'hangup' ? { end: 'hang-up' } : { end: 'leave' }),
      };
    }
    if (state.pending === 'connected') {
      return {
        ask: { kind: 'agent' },
        resume: (answer) => {
          if (answer.kind !== 'agent-move') return answer.kind === 'leave' ? { end: 'leave' } : { end: 'agent-hangs-up' };
          if (answer.move === 'caller-hangs-up') return { end: 'hang-up' };
          if (answer.move === 'hold') return { end: 'hold' };
          if (answer.move === 'transfer') return { end: 'agent-transfer', target: answer.target, reason: answer.queue };
          return { end: 'agent-hangs-up' };
        },
      };
    }
    return { end: 'stop', reason: 'no flow is running' };
  }
  const here = current(world, state);
  const frame = state.stack[state.stack.length - 1];
  if (!here) return { end: 'stop', reason: `action ${JSON.stringify(frame.action)} does not exist in flow ${frame.flow}` };
  if (++state.steps > MAX_STEPS) return { end: 'stop', reason: `more than ${MAX_STEPS} actions: the call loops without end` };
  const fault = injectedFault(conditions, here.flow.name, here.action.Identifier);
  if (fault) return { branch: { kind: 'error', errorType: fault }, cause: 'fault injected by the scenario' };
  const handler = HANDLERS.get(here.action.Type);
  if (!handler) return { end: 'stop', reason: `${here.flow.name}/${here.action.Identifier}: ${unsupportedReason(here.action.Type)}` };
  const ctx: ActionContext = { world, conditions, flow: here.flow, audience: audienceOf(state.phase) };
  try {
    return handler(here.action, state, ctx);
  } catch (error) {
    if (error instanceof UnmodelledPathError) return { end: 'stop', reason: `${here.flow.name}/${here.action.Identifier}: ${error.message}` };
    throw error;
  }
}

/** Where a branch of an action leads; undefined when the flow has no transition for it. */
export function targetOf(action: Action, branch: Branch): string | undefined {
  const t = action.Transitions;
  if (branch.kind === 'next') return t.NextAction;
  if (branch.kind === 'condition') return t.Conditions?.[branch.index]?.NextAction;
  const handled = t.Errors?.find((e) => e.ErrorType === branch.errorType)?.NextAction;
  // Exports put the no-match path in both places; a flow without the error entry uses NextAction.
  return handled ?? (branch.errorType === 'NoMatchingCondition' ? t.NextAction : undefined);
}

/** Errors that are a comparison's default branch, or a prompt that did not play: not a failure the caller must be told about. */
const QUIET_ERRORS: Readonly<Record<string, readonly string[]>> = {
  Compare: ['NoMatchingCondition'],
  CheckMetricData: ['NoMatchingCondition'],
  DistributeByPercentage: ['NoMatchingCondition'],
  MessageParticipant: ['NoMatchingError'],
  MessageParticipantIteratively: ['NoMatchingError'],
  UpdateContactTextToSpeechVoice: ['NoMatchingError'],
};

/** Whether taking `errorType` on `action` is an error the caller must hear about before any disconnect. */
export function armsSilence(action: Action, errorType: string): boolean {
  return !(QUIET_ERRORS[action.Type] ?? []).includes(errorType);
}

/** A transition taken: for coverage and the explorer. */
export interface Taken {
  readonly flow: string;
  readonly action: string;
  readonly label: string;
}

function lastCallerMessage(state: SimState): string | undefined {
  for (let i = state.events.length - 1; i >= 0; i--) {
    const e = state.events[i];
    if (e.kind === 'prompt' && e.audience === 'caller') return e.text;
  }
  return undefined;
}

function finish(state: SimState, end: EndState): void {
  state.end = end;
  state.stack = [];
  state.pending = undefined;
}

function enterQueue(world: SimWorld, state: SimState, queue: string): void {
  state.targetQueue = queue;
  state.queued = { queue, priority: state.queuePriority };
  state.stack = [];
  const routing = state.routingCriteria ? `; routing ${describeRoutingCriteria(state.routingCriteria)}` : '';
  state.events.push({ kind: 'note', text: `queued in ${queue} (priority ${state.queuePriority}${routing})`, flow: '', action: '' });
  const hook = state.hooks.CustomerQueue ? world.flows.get(state.hooks.CustomerQueue) : undefined;
  state.phase = 'queue';
  if (hook) {
    state.pending = undefined;
    startFlow(state, hook, `customer queue flow of ${queue}`);
  } else state.pending = 'in-queue';
}

function afterCustomerWhisper(world: SimWorld, state: SimState): void {
  state.stack = [];
  const hook = state.hooks.AgentWhisper ? world.flows.get(state.hooks.AgentWhisper) : undefined;
  if (hook) {
    state.phase = 'whisper-agent';
    state.pending = undefined;
    startFlow(state, hook, 'agent whisper');
  } else connected(state);
}

function connected(state: SimState): void {
  state.stack = [];
  state.phase = 'inbound';
  state.pending = 'connected';
  state.silentError = undefined;
  state.events.push({ kind: 'note', text: 'connected to an agent', flow: '', action: '' });
}

function agentAnswers(world: SimWorld, state: SimState): void {
  state.stack = [];
  const hook = state.hooks.CustomerWhisper ? world.flows.get(state.hooks.CustomerWhisper) : undefined;
  if (hook) {
    state.phase = 'whisper-customer';
    state.pending = undefined;
    startFlow(state, hook, 'customer whisper');
  } else afterCustomerWhisper(world, state);
}

/**
 * Applies an outcome: follows the branch to the next action, or moves the contact to its next
 * flow or phase, or ends the call. Returns the transition taken, if an action branched.
 */
export function follow(world: SimWorld, state: SimState, outcome: Outcome): Taken | undefined {
  const frame = state.stack[state.stack.length - 1];
  const here = current(world, state);
  if ('branch' in outcome) {
    if (!here || !frame) throw new Error('follow: a branch with no running action');
    const label = branchLabel(outcome.branch);
    const taken = { flow: here.flow.name, action: here.action.Identifier, label };
    if (outcome.branch.kind === 'error') {
      // A comparison's no-match is its default branch, not worth a transcript line.
      if (!(outcome.branch.errorType === 'NoMatchingCondition' && (here.action.Type === 'Compare' || here.action.Type === 'CheckMetricData'))) state.events.push({ kind: 'error', errorType: outcome.branch.errorType, flow: here.flow.name, action: here.action.Identifier, cause: outcome.cause ?? '' });
      if (audienceOf(state.phase) === 'caller' && armsSilence(here.action, outcome.branch.errorType)) {
        state.silentError = { flow: here.flow.name, action: here.action.Identifier, errorType: outcome.branch.errorType };
      }
    }
    const target = targetOf(here.action, outcome.branch);
    if (target === undefined || !here.flow.actions.has(target)) {
      finish(state, { kind: 'stopped', reason: `missing transition: ${here.flow.name}/${here.action.Identifier} has no ${target === undefined ? `transition for ${label}` : `action ${JSON.stringify(target)} (the target of ${label})`}`, flow: here.flow.name, action: here.action.Identifier });
    } else frame.action = target;
    return taken;
  }
  const where = { flow: here?.flow.name ?? '', action: here?.action.Identifier ?? '' };
  switch (outcome.end) {
    case 'disconnect':
      finish(state, { kind: 'disconnected', ...where, lastMessage: lastCallerMessage(state), silentError: state.phase === 'disconnect-flow' ? undefined : state.silentError });
      break;
    case 'hang-up':
      finish(state, { kind: 'hung-up', ...where });
      break;
    case 'third-party':
      finish(state, { kind: 'transferred', to: outcome.target ?? '' });
      break;
    case 'stop':
      finish(state, { kind: 'stopped', reason: outcome.reason ?? 'stopped', ...where });
      break;
    case 'leave':
      if ((state.pending === 'in-queue' || state.phase === 'queue') && state.queued) finish(state, { kind: 'queued', queue: state.queued.queue, priority: state.queued.priority, waiting: 'in-queue' });
      else if (state.pending === 'connected' && state.queued) finish(state, { kind: 'queued', queue: state.queued.queue, priority: state.queued.priority, waiting: 'agent-answered' });
      else finish(state, { kind: 'stopped', reason: outcome.reason ?? 'the scenario ends here', ...where });
      break;
    case 'transfer-to-flow': {
      const target = world.flows.get(outcome.target ?? '')!;
      state.stack.pop();
      startFlow(state, target, `TransferToFlow from ${where.flow}`);
      break;
    }
    case 'invoke-module':
      startFlow(state, world.flows.get(outcome.target ?? '')!, `module invoked by ${where.flow}/${where.action}`);
      break;
    case 'end-module': {
      state.stack.pop();
      if (state.stack.length === 0) finish(state, { kind: 'stopped', reason: 'a module ended with no flow to return to', ...where });
      else return follow(world, state, { branch: { kind: 'next' } });
      break;
    }
    case 'queue':
      enterQueue(world, state, outcome.target ?? state.targetQueue ?? '');
      break;
    case 'agent':
      if (state.phase === 'hold') connected(state);
      else agentAnswers(world, state);
      break;
    case 'end-flow':
      if (state.phase === 'queue') {
        state.stack = [];
        state.pending = 'in-queue';
      } else if (state.phase === 'whisper-customer') afterCustomerWhisper(world, state);
      else if (state.phase === 'whisper-agent') connected(state);
      else finish(state, { kind: 'disconnected', ...where, lastMessage: lastCallerMessage(state) });
      break;
    case 'agent-hangs-up': {
      const hook = state.hooks.CustomerRemaining ? world.flows.get(state.hooks.CustomerRemaining) : undefined;
      if (hook) {
        state.phase = 'disconnect-flow';
        state.pending = undefined;
        startFlow(state, hook, 'disconnect flow (the agent hung up first)');
      } else finish(state, { kind: 'disconnected', flow: '', action: '', lastMessage: 'the agent ended the contact' });
      break;
    }
    case 'hold': {
      state.agentSteps++;
      const hook = state.hooks.CustomerHold ? world.flows.get(state.hooks.CustomerHold) : undefined;
      if (hook) {
        state.phase = 'hold';
        state.pending = undefined;
        startFlow(state, hook, 'the agent put the caller on hold');
      }
      break;
    }
    case 'agent-transfer': {
      state.agentSteps++;
      const target = world.flows.get(outcome.target ?? '');
      if (!target) {
        finish(state, { kind: 'stopped', reason: `no flow named ${JSON.stringify(outcome.target)} to transfer to`, ...where });
        break;
      }
      if (outcome.reason) state.targetQueue = outcome.reason;
      state.phase = 'transfer';
      state.pending = undefined;
      startFlow(state, target, `the agent transferred the caller${outcome.reason ? ` to ${outcome.reason}` : ''}`);
      break;
    }
  }
  return undefined;
}
