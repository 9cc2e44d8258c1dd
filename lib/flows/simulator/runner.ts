import type { LexLocale } from '../../bots/schema';
import { cloneState, follow, newCall, step, Taken } from './engine';
import type { CallSetup } from './engine';
import { converse, type CallerTurn, type CodeHook } from './lex-dialog';
import type { Answer, CallEvent, Conditions, EndState, Outcome, Request, SimState, SimWorld } from './types';
import { UNKNOWN } from './types';
import type { Scenario, ScenarioInput } from './scenario';

/**
 * Runs one scripted call: the interpreter's questions are answered from the scenario (caller
 * inputs in order, scripted or real functions, the agent's moves), and the outcome is checked
 * against the scenario's expectations.
 */

/** How the kit's functions are run: for real in-process (functions.ts) or not at all. */
export interface FunctionRunner {
  invoke(fn: string, event: Record<string, unknown>): Promise<Record<string, string>>;
  readonly lexHook?: CodeHook;
  /** Survey answers stored by survey-capture. */
  readonly surveys?: ReadonlyArray<Record<string, { S?: string; N?: string; NULL?: boolean }>>;
}

/** Caller inputs given one at a time (an interactive caller); undefined ends the input. */
export interface InputSource {
  next(state: SimState): Promise<ScenarioInput | undefined>;
}

/** The script of a call. */
export interface CallScript {
  /** The caller's inputs, in order, or a source asked each time the call needs one. */
  readonly inputs: readonly ScenarioInput[] | InputSource;
  readonly functions?: Scenario['functions'];
  readonly agent?: Scenario['agent'];
}

/** What happened in a call. */
export interface CallResult {
  readonly state: SimState;
  readonly end: EndState;
  readonly taken: readonly Taken[];
  /** Inputs the script gave that the call never asked for. */
  readonly unusedInputs: number;
}

/** The Amazon Connect Lambda event for the contact. */
export function connectEvent(state: SimState, parameters: Record<string, string>): Record<string, unknown> {
  const attributes = Object.fromEntries(Object.entries(state.attributes).map(([k, v]) => [k, v === UNKNOWN ? '' : v]));
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: 'sim-contact-0001',
        InitialContactId: 'sim-contact-0001',
        Channel: state.channel,
        InstanceARN: 'sim-instance',
        LanguageCode: state.languageCode,
        Attributes: attributes,
        CustomerEndpoint: { Address: state.customerNumber, Type: 'TELEPHONE_NUMBER' },
        SystemEndpoint: { Address: state.systemNumber, Type: 'TELEPHONE_NUMBER' },
        Queue: state.targetQueue ? { Name: state.targetQueue, ARN: `queue/${state.targetQueue}` } : null,
      },
      Parameters: parameters,
    },
  };
}

