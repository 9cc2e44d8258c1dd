import type { Action, Finding, ParameterValue } from '../../types';
import { finding, flowRule, LintRule, targets } from '../rule';

const id = 'unredacted-fallback';

/** What a recording or analytics action leaves for people to play back or read. */
export type RecordingOutput = 'nothing' | 'redacted-only' | 'unredacted';

type Parameters = { readonly [key: string]: ParameterValue };

const object = (value: ParameterValue | undefined): Parameters | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Parameters) : undefined;
/** "True" or true; the Flow Language writes booleans as strings. */
const on = (value: ParameterValue | undefined) => value === true || value === 'True';
const records = (behavior: Parameters | undefined) => {
  const participants = behavior?.RecordedParticipants;
  return Array.isArray(participants) && participants.length > 0;
};

/** Contact Lens with redaction on and `RedactedOnly` results: the original audio and transcript are not kept. */
function redactsOnly(analytics: Parameters | undefined): boolean {
  const redaction = object(analytics?.ConversationalAnalyticsRedactionConfiguration);
  return on(analytics?.Enabled) && on(redaction?.Enabled) && redaction?.RedactionResults === 'RedactedOnly';
}

/**
 * What `action` produces, or undefined if it is not a recording or analytics action.
 * Voice: a recording without analytics, or with results other than `RedactedOnly`, keeps the
 * unredacted audio. Chat: analytics without `RedactedOnly` writes an unredacted analytics
 * transcript. (Amazon Connect stores the chat transcript itself whatever the flow says.)
 * https://docs.aws.amazon.com/connect/latest/devguide/contact-actions-updatecontactrecordingandanalyticsbehavior.html
 * https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontactrecordingbehavior.html
 */
export function recordingOutput(action: Action): RecordingOutput | undefined {
  const p = action.Parameters;
  if (action.Type === 'UpdateContactRecordingAndAnalyticsBehavior') {
    const voice = object(p.VoiceBehavior);
    const chat = object(p.ChatBehavior);
    if (voice) {
      const analytics = object(voice.VoiceAnalyticsBehavior);
      if (!records(object(voice.VoiceRecordingBehavior)) && !on(analytics?.Enabled)) return 'nothing';
      return redactsOnly(analytics) ? 'redacted-only' : 'unredacted';
    }
    if (chat) {
      const analytics = object(chat.ChatAnalyticsBehavior);
      if (!on(analytics?.Enabled)) return 'nothing';
      return redactsOnly(analytics) ? 'redacted-only' : 'unredacted';
    }
    return 'nothing';
  }
  if (action.Type === 'UpdateContactRecordingBehavior') {
    if (!records(object(p.RecordingBehavior))) return 'nothing';
    const analytics = object(p.AnalyticsBehavior);
    const redacted = on(analytics?.Enabled) && analytics?.AnalyticsRedactionBehavior === 'Enabled' && analytics?.AnalyticsRedactionResults === 'RedactedOnly';
    return redacted ? 'redacted-only' : 'unredacted';
  }
  return undefined;
}

/**
 * An action that sets redacted-only recording or analytics fails closed: no path from its error
 * branches may reach an action that records or analyzes without redaction, or a configuration
 * error would quietly produce the unredacted recording the flow meant never to exist.
 * `ChannelMismatch` is left out: the contact is on another channel and nothing was set.
 */
export const unredactedFallback: LintRule = flowRule({
  id,
  description: 'The error branches of a redacted-only recording or analytics action must not lead to recording or analytics without redaction.',
  checkFlow(flow) {
    const out: Finding[] = [];
    const byId = new Map<string, Action>();
    for (const a of flow.content.Actions) if (!byId.has(a.Identifier)) byId.set(a.Identifier, a);
    for (const action of flow.content.Actions) {
      if (recordingOutput(action) !== 'redacted-only') continue;
      for (const error of action.Transitions.Errors ?? []) {
        if (error.ErrorType === 'ChannelMismatch') continue;
        for (const culprit of reachedFrom(error.NextAction, byId)) {
          if (recordingOutput(culprit) !== 'unredacted') continue;
          out.push(
            finding(
              flow,
              id,
              flow.imported ? 'warning' : 'error',
              `error ${error.ErrorType} leads to "${culprit.Identifier}", which records or analyzes without redaction: fail closed instead (set RecordedParticipants to [] for voice, or leave analytics off for chat) and continue to the destination`,
              action.Identifier,
            ),
          );
        }
      }
    }
    return out;
  },
});

/** The actions reachable from `start` (itself included), in breadth-first order. */
function reachedFrom(start: string, byId: ReadonlyMap<string, Action>): Action[] {
  const seen = new Set<string>();
  const out: Action[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const next = queue.shift()!;
    const action = byId.get(next);
    if (seen.has(next) || !action) continue;
    seen.add(next);
    out.push(action);
    for (const { to } of targets(action)) if (!seen.has(to)) queue.push(to);
  }
  return out;
}
