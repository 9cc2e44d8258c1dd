import * as z from './zod';

const slotValue = z.looseObject({
  value: z.nullish(
    z.looseObject({
      originalValue: z.optional(z.string()),
      interpretedValue: z.nullish(z.string()),
      resolvedValues: z.optional(z.array(z.string())),
    }),
  ),
});

/**
 * The Lex V2 code-hook event (dialog and fulfillment)
 * (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html).
 * Only the fields the kit reads are required; everything else passes through.
 */
export const lexEventSchema = z.looseObject({
  sessionId: z.string().check(z.minLength(1)),
  inputTranscript: z.optional(z.string()),
  invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
  bot: z.looseObject({ name: z.string(), localeId: z.string() }),
  sessionState: z.looseObject({
    sessionAttributes: z.nullish(z.record(z.string(), z.string())),
    intent: z.looseObject({
      name: z.string().check(z.minLength(1)),
      slots: z.nullish(z.record(z.string(), z.nullable(slotValue))),
      state: z.optional(z.string()),
      confirmationState: z.optional(z.string()),
    }),
  }),
});

/** A parsed Lex V2 code-hook event. */
export type LexEvent = z.infer<typeof lexEventSchema>;

/** The interpreted value of a slot, if Lex filled it. */
export function slotText(event: LexEvent, slot: string): string | undefined {
  const value = event.sessionState.intent.slots?.[slot]?.value;
  return value?.interpretedValue ?? value?.originalValue ?? undefined;
}
