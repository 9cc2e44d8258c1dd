import { ActionFamily, error, next, param } from './common';
import type { SimValue } from '../types';
import { UNKNOWN } from '../types';
import { valueOf } from '../values';

/**
 * Interactions: Lambda functions and queued callbacks. The world answers a Lambda call: a
 * scenario runs the kit's real handler in-process or scripts the answer; the explorer tries
 * success, error and timeout.
 * https://docs.aws.amazon.com/connect/latest/APIReference/interactions.html
 */

const text = (value: SimValue) => (value === UNKNOWN ? '(known at run time)' : value);

/** Longest synchronous invocation Amazon Connect allows (InvocationTimeLimitSeconds 1-8). */
export const MAX_LAMBDA_SECONDS = 8;

export const INTERACTION_ACTIONS: ActionFamily = {
  InvokeLambdaFunction(action, state, ctx) {
    const fn = param(action, 'LambdaFunctionARN');
    const parameters: Record<string, SimValue> = {};
    for (const [key, value] of Object.entries((action.Parameters.LambdaInvocationAttributes ?? {}) as Record<string, unknown>)) parameters[key] = valueOf(state, value);
    const timeoutSeconds = Math.min(MAX_LAMBDA_SECONDS, Number(param(action, 'InvocationTimeLimitSeconds')) || 3);
    return {
      ask: { kind: 'lambda', fn, parameters, timeoutSeconds },
      resume: (answer, s) => {
        const result = answer.kind === 'lambda-ok' ? String(answer.values.result === UNKNOWN ? '?' : answer.values.result ?? 'OK') : answer.kind;
        s.events.push({ kind: 'lambda', fn, result, flow: ctx.flow.name, action: action.Identifier });
        if (answer.kind === 'hangup') return { end: 'hang-up' };
        if (answer.kind === 'timeout') return error('NoMatchingError', `${fn} did not answer within ${timeoutSeconds} s`);
        if (answer.kind === 'error') return error('NoMatchingError', `${fn} failed: ${answer.cause ?? 'error'}`);
        if (answer.kind !== 'lambda-ok') return error('NoMatchingError', `unexpected answer ${answer.kind}`);
        s.external = { ...answer.values };
        return next();
      },
    };
  },

  CreateCallbackContact(action, state, ctx) {
    const queue = valueOf(state, action.Parameters.QueueId ?? state.targetQueue ?? '');
    if (!state.callbackNumber) return error('NoMatchingError', 'no callback number is set');
    if (queue === UNKNOWN || !ctx.world.queues.has(queue)) return error('NoMatchingError', `queue ${text(queue)} does not exist`);
    state.callback = { queue, number: state.callbackNumber };
    return next(`callback in ${queue}`);
  },};
