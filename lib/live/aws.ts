import { ConnectClient, ListInstancesCommand } from '@aws-sdk/client-connect';
import { REGION_CAPABILITIES } from '../config/regions';
import { LiveError } from './errors';

export { LiveError };

/**
 * What the live commands (export-flows, drift) share: one Connect client built from the default
 * credential chain (or a named profile), throttling retried with backoff, pagination followed,
 * and AWS errors turned into one line a person can act on.
 */

/** Where and as whom the live commands call AWS. */
export interface LiveOptions {
  /** AWS region of the instance. */
  readonly region: string;
  /** Named profile of the shared config files. @default - the default credential chain */
  readonly profile?: string;
}

/** A Connect client for `options` (the SDK's own retries stay on for network errors). */
export function connectClient(options: LiveOptions): ConnectClient {
  return new ConnectClient({ region: options.region, ...(options.profile !== undefined ? { profile: options.profile } : {}) });
}

const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'LimitExceededException', 'RequestLimitExceeded']);

/** Options of {@link withRetry}. */
export interface RetryOptions {
  /** Attempts in all. @default 6 */
  readonly attempts?: number;
  /** First delay in ms, doubled each time (with full jitter). @default 200 */
  readonly baseDelayMs?: number;
  /** How to wait (tests pass a fake). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `call`, retrying throttling errors with exponential backoff and full jitter: Amazon
 * Connect's List and Describe APIs allow 2 requests per second steady state (Connect API quotas),
 * which an export of 100 flows exceeds.
 */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 200;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      if (!THROTTLING.has(name) || attempt >= attempts) throw error;
      await sleep(Math.round(Math.random() * base * 2 ** (attempt - 1)));
    }
  }
}

/** Every item of a paginated list: calls `page` with each NextToken until there is none. */
export async function paginate<T>(page: (token: string | undefined) => Promise<{ NextToken?: string; items?: readonly T[] }>, retry: RetryOptions = {}): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const result = await withRetry(() => page(token), retry);
    out.push(...(result.items ?? []));
    token = result.NextToken;
  } while (token !== undefined && token !== '');
  return out;
}

/**
 * One line for an AWS failure: access denied, not found, expired or missing credentials, or
 * credentials of another partition (a commercial key against GovCloud). Anything else keeps the
 * service's message.
 */
export function describeAwsError(error: unknown, options: LiveOptions): string {
  const e = error as { name?: string; message?: string; Code?: string };
  const name = e.name ?? e.Code ?? 'Error';
  const message = (e.message ?? String(error)).split('\n')[0];
  const partition = REGION_CAPABILITIES[options.region as keyof typeof REGION_CAPABILITIES]?.partition ?? (options.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');
  const who = options.profile !== undefined ? `profile ${options.profile}` : 'the default credentials';
  switch (name) {
    case 'AccessDeniedException':
    case 'AccessDenied':
      return `access denied: ${message} (give ${who} the permission named, or use --profile)`;
    case 'ResourceNotFoundException':
      return `not found in ${options.region}: ${message} (check --instance-id and --region)`;
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
      return `the credentials of ${who} have expired: sign in again (e.g. aws sso login${options.profile !== undefined ? ` --profile ${options.profile}` : ''})`;
    case 'CredentialsProviderError':
      return `no AWS credentials found (${message}): set up the default credential chain or pass --profile`;
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
    case 'InvalidSignatureException':
      return `the credentials of ${who} are not valid in ${options.region} (partition ${partition}): ${partition === 'aws-us-gov' ? 'GovCloud needs GovCloud credentials; commercial ones never work there' : 'use credentials of this partition'}`;
    default:
      return `${name}: ${message}`;
  }
}

/** Runs `work`, turning any AWS error into a {@link LiveError} with its one line. */
export async function live<T>(options: LiveOptions, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LiveError) throw error;
    throw new LiveError(describeAwsError(error, options));
  }
}

/** The instance id: given, or found by the jurisdiction's instance alias. */
export async function resolveInstanceId(client: ConnectClient, given: string | undefined, alias: string | undefined, retry: RetryOptions = {}): Promise<string> {
  if (given !== undefined) return given;
  if (alias === undefined) throw new LiveError('give --instance-id, or --jurisdiction to find the instance by its alias');
  const instances = await paginate((NextToken) => client.send(new ListInstancesCommand({ NextToken })).then((r) => ({ NextToken: r.NextToken, items: r.InstanceSummaryList })), retry);
  const found = instances.find((i) => i.InstanceAlias === alias);
  if (!found?.Id) throw new LiveError(`no instance with alias ${JSON.stringify(alias)} in this account and region (found: ${instances.map((i) => i.InstanceAlias).join(', ') || 'none'}); give --instance-id`);
  return found.Id;
}
