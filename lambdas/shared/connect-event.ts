import * as z from './zod';

/**
 * The event Amazon Connect sends a Lambda from an "Invoke AWS Lambda function" flow block
 * (https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html).
 * Only the fields the kit reads are required; everything else passes through.
 */
export const connectEventSchema = z.object({
  Name: z.literal('ContactFlowEvent'),
  Details: z.object({
    ContactData: z.looseObject({
      ContactId: z.string().check(z.minLength(1)),
      InitialContactId: z.optional(z.string()),
      Channel: z.optional(z.string()),
      InstanceARN: z.optional(z.string()),
      LanguageCode: z.optional(z.string()),
      Attributes: z._default(z.record(z.string(), z.string()), {}),
      CustomerEndpoint: z.nullish(z.looseObject({ Address: z.optional(z.string()), Type: z.optional(z.string()) })),
      Queue: z.nullish(z.looseObject({ Name: z.optional(z.string()), ARN: z.optional(z.string()) })),
    }),
    Parameters: z._default(z.record(z.string(), z.string()), {}),
  }),
});

/** A parsed Amazon Connect contact-flow event. */
export type ConnectEvent = z.infer<typeof connectEventSchema>;

/** The caller's language: the flow's `language` parameter or attribute, else the contact's, else en-US. */
export function callerLanguage(event: ConnectEvent): 'en-US' | 'es-US' {
  const { Parameters, ContactData } = event.Details;
  const raw = Parameters.language ?? ContactData.Attributes.language ?? ContactData.LanguageCode ?? 'en-US';
  return raw.toLowerCase().startsWith('es') ? 'es-US' : 'en-US';
}
