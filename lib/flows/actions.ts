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
 * `optionalErrors`. Types whose error list was not retrieved have no required errors.
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

/** What the linter knows about one action type. */
export interface ActionSpec {
  readonly type: string;
  readonly category: ActionCategory;
  /** Ends the flow (Transitions `{}` is correct): the end of a path. */
  readonly terminal: boolean;
  /** Present when the action branches on Conditions; absent when conditions are not supported. */
  readonly conditions?: ConditionRules;
  /** Error types that must have a transition; a function when they depend on the parameters. */
  readonly errors: readonly string[] | ((action: Action) => readonly string[]);
  /** Error types the action may raise that need not have a transition. */
  readonly optionalErrors?: readonly string[];
  /** Flow types the action may be used in. @default - every flow type */
  readonly flowTypes?: readonly FlowType[];
  /** A feature the action needs that some regions lack. */
  readonly feature?: ActionFeature;
  /** False for types seen in exports but absent from the documentation index. */
  readonly documented: boolean;
}

const NME = 'NoMatchingError';
const NMC = 'NoMatchingCondition';

/** GetParticipantInput is a menu (conditions on the digits) unless it stores the input. */
function getParticipantInputErrors(action: Action): readonly string[] {
  return String(action.Parameters.StoreInput ?? 'False') === 'True' ? [NME] : [NME, NMC, 'InputTimeLimitExceeded'];
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
  spec('ConnectParticipantWithLexBot', 'participant', { conditions: { operators: ['Equals'] }, errors: [NME, NMC], optionalErrors: ['InputTimeLimitExceeded'] }),
  spec('DisconnectParticipant', 'participant', { terminal: true }),
  spec('GetParticipantInput', 'participant', {
    conditions: { operators: ['Equals'] },
    errors: getParticipantInputErrors,
    optionalErrors: ['InputTimeLimitExceeded', 'InvalidPhoneNumber', NMC],
  }),
  spec('MessageParticipant', 'participant', { errors: [NME] }),
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
  spec('UpdateContactRecordingAndAnalyticsBehavior', 'contact', { optionalErrors: [NME] }),
  spec('UpdateContactRecordingBehavior', 'contact', { optionalErrors: [NME] }),
  spec('UpdateContactRoutingBehavior', 'contact', { optionalErrors: [NME] }),
  spec('UpdateContactTargetQueue', 'contact', { errors: [NME] }),
  spec('UpdateContactTextToSpeechVoice', 'contact', { optionalErrors: [NME] }),
  spec('UpdatePreviousContactParticipantState', 'contact', { errors: [NME] }),
  // In Voicemail Express exports (2025), not in the documentation index.
  spec('UpdateContactRoutingCriteria', 'contact', { errors: [NME], documented: false }),

  // Flow control actions
  spec('CheckHoursOfOperation', 'flow-control', { conditions: { operators: ['Equals'], required: ['True', 'False'], only: ['True', 'False'] }, errors: [NME] }),
  spec('CheckMetricData', 'flow-control', { conditions: { operators: ['NumberGreaterThan', 'NumberLessThan'] }, errors: [NME, NMC] }),
  spec('CheckOutboundCallStatus', 'flow-control', { conditions: { operators: ['Equals'] }, optionalErrors: [NME, NMC], feature: 'outboundCampaigns' }),
  spec('CheckVoiceId', 'flow-control', { conditions: { operators: ['Equals'] }, errors: [NME], optionalErrors: [NMC], feature: 'voiceId' }),
  spec('Compare', 'flow-control', { conditions: { atLeastOne: true }, errors: [NMC], optionalErrors: [NME] }),
  // The documentation says NumericLessThan; the only real export uses NumberLessThan.
  spec('DistributeByPercentage', 'flow-control', { conditions: { operators: ['NumberLessThan', 'NumericLessThan'], atLeastOne: true }, errors: [NMC] }),
  spec('EndFlowExecution', 'flow-control', { terminal: true }),
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
