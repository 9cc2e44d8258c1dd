import type { Action } from '../../types';
import { ActionContext, ActionFamily, branchOn, condition, conditionIndex, error, next, param, promptOf, say } from './common';
import type { Answer, Outcome, SimState, SimValue } from '../types';
import { UNKNOWN } from '../types';
import { valueOf } from '../values';
import { lexLocaleOf } from '../../../config/lex-locale';

/**
 * Participant actions: what the caller hears and says.
 * https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions.html
 */

const seconds = (action: Action, key: string, fallback: number) => {
  const n = Number(param(action, key));
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

function playPrompt(action: Action, state: SimState, ctx: ActionContext): Outcome | undefined {
  const prompt = promptOf(action.Parameters, state);
  if (!prompt) return undefined;
  if (!say(state, ctx, action, prompt.text, prompt.dynamic)) return error('NoMatchingError', 'the prompt is empty');
  return undefined;
}

function menuAnswer(action: Action, answer: Answer, state: SimState): Outcome {
  if (answer.kind === 'hangup') return { end: 'hang-up' };
  if (answer.kind === 'timeout') return error('InputTimeLimitExceeded', 'no input');
  if (answer.kind === 'error') return error('NoMatchingError', answer.cause);
  if (answer.kind === 'choice') return answer.index < 0 ? error('NoMatchingCondition', 'a key no option uses') : condition(answer.index, 'pressed');
  if (answer.kind !== 'digits') return error('NoMatchingError', `unexpected answer ${answer.kind}`);
  state.events.push({ kind: 'input', value: String(answer.value === UNKNOWN ? '?' : answer.value), flow: '', action: action.Identifier });
  const i = answer.value === UNKNOWN ? -1 : conditionIndex(action, answer.value);
  return i >= 0 ? condition(i, `pressed ${String(answer.value)}`) : error('NoMatchingCondition', `pressed ${String(answer.value === UNKNOWN ? '?' : answer.value)}, which no option uses`);
}

export const PARTICIPANT_ACTIONS: ActionFamily = {
  MessageParticipant(action, state, ctx) {
    const prompt = promptOf(action.Parameters, state);
    if (!prompt) return error('NoMatchingError', 'no Text, SSML or PromptId');
    return say(state, ctx, action, prompt.text, prompt.dynamic) ? next() : error('NoMatchingError', 'the message is empty');
  },

  GetParticipantInput(action, state, ctx) {
    const failed = playPrompt(action, state, ctx);
    if (failed) return failed;
    const store = param(action, 'StoreInput') === 'True';
    const validation = action.Parameters.InputValidation as { CustomValidation?: { MaximumLength?: string } } | undefined;
    const maxDigits = Number(validation?.CustomValidation?.MaximumLength ?? 0) || undefined;
    return {
      ask: { kind: 'dtmf', store, maxDigits, timeoutSeconds: seconds(action, 'InputTimeLimitSeconds', 5) },
      resume: (answer, s) => {
        if (!store) return menuAnswer(action, answer, s);
        if (answer.kind === 'hangup') return { end: 'hang-up' };
        if (answer.kind === 'error') return error('NoMatchingError', answer.cause);
        if (answer.kind === 'timeout') {
          s.storedInput = '';
          return next('no digits entered');
        }
        if (answer.kind !== 'digits') return error('NoMatchingError', `unexpected answer ${answer.kind}`);
        if (answer.value !== UNKNOWN && maxDigits !== undefined && answer.value.length > maxDigits) {
          s.storedInput = answer.value.slice(0, maxDigits);
        } else s.storedInput = answer.value;
        s.events.push({ kind: 'input', value: answer.value === UNKNOWN ? '?' : '*'.repeat(answer.value.length), flow: '', action: action.Identifier });
        return next('digits stored');
      },
    };
  },

  ConnectParticipantWithLexBot(action, state, ctx) {
    const failed = playPrompt(action, state, ctx);
    if (failed) return failed;
    const bot = action.Parameters.LexV2Bot as { AliasArn?: string } | undefined;
    const botName = String(bot?.AliasArn ?? '');
    if (!ctx.world.bots.has(botName)) return error('NoMatchingError', `bot ${JSON.stringify(botName)} is not one this jurisdiction deploys`);
    const sessionAttributes: Record<string, SimValue> = {};
    const raw = (action.Parameters.LexSessionAttributes ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(raw)) sessionAttributes[key] = valueOf(state, value);
    return {
      ask: { kind: 'lex', bot: botName, locale: lexLocaleOf(state.languageCode), sessionAttributes },
      resume: (answer, s) => {
        if (answer.kind === 'hangup') return { end: 'hang-up' };
        if (answer.kind === 'timeout') return error('InputTimeLimitExceeded', 'the caller said nothing');
        if (answer.kind === 'error') return error('NoMatchingError', answer.cause ?? 'the bot failed');
        if (answer.kind !== 'lex-result') return error('NoMatchingError', `unexpected answer ${answer.kind}`);
        s.lex = { intent: answer.intent, sessionAttributes: { ...answer.sessionAttributes }, slots: { ...answer.slots } };
        for (const m of answer.messages) {
          if (m.fromCaller) s.events.push({ kind: 'input', value: String(m.text === UNKNOWN ? '?' : m.text), flow: ctx.flow.name, action: action.Identifier });
          else say(s, ctx, action, m.text, true);
        }
        if (answer.state === 'Failed') return error('NoMatchingError', `the bot closed ${String(answer.intent === UNKNOWN ? 'the intent' : answer.intent)} as Failed`);
        const result = branchOn(action, answer.intent, 'intent');
        if ('ask' in result) throw new Error('unreachable: intent branches are resolved by the explorer');
        return result;
      },
    };
  },

  DisconnectParticipant() {
    return { end: 'disconnect' };
  },

  MessageParticipantIteratively(action, _state, ctx) {
    const messages = (action.Parameters.Messages ?? []) as Array<Record<string, unknown>>;
    return {
      ask: { kind: 'hold', interruptSeconds: seconds(action, 'InterruptFrequencySeconds', 60) },
      resume: (answer, s) => {
        for (const m of messages) {
          const prompt = promptOf(m, s);
          if (prompt) say(s, ctx, action, prompt.text, prompt.dynamic);
        }
        if (answer.kind === 'agent-answers') return { end: 'agent' };
        if (answer.kind === 'hangup') return { end: 'hang-up' };
        if (answer.kind === 'error') return error('NoMatchingError', answer.cause);
        const i = conditionIndex(action, 'MessagesInterrupted');
        if (i >= 0) return condition(i, `interrupted after ${param(action, 'InterruptFrequencySeconds') || '?'} s`);
        return { end: 'stop', reason: 'the messages play on until an agent answers' };
      },
    };
  },

  ShowView(action) {
    return {
      ask: { kind: 'dtmf', store: false, timeoutSeconds: seconds(action, 'ViewTimeoutSeconds', 300) },
      resume: (answer, s) => {
        const out = menuAnswer(action, answer, s);
        return 'branch' in out && out.branch.kind === 'error' && out.branch.errorType === 'InputTimeLimitExceeded' ? error('TimeLimitExceeded', 'the view timed out') : out;
      },
    };
  },

  TransferParticipantToThirdParty(action, state) {
    const number = valueOf(state, action.Parameters.ThirdPartyPhoneNumber);
    if (number === '' ) return error('NoMatchingError', 'no ThirdPartyPhoneNumber');
    return { end: 'third-party', target: number === UNKNOWN ? 'a number known at run time' : number };
  },
};
