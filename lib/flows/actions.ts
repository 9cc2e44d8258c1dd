import { FLOW_TYPES } from './types';
import type { Action, FlowType } from './types';

/**
 * The catalogue of Flow Language action types the linter knows, built from
 * ../shared/reference/flow-language-actions.md (the documented list of the four category
 * indexes, plus the types seen in real exports).
 *
 * `errors` are the error types that must have a transition. Following the reference's advice
 * ("keyed to what the designer actually emits, not the doc list"), an error type is required
 * when the documentation lists it *and* the flow designer emits it for (nearly) every instance
 * of the action in real exports; documented error types the designer emits only sometimes are
 * `optionalErrors`. Types whose error list was not retrieved have no required errors. Where an
 * action page says a branch "Must always be defined" (the service refuses the flow without it), the
 * error is required whatever exports show.
 *
 * Every rule that depends on the parameters (GetParticipantInput's stored-input form,
 * CheckMetricData's metric, the chat form of UpdateContactRecordingAndAnalyticsBehavior) and every
 * flow-type restriction quotes the action page it comes from.
 *
 * Category indexes: https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
 */

/** The four categories of the Flow Language documentation. */
export type ActionCategory = 'participant' | 'contact' | 'flow-control' | 'interaction';

/** What the conditions of a branching action may and must be. */
export interface ConditionRules {
  /** Operators allowed. @default - any operator */
  readonly operators?: readonly string[];
  /** `Equals` operands that must each have a condition, e.g. `True` and `False`. */
  readonly required?: readonly string[];
  /** The only operands allowed. @default - any operand */
  readonly only?: readonly string[];
  /** At least one condition is needed (the action is pointless without one). */
  readonly atLeastOne?: boolean;
}

/** Amazon Connect features an action needs that some regions lack (see lib/config/regions.ts). */
export type ActionFeature = 'cases' | 'customerProfiles' | 'voiceId' | 'amazonQInConnect' | 'outboundCampaigns' | 'liveMediaStreaming';

/** An error branch the action cannot take in its configuration, and when it could. */
export interface UnsupportedError {
  readonly errorType: string;
  /** The configuration that allows it, e.g. `StoreInput is "False"`. */
  readonly allowedWhen: string;
}

/** What the linter knows about one action type. */
export interface ActionSpec {
  readonly type: string;
  readonly category: ActionCategory;
  /** Ends the flow (Transitions `{}` is correct): the end of a path. */
  readonly terminal: boolean;
  /**
   * Present when the action branches on Conditions; absent when conditions are not supported.
   * A function when they depend on the parameters (undefined: no conditions in that form).
   */
  readonly conditions?: ConditionRules | ((action: Action) => ConditionRules | undefined);
  /** Error types that must have a transition; a function when they depend on the parameters. */
  readonly errors: readonly string[] | ((action: Action) => readonly string[]);
  /** Error types the action may raise that need not have a transition. */
  readonly optionalErrors?: readonly string[];
  /** Error branches Amazon Connect refuses for the action as configured. */
  readonly unsupportedErrors?: (action: Action) => readonly UnsupportedError[];
  /** Problems with how the parameters combine, each the rest of a sentence that starts with the action (`has no InputValidation, …`). */
  readonly parameterProblems?: (action: Action) => readonly string[];
  /**
   * The parameter values that make this action a non-default form, e.g. `StoreInput "True"`,
   * shown after the type in findings. @default - none
   */
  readonly form?: (action: Action) => string | undefined;
  /** Flow types the action may be used in. @default - every flow type */
  readonly flowTypes?: readonly FlowType[];
  /** A feature the action needs that some regions lack. */
  readonly feature?: ActionFeature;
  /** False for types seen in exports but absent from the documentation index. */
  readonly documented: boolean;
}

const NME = 'NoMatchingError';
const NMC = 'NoMatchingCondition';

