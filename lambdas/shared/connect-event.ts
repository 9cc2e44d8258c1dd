import { isRecord, type ValidationIssue } from './validation-issues';

/**
 * The event Amazon Connect sends a Lambda from an "Invoke AWS Lambda function" flow block
 * (https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html).
 * Only the fields the kit reads are checked; everything else in `ContactData` passes through.
 */
export interface ConnectEvent {
  readonly Name: 'ContactFlowEvent';
  readonly Details: {
    readonly ContactData: {
      readonly ContactId: string;
      readonly InitialContactId?: string;
      readonly Channel?: string;
      readonly InstanceARN?: string;
      readonly LanguageCode?: string;
      /** Contact attributes; `{}` when the event has none. */
      readonly Attributes: Record<string, string>;
      readonly CustomerEndpoint?: { readonly Address?: string; readonly Type?: string; readonly [key: string]: unknown } | null;
      readonly Queue?: { readonly Name?: string; readonly ARN?: string; readonly [key: string]: unknown } | null;
      readonly [key: string]: unknown;
    };
    /** The block's parameters; `{}` when it sets none. */
    readonly Parameters: Record<string, string>;
  };
}

/** The outcome of {@link parseConnectEvent}: the event, or every problem found (zod's issue codes). */
export type ConnectEventParse = { readonly success: true; readonly data: ConnectEvent } | { readonly success: false; readonly issues: ValidationIssue[] };

/**
 * Field names of the event the kit declares, for {@link describeIssues}: any other path segment
 * (an attribute or parameter name) is caller data and is masked in logs.
 */
export const CONNECT_EVENT_FIELDS: ReadonlySet<string> = new Set([
  'Name',
  'Details',
  'ContactData',
  'ContactId',
  'InitialContactId',
  'Channel',
  'InstanceARN',
  'LanguageCode',
  'Attributes',
  'CustomerEndpoint',
  'Address',
  'Type',
  'Queue',
  'ARN',
  'Parameters',
]);

type Path = ReadonlyArray<string | number>;
type Shape = Record<string, unknown>;

/**
 * Checks and copies a Connect event by hand: the few fields the kit reads, the same rules and
 * issue codes as a strict schema would give (`invalid_type`, `invalid_value`, `too_small`), at
 * none of a schema library's load time (bench/lambda.ts: the handlers' cold init is measured
 * against an SDK-only floor). Attribute and parameter maps must hold only strings; missing
 * ones become `{}`. Unknown fields of `ContactData` are kept; those elsewhere are dropped.
 */
export function parseConnectEvent(raw: unknown): ConnectEventParse {
  const issues: ValidationIssue[] = [];
  const problem = (path: Path, code: string): undefined => {
    issues.push({ path, code });
    return undefined;
  };
  const object = (value: unknown, path: Path): Shape | undefined => (isRecord(value) ? value : problem(path, 'invalid_type'));
  const optionalString = (value: unknown, path: Path): void => {
    if (value !== undefined && typeof value !== 'string') problem(path, 'invalid_type');
  };
  const stringMap = (value: unknown, path: Path): Record<string, string> | undefined => {
    if (value === undefined) return {};
    if (!isRecord(value)) return problem(path, 'invalid_type');
    const entries = Object.entries(value);
    for (const [key, entry] of entries) if (typeof entry !== 'string') problem([...path, key], 'invalid_type');
    return Object.fromEntries(entries) as Record<string, string>;
  };
  const endpoint = (value: unknown, path: Path, fields: readonly string[]): void => {
    if (value === undefined || value === null) return;
    const shape = object(value, path);
    if (shape) for (const field of fields) optionalString(shape[field], [...path, field]);
  };

  if (!isRecord(raw)) return { success: false, issues: [{ path: [], code: 'invalid_type' }] };
  if (raw.Name !== 'ContactFlowEvent') problem(['Name'], 'invalid_value');
  const details = object(raw.Details, ['Details']);
  let contactData: Shape | undefined;
  let attributes: Record<string, string> | undefined;
  let parameters: Record<string, string> | undefined;
  if (details) {
    const at: Path = ['Details', 'ContactData'];
    contactData = object(details.ContactData, at);
    if (contactData) {
      const id = contactData.ContactId;
      if (typeof id !== 'string') problem([...at, 'ContactId'], 'invalid_type');
      else if (id.length < 1) problem([...at, 'ContactId'], 'too_small');
      for (const field of ['InitialContactId', 'Channel', 'InstanceARN', 'LanguageCode']) optionalString(contactData[field], [...at, field]);
      attributes = stringMap(contactData.Attributes, [...at, 'Attributes']);
      endpoint(contactData.CustomerEndpoint, [...at, 'CustomerEndpoint'], ['Address', 'Type']);
      endpoint(contactData.Queue, [...at, 'Queue'], ['Name', 'ARN']);
    }
    parameters = stringMap(details.Parameters, ['Details', 'Parameters']);
  }
  if (issues.length > 0 || !contactData || !attributes || !parameters) return { success: false, issues };
  const data = {
    Name: 'ContactFlowEvent',
    Details: { ContactData: { ...contactData, Attributes: attributes }, Parameters: parameters },
  } as ConnectEvent;
  return { success: true, data };
}

/** The caller's language: the flow's `language` parameter or attribute, else the contact's, else en-US. */
export function callerLanguage(event: ConnectEvent): 'en-US' | 'es-US' {
  const { Parameters, ContactData } = event.Details;
  const raw = Parameters.language ?? ContactData.Attributes.language ?? ContactData.LanguageCode ?? 'en-US';
  return raw.toLowerCase().startsWith('es') ? 'es-US' : 'en-US';
}
