import * as fs from 'fs';
import * as path from 'path';
import { formatFinding } from '../../lib/flows/errors';
import { lintFlows, LintContext, RULES } from '../../lib/flows/lint';
import { finding, flowRule } from '../../lib/flows/lint/rule';
import { loadFlows } from '../../lib/flows/loader';
import type { LoadedFlow } from '../../lib/flows/types';

const RULE_FIXTURES = 'test/fixtures/flows/rules';
const VALID = 'test/fixtures/flows/valid';

/** The names the valid fixtures use, as the app would pass them. */
const NAMES: LintContext = {
  names: {
    queue: ['General', 'Benefits'],
    route: ['default', 'spanish', 'escalation', 'callback', 'followUp'],
    hours: ['main'],
    lambda: ['contact-center-status', 'case-status', 'caller-verification', 'survey-capture'],
    bot: ['citizen-services'],
    prompt: ['hold-music'],
    flow: ['main', 'queue-wait'],
    module: ['verify-caller'],
    config: ['displayName'],
  },
};

/** Findings of one rule on its fixture folder, as formatted lines. */
function findingsOf(ruleId: string, context: LintContext = {}, folder = ruleId): string[] {
  return lintFlows(loadFlows([path.join(RULE_FIXTURES, folder)]), context)
    .filter((f) => f.ruleId === ruleId)
    .map(formatFinding);
}

function flowOf(file: string): LoadedFlow {
  return loadFlows([file]).flows[0];
}