/** Flow types by the names the action pages' "Restrictions" sections use. */
const WHISPER_FLOWS: readonly FlowType[] = ['CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'];
const HOLD_FLOWS: readonly FlowType[] = ['CUSTOMER_HOLD', 'AGENT_HOLD'];
/** Every flow type but `excluded`: for pages that say where an action is *not* available. */
const except = (...excluded: ReadonlyArray<readonly FlowType[] | FlowType>): readonly FlowType[] => {
  const out = new Set<FlowType>(excluded.flat());
  return FLOW_TYPES.filter((t) => !out.has(t));
};

const storesInput = (action: Action) => String(action.Parameters.StoreInput ?? 'False') === 'True';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * GetParticipantInput is a menu (conditions on the digit pressed) unless it stores the input
 * (StoreInput "True"): then "there is no run result and conditions are not supported",
 * NoMatchingCondition "Must be defined only if StoreInput is False", InvalidPhoneNumber "only if
 * StoreInput is true, and PhoneNumberValidation is specified", and InputValidation is "required if
 * and only if StoreInput is True".
 * https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-getparticipantinput.html
 */
function getParticipantInputErrors(action: Action): readonly string[] {
  return storesInput(action) ? [NME] : [NME, NMC, 'InputTimeLimitExceeded'];
}

function getParticipantInputUnsupportedErrors(action: Action): readonly UnsupportedError[] {
  const out: UnsupportedError[] = [];
  if (storesInput(action)) out.push({ errorType: NMC, allowedWhen: 'StoreInput is "False" (a menu)' });
  const validation = action.Parameters.InputValidation;
  if (!storesInput(action) || !isObject(validation) || validation.PhoneNumberValidation === undefined) {
    out.push({ errorType: 'InvalidPhoneNumber', allowedWhen: 'StoreInput is "True" and InputValidation has PhoneNumberValidation' });
  }
  return out;
}

function getParticipantInputProblems(action: Action): readonly string[] {
  const validation = action.Parameters.InputValidation;
  if (storesInput(action) && validation === undefined) {
    return ['has no InputValidation, which Amazon Connect requires to store input: add {"CustomValidation": {"MaximumLength": …}} or {"PhoneNumberValidation": …}'];
  }
  if (!storesInput(action) && validation !== undefined) {
    return ['has InputValidation, which Amazon Connect allows only with StoreInput "True": set StoreInput "True" or remove InputValidation'];
  }
  return [];
}

/** The Number* operators of the Flow Language (Amazon Connect's testing language lists the same four). */
const NUMBER_OPERATORS = ['NumberGreaterThan', 'NumberGreaterOrEqualTo', 'NumberLessThan', 'NumberLessOrEqualTo'];
/** CheckMetricData's queue metrics: the ones that take any condition and raise NoMatchingCondition. */
const QUEUE_METRICS = ['OldestContactInQueueAgeSeconds', 'NumberOfContactsInQueue'];
const agentMetric = (action: Action) => String(action.Parameters.MetricType ?? '').startsWith('NumberOfAgents');

/**
 * CheckMetricData: "If the MetricType is NumberOfAgents* then the only supported condition is
 * "NumberGreaterThan 0", otherwise Equals and any Number* Operands are allowed"; NoMatchingCondition
 * is "only supported if the MetricType is OldestContactInQueueAgeSeconds or NumberOfContactsInQueue"
 * (required for those; optional for the agent metrics, where console exports still wire it).
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-checkmetricdata.html
 */
function checkMetricDataConditions(action: Action): ConditionRules {
  return agentMetric(action) ? { operators: ['NumberGreaterThan'] } : { operators: ['Equals', ...NUMBER_OPERATORS] };
}

function checkMetricDataErrors(action: Action): readonly string[] {
  return QUEUE_METRICS.includes(String(action.Parameters.MetricType ?? '')) ? [NME, NMC] : [NME];
}

/**
 * UpdateContactRecordingAndAnalyticsBehavior: NoMatchingError and ChannelMismatch "Must always be
 * defined"; InFlightRedactionConfigurationFailed "Must be defined if chat behavior is defined in
 * action". The service refuses the flow otherwise, so these are required even though no export
 * collected for the reference carries the action.
 * https://docs.aws.amazon.com/connect/latest/devguide/contact-actions-updatecontactrecordingandanalyticsbehavior.html
 */
