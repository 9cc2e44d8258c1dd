import { ConfigError } from '../config/errors';
import type { JurisdictionConfig } from '../config/schema';
import type { Action, LoadedFlow, Transitions } from '../flows/types';

/** The kit flow callers wait in (contact-flows/customer-queue.json). */
export const QUEUE_FLOW = 'customer-queue';

/** The action of the queue flow that starts each hold message; hold music plays just before it. */
export const HOLD_MESSAGE_ACTION = 'Pick hold message language';

/** Identifier of the action that picks the queue's hold music. */
export const PICK_HOLD_MUSIC = 'Pick hold music';

/**
 * The flows with each queue's hold music (`queues[].holdPrompt`) played in the kit's queue flow
 * just before every hold message: a Compare on `$.Queue.Name` (a queue's name in Amazon Connect is
 * its config name) picks a MessageParticipant that plays `${prompt:<holdPrompt>}`; queues without
 * hold music, and any error, go straight on to the hold message. Amazon Connect has no per-queue
 * music setting (AWS::Connect::Queue has none), and one queue flow serves every queue, so the
 * choice is made in the flow. With no `holdPrompt` the flows are returned unchanged.
 *
 * @param configFile the jurisdiction file as messages show it
 * @throws ConfigError if a queue has hold music and the queue flow is not deployed or has no
 *   {@link HOLD_MESSAGE_ACTION}
 */
export function withHoldMusic(config: JurisdictionConfig, flows: readonly LoadedFlow[], configFile: string): readonly LoadedFlow[] {
  const withMusic = config.queues.map((queue, i) => ({ queue, i })).filter(({ queue }) => queue.holdPrompt !== undefined);
  if (withMusic.length === 0) return flows;
  const index = flows.findIndex((flow) => flow.name === QUEUE_FLOW);
  const flow = flows[index];
  if (!flow || !flow.content.Actions.some((a) => a.Identifier === HOLD_MESSAGE_ACTION)) {
    const why = flow ? `its action ${JSON.stringify(HOLD_MESSAGE_ACTION)} is missing` : 'it is not deployed (flows.exclude)';
    throw new ConfigError(
      withMusic.map(({ i }) => `${configFile}: queues[${i}].holdPrompt: hold music plays in the ${QUEUE_FLOW} flow, and ${why} (deploy the kit's ${QUEUE_FLOW} flow, or remove holdPrompt)`),
    );
  }
  const retarget = (transitions: Transitions): Transitions => {
    const to = (next: string) => (next === HOLD_MESSAGE_ACTION ? PICK_HOLD_MUSIC : next);
    return {
      ...transitions,
      ...(transitions.NextAction !== undefined ? { NextAction: to(transitions.NextAction) } : {}),
      ...(transitions.Errors ? { Errors: transitions.Errors.map((e) => ({ ...e, NextAction: to(e.NextAction) })) } : {}),
      ...(transitions.Conditions ? { Conditions: transitions.Conditions.map((c) => ({ ...c, NextAction: to(c.NextAction) })) } : {}),
    };
  };
  const musicId = (n: number) => `Hold music ${n + 1}`;
  const added: Action[] = [
    {
      Identifier: PICK_HOLD_MUSIC,
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.Queue.Name' },
      Transitions: {
        NextAction: HOLD_MESSAGE_ACTION,
        Conditions: withMusic.map(({ queue }, n) => ({ NextAction: musicId(n), Condition: { Operator: 'Equals', Operands: [queue.name] } })),
        Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: HOLD_MESSAGE_ACTION }],
      },
    },
    ...withMusic.map(({ queue }, n) => ({
      Identifier: musicId(n),
      Type: 'MessageParticipant',
      Parameters: { PromptId: `\${prompt:${queue.holdPrompt}}` },
      Transitions: { NextAction: HOLD_MESSAGE_ACTION, Errors: [{ ErrorType: 'NoMatchingError', NextAction: HOLD_MESSAGE_ACTION }] },
    })),
  ];
  const start = flow.content.StartAction === HOLD_MESSAGE_ACTION ? PICK_HOLD_MUSIC : flow.content.StartAction;
  const actions = [...flow.content.Actions.map((a) => ({ ...a, Transitions: retarget(a.Transitions) })), ...added];
  const changed: LoadedFlow = { ...flow, content: { ...flow.content, StartAction: start, Actions: actions } };
  return flows.map((f, i) => (i === index ? changed : f));
}