describe('lint rules', () => {
  test('every rule has a kebab-case id, a description and a failing fixture folder', () => {
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(fs.existsSync(path.join(RULE_FIXTURES, rule.id))).toBe(true);
      expect(findingsOf(rule.id).length).toBeGreaterThan(0);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  test('the valid flows pass every rule, with and without known names', () => {
    expect(lintFlows(loadFlows([VALID]))).toEqual([]);
    expect(lintFlows(loadFlows([VALID]), NAMES)).toEqual([]);
  });

  test('invalid-json reports the line and column of a trailing comma', () => {
    const findings = lintFlows(loadFlows([path.join(RULE_FIXTURES, 'invalid-json')]));
    expect(findings).toEqual([
      {
        file: 'test/fixtures/flows/rules/invalid-json/trailing-comma.json',
        ruleId: 'invalid-json',
        severity: 'error',
        message: 'invalid JSON: expected a value (JSON allows no comma before "]")',
        line: 10,
        column: 5,
      },
    ]);
  });

  test('flow-file reports an unknown flow type and an unknown key', () => {
    expect(findingsOf('flow-file')).toEqual([
      'test/fixtures/flows/rules/flow-file/unknown-type.json: unknown key "Tags" (a kit flow file has Name, Type, Description, Content) [error flow-file]',
      'test/fixtures/flows/rules/flow-file/unknown-type.json: Type "INBOUND" is not a flow type (allowed: CONTACT_FLOW, CUSTOMER_QUEUE, CUSTOMER_HOLD, CUSTOMER_WHISPER, AGENT_HOLD, AGENT_WHISPER, OUTBOUND_WHISPER, AGENT_TRANSFER, QUEUE_TRANSFER, MODULE) [error flow-file]',
    ]);
  });

  test('start-action reports a missing and a misspelt StartAction', () => {
    expect(findingsOf('start-action')).toEqual([
      'test/fixtures/flows/rules/start-action/no-start.json: StartAction is missing (set it to the Identifier of the first action, e.g. "Bye") [error start-action]',
      'test/fixtures/flows/rules/start-action/unknown-start.json: StartAction "Greting" names no action, did you mean "Greeting"? (actions: Greeting, Bye) [error start-action]',
    ]);
  });

  test('duplicate-identifier reports the second action with an identifier', () => {
    expect(findingsOf('duplicate-identifier')).toEqual([
      'test/fixtures/flows/rules/duplicate-identifier/duplicate.json: action "Greeting": Identifier is also used by action #1 (MessageParticipant); identifiers must be unique [error duplicate-identifier]',
    ]);
  });

  test('identifier-format reports forbidden characters, length over 50 and reserved words', () => {
    expect(findingsOf('identifier-format')).toEqual([
      'test/fixtures/flows/rules/identifier-format/bad-identifiers.json: action "Check: hours (main)": Identifier contains ":", "(", ")" (not allowed: % : ( \\ / ) = $ , ; [ ] { }) [error identifier-format]',
      'test/fixtures/flows/rules/identifier-format/bad-identifiers.json: action "Tell the caller that the office is closed for today": Identifier is 51 characters long (at most 50) [error identifier-format]',
      'test/fixtures/flows/rules/identifier-format/bad-identifiers.json: action "__proto__": Identifier is a reserved word [error identifier-format]',
    ]);
  });

  test('missing-transition-target reports success and error branches to missing actions, with a hint', () => {
    expect(findingsOf('missing-transition-target')).toEqual([
      'test/fixtures/flows/rules/missing-transition-target/missing.json: action "Greeting": NextAction leads to "Goodby", which is not an action of this flow, did you mean "Goodbye"? [error missing-transition-target]',
      'test/fixtures/flows/rules/missing-transition-target/missing.json: action "Greeting": error NoMatchingError leads to "Apology", which is not an action of this flow [error missing-transition-target]',
    ]);
  });

  test('unreachable-action warns about an action nothing leads to', () => {
    expect(findingsOf('unreachable-action')).toEqual([
      'test/fixtures/flows/rules/unreachable-action/orphan.json: action "Old notice": MessageParticipant cannot be reached from StartAction; connect it or remove it [warning unreachable-action]',
    ]);
  });

  test('dead-end reports non-terminal actions that lead nowhere, naming the terminal for the flow type', () => {
    expect(findingsOf('dead-end')).toEqual([
      'test/fixtures/flows/rules/dead-end/dead-end.json: action "Greeting": MessageParticipant has error branches but no NextAction: when it succeeds the contact goes nowhere (add a NextAction, or end the path with DisconnectParticipant) [error dead-end]',
      'test/fixtures/flows/rules/dead-end/dead-end.json: action "Apology": MessageParticipant is not a terminal action but leads nowhere: the path ends without one (add a NextAction, or end the path with DisconnectParticipant) [error dead-end]',
      'test/fixtures/flows/rules/dead-end/hold-dead-end.json: action "Set voice": UpdateContactTextToSpeechVoice has error branches but no NextAction: when it succeeds the contact goes nowhere (add a NextAction, or end the path with MessageParticipantIteratively, which plays until the contact is taken off hold) [error dead-end]',
    ]);
  });

  test('dead-end advises the terminal each flow type allows', () => {
    const flow = flowOf(`${RULE_FIXTURES}/dead-end/hold-dead-end.json`);
    const advice = (type: LoadedFlow['type']) => lintFlows([{ ...flow, type }]).find((f) => f.ruleId === 'dead-end')!.message.replace(/^.*end the path with /, '');
    expect(advice('CUSTOMER_HOLD')).toBe('MessageParticipantIteratively, which plays until the contact is taken off hold)');
    expect(advice('AGENT_HOLD')).toBe('MessageParticipantIteratively, which plays until the contact is taken off hold)');
    expect(advice('CUSTOMER_QUEUE')).toBe('EndFlowExecution)');
    expect(advice('AGENT_WHISPER')).toBe('EndFlowExecution)');
    expect(advice('QUEUE_TRANSFER')).toBe('DisconnectParticipant)');
    expect(advice('MODULE')).toBe('EndFlowModuleExecution)');
  });

  test('dead-end accepts the terminal actions and MessageParticipantIteratively without transitions', () => {
    expect(lintFlows(loadFlows([VALID])).filter((f) => f.ruleId === 'dead-end')).toEqual([]);
  });

  test('unknown-action-type warns with the closest known type', () => {
    expect(findingsOf('unknown-action-type')).toEqual([
      'test/fixtures/flows/rules/unknown-action-type/typo.json: action "Greeting": Type "MessageParticipants" is not an action type the kit knows, did you mean "MessageParticipant"? [warning unknown-action-type]',
    ]);
  });

  test('required-conditions reports a missing False, a wrong Loop result, conditions on a message or stored input, and Equals on an agent metric', () => {
    expect(findingsOf('required-conditions')).toEqual([
      'test/fixtures/flows/rules/required-conditions/conditions.json: action "Check hours": CheckHoursOfOperation has no condition for "False" (needs Equals "True" and "False") [error required-conditions]',
      'test/fixtures/flows/rules/required-conditions/conditions.json: action "Retry": condition 2: "Done" is not a result of Loop (results: ContinueLooping, DoneLooping) [error required-conditions]',
      'test/fixtures/flows/rules/required-conditions/conditions.json: action "Retry": Loop has no condition for "DoneLooping" (needs Equals "ContinueLooping" and "DoneLooping") [error required-conditions]',
      'test/fixtures/flows/rules/required-conditions/conditions.json: action "Greeting": MessageParticipant does not branch on conditions, but has 1: remove them and use NextAction [error required-conditions]',
      'test/fixtures/flows/rules/required-conditions/metric-and-stored-input.json: action "Agents available": condition 1: CheckMetricData with MetricType "NumberOfAgentsAvailable" does not support the operator "Equals" (supported: NumberGreaterThan) [error required-conditions]',
      'test/fixtures/flows/rules/required-conditions/metric-and-stored-input.json: action "Ask for account": GetParticipantInput with StoreInput "True" does not branch on conditions, but has 1: remove them and use NextAction [error required-conditions]',
    ]);
  });

  test('required-conditions accepts Equals and every Number* operator on CheckMetricData queue metrics', () => {
    const flow = flowOf(`${RULE_FIXTURES}/required-conditions/metric-and-stored-input.json`);
    const check = flow.content.Actions.find((a) => a.Identifier === 'Queue depth')!;
    const withOperator = (metric: string, operator: string): LoadedFlow => ({
      ...flow,
      content: {
        ...flow.content,
        Actions: [
          {
            ...check,
            Parameters: { MetricType: metric },
            Transitions: { ...check.Transitions, Conditions: [{ NextAction: 'Agents available', Condition: { Operator: operator, Operands: ['3'] } }] },
          },
        ],
      },
    });
    const found = (metric: string, operator: string) => lintFlows([withOperator(metric, operator)]).filter((f) => f.ruleId === 'required-conditions').map((f) => f.message);
    for (const metric of ['NumberOfContactsInQueue', 'OldestContactInQueueAgeSeconds']) {
      for (const operator of ['Equals', 'NumberGreaterThan', 'NumberGreaterOrEqualTo', 'NumberLessThan', 'NumberLessOrEqualTo']) expect(found(metric, operator)).toEqual([]);
      expect(found(metric, 'TextContains')).toEqual([
        'condition 1: CheckMetricData does not support the operator "TextContains" (supported: Equals, NumberGreaterThan, NumberGreaterOrEqualTo, NumberLessThan, NumberLessOrEqualTo)',
      ]);
    }
    expect(found('NumberOfAgentsStaffed', 'NumberGreaterThan')).toEqual([]);
    expect(found('NumberOfAgentsOnline', 'NumberGreaterOrEqualTo')).toEqual([
      'condition 1: CheckMetricData with MetricType "NumberOfAgentsOnline" does not support the operator "NumberGreaterOrEqualTo" (supported: NumberGreaterThan)',
    ]);
  });

  test('unhandled-error is an error in kit flows and a warning in imported ones', () => {
    expect(findingsOf('unhandled-error')).toEqual([
      'test/fixtures/flows/rules/unhandled-error/imported-export.json: action "8f2b1c3e-6a0d-4a1b-9c2e-1d3f5a7b9c01": MessageParticipant can fail with "NoMatchingError" but has no error transition for it (add {"ErrorType": "NoMatchingError", "NextAction": …} to Transitions.Errors) [warning unhandled-error]',
      'test/fixtures/flows/rules/unhandled-error/no-error-branch.json: action "Status": InvokeLambdaFunction can fail with "NoMatchingError" but has no error transition for it (add {"ErrorType": "NoMatchingError", "NextAction": …} to Transitions.Errors) [error unhandled-error]',
      'test/fixtures/flows/rules/unhandled-error/no-error-branch.json: action "Transfer": TransferContactToQueue can fail with "QueueAtCapacity" but has no error transition for it (add {"ErrorType": "QueueAtCapacity", "NextAction": …} to Transitions.Errors) [error unhandled-error]',
      'test/fixtures/flows/rules/unhandled-error/recording-and-analytics.json: action "Record voice": UpdateContactRecordingAndAnalyticsBehavior can fail with "ChannelMismatch" but has no error transition for it (add {"ErrorType": "ChannelMismatch", "NextAction": …} to Transitions.Errors) [error unhandled-error]',
      'test/fixtures/flows/rules/unhandled-error/recording-and-analytics.json: action "Analyze chat": UpdateContactRecordingAndAnalyticsBehavior with ChatBehavior can fail with "InFlightRedactionConfigurationFailed" but has no error transition for it (add {"ErrorType": "InFlightRedactionConfigurationFailed", "NextAction": …} to Transitions.Errors) [error unhandled-error]',
    ]);
  });

  test('unhandled-error asks UpdateContactRecordingAndAnalyticsBehavior for every branch the service requires', () => {
    const flow = flowOf(`${RULE_FIXTURES}/unhandled-error/recording-and-analytics.json`);
    const record = flow.content.Actions[0];
    const bare: LoadedFlow = { ...flow, content: { ...flow.content, Actions: [{ ...record, Transitions: { NextAction: 'Analyze chat' } }, ...flow.content.Actions.slice(1)] } };
    expect(lintFlows([bare]).filter((f) => f.ruleId === 'unhandled-error').map((f) => f.message)[0]).toBe(
      'UpdateContactRecordingAndAnalyticsBehavior can fail with "NoMatchingError", "ChannelMismatch" but has no error transition for them (add {"ErrorType": "NoMatchingError", "NextAction": …} to Transitions.Errors)',
    );
  });

  test('unhandled-error asks CheckMetricData for NoMatchingCondition only on the queue metrics', () => {
    const flow = flowOf(`${RULE_FIXTURES}/required-conditions/metric-and-stored-input.json`);
    const check = flow.content.Actions.find((a) => a.Identifier === 'Queue depth')!;
    const metric = (MetricType: string): LoadedFlow => ({
      ...flow,
      content: { ...flow.content, Actions: [{ ...check, Parameters: { MetricType }, Transitions: { NextAction: 'Agents available', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Agents available' }] } }] },
    });
    const unhandled = (MetricType: string) => lintFlows([metric(MetricType)]).filter((f) => f.ruleId === 'unhandled-error').map((f) => f.message);
    expect(unhandled('NumberOfAgentsAvailable')).toEqual([]);
    expect(unhandled('OldestContactInQueueAgeSeconds')).toEqual([
      'CheckMetricData can fail with "NoMatchingCondition" but has no error transition for it (add {"ErrorType": "NoMatchingCondition", "NextAction": …} to Transitions.Errors)',
    ]);
  });

  test('unsupported-error reports branches a stored-input GetParticipantInput cannot take', () => {
    expect(findingsOf('unsupported-error')).toEqual([
      'test/fixtures/flows/rules/unsupported-error/stored-input-branches.json: action "Ask for account": GetParticipantInput with StoreInput "True" has an error branch for "NoMatchingCondition", which Amazon Connect allows only when StoreInput is "False" (a menu): remove the branch [error unsupported-error]',
      'test/fixtures/flows/rules/unsupported-error/stored-input-branches.json: action "Ask for account": GetParticipantInput with StoreInput "True" has an error branch for "InvalidPhoneNumber", which Amazon Connect allows only when StoreInput is "True" and InputValidation has PhoneNumberValidation: remove the branch [error unsupported-error]',
    ]);
  });

  test('unsupported-error accepts InvalidPhoneNumber with phone validation and is a warning in imported flows', () => {
    const flow = flowOf(`${RULE_FIXTURES}/unsupported-error/stored-input-branches.json`);
    const ask = flow.content.Actions[0];
    const phone: LoadedFlow = {
      ...flow,
      content: {
        ...flow.content,
        Actions: [{ ...ask, Parameters: { ...ask.Parameters, InputValidation: { PhoneNumberValidation: { NumberFormat: 'E164' } } } }, ...flow.content.Actions.slice(1)],
      },
    };
    expect(lintFlows([phone]).filter((f) => f.ruleId === 'unsupported-error').map((f) => f.message)).toEqual([
      'GetParticipantInput with StoreInput "True" has an error branch for "NoMatchingCondition", which Amazon Connect allows only when StoreInput is "False" (a menu): remove the branch',
    ]);
    expect(lintFlows([{ ...phone, imported: true }]).filter((f) => f.ruleId === 'unsupported-error').map((f) => f.severity)).toEqual(['warning']);
  });

  test('parameter-combination reports stored input without InputValidation and a menu with it', () => {
    expect(findingsOf('parameter-combination')).toEqual([
      'test/fixtures/flows/rules/parameter-combination/input-validation.json: action "Ask for account": GetParticipantInput with StoreInput "True" has no InputValidation, which Amazon Connect requires to store input: add {"CustomValidation": {"MaximumLength": …}} or {"PhoneNumberValidation": …} [error parameter-combination]',
      'test/fixtures/flows/rules/parameter-combination/input-validation.json: action "Menu": GetParticipantInput has InputValidation, which Amazon Connect allows only with StoreInput "True": set StoreInput "True" or remove InputValidation [error parameter-combination]',
    ]);
  });

  test('unhandled-error asks a stored-input GetParticipantInput only for NoMatchingError', () => {
    const flow = flowOf(`${VALID}/main.json`);
    const menu = flow.content.Actions.find((a) => a.Identifier === 'Menu')!;
    const stored: LoadedFlow = {
      ...flow,
      content: {
        ...flow.content,
        Actions: flow.content.Actions.map((a) =>
          a === menu ? { ...a, Parameters: { ...a.Parameters, StoreInput: 'True' }, Transitions: { NextAction: 'Set queue', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Set queue' }] } } : a,
        ),
      },
    };
    expect(lintFlows([stored]).filter((f) => f.ruleId === 'unhandled-error')).toEqual([]);
    const menuWithoutTimeout: LoadedFlow = {
      ...flow,
      content: { ...flow.content, Actions: flow.content.Actions.map((a) => (a === menu ? { ...a, Transitions: { ...a.Transitions, Errors: a.Transitions.Errors!.slice(1) } } : a)) },
    };
    expect(lintFlows([menuWithoutTimeout]).filter((f) => f.ruleId === 'unhandled-error').map((f) => f.message)).toEqual([
      'GetParticipantInput can fail with "InputTimeLimitExceeded" but has no error transition for it (add {"ErrorType": "InputTimeLimitExceeded", "NextAction": …} to Transitions.Errors)',
    ]);
  });

  test('unknown-reference checks syntax and kind in lenient mode', () => {
    expect(findingsOf('unknown-reference')).toEqual([
      'test/fixtures/flows/rules/unknown-reference/unknown-names.json: action "Greeting": ${Config:displayName} has an unknown kind "Config", did you mean "config"? (kinds: queue, route, hours, lambda, bot, botRole, prompt, flow, module, routingProfile, quickConnect, view, config) [error unknown-reference]',
      'test/fixtures/flows/rules/unknown-reference/unknown-names.json: action "Greeting": ${General} has no kind: write ${<kind>:General} with a kind of queue, route, hours, lambda, bot, botRole, prompt, flow, module, routingProfile, quickConnect, view, config [error unknown-reference]',
      'test/fixtures/flows/rules/unknown-reference/unknown-names.json: action "Verify": ${flow:verify-caller}: verify-caller is a flow module: write ${module:verify-caller} [error unknown-reference]',
    ]);
  });

  test('unknown-reference names the known names when the context lists them', () => {
    expect(findingsOf('unknown-reference', NAMES)[0]).toBe(
      'test/fixtures/flows/rules/unknown-reference/unknown-names.json: action "Set queue": ${queue:Genral} names no queue, did you mean "General"? (known: General, Benefits) [error unknown-reference]',
    );
  });

  test('unknown-reference lists at most ten known names', () => {
    const queues = Array.from({ length: 12 }, (_, i) => `Queue ${i + 1}`);
    expect(findingsOf('unknown-reference', { names: { queue: queues } })[0]).toBe(
      'test/fixtures/flows/rules/unknown-reference/unknown-names.json: action "Set queue": ${queue:Genral} names no queue (known: Queue 1, Queue 2, Queue 3, Queue 4, Queue 5, Queue 6, Queue 7, Queue 8, Queue 9, Queue 10 and 2 more) [error unknown-reference]',
    );
  });

  test('unknown-reference warns of references in kept Metadata and ignores them when Metadata is stripped', () => {
    const flow = flowOf(`${VALID}/main.json`);
    const withMetadata: LoadedFlow = { ...flow, content: { ...flow.content, Metadata: { ActionMetadata: { 'Set queue': { queue: { id: '${queue:Old}' } } } } } };
    expect(lintFlows([withMetadata], NAMES).map(formatFinding)).toEqual([
      'test/fixtures/flows/valid/main.json: action "Set queue": Metadata: ${queue:Old} names no queue (known: General, Benefits) [warning unknown-reference]',
    ]);
    expect(lintFlows([withMetadata], { ...NAMES, metadata: 'strip' })).toEqual([]);
  });

  test('reference-parameter reports a reference of the wrong kind in an ARN parameter', () => {
    expect(findingsOf('reference-parameter')).toEqual([
      'test/fixtures/flows/rules/reference-parameter/wrong-kind.json: action "Set queue": QueueId takes a queue (${queue:…}) or a routing role (${route:…}), not ${hours:main} [error reference-parameter]',
    ]);
  });

  test('literal-arn reports an instance ARN in a kit flow, suggesting the reference kind', () => {
    expect(findingsOf('literal-arn').filter((line) => line.includes('literal.json'))).toEqual([
      'test/fixtures/flows/rules/literal-arn/literal.json: action "Set queue": QueueId holds the literal ARN "arn:aws-us-gov:connect:us-gov-west-1:111122223333:instanc...": replace it with a reference such as ${queue:<name>} so the flow deploys to any instance [error literal-arn]',
    ]);
  });

  test('lambda-timeout reports a synchronous timeout over 8 seconds and allows 60 for asynchronous calls', () => {
    expect(findingsOf('lambda-timeout')).toEqual([
      'test/fixtures/flows/rules/lambda-timeout/too-long.json: action "Status": InvocationTimeLimitSeconds "10" is outside 1–8 seconds (a flow waits at most 8 seconds for a synchronous Lambda) [error lambda-timeout]',
    ]);
    const flow = flowOf(`${RULE_FIXTURES}/lambda-timeout/too-long.json`);
    const withParameters = (parameters: Record<string, string | number>): LoadedFlow => ({
      ...flow,
      content: { ...flow.content, Actions: flow.content.Actions.map((a) => (a.Identifier === 'Status' ? { ...a, Parameters: { ...a.Parameters, ...parameters } } : a)) },
    });
    const timeoutFindings = (parameters: Record<string, string | number>) => lintFlows([withParameters(parameters)]).filter((f) => f.ruleId === 'lambda-timeout').length;
    expect(timeoutFindings({ InvocationType: 'ASYNCHRONOUS' })).toBe(0);
    expect(timeoutFindings({ InvocationTimeLimitSeconds: 8 })).toBe(0);
    expect(timeoutFindings({ InvocationTimeLimitSeconds: '0' })).toBe(1);
    expect(timeoutFindings({ InvocationTimeLimitSeconds: '2.5' })).toBe(1);
    expect(timeoutFindings({ InvocationTimeLimitSeconds: 'soon' })).toBe(1);
  });

  test('lex-test-alias reports the Lex test alias', () => {
    expect(findingsOf('lex-test-alias')).toEqual([
      'test/fixtures/flows/rules/lex-test-alias/test-alias.json: action "Ask bot": uses the Lex test alias TSTALIASID, which is throttled and not for production: use ${bot:<name>}, which resolves to the bot\'s published alias [error lex-test-alias]',
    ]);
  });

  test('attribute-contract warns about attributes outside the contract, with a hint for a misspelt one', () => {
    expect(findingsOf('attribute-contract')).toEqual([
      'test/fixtures/flows/rules/attribute-contract/outside-contract.json: action "Save context": sets the contact attribute "caseNumbr", which is not in the attribute contract (contact-flows/README.md): did you mean "caseNumber"? (list your own attributes in the jurisdiction\'s flows.attributes) [warning attribute-contract]',
      'test/fixtures/flows/rules/attribute-contract/outside-contract.json: action "Save context": sets the contact attribute "permitType", which is not in the attribute contract (contact-flows/README.md) (list your own attributes in the jurisdiction\'s flows.attributes) [warning attribute-contract]',
    ]);
  });

  test('attribute-contract accepts the attributes a jurisdiction lists in flows.attributes', () => {
    expect(findingsOf('attribute-contract', { attributes: ['permitType'] })).toEqual([
      'test/fixtures/flows/rules/attribute-contract/outside-contract.json: action "Save context": sets the contact attribute "caseNumbr", which is not in the attribute contract (contact-flows/README.md): did you mean "caseNumber"? (list your own attributes in the jurisdiction\'s flows.attributes) [warning attribute-contract]',
    ]);
  });

  test('attribute-contract passes the kit flows', () => {
    expect(lintFlows(loadFlows(['contact-flows'])).filter((f) => f.ruleId === 'attribute-contract')).toEqual([]);
  });

  test('unredacted-fallback reports redaction error branches that record or analyze without redaction, not ChannelMismatch', () => {
    expect(findingsOf('unredacted-fallback')).toEqual([
      'test/fixtures/flows/rules/unredacted-fallback/record-without-redaction.json: action "Record and analyze": error NoMatchingError leads to "Record without analytics", which records or analyzes without redaction: fail closed instead (set RecordedParticipants to [] for voice, or leave analytics off for chat) and continue to the destination [error unredacted-fallback]',
      'test/fixtures/flows/rules/unredacted-fallback/record-without-redaction.json: action "Analyze chat": error InFlightRedactionConfigurationFailed leads to "Analyze chat keeping the original", which records or analyzes without redaction: fail closed instead (set RecordedParticipants to [] for voice, or leave analytics off for chat) and continue to the destination [error unredacted-fallback]',
    ]);
  });

  test('unredacted-fallback passes the kit flows and catches a fallback that records again', () => {
    const kit = loadFlows(['contact-flows']);
    expect(lintFlows(kit).filter((f) => f.ruleId === 'unredacted-fallback')).toEqual([]);
    // WHEN the voice flow's fail-closed step records the call after all
    const main = kit.flows.find((f) => f.name === 'main-inbound')!;
    const recording = { RecordedParticipants: ['Agent', 'Customer'], IVRRecordingBehavior: 'Disabled' };
    const actions = main.content.Actions.map((a) => (a.Identifier === 'Stop recording' ? { ...a, Parameters: { VoiceBehavior: { VoiceRecordingBehavior: recording } } } : a));
    const findings = lintFlows([{ ...main, content: { ...main.content, Actions: actions } }]).filter((f) => f.ruleId === 'unredacted-fallback');
    // THEN both languages' analytics actions are reported
    expect(findings.map((f) => [f.actionId, f.severity])).toEqual([
      ['Record and analyze EN', 'error'],
      ['Record and analyze ES', 'error'],
    ]);
  });

  test('content-size counts the content after references become full ARNs', () => {
    const file = `${RULE_FIXTURES}/content-size/too-large.json`;
    expect(fs.statSync(file).size).toBeLessThan(256_000 / 4);
    expect(findingsOf('content-size')).toEqual([
      'test/fixtures/flows/rules/content-size/too-large.json: content is about 267,455 characters once references are resolved, over the limit of 256,000: split it into flow modules or strip Metadata [error content-size]',
    ]);
  });

  test('content-size uses the partition of the region: commercial ARNs are shorter', () => {
    const govCloud = lintFlows(loadFlows([`${RULE_FIXTURES}/content-size`]), { region: 'us-gov-west-1' })
      .find((f) => f.ruleId === 'content-size')!.message;
    const commercial = lintFlows(loadFlows([`${RULE_FIXTURES}/content-size`]), { region: 'us-east-1' })
      .find((f) => f.ruleId === 'content-size')!.message;
    expect(govCloud).toMatch(/^content is about 267,455 characters/);
    // 1,800 references, each ARN 11 characters shorter ("aws" and "us-east-1" instead of "aws-us-gov" and "us-gov-west-1").
    expect(commercial).toMatch(/^content is about 247,655 characters once references are resolved, near the limit/);
  });

  test('reference-cycle reports flows that transfer to each other', () => {
    expect(findingsOf('reference-cycle')).toEqual([
      'test/fixtures/flows/rules/reference-cycle/transfer-a.json: action "To B": flows refer to each other in a cycle (transfer-a → transfer-b → transfer-a): CloudFormation cannot create them; break the cycle, e.g. by setting the target at run time from a contact attribute [error reference-cycle]',
    ]);
  });

  test('region-unavailable reports Cases in GovCloud but not in a commercial region', () => {
    expect(findingsOf('region-unavailable')).toEqual([
      'test/fixtures/flows/rules/region-unavailable/cases.json: action "Open case": CreateCase needs Cases, which Amazon Connect does not offer in us-gov-west-1 [error region-unavailable]',
    ]);
    expect(findingsOf('region-unavailable', { region: 'us-east-1' })).toEqual([]);
  });

  test('flow-type reports actions the flow type does not allow, with the terminal to use instead', () => {
    expect(findingsOf('flow-type')).toEqual([
      'test/fixtures/flows/rules/flow-type/end-flow-in-inbound.json: action "End": EndFlowExecution cannot be used in a CONTACT_FLOW flow (only in CUSTOMER_QUEUE, CUSTOMER_WHISPER, AGENT_WHISPER, OUTBOUND_WHISPER): end the path with DisconnectParticipant [error flow-type]',
      'test/fixtures/flows/rules/flow-type/input-in-whisper.json: action "Ask agent": GetParticipantInput cannot be used in an AGENT_WHISPER flow (not in CUSTOMER_HOLD, CUSTOMER_WHISPER, AGENT_HOLD, AGENT_WHISPER, OUTBOUND_WHISPER) [error flow-type]',
      'test/fixtures/flows/rules/flow-type/input-in-whisper.json: action "Ask bot": ConnectParticipantWithLexBot cannot be used in an AGENT_WHISPER flow (not in CUSTOMER_HOLD, CUSTOMER_WHISPER, AGENT_HOLD, AGENT_WHISPER, OUTBOUND_WHISPER) [error flow-type]',
      'test/fixtures/flows/rules/flow-type/message-in-hold.json: action "On hold": MessageParticipant cannot be used in a CUSTOMER_HOLD flow (not in CUSTOMER_HOLD, AGENT_HOLD) [error flow-type]',
      'test/fixtures/flows/rules/flow-type/module-end-in-flow.json: action "End": EndFlowModuleExecution cannot be used in a CONTACT_FLOW flow (only in MODULE): end the path with DisconnectParticipant [error flow-type]',
    ]);
  });

  test('flow-type allows EndFlowExecution in customer queue and whisper flows and input prompts in queue, transfer and inbound flows', () => {
    const whisper = flowOf(`${RULE_FIXTURES}/flow-type/input-in-whisper.json`);
    const inbound = flowOf(`${RULE_FIXTURES}/flow-type/end-flow-in-inbound.json`);
    const flowTypeFindings = (flow: LoadedFlow) => lintFlows([flow]).filter((f) => f.ruleId === 'flow-type').map((f) => `${f.actionId} ${f.message.split(' (')[0]}`);
    for (const type of ['CUSTOMER_QUEUE', 'CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'] as const) expect(flowTypeFindings({ ...inbound, type })).toEqual([]);
    for (const type of ['CONTACT_FLOW', 'CUSTOMER_QUEUE', 'AGENT_TRANSFER', 'QUEUE_TRANSFER'] as const) {
      expect(flowTypeFindings({ ...whisper, type }).filter((f) => !f.startsWith('End '))).toEqual([]);
    }
    expect(flowTypeFindings({ ...whisper, type: 'AGENT_HOLD' })).toEqual([
      'Ask agent GetParticipantInput cannot be used in an AGENT_HOLD flow',
      'Ask bot ConnectParticipantWithLexBot cannot be used in an AGENT_HOLD flow',
      'End EndFlowExecution cannot be used in an AGENT_HOLD flow',
    ]);
  });

  test('findings come grouped by file in load order, rules in catalogue order', () => {
    const findings = lintFlows(loadFlows([`${RULE_FIXTURES}/dead-end`, `${RULE_FIXTURES}/duplicate-identifier`]));
    expect(findings.map((f) => `${path.basename(f.file)} ${f.ruleId}`)).toEqual([
      'dead-end.json dead-end',
      'dead-end.json dead-end',
      'dead-end.json unhandled-error',
      'hold-dead-end.json dead-end',
      'duplicate.json duplicate-identifier',
    ]);
  });

  test('a context can run a subset of the rules', () => {
    const only = RULES.filter((r) => r.id === 'dead-end');
    expect(lintFlows(loadFlows([RULE_FIXTURES]), { rules: only }).every((f) => f.ruleId === 'dead-end')).toBe(true);
  });
});

describe('rules that depend on one flow alone', () => {
  test('check each flow once: a later lint of the same flows under another context reuses the findings, in flow order', () => {
    // GIVEN a per-flow rule that records each check, and two loaded flows
    const checked: string[] = [];
    const rule = flowRule({
      id: 'counted',
      description: 'Records which flows it checked.',
      checkFlow(flow) {
        checked.push(flow.name);
        return [finding(flow, 'counted', 'warning', `checked ${flow.name}`)];
      },
    });
    const flows = loadFlows([path.join(RULE_FIXTURES, 'unreachable-action'), path.join(RULE_FIXTURES, 'dead-end')]).flows;
    // WHEN the flows are linted twice, as two jurisdictions with different names and regions would
    const first = lintFlows(flows, { ...NAMES, rules: [rule] });
    const second = lintFlows(flows, { region: 'us-east-1', rules: [rule] });
    // THEN each flow was checked once, and both runs report the same findings in the same order
    expect(checked).toEqual(flows.map((f) => f.name));
    expect(second.map((f) => f.message)).toEqual(flows.map((f) => `checked ${f.name}`));
    expect(second).toEqual(first);
  });

  test('check a changed copy of a flow anew: removing the orphan action clears unreachable-action', () => {
    // GIVEN the orphan fixture, linted once (its findings are kept for that flow)
    const orphan = flowOf(path.join(RULE_FIXTURES, 'unreachable-action', 'orphan.json'));
    const before = lintFlows([orphan]).filter((f) => f.ruleId === 'unreachable-action').map(formatFinding);
    // WHEN a copy without the orphan action is linted
    const fixed: LoadedFlow = { ...orphan, content: { ...orphan.content, Actions: orphan.content.Actions.filter((a) => a.Identifier !== 'Old notice') } };
    const after = lintFlows([fixed]).filter((f) => f.ruleId === 'unreachable-action');
    // THEN the original still has its finding and the copy has none
    expect(before).toEqual([expect.stringContaining('Old notice')]);
    expect(after).toEqual([]);
  });
});
