import * as z from 'zod';

/**
 * The event Amazon Connect sends a Lambda from an "Invoke AWS Lambda function" flow block
 * (https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html).
 * Only the fields the kit reads are required; everything else passes through.
 */
export const connectEventSchema = z.object({
  Name: z.literal('ContactFlowEvent'),
  Details: z.object({
    ContactData: z.looseObject({
      ContactId: z.string().min(1),
      InitialContactId: z.string().optional(),
      Channel: z.string().optional(),
      InstanceARN: z.string().optional(),
      LanguageCode: z.string().optional(),
      Attributes: z.record(z.string(), z.string()).default({}),
      CustomerEndpoint: z.looseObject({ Address: z.string().optional(), Type: z.string().optional() }).nullish(),
      Queue: z.looseObject({ Name: z.string().optional(), ARN: z.string().optional() }).nullish(),
    }),
    Parameters: z.record(z.string(), z.string()).default({}),
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
