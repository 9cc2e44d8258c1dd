/**
 * The properties of a `Custom::ConnectPhoneNumber` resource, as CloudFormation passes them to
 * the handler: every value is a string (CloudFormation turns booleans into "true"/"false").
 * lib/constructs/phone-number.ts writes them; this schema is the contract between the two.
 */
import * as z from '../shared/zod';

/** An Amazon Connect instance ARN; group 1 is the instance id. */
export const INSTANCE_ARN = /^arn:aws(?:-[a-z]+)*:connect:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:instance\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A contact flow ARN; group 1 is the instance id, group 2 the flow id. */
export const FLOW_ARN =
  /^arn:aws(?:-[a-z]+)*:connect:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:instance\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/contact-flow\/([A-Za-z0-9-]{1,100})$/;

/** An E.164 phone number. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** The name of a config entry (it becomes a tag value and part of a tag key). */
export const ENTRY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A claim prefix for US numbers: "+1" and up to nine more digits. */
export const US_PREFIX = /^\+1\d{0,9}$/;

const shown = (input: unknown): string => (typeof input === 'string' ? JSON.stringify(input) : typeof input);

const flag = z.pipe(
  z.union([z.boolean(), z.enum(['true', 'false'])], { error: (issue) => `must be true or false, got ${shown(issue.input)}` }),
  z.transform((value: boolean | 'true' | 'false') => value === true || value === 'true'),
);

/** The resource properties, strictly: an unknown key is an error. */
export const propertiesSchema = z
  .strictObject({
    ServiceToken: z.string(),
    ServiceTimeout: z.optional(z.string()),
    InstanceArn: z.string({ error: 'is required' }).check(z.regex(INSTANCE_ARN, { error: (issue) => `must be an Amazon Connect instance ARN, got ${shown(issue.input)}` })),
    ContactFlowArn: z.string({ error: 'is required' }).check(z.regex(FLOW_ARN, { error: (issue) => `must be a contact flow ARN, got ${shown(issue.input)}` })),
    CountryCode: z.enum(['US'], { error: (issue) => `must be US, got ${shown(issue.input)}` }),
    Type: z.enum(['DID', 'TOLL_FREE'], { error: (issue) => `must be DID or TOLL_FREE, got ${shown(issue.input)}` }),
    Prefix: z.optional(z.string().check(z.regex(US_PREFIX, { error: (issue) => `must be "+1" followed by up to 9 digits, got ${shown(issue.input)}` }))),
    Adopt: z.optional(z.string().check(z.regex(E164, { error: (issue) => `must be an E.164 number such as "+18005550100", got ${shown(issue.input)}` }))),
    ReleaseOnDelete: z._default(flag, false),
    Description: z.optional(z.string().check(z.maxLength(250, { error: 'must be at most 250 characters' }))),
    Name: z.string({ error: 'is required' }).check(z.regex(ENTRY_NAME, { error: (issue) => `must be a plain identifier, got ${shown(issue.input)}` })),
    Entries: z._default(z.array(z.string().check(z.regex(ENTRY_NAME)), { error: 'must be a list of entry names' }), []),
    AdoptedNumbers: z._default(z.array(z.string().check(z.regex(E164)), { error: 'must be a list of E.164 numbers' }), []),
    Tags: z._default(z.record(z.string().check(z.minLength(1), z.maxLength(128)), z.string().check(z.maxLength(256)), { error: 'must be a map of tag keys to values' }), {}),
  })
  .check(
    z.refine((props) => INSTANCE_ARN.exec(props.InstanceArn)?.[1] === FLOW_ARN.exec(props.ContactFlowArn)?.[1], {
      error: 'the contact flow belongs to another instance than InstanceArn',
      path: ['ContactFlowArn'],
    }),
  );

/** Validated resource properties. */
export type PhoneNumberProperties = z.infer<typeof propertiesSchema>;

/** Properties are invalid: a deployment mistake, reported to CloudFormation as it is. */
export class InvalidPropertiesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPropertiesError';
  }
}

/** Parses the properties of a Create or Update; throws {@link InvalidPropertiesError} listing every problem. */
export function parseProperties(raw: unknown): PhoneNumberProperties {
  const parsed = propertiesSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'properties'}: ${issue.message}`);
  throw new InvalidPropertiesError(`invalid Custom::ConnectPhoneNumber properties: ${problems.join('; ')}`);
}

/**
 * What a Delete (or the old side of an Update) needs, read leniently: the properties were
 * written by whatever handler version created the resource, and an unreadable value must never
 * turn into a release. A missing or malformed field is simply undefined.
 */
export interface StoredProperties {
  readonly instanceArn?: string;
  readonly countryCode?: string;
  readonly type?: string;
  readonly prefix?: string;
  readonly adopt?: string;
  /** The entry name (absent in properties written before the ownership ledger). */
  readonly name?: string;
  /** The numbers the config's entries adopted when these properties were written. */
  readonly adoptedNumbers: readonly string[];
  /** True only when the stored value is exactly true or "true". */
  readonly releaseOnDelete: boolean;
}

/** Reads stored properties leniently (see {@link StoredProperties}). */
export function storedProperties(raw: unknown): StoredProperties {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const text = (key: string): string | undefined => (typeof record[key] === 'string' && record[key] !== '' ? (record[key] as string) : undefined);
  return {
    instanceArn: text('InstanceArn'),
    countryCode: text('CountryCode'),
    type: text('Type'),
    prefix: text('Prefix'),
    adopt: text('Adopt'),
    name: text('Name'),
    adoptedNumbers: Array.isArray(record.AdoptedNumbers) ? record.AdoptedNumbers.filter((value): value is string => typeof value === 'string') : [],
    releaseOnDelete: record.ReleaseOnDelete === true || record.ReleaseOnDelete === 'true',
  };
}

/**
 * What identifies the number a resource stands for. A change of it on update means another
 * number (claim a new one, CloudFormation then deletes the old); a change of anything else
 * (the flow, the description, releaseOnDelete) keeps the number.
 */
export function numberKey(props: StoredProperties): string {
  return props.adopt !== undefined
    ? JSON.stringify(['adopt', props.instanceArn, props.adopt])
    : JSON.stringify(['claim', props.instanceArn, props.countryCode, props.type, props.prefix ?? '']);
}

/** The stored form of validated properties, for {@link numberKey}. */
export function stored(props: PhoneNumberProperties): StoredProperties {
  return {
    instanceArn: props.InstanceArn,
    countryCode: props.CountryCode,
    type: props.Type,
    prefix: props.Prefix,
    adopt: props.Adopt,
    name: props.Name,
    adoptedNumbers: props.AdoptedNumbers,
    releaseOnDelete: props.ReleaseOnDelete,
  };
}

/** The instance id in an instance ARN (validated ARNs only). */
export function instanceIdOf(instanceArn: string): string | undefined {
  return INSTANCE_ARN.exec(instanceArn)?.[1];
}

/** The flow id in a contact flow ARN (validated ARNs only). */
export function flowIdOf(flowArn: string): string {
  return FLOW_ARN.exec(flowArn)?.[2] ?? flowArn;
}
