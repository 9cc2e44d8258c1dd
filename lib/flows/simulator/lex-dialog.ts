import type { BotDefinition, LexLocale } from '../../bots/schema';
import { FALLBACK_INTENT_NAME, matchUtterance, slotValue } from './lex';
import type { Answer, SimValue } from './types';

/** What the caller does at a bot prompt. */
export type CallerTurn = { readonly say: string } | { readonly silence: true } | { readonly hangUp: true } | undefined;

/** A Lex V2 code hook: the real lex-fulfillment handler, or a scripted one. */
export type CodeHook = (event: Record<string, unknown>) => Promise<{
  sessionState: { sessionAttributes?: Record<string, string>; dialogAction: { type: string; slotToElicit?: string }; intent?: { name: string; state: string; slots?: unknown } };
  messages?: Array<{ content: string }>;
}>;

/** Most caller turns in one bot conversation (a dialog that asks more is a loop). */
const MAX_TURNS = 8;

type Slots = Record<string, { value: { originalValue: string; interpretedValue: string; resolvedValues: string[] } } | null>;

const slotEntry = (value: string) => ({ value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } });

/**
 * One ConnectParticipantWithLexBot conversation: takes the caller's turns until the bot closes
 * the intent (or the caller is silent or hangs up) and returns the flow's answer: the intent,
 * its state, session attributes, slots and everything said, in order.
 */
export async function converse(
  bot: BotDefinition,
  botName: string,
  locale: LexLocale,
  sessionAttributes: Record<string, string>,
  nextTurn: () => CallerTurn | Promise<CallerTurn>,
  hook: CodeHook | undefined,
): Promise<Answer> {
  const messages: Array<{ text: SimValue; fromCaller?: boolean }> = [];
  let attributes = { ...sessionAttributes };
  let intent: string | undefined;
  let slots: Slots = {};
  let eliciting: string | undefined;
  const slotsOut = () => Object.fromEntries(Object.entries(slots).filter(([, v]) => v !== null).map(([k, v]) => [k, v!.value.interpretedValue]));
  const call = async (source: 'DialogCodeHook' | 'FulfillmentCodeHook', transcript: string) => {
    const response = await hook!({
      messageVersion: '1.0',
      sessionId: 'sim-session-0001',
      inputTranscript: transcript,
      inputMode: 'Speech',
      invocationSource: source,
      bot: { name: botName, localeId: locale, version: 'DRAFT', aliasId: 'SIMULATED', aliasName: 'live' },
      sessionState: { sessionAttributes: attributes, intent: { name: intent, slots, state: 'InProgress', confirmationState: 'None' } },
    });
    for (const m of response.messages ?? []) messages.push({ text: m.content });
    attributes = { ...(response.sessionState.sessionAttributes ?? attributes) };
    if (response.sessionState.intent?.slots && typeof response.sessionState.intent.slots === 'object') slots = response.sessionState.intent.slots as Slots;
    return response.sessionState;
  };
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const input = await nextTurn();
    if (input === undefined) return { kind: 'error', cause: 'the scenario has no more caller input for the bot' };
    if ('hangUp' in input) return { kind: 'hangup' };
    if ('silence' in input) return { kind: 'timeout' };
    messages.push({ text: input.say, fromCaller: true });
    if (eliciting && intent) {
      const def = bot.intents.find((i) => i.name === intent)!;
      const type = def.slots.find((s) => s.name === eliciting)?.type ?? 'AMAZON.FreeFormInput';
      const value = slotValue(bot, locale, type, input.say);
      slots = { ...slots, [eliciting]: value === undefined ? null : slotEntry(value) };
    } else {
      const match = matchUtterance(bot, locale, input.say);
      intent = match?.intent ?? FALLBACK_INTENT_NAME;
      slots = Object.fromEntries(Object.entries(match?.slots ?? {}).map(([k, v]) => [k, slotEntry(v)]));
    }
    eliciting = undefined;
    const def = bot.intents.find((i) => i.name === intent);
    const codeHook = def ? def.codeHook : bot.fallback?.codeHook;
    // Dialog: the hook may validate; then Lex elicits missing required slots itself.
    let action: { type: string; slotToElicit?: string } = { type: 'Delegate' };
    let state = 'InProgress';
    if (hook && codeHook?.dialog) {
      const s = await call('DialogCodeHook', input.say);
      action = s.dialogAction;
      state = s.intent?.state ?? state;
    }
    if (action.type === 'Delegate' && def) {
      const missing = def.slots.find((s) => s.required && !slots[s.name]);
      if (missing) {
        const prompt = (missing.prompt as Record<string, string | undefined>)[locale];
        if (prompt) messages.push({ text: prompt });
        eliciting = missing.name;
        continue;
      }
    }
    if (action.type === 'ElicitSlot') {
      eliciting = action.slotToElicit;
      continue;
    }
    if (action.type === 'ElicitIntent') {
      intent = undefined;
      continue;
    }
    if (action.type === 'Delegate') {
      if (hook && codeHook?.fulfillment) {
        const s = await call('FulfillmentCodeHook', input.say);
        action = s.dialogAction;
        state = s.intent?.state ?? 'Fulfilled';
        if (action.type === 'ElicitSlot') {
          eliciting = action.slotToElicit;
          continue;
        }
        if (action.type === 'ElicitIntent') {
          intent = undefined;
          continue;
        }
      } else state = 'Fulfilled';
    }
    const lexIntent = intent ?? FALLBACK_INTENT_NAME;
    return {
      kind: 'lex-result',
      intent: lexIntent,
      state: state === 'Failed' ? 'Failed' : 'Fulfilled',
      sessionAttributes: attributes,
      slots: slotsOut(),
      messages,
    };
  }
  return { kind: 'error', cause: `the bot conversation took more than ${MAX_TURNS} turns` };
}