/** Runs a call to its end. `onTaken` sees every transition (coverage). */
export async function runCall(world: SimWorld, setup: CallSetup, script: CallScript, conditions: Conditions, functions?: FunctionRunner, onTaken?: (t: Taken) => void): Promise<CallResult> {
  const state = newCall(world, setup);
  const queue = Array.isArray(script.inputs) ? [...(script.inputs as readonly ScenarioInput[])] : [];
  const source = Array.isArray(script.inputs) ? undefined : (script.inputs as InputSource);
  const takeInput = async (): Promise<ScenarioInput | undefined> => (source ? source.next(state) : queue.shift());
  const scripted = new Map(Object.entries(script.functions ?? {}).map(([fn, a]) => [fn, Array.isArray(a) ? [...a] : [a]]));
  const agent = script.agent ?? { answers: true, afterInterrupts: 0, then: ['hang-up'] };
  const agentMoves = [...agent.then];
  const percents = [...(conditions.percent ?? [])];
  let interrupts = 0;
  const taken: Taken[] = [];

  const nextTurn = async (): Promise<CallerTurn> => {
    const input = await takeInput();
    if (input === undefined) return undefined;
    if (input === 'silence') return { silence: true };
    if (input === 'hang-up') return { hangUp: true };
    return 'say' in input ? { say: input.say } : { say: input.press };
  };

  const answer = async (request: Request): Promise<Answer | { stop: string }> => {
    switch (request.kind) {
      case 'dtmf': {
        const input = await takeInput();
        if (input === undefined) return { stop: 'the scenario has no more caller input for this prompt' };
        if (input === 'silence') return { kind: 'timeout' };
        if (input === 'hang-up') return { kind: 'hangup' };
        if ('press' in input) return { kind: 'digits', value: input.press };
        if (state.channel === 'CHAT') return { kind: 'digits', value: input.say };
        return { stop: `this prompt takes key presses, but the scenario says ${JSON.stringify(input.say)}` };
      }
      case 'lambda': {
        const list = scripted.get(request.fn);
        const parameters = Object.fromEntries(Object.entries(request.parameters).map(([k, v]) => [k, v === UNKNOWN ? '' : v]));
        if (list && list.length > 0) {
          const next = list.length > 1 ? list.shift()! : list[0];
          if ('timeout' in next) return { kind: 'timeout' };
          if ('error' in next) return { kind: 'error', cause: next.error };
          return { kind: 'lambda-ok', values: { ...next.answer } };
        }
        if (!functions) return { stop: `function ${request.fn} has no scripted answer and real functions are off` };
        try {
          return { kind: 'lambda-ok', values: await functions.invoke(request.fn, connectEvent(state, parameters)) };
        } catch (error) {
          return { stop: (error as Error).message };
        }
      }
      case 'lex': {
        const bot = world.bots.get(request.bot)!;
        const attrs = Object.fromEntries(Object.entries(request.sessionAttributes).map(([k, v]) => [k, v === UNKNOWN ? '' : v]));
        return converse(bot, request.bot, request.locale as LexLocale, attrs, nextTurn, functions?.lexHook);
      }
      case 'hold':
        if (state.phase === 'hold') return { kind: 'agent-answers' };
        if (interrupts < agent.afterInterrupts) {
          interrupts++;
          return { kind: 'interrupted' };
        }
        return agent.answers ? { kind: 'agent-answers' } : { kind: 'leave' };
      case 'queue-wait':
        return agent.answers ? { kind: 'agent-answers' } : { kind: 'leave' };
      case 'agent': {
        const move = agentMoves.shift() ?? 'hang-up';
        if (move.startsWith('transfer:')) {
          const [, target, queue] = move.split(':');
          return { kind: 'agent-move', move: 'transfer', target, queue };
        }
        return { kind: 'agent-move', move: move as 'hang-up' | 'caller-hangs-up' | 'hold' };
      }
      case 'percent':
        return { kind: 'percent', value: percents.shift() ?? 50 };
      case 'wait':
        return { kind: 'waited' };
      case 'branch':
        throw new Error('a scripted call met an unknown value');
    }
  };

  while (!state.end) {
    const result = step(world, state, conditions);
    let outcome: Outcome;
    if ('ask' in result) {
      const a = await answer(result.ask);
      if ('stop' in a) outcome = { end: 'stop', reason: a.stop };
      else if (a.kind === 'leave') outcome = { end: 'leave' };
      else outcome = result.resume(a, state);
    } else outcome = result;
    const t = follow(world, state, outcome);
    if (t) {
      taken.push(t);
      onTaken?.(t);
    }
  }
  return { state, end: state.end, taken, unusedInputs: queue.length };
}

/** The call setup and conditions a scenario describes. */
export function scenarioSetup(scenario: Scenario): { setup: CallSetup; conditions: Conditions } {
  const attributes = { ...scenario.attributes };
  if (scenario.language && scenario.channel === 'CHAT' && attributes.language === undefined) attributes.language = scenario.language;
  return {
    setup: { flow: scenario.flow, channel: scenario.channel, languageCode: scenario.language, attributes, customerNumber: scenario.customerNumber },
    conditions: { at: scenario.at, queues: scenario.world.queues, neuralVoices: scenario.world.neuralVoices, faults: scenario.world.faults, percent: scenario.world.percent },
  };
}

/** One line of a transcript. */
export function describeEvent(e: CallEvent): string | undefined {
  switch (e.kind) {
    case 'prompt':
      return `${e.audience === 'agent' ? 'agent hears' : 'caller hears'} (${e.language}): "${e.text}"`;
    case 'input':
      return `caller: ${e.value}`;
    case 'flow':
      return `── ${e.flow} (${e.how})`;
    case 'error':
      return `   ! ${e.action}: ${e.errorType}${e.cause ? ` (${e.cause})` : ''}`;
    case 'lambda':
      return `   λ ${e.fn} → ${e.result}`;
    case 'note':
      return `   · ${e.text}`;
    case 'language':
      return undefined;
  }
}

/** How a call ended, in words. */
export function describeEnd(end: EndState, state?: SimState): string {
  const callback = state?.callback ? `; callback created in ${state.callback.queue} for ${state.callback.number}` : '';
  switch (end.kind) {
    case 'disconnected':
      return `disconnected in ${end.flow || 'the call'}${end.action ? `/${end.action}` : ''}${end.lastMessage ? ` after "${end.lastMessage}"` : ''}${callback}`;
    case 'queued':
      return `waiting in queue ${end.queue} (priority ${end.priority})${end.waiting === 'agent-answered' ? ', with an agent' : ''}`;
    case 'transferred':
      return `transferred to ${end.to}`;
    case 'hung-up':
      return `the caller hung up in ${end.flow}/${end.action}${callback}`;
    case 'stopped':
      return `STOPPED: ${end.reason}`;
  }
}

/** The transcript of a call, one event per line. */
export function transcript(state: SimState): string[] {
  const lines = state.events.map(describeEvent).filter((l): l is string => l !== undefined);
  if (state.end) lines.push(`END: ${describeEnd(state.end, state)}`);
  return lines;
}

export { cloneState };
