import type { Action } from '../../types';
import { holds } from '../compare';
import { detectLanguage, stripSsml } from '../language';
import { interpolate, isDynamic } from '../values';
import type { Audience, Branch, Conditions, Outcome, SimFlow, SimState, SimValue, SimWorld, StepResult } from '../types';
import { UNKNOWN } from '../types';

/** What an action handler may use besides the contact's state. */
export interface ActionContext {
  readonly world: SimWorld;
  /** The scenario's facts; undefined while exploring (the values are then unknown). */
  readonly conditions?: Conditions;
  readonly flow: SimFlow;
  readonly audience: Audience;
}

/** Runs one action type: reads parameters, changes the state, says where to go. */
export type ActionHandler = (action: Action, state: SimState, ctx: ActionContext) => StepResult;

/** An action family: handlers by action type. */
export type ActionFamily = Readonly<Record<string, ActionHandler>>;

export const NEXT: Outcome = { branch: { kind: 'next' } };
export const next = (cause?: string): Outcome => ({ branch: { kind: 'next' }, cause });
export const error = (errorType: string, cause?: string): Outcome => ({ branch: { kind: 'error', errorType }, cause });
export const condition = (index: number, cause?: string): Outcome => ({ branch: { kind: 'condition', index }, cause });

/** A parameter as a string ('' when absent). */
export const param = (action: Action, key: string): string => {
  const value = action.Parameters[key];
  return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/**
 * Branches on `value`: the first condition that holds, else NoMatchingCondition. An unknown
 * value (exploring) forks into every condition and the no-match branch.
 */
export function branchOn(action: Action, value: SimValue, describe = 'value'): StepResult {
  const conditions = action.Transitions.Conditions ?? [];
  if (value === UNKNOWN) {
    const options: Outcome[] = conditions.map((c, i) => condition(i, `${describe} ${c.Condition.Operator} ${c.Condition.Operands.join(', ')}`));
    options.push(error('NoMatchingCondition', `${describe} matches no condition`));
    return { ask: { kind: 'branch', options }, resume: (answer) => (answer.kind === 'choice' ? options[answer.index] : options[options.length - 1]) };
  }
  for (let i = 0; i < conditions.length; i++) {
    if (holds(value, conditions[i].Condition) === true) return condition(i, `${describe} "${value}" ${conditions[i].Condition.Operator} ${conditions[i].Condition.Operands.join(', ')}`);
  }
  return error('NoMatchingCondition', `${describe} "${value}" matches no condition`);
}

/** Index of the condition `Equals <operand>`, or -1. */
export function conditionIndex(action: Action, operand: string): number {
  return (action.Transitions.Conditions ?? []).findIndex((c) => c.Condition.Operator === 'Equals' && c.Condition.Operands.includes(operand));
}

/** How a recorded (audio) prompt is shown in transcripts: `[audio prompt <name>]`. */
const AUDIO_PROMPT = /^\[audio prompt [^\]]*\]$/;

/** The text of a prompt parameter set (`Text`, `SSML`, `PromptId`), with references read. */
export function promptOf(params: Readonly<Record<string, unknown>>, state: SimState): { text: SimValue; dynamic: boolean } | undefined {
  for (const key of ['Text', 'SSML'] as const) {
    const raw = params[key];
    if (typeof raw === 'string' && raw !== '') return { text: interpolate(state, raw), dynamic: isDynamic(raw) };
  }
  if (typeof params.PromptId === 'string' && params.PromptId !== '') return { text: `[audio prompt ${params.PromptId}]`, dynamic: false };
  return undefined;
}

/**
 * Plays a prompt: adds it to the call's events. A caller hearing a message ends any silent
 * error (the caller has been told). Returns false when there is nothing to say.
 */
export function say(state: SimState, ctx: ActionContext, action: Action, text: SimValue, dynamic: boolean): boolean {
  if (text !== UNKNOWN && stripSsml(text) === '') return false;
  const plain = text === UNKNOWN ? '(text known at run time)' : stripSsml(text);
  // A recording's language cannot be read from its name (hold music has none): like text known
  // only at run time, it suits any caller language.
  const language = text === UNKNOWN || AUDIO_PROMPT.test(text) ? 'unknown' : detectLanguage(text);
  state.events.push({ kind: 'prompt', text: plain, language, audience: ctx.audience, flow: ctx.flow.name, action: action.Identifier, dynamic: dynamic || text === UNKNOWN });
  if (ctx.audience === 'caller') state.silentError = undefined;
  return true;
}

/** Branch label for coverage and transcripts: `next`, `condition:<i>`, `error:<type>`. */
export function branchLabel(branch: Branch): string {
  return branch.kind === 'next' ? 'next' : branch.kind === 'condition' ? `condition:${branch.index}` : `error:${branch.errorType}`;
}
