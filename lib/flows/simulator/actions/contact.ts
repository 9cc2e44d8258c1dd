import { ActionFamily, error, next, param } from './common';
import type { SimValue } from '../types';
import { UNKNOWN } from '../types';
import { valueOf } from '../values';
import { describeRoutingCriteria, readRoutingCriteria } from './routing-criteria';

/**
 * Contact actions: attributes, language, queues, event hooks, voice, recording, callbacks,
 * modules and transfers.
 * https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions.html
 */

const E164 = /^\+[1-9]\d{6,14}$/;

/** Event hooks a flow may set (UpdateContactEventHooks). */
export const EVENT_HOOKS = ['CustomerQueue', 'CustomerHold', 'CustomerWhisper', 'AgentHold', 'AgentWhisper', 'CustomerRemaining', 'DefaultAgentUI', 'DisconnectAgentUI', 'PauseContact', 'ResumeContact'];

const text = (value: SimValue) => (value === UNKNOWN ? '(known at run time)' : value);

const noteOnly = (what: string): ActionFamily[string] => (action, state, ctx) => {
  state.events.push({ kind: 'note', text: what, flow: ctx.flow.name, action: action.Identifier });
  return next();
};

export const CONTACT_ACTIONS: ActionFamily = {
  UpdateContactAttributes(action, state) {
    const attributes = (action.Parameters.Attributes ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(attributes)) {
      const v = valueOf(state, value);
      if (key === 'language' && typeof v === 'string' && v !== state.attributes.language) state.events.push({ kind: 'language', language: v });
      state.attributes[key] = v;
    }
    return next();
  },

  UpdateContactData(action, state) {
    const language = action.Parameters.LanguageCode;
    if (language !== undefined) {
      const value = valueOf(state, language);
      if (value !== UNKNOWN) state.languageCode = value;
    }
    return next();
  },

  UpdateContactTargetQueue(action, state, ctx) {
    const queue = valueOf(state, action.Parameters.QueueId);
    if (queue === UNKNOWN) return error('NoMatchingError', 'queue known at run time');
    if (!ctx.world.queues.has(queue)) return error('NoMatchingError', `queue ${JSON.stringify(queue)} does not exist`);
    state.targetQueue = queue;
    return next(`target queue ${queue}`);
  },

  TransferContactToQueue(_action, state, ctx) {
    const queue = state.targetQueue;
    if (!queue) return error('NoMatchingError', 'no target queue is set');
    const max = ctx.world.queues.get(queue)?.maxContacts;
    const waiting = ctx.conditions?.queues[queue]?.waiting ?? 0;
    if (max !== undefined && waiting >= max) return error('QueueAtCapacity', `${queue} holds ${waiting} of ${max} contacts`);
    return { end: 'queue', target: queue };
  },

  DequeueContactAndTransferToQueue(action, state, ctx) {
    const queue = valueOf(state, action.Parameters.QueueId);
    if (queue === UNKNOWN || !ctx.world.queues.has(queue)) return error('NoMatchingError', `queue ${text(queue)} does not exist`);
    state.targetQueue = queue;
    return { end: 'queue', target: queue };
  },

  UpdateContactEventHooks(action, state, ctx) {
    const hooks = (action.Parameters.EventHooks ?? {}) as Record<string, unknown>;
    const set = (state.hooks = { ...state.hooks });
    for (const [hook, value] of Object.entries(hooks)) {
      const flow = valueOf(state, value);
      if (!EVENT_HOOKS.includes(hook)) return error('NoMatchingError', `unknown event hook ${hook}`);
      if (flow === UNKNOWN || !ctx.world.flows.has(flow)) return error('NoMatchingError', `flow ${text(flow)} does not exist`);
      set[hook] = flow;
    }
    return next();
  },

  UpdateContactTextToSpeechVoice(action, state, ctx) {
    const voice = param(action, 'TextToSpeechVoice');
    if (param(action, 'TextToSpeechEngine') === 'Neural' && ctx.conditions && !ctx.conditions.neuralVoices) return error('NoMatchingError', `neural voice ${voice} unavailable`);
    state.voice = voice;
    return next();
  },

  UpdateContactRecordingAndAnalyticsBehavior(action, state) {
    const voice = action.Parameters.VoiceBehavior !== undefined;
    const chat = action.Parameters.ChatBehavior !== undefined;
    if (state.channel === 'VOICE' && !voice) return error('ChannelMismatch', 'no voice behavior for a voice contact');
    if (state.channel === 'CHAT' && !chat) return error('ChannelMismatch', 'no chat behavior for a chat contact');
    if (state.channel === 'TASK') return error('ChannelMismatch', 'tasks are not recorded');
    state.recording = voice && state.channel === 'VOICE' ? 'voice' : 'chat';
    return next();
  },

  UpdateContactRecordingBehavior(action, state) {
    state.recording = param(action, 'RecordingBehavior') || 'updated';
    return next();
  },

  UpdateContactCallbackNumber(action, state) {
    const number = valueOf(state, action.Parameters.CallbackNumber);
    if (number === UNKNOWN) return next('callback number known at run time');
    if (state.channel !== 'VOICE' || !E164.test(number)) return error('InvalidCallbackNumber', `${JSON.stringify(number)} is not an E.164 number`);
    state.callbackNumber = number;
    return next();
  },

  TagContact(action, state) {
    const tags = (state.tags = { ...state.tags });
    for (const [key, value] of Object.entries((action.Parameters.Tags ?? {}) as Record<string, unknown>)) tags[key] = text(valueOf(state, value));
    return next();
  },

  UnTagContact(action, state) {
    const tags = (state.tags = { ...state.tags });
    for (const key of (action.Parameters.TagKeys ?? []) as string[]) delete tags[key];
    return next();
  },

  UpdateContactRoutingBehavior(action, state) {
    const priority = Number(param(action, 'QueuePriority'));
    if (Number.isInteger(priority) && priority > 0) state.queuePriority = priority;
    return next();
  },

  InvokeFlowModule(action, state, ctx) {
    const module = valueOf(state, action.Parameters.FlowModuleId);
    const target = module === UNKNOWN ? undefined : ctx.world.flows.get(module);
    if (!target || target.type !== 'MODULE') return error('NoMatchingError', `module ${text(module)} does not exist`);
    return { end: 'invoke-module', target: target.name };
  },

  EndFlowModuleExecution() {
    return { end: 'end-module' };
  },

  TransferContactToAgent() {
    return { end: 'agent' };
  },

  /** https://docs.aws.amazon.com/connect/latest/APIReference/createtask.html: the task starts in ContactFlowId. */
  CreateTask(action, state, ctx) {
    const flow = valueOf(state, action.Parameters.ContactFlowId);
    if (flow === UNKNOWN || !ctx.world.flows.has(flow)) return error('NoMatchingError', `task flow ${text(flow)} does not exist`);
    const attributes: Record<string, SimValue> = Object.fromEntries(Object.entries((action.Parameters.Attributes ?? {}) as Record<string, unknown>).map(([key, value]) => [key, valueOf(state, value)]));
    const name = valueOf(state, action.Parameters.Name);
    state.tasks = [...(state.tasks ?? []), { name: name === UNKNOWN ? '(known at run time)' : name, flow, attributes }];
    return next(`task in ${flow}`);
  },
  ResumeContact: noteOnly('the contact resumes'),
  CompleteOutboundCall: noteOnly('the outbound call is placed'),
  StartOutboundChatContact: noteOnly('an outbound chat is started'),
  UpdatePreviousContactParticipantState: noteOnly('the previous contact participant state is updated'),
  UpdateContactMediaProcessing: noteOnly('media processing is updated'),

  UpdateContactRoutingCriteria(action, state, ctx) {
    const read = readRoutingCriteria(action, state, ctx.world);
    if ('problem' in read) return error('NoMatchingError', read.problem);
    if ('unknown' in read) return next('routing criteria known at run time');
    state.routingCriteria = read.steps;
    return next(`routing criteria: ${describeRoutingCriteria(read.steps)}`);
  },
};
