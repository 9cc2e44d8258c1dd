import { recordingOutput } from '../../lib/flows/lint/rules/unredacted-fallback';
import { loadFlows } from '../../lib/flows/loader';
import type { Action, LoadedFlow } from '../../lib/flows/types';

const KIT = loadFlows(['contact-flows']).flows;

/** The redacted-only recording or analytics actions of a flow. */
const redacting = (flow: LoadedFlow) => flow.content.Actions.filter((a) => recordingOutput(a) === 'redacted-only');

/**
 * The actions a contact runs through from `start` until it reaches `rejoin`, whichever way each
 * action ends (success or any error), or undefined if some way never rejoins within `limit` steps.
 */
function detour(flow: LoadedFlow, start: string, rejoin: string, limit = 5): Action[] | undefined {
  const byId = new Map(flow.content.Actions.map((a) => [a.Identifier, a]));
  const path: Action[] = [];
  let at = start;
  while (at !== rejoin) {
    const action = byId.get(at);
    if (!action || path.length >= limit) return undefined;
    const ways = new Set([action.Transitions.NextAction, ...(action.Transitions.Errors ?? []).map((e) => e.NextAction)]);
    if (ways.size !== 1 || action.Transitions.Conditions?.length) return undefined;
    path.push(action);
    at = [...ways][0]!;
  }
  return path;
}

describe('redaction fails closed in the kit flows', () => {
  test('voice and chat set analytics with redacted-only results in every language', () => {
    expect(Object.fromEntries(['main-inbound', 'chat-inbound'].map((name) => [name, redacting(KIT.find((f) => f.name === name)!).map((a) => a.Identifier)]))).toEqual({
      'main-inbound': ['Record and analyze EN', 'Record and analyze ES'],
      'chat-inbound': ['Set chat analytics'],
    });
  });

  describe.each(KIT.flatMap((flow) => redacting(flow).map((action) => [flow.name, action.Identifier, flow, action] as const)))('%s: %s', (_name, _id, flow, action) => {
    const voice = action.Parameters.VoiceBehavior !== undefined;
    const failures = (action.Transitions.Errors ?? []).filter((e) => e.ErrorType !== 'ChannelMismatch');

    test.each(failures.map((e) => [e.ErrorType, e.NextAction]))('on %s the contact goes on to the same place as on success, recording nothing and flagged', (_type, target) => {
      // WHEN the redaction configuration fails
      const path = detour(flow, target, action.Transitions.NextAction!);

      // THEN every way through the detour rejoins the success path (the caller is never dropped)
      expect(path).toBeDefined();
      // AND nothing on it records or analyzes; voice recording is switched off explicitly
      expect(path!.filter((a) => recordingOutput(a) !== undefined).map((a) => [a.Identifier, recordingOutput(a)])).toEqual(voice ? [['Stop recording', 'nothing']] : []);
      // AND the contact is marked, so the failure shows in contact records
      expect(path!.filter((a) => a.Type === 'UpdateContactAttributes').map((a) => a.Parameters.Attributes)).toEqual([{ redaction: 'FAILED' }]);
    });
  });

  test('chat also fails closed when in-flight redaction cannot be configured', () => {
    const chat = KIT.find((f) => f.name === 'chat-inbound')!;
    const errors = chat.content.Actions.find((a) => a.Identifier === 'Set chat analytics')!.Transitions.Errors!;
    expect(Object.fromEntries(errors.map((e) => [e.ErrorType, e.NextAction]))).toEqual({
      NoMatchingError: 'Flag redaction failure',
      ChannelMismatch: 'Check web topic chosen',
      InFlightRedactionConfigurationFailed: 'Flag redaction failure',
    });
  });
});