function recordingAndAnalyticsErrors(action: Action): readonly string[] {
  return action.Parameters.ChatBehavior !== undefined ? [NME, 'ChannelMismatch', 'InFlightRedactionConfigurationFailed'] : [NME, 'ChannelMismatch'];
}

const spec = (type: string, category: ActionCategory, rest: Partial<Omit<ActionSpec, 'type' | 'category'>> = {}): ActionSpec => ({
  type,
  category,
  terminal: false,
  errors: [],
  documented: true,
  ...rest,
});

const SPECS: readonly ActionSpec[] = [
  // Participant actions
  // Restrictions: "available only in contact flows, transfer flows, and customer queue flows. It is
  // not available in whisper flows or hold flows." (modules, not named, are left allowed)
  spec('ConnectParticipantWithLexBot', 'participant', {
    conditions: { operators: ['Equals'] },
    errors: [NME, NMC],
    optionalErrors: ['InputTimeLimitExceeded'],
    flowTypes: except(WHISPER_FLOWS, HOLD_FLOWS),
  }),
  spec('DisconnectParticipant', 'participant', { terminal: true }),
  // Restrictions: "can be used in contact flows, transfer flows, and customer queue flows but not in
  // whisper flows or hold flows" (modules, not named, are left allowed).
  spec('GetParticipantInput', 'participant', {
    conditions: (action) => (storesInput(action) ? undefined : { operators: ['Equals'] }),
    errors: getParticipantInputErrors,
    optionalErrors: ['InputTimeLimitExceeded', 'InvalidPhoneNumber', NMC],
    unsupportedErrors: getParticipantInputUnsupportedErrors,
    parameterProblems: getParticipantInputProblems,
    form: (action) => (storesInput(action) ? 'StoreInput "True"' : undefined),
    flowTypes: except(WHISPER_FLOWS, HOLD_FLOWS),
  }),
  // Restrictions: "supported in contact flows, transfer flows, whisper flows, and customer queue
  // flows. It is not supported in hold flows." (hold flows loop MessageParticipantIteratively)
  spec('MessageParticipant', 'participant', { errors: [NME], flowTypes: except(HOLD_FLOWS) }),
  // Loops until the agent answers (hold and queue flows): may end a path with no transitions.
  spec('MessageParticipantIteratively', 'participant', { terminal: true, conditions: { operators: ['Equals'], only: ['MessagesInterrupted'] }, optionalErrors: [NME] }),
  spec('ShowView', 'participant', { conditions: { operators: ['Equals'] }, errors: [NMC, NME, 'TimeLimitExceeded'] }),
  spec('TransferParticipantToThirdParty', 'participant', { errors: [NME], optionalErrors: ['CallFailed', 'ConnectionTimeLimitExceeded'] }),

  // Contact actions
  spec('CompleteOutboundCall', 'contact', { optionalErrors: [NME] }),
  spec('CreateCase', 'contact', { errors: [NME], optionalErrors: ['ContactNotLinked'], feature: 'cases' }),
  spec('CreateTask', 'contact', { errors: [NME] }),
  spec('CreateWisdomSession', 'contact', { errors: [NME], feature: 'amazonQInConnect' }),
  spec('DequeueContactAndTransferToQueue', 'contact', { errors: ['QueueAtCapacity', NME], flowTypes: ['CUSTOMER_QUEUE'] }),
  spec('EndFlowModuleExecution', 'contact', { terminal: true, flowTypes: ['MODULE'] }),
  spec('GetCase', 'contact', { errors: [NME, 'NoneFound', 'MultipleFound'], optionalErrors: ['ContactNotLinked'], feature: 'cases' }),
  spec('InvokeFlowModule', 'contact', { errors: [NME] }),
  spec('ResumeContact', 'contact', { optionalErrors: [NME] }),
  spec('StartOutboundChatContact', 'contact', { optionalErrors: [NME] }),
  spec('TagContact', 'contact', { errors: [NME] }),
  spec('TransferContactToAgent', 'contact', { terminal: true, flowTypes: ['AGENT_TRANSFER', 'QUEUE_TRANSFER'] }),
  spec('TransferContactToQueue', 'contact', { errors: ['QueueAtCapacity', NME] }),
  spec('UnTagContact', 'contact', { errors: [NME] }),
  spec('UpdateCase', 'contact', { optionalErrors: [NME], feature: 'cases' }),
  spec('UpdateContactAttributes', 'contact', { errors: [NME] }),
  spec('UpdateContactCallbackNumber', 'contact', { errors: ['InvalidCallbackNumber', 'CallbackNumberNotDialable'], optionalErrors: [NME] }),
  spec('UpdateContactData', 'contact', { errors: [NME] }),
  spec('UpdateContactEventHooks', 'contact', { errors: [NME] }),
  spec('UpdateContactMediaProcessing', 'contact', { optionalErrors: [NME] }),
  spec('UpdateContactMediaStreamingBehavior', 'contact', { errors: [NME], feature: 'liveMediaStreaming' }),
  spec('UpdateContactRecordingAndAnalyticsBehavior', 'contact', { errors: recordingAndAnalyticsErrors, form: (action) => (action.Parameters.ChatBehavior !== undefined ? 'ChatBehavior' : undefined) }),
  spec('UpdateContactRecordingBehavior', 'contact', { optionalErrors: [NME] }),
  spec('UpdateContactRoutingBehavior', 'contact', { optionalErrors: [NME] }),
  spec('UpdateContactTargetQueue', 'contact', { errors: [NME] }),
  spec('UpdateContactTextToSpeechVoice', 'contact', { optionalErrors: [NME] }),
  spec('UpdatePreviousContactParticipantState', 'contact', { errors: [NME] }),
  // The "Set routing criteria" block. Its documentation page is titled UpdateRoutingCriteria, but
  // Voicemail Express exports (2025) and CreateContactFlow itself use UpdateContactRoutingCriteria
  // (the page's name is refused as an unknown type). Restrictions from that page: "only in Inbound
  // flow, Customer Queue flow, Transfer to Agent flow, and Transfer to Queue flow types".
  spec('UpdateContactRoutingCriteria', 'contact', { errors: [NME], documented: false, flowTypes: ['CONTACT_FLOW', 'CUSTOMER_QUEUE', 'AGENT_TRANSFER', 'QUEUE_TRANSFER'] }),

  // Flow control actions
  spec('CheckHoursOfOperation', 'flow-control', { conditions: { operators: ['Equals'], required: ['True', 'False'], only: ['True', 'False'] }, errors: [NME] }),
  spec('CheckMetricData', 'flow-control', {
    conditions: checkMetricDataConditions,
    errors: checkMetricDataErrors,
    optionalErrors: [NMC],
    form: (action) => (agentMetric(action) ? `MetricType ${JSON.stringify(action.Parameters.MetricType)}` : undefined),
  }),
  spec('CheckOutboundCallStatus', 'flow-control', { conditions: { operators: ['Equals'] }, optionalErrors: [NME, NMC], feature: 'outboundCampaigns' }),
  spec('CheckVoiceId', 'flow-control', { conditions: { operators: ['Equals'] }, errors: [NME], optionalErrors: [NMC], feature: 'voiceId' }),
  spec('Compare', 'flow-control', { conditions: { atLeastOne: true }, errors: [NMC], optionalErrors: [NME] }),
  // The documentation says NumericLessThan; the only real export uses NumberLessThan.
  spec('DistributeByPercentage', 'flow-control', { conditions: { operators: ['NumberLessThan', 'NumericLessThan'], atLeastOne: true }, errors: [NMC] }),
  // Restrictions: "available only in whisper flows and customer queue flows. It is not available in
  // flows, hold flows, or transfer flows."
  spec('EndFlowExecution', 'flow-control', { terminal: true, flowTypes: ['CUSTOMER_QUEUE', ...WHISPER_FLOWS] }),
  spec('GetMetricData', 'flow-control', { errors: [NME] }),
  spec('Loop', 'flow-control', { conditions: { operators: ['Equals'], required: ['ContinueLooping', 'DoneLooping'], only: ['ContinueLooping', 'DoneLooping'] } }),
  spec('StartVoiceIdStream', 'flow-control', { errors: [NME], feature: 'voiceId' }),
  spec('TransferToFlow', 'flow-control', { errors: [NME] }),
  spec('UpdateFlowAttributes', 'flow-control', { errors: [NME] }),
  spec('UpdateFlowLoggingBehavior', 'flow-control', { optionalErrors: [NME] }),
  spec('UpdateRoutingCriteria', 'flow-control', { optionalErrors: [NME] }),
  spec('Wait', 'flow-control', { conditions: { operators: ['Equals'], required: ['WaitCompleted'] }, errors: [NME], optionalErrors: ['ParticipantNotFound'] }),

  // Interactions
  spec('AssociateContactToCustomerProfile', 'interaction', { optionalErrors: [NME], feature: 'customerProfiles' }),
  spec('CreateCallbackContact', 'interaction', { errors: [NME] }),
  spec('CreateCustomerProfile', 'interaction', { errors: [NME], feature: 'customerProfiles' }),
  spec('GetCalculatedAttributesForCustomerProfile', 'interaction', { optionalErrors: [NME], feature: 'customerProfiles' }),
  spec('GetCustomerProfile', 'interaction', { errors: [NME, 'MultipleFoundError', 'NoneFoundError'], feature: 'customerProfiles' }),
  spec('GetCustomerProfileObject', 'interaction', { optionalErrors: [NME], feature: 'customerProfiles' }),
  spec('InvokeLambdaFunction', 'interaction', { errors: [NME] }),
  spec('UpdateCustomerProfile', 'interaction', { optionalErrors: [NME], feature: 'customerProfiles' }),
];

