import { ACTION_TYPES, ACTIONS, requiredErrors } from '../../lib/flows/actions';
import type { Action } from '../../lib/flows/types';

const action = (Type: string, Parameters: Action['Parameters'] = {}): Action => ({ Identifier: 'x', Type, Parameters, Transitions: {} });

describe('action catalogue', () => {
  test('knows every type of the four documentation indexes and those seen in exports', () => {
    const documented = [
      'ConnectParticipantWithLexBot', 'DisconnectParticipant', 'GetParticipantInput', 'MessageParticipant', 'MessageParticipantIteratively', 'ShowView', 'TransferParticipantToThirdParty',
      'CompleteOutboundCall', 'CreateCase', 'CreateTask', 'CreateWisdomSession', 'DequeueContactAndTransferToQueue', 'EndFlowModuleExecution', 'GetCase', 'InvokeFlowModule',
      'StartOutboundChatContact', 'TagContact', 'TransferContactToAgent', 'TransferContactToQueue', 'UnTagContact', 'UpdateCase', 'UpdateContactAttributes',
      'UpdateContactCallbackNumber', 'UpdateContactData', 'UpdateContactEventHooks', 'UpdateContactMediaProcessing', 'UpdateContactMediaStreamingBehavior',
      'UpdateContactRecordingAndAnalyticsBehavior', 'UpdateContactRecordingBehavior', 'ResumeContact', 'UpdateContactRoutingBehavior', 'UpdateContactTargetQueue',
      'UpdateContactTextToSpeechVoice', 'UpdatePreviousContactParticipantState',
      'CheckHoursOfOperation', 'CheckMetricData', 'CheckOutboundCallStatus', 'CheckVoiceId', 'Compare', 'DistributeByPercentage', 'EndFlowExecution', 'GetMetricData', 'Loop',
      'StartVoiceIdStream', 'TransferToFlow', 'UpdateFlowAttributes', 'UpdateFlowLoggingBehavior', 'UpdateRoutingCriteria', 'Wait',
      'AssociateContactToCustomerProfile', 'CreateCallbackContact', 'CreateCustomerProfile', 'InvokeLambdaFunction', 'GetCustomerProfile', 'GetCustomerProfileObject',
      'GetCalculatedAttributesForCustomerProfile', 'UpdateCustomerProfile',
    ];
    expect(ACTION_TYPES).toEqual([...documented, 'UpdateContactRoutingCriteria'].sort());
    expect(ACTIONS.get('UpdateContactRoutingCriteria')!.documented).toBe(false);
  });

  test('terminal actions are the ones exports leave without transitions', () => {
    expect(ACTION_TYPES.filter((t) => ACTIONS.get(t)!.terminal)).toEqual([
      'DisconnectParticipant',
      'EndFlowExecution',
      'EndFlowModuleExecution',
      'MessageParticipantIteratively',
      'TransferContactToAgent',
    ]);
  });

  test('branching actions state their required results', () => {
    expect(ACTIONS.get('CheckHoursOfOperation')!.conditions).toEqual({ operators: ['Equals'], required: ['True', 'False'], only: ['True', 'False'] });
    expect(ACTIONS.get('Loop')!.conditions).toEqual({ operators: ['Equals'], required: ['ContinueLooping', 'DoneLooping'], only: ['ContinueLooping', 'DoneLooping'] });
    expect(ACTIONS.get('MessageParticipant')!.conditions).toBeUndefined();
  });

  test('required error types follow what the designer emits', () => {
    expect(requiredErrors(action('TransferContactToQueue'))).toEqual(['QueueAtCapacity', 'NoMatchingError']);
    expect(requiredErrors(action('ConnectParticipantWithLexBot'))).toEqual(['NoMatchingError', 'NoMatchingCondition']);
    expect(requiredErrors(action('GetParticipantInput'))).toEqual(['NoMatchingError', 'NoMatchingCondition', 'InputTimeLimitExceeded']);
    expect(requiredErrors(action('GetParticipantInput', { StoreInput: 'True' }))).toEqual(['NoMatchingError']);
    expect(requiredErrors(action('UpdateFlowLoggingBehavior'))).toEqual([]);
    expect(requiredErrors(action('NoSuchAction'))).toEqual([]);
  });
});
