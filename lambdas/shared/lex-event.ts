import * as z from 'zod';

const slotValue = z.looseObject({
  value: z
    .looseObject({
      originalValue: z.string().optional(),
      interpretedValue: z.string().nullish(),
      resolvedValues: z.array(z.string()).optional(),
    })
    .nullish(),
});

/**
 * The Lex V2 code-hook event (dialog and fulfillment)
 * (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html).
 * Only the fields the kit reads are required; everything else passes through.
 */
export const lexEventSchema = z.looseObject({
  sessionId: z.string().min(1),
  inputTranscript: z.string().optional(),
  invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
  bot: z.looseObject({ name: z.string(), localeId: z.string() }),
  sessionState: z.looseObject({
    sessionAttributes: z.record(z.string(), z.string()).nullish(),
    intent: z.looseObject({
      name: z.string().min(1),
      slots: z.record(z.string(), slotValue.nullable()).nullish(),
      state: z.string().optional(),
      confirmationState: z.string().optional(),
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