/** Every known action type by name. */
export const ACTIONS: ReadonlyMap<string, ActionSpec> = new Map(SPECS.map((s) => [s.type, s]));

/** Names of the known action types, sorted. */
export const ACTION_TYPES: readonly string[] = [...ACTIONS.keys()].sort();

/** The error types `action` must handle with an error transition (none for an unknown type). */
export function requiredErrors(action: Action): readonly string[] {
  const known = ACTIONS.get(action.Type);
  if (!known) return [];
  return typeof known.errors === 'function' ? known.errors(action) : known.errors;
}

/** What `action`'s conditions may and must be; undefined when it does not branch (or its type is unknown). */
export function conditionRules(action: Action): ConditionRules | undefined {
  const conditions = ACTIONS.get(action.Type)?.conditions;
  return typeof conditions === 'function' ? conditions(action) : conditions;
}

/** Error branches Amazon Connect refuses for `action` as configured (none for an unknown type). */
export function unsupportedErrors(action: Action): readonly UnsupportedError[] {
  return ACTIONS.get(action.Type)?.unsupportedErrors?.(action) ?? [];
}

/** Problems with how `action`'s parameters combine (none for an unknown type). */
export function parameterProblems(action: Action): readonly string[] {
  return ACTIONS.get(action.Type)?.parameterProblems?.(action) ?? [];
}

/** The action's type as findings name it, with the parameters that select its form: `GetParticipantInput with StoreInput "True"`. */
export function describeAction(action: Action): string {
  const form = ACTIONS.get(action.Type)?.form?.(action);
  return form === undefined ? action.Type : `${action.Type} with ${form}`;
}

/**
 * The action that ends a path in a flow of `type`: DisconnectParticipant in inbound and transfer
 * flows, EndFlowExecution in customer queue and whisper flows (the only ones it is available in),
 * EndFlowModuleExecution in modules, and in hold flows, which allow neither, a
 * MessageParticipantIteratively loop (it plays until the contact is taken off hold).
 */
export function endOfPath(type: FlowType): string {
  if (type === 'MODULE') return 'EndFlowModuleExecution';
  if (type === 'CONTACT_FLOW' || type === 'AGENT_TRANSFER' || type === 'QUEUE_TRANSFER') return 'DisconnectParticipant';
  if ((HOLD_FLOWS as readonly string[]).includes(type)) return 'MessageParticipantIteratively';
  return 'EndFlowExecution';
}
