import { ACTION_TYPES, ACTIONS, conditionRules, describeAction, endOfPath, parameterProblems, requiredErrors, unsupportedErrors } from '../../lib/flows/actions';
import { lintFlows } from '../../lib/flows/lint';
import { FLOW_TYPES } from '../../lib/flows/types';
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

  test('error types the action page says must always be defined are required', () => {
    expect(requiredErrors(action('UpdateContactRecordingAndAnalyticsBehavior', { VoiceBehavior: {} }))).toEqual(['NoMatchingError', 'ChannelMismatch']);
    expect(requiredErrors(action('UpdateContactRecordingAndAnalyticsBehavior', { ChatBehavior: {} }))).toEqual(['NoMatchingError', 'ChannelMismatch', 'InFlightRedactionConfigurationFailed']);
    expect(requiredErrors(action('CheckMetricData', { MetricType: 'NumberOfContactsInQueue' }))).toEqual(['NoMatchingError', 'NoMatchingCondition']);
    expect(requiredErrors(action('CheckMetricData', { MetricType: 'NumberOfAgentsAvailable' }))).toEqual(['NoMatchingError']);
  });

  test('a GetParticipantInput that stores its input has no conditions, needs InputValidation and refuses the menu branches', () => {
    const menu = action('GetParticipantInput', { StoreInput: 'False' });
    const stored = action('GetParticipantInput', { StoreInput: 'True', InputValidation: { CustomValidation: { MaximumLength: '4' } } });
    expect(conditionRules(menu)).toEqual({ operators: ['Equals'] });
    expect(conditionRules(stored)).toBeUndefined();
    expect(describeAction(menu)).toBe('GetParticipantInput');
    expect(describeAction(stored)).toBe('GetParticipantInput with StoreInput "True"');
    expect(unsupportedErrors(stored).map((e) => e.errorType)).toEqual(['NoMatchingCondition', 'InvalidPhoneNumber']);
    expect(unsupportedErrors(action('GetParticipantInput', { StoreInput: 'True', InputValidation: { PhoneNumberValidation: { NumberFormat: 'E164' } } })).map((e) => e.errorType)).toEqual([
      'NoMatchingCondition',
    ]);
    expect(unsupportedErrors(menu).map((e) => e.errorType)).toEqual(['InvalidPhoneNumber']);
    expect(parameterProblems(stored)).toEqual([]);
    expect(parameterProblems(menu)).toEqual([]);
    expect(parameterProblems(action('GetParticipantInput', { StoreInput: 'True' }))).toHaveLength(1);
  });

  test('flow-type restrictions follow the Restrictions sections of the action pages', () => {
    const allowed = (type: string) => ACTIONS.get(type)!.flowTypes ?? FLOW_TYPES;
    expect(allowed('EndFlowExecution')).toEqual(['CUSTOMER_QUEUE', 'CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER']);
    expect(allowed('MessageParticipant')).toEqual(FLOW_TYPES.filter((t) => t !== 'CUSTOMER_HOLD' && t !== 'AGENT_HOLD'));
    const noInput = ['CUSTOMER_HOLD', 'CUSTOMER_WHISPER', 'AGENT_HOLD', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'];
    expect(allowed('GetParticipantInput')).toEqual(FLOW_TYPES.filter((t) => !noInput.includes(t)));
    expect(allowed('ConnectParticipantWithLexBot')).toEqual(FLOW_TYPES.filter((t) => !noInput.includes(t)));
    expect(allowed('MessageParticipantIteratively')).toEqual(FLOW_TYPES);
  });

  test('every flow type has a terminal action it allows', () => {
    for (const type of FLOW_TYPES) {
      const end = endOfPath(type);
      expect(ACTIONS.get(end)!.terminal).toBe(true);
      expect(ACTIONS.get(end)!.flowTypes ?? FLOW_TYPES).toContain(type);
    }
    expect(endOfPath('CUSTOMER_HOLD')).toBe('MessageParticipantIteratively');
    expect(endOfPath('CONTACT_FLOW')).toBe('DisconnectParticipant');
  });

  test('the documented type name is UnTagContact; the API operation\'s spelling UntagContact gets a hint', () => {
    expect(ACTIONS.has('UnTagContact')).toBe(true);
    expect(ACTIONS.has('UntagContact')).toBe(false);
    const flow = {
      file: 'untag.json', name: 'untag', displayName: 'untag', type: 'CONTACT_FLOW' as const, description: '', format: 'kit' as const, imported: false,
      content: { Version: '2019-10-30' as const, StartAction: 'Untag', Actions: [{ Identifier: 'Untag', Type: 'UntagContact', Parameters: { TagKeys: ['Department'] }, Transitions: {} }] },
    };
    expect(lintFlows([flow]).map((f) => f.message)).toEqual(['Type "UntagContact" is not an action type the kit knows, did you mean "UnTagContact"?']);
  });
});
