/**
 * `Custom::ConnectPhoneNumber`: claims (or adopts) an Amazon Connect phone number and binds it
 * to an inbound flow. CloudFormation in us-gov-west-1 has no `AWS::Connect::PhoneNumber`, so
 * the kit calls the Connect API itself, through the CDK Provider framework:
 *
 * - `onEvent` starts the work. Create: adopt a number already claimed to the instance, or
 *   search for an available one and claim it (the claim finishes asynchronously). Update:
 *   claim a new number if the number parameters changed (CloudFormation then deletes the old
 *   resource), otherwise keep the number. Delete: unbind the flow, and release the number only
 *   if `ReleaseOnDelete` is true and this resource claimed it.
 * - `isComplete` is called every few seconds until it answers true: it waits for the claim to
 *   reach CLAIMED (FAILED fails the resource with Connect's message), then binds the flow.
 *
 * The physical id is the phone number id; the attributes are PhoneNumber (E.164),
 * PhoneNumberId and PhoneNumberArn. Phone numbers are public, but the shared logger redacts
 * them like any other; ids and statuses are logged.
 * https://docs.aws.amazon.com/connect/latest/adminguide/claim-phone-number.html
 */
import { createHash } from 'crypto';
import {
  AssociatePhoneNumberContactFlowCommand,
  ClaimedPhoneNumberSummary,
  ClaimPhoneNumberCommand,
  ConnectClient,
  DescribePhoneNumberCommand,
  DisassociatePhoneNumberContactFlowCommand,
  ListPhoneNumbersSummary,
  ListPhoneNumbersV2Command,
  ReleasePhoneNumberCommand,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-connect';
import * as z from 'zod';
import { logger, tracer } from '../shared/powertools';
import { errorName, PhoneNumberError, reasonFor, withRetry } from './calls';
import { flowIdOf, instanceIdOf, numberKey, parseProperties, PhoneNumberProperties, stored, storedProperties } from './properties';

/** What `onEvent` answers the Provider framework. */
export interface OnEventResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

/** What `isComplete` answers the Provider framework. */
export interface IsCompleteResponse {
  readonly IsComplete: boolean;
  readonly Data?: Record<string, string>;
}

/** Numbers asked of SearchAvailablePhoneNumbers; the first is claimed. */
export const SEARCH_RESULTS = 10;

/** Longest list of the instance's numbers read (pages of 100) when adopting or recovering. */
const MAX_LIST_PAGES = 20;

// The SDK retries throttling itself (adaptive rate limiting); withRetry adds slower retries on top.
const connect = tracer.captureAWSv3Client(new ConnectClient({ maxAttempts: 5, retryMode: 'adaptive' }));

/** The envelope the Provider framework passes both handlers (only what is read). */
const requestSchema = z.looseObject({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  RequestId: z.string().min(1),
  LogicalResourceId: z.string().optional(),
  PhysicalResourceId: z.string().optional(),
  ResourceProperties: z.unknown(),
  OldResourceProperties: z.unknown().optional(),
});
type Request = z.infer<typeof requestSchema>;

function parseRequest(event: unknown): Request {
  const parsed = requestSchema.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`);
    throw new PhoneNumberError(`malformed custom resource event: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The physical id of an Update or Delete (and of every isComplete call). */
function physicalIdOf(request: Request): string {
  if (request.PhysicalResourceId === undefined || request.PhysicalResourceId === '') {
    throw new PhoneNumberError(`malformed custom resource event: PhysicalResourceId is missing from a ${request.RequestType} request`);
  }
  return request.PhysicalResourceId;
}

/**
 * A client token derived from the CloudFormation request id: a retried request reuses it, so
 * Connect does not claim (or release) twice. Connect wants a lower-case UUID.
 */
export function clientToken(purpose: 'claim' | 'release', requestId: string): string {
  const hex = createHash('sha256').update(`gov-contact-center-kit:${purpose}:${requestId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The description a claim writes. It ends with the first part of the client token, so an
 * earlier attempt of the same request can be found if Connect refuses the token (see
 * {@link claim}). Plain identifiers only: descriptions are not a place for sensitive data.
 */
export function claimDescription(props: PhoneNumberProperties, token: string): string {
  return `${props.Description ?? 'gov-contact-center-kit'} (claim ${token.slice(0, 8)})`;
}

/** The attributes CloudFormation gets. */
function attributes(number: { PhoneNumber?: string; PhoneNumberId?: string; PhoneNumberArn?: string }): Record<string, string> {
  const out: Record<string, string> = {};
  if (number.PhoneNumber) out.PhoneNumber = number.PhoneNumber;
  if (number.PhoneNumberId) out.PhoneNumberId = number.PhoneNumberId;
  if (number.PhoneNumberArn) out.PhoneNumberArn = number.PhoneNumberArn;
  return out;
}

/** The instance's numbers starting with `prefix`, every page (bounded). */
async function instanceNumbers(props: PhoneNumberProperties, prefix: string | undefined): Promise<ListPhoneNumbersSummary[]> {
  const out: ListPhoneNumbersSummary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const response = await withRetry('ListPhoneNumbersV2', () =>
      connect.send(new ListPhoneNumbersV2Command({ TargetArn: props.InstanceArn, PhoneNumberPrefix: prefix, MaxResults: 100, NextToken: nextToken })),
    );
    out.push(...(response.ListPhoneNumbersSummaryList ?? []));
    nextToken = response.NextToken;
    if (!nextToken) break;
  }
  return out;
}

/** Create with `Adopt`: the number must already be claimed to the instance. */
async function adopt(props: PhoneNumberProperties & { Adopt: string }): Promise<OnEventResponse> {
  const found = (await instanceNumbers(props, props.Adopt)).find((number) => number.PhoneNumber === props.Adopt);
  if (found?.PhoneNumberId === undefined) {
    throw new PhoneNumberError(
      `cannot adopt ${props.Adopt}: it is not claimed to the instance ${instanceIdOf(props.InstanceArn)}. ` +
        'Claim or port it to the instance first, or remove "adopt" to claim a new number.',
    );
  }
  if (found.PhoneNumberType !== undefined && found.PhoneNumberType !== props.Type) {
    logger.warn('adopted number is of another type than configured', { physicalId: found.PhoneNumberId, configured: props.Type, actual: found.PhoneNumberType });
  }
  logger.info('adopting a number claimed outside the stack', { physicalId: found.PhoneNumberId });
  return { PhysicalResourceId: found.PhoneNumberId, Data: attributes(found) };
}

/** The first available number for the type and prefix. */
async function searchAvailable(props: PhoneNumberProperties): Promise<string> {
  const response = await withRetry('SearchAvailablePhoneNumbers', () =>
    connect.send(
      new SearchAvailablePhoneNumbersCommand({
        TargetArn: props.InstanceArn,
        PhoneNumberCountryCode: props.CountryCode,
        PhoneNumberType: props.Type,
        PhoneNumberPrefix: props.Prefix,
        MaxResults: SEARCH_RESULTS,
      }),
    ),
  );
  const first = response.AvailableNumbersList?.find((number) => number.PhoneNumber)?.PhoneNumber;
  if (first === undefined) {
    throw new PhoneNumberError(
      `no ${props.Type} number is available in ${props.CountryCode}${props.Prefix ? ` with the prefix ${props.Prefix}` : ''}; ` +
        `${props.Prefix ? 'choose a shorter or another prefix, or none' : 'try again later or contact AWS Support'}.`,
    );
  }
  return first;
}

/**
 * Claims `phoneNumber`. If Connect answers IdempotencyException, an earlier attempt of the same
 * CloudFormation request (same client token) claimed a different number, for example when the
 * framework invoked the handler again after a lost response: that number is found by the
 * description the claim wrote and used, rather than claiming a second one.
 */
async function claim(props: PhoneNumberProperties, phoneNumber: string, requestId: string): Promise<OnEventResponse> {
  const token = clientToken('claim', requestId);
  const description = claimDescription(props, token);
  try {
    const response = await withRetry(
      'ClaimPhoneNumber',
      () => connect.send(new ClaimPhoneNumberCommand({ TargetArn: props.InstanceArn, PhoneNumber: phoneNumber, PhoneNumberDescription: description, ClientToken: token })),
      (error) => errorName(error) === 'IdempotencyException',
    );
    if (!response.PhoneNumberId) throw new PhoneNumberError('ClaimPhoneNumber answered without a phone number id');
    logger.info('claim started', { physicalId: response.PhoneNumberId });
    return { PhysicalResourceId: response.PhoneNumberId, Data: attributes({ PhoneNumber: phoneNumber, ...response }) };
  } catch (error) {
    if (errorName(error) !== 'IdempotencyException') throw error;
    const earlier = (await instanceNumbers(props, props.Prefix)).find((number) => number.PhoneNumberDescription === description);
    if (earlier?.PhoneNumberId === undefined) {
      throw new PhoneNumberError(
        `ClaimPhoneNumber refused the client token ${token}: an earlier attempt of this request claimed another number, ` +
          `and no number of the instance has the description "${description}". Check the instance's numbers, then deploy again.`,
      );
    }
    logger.info('using the number an earlier attempt of this request claimed', { physicalId: earlier.PhoneNumberId });
    return { PhysicalResourceId: earlier.PhoneNumberId, Data: attributes(earlier) };
  }
}

/** Create (and Update with other number parameters): adopt or claim. */
async function create(props: PhoneNumberProperties, requestId: string): Promise<OnEventResponse> {
  if (props.Adopt !== undefined) return adopt({ ...props, Adopt: props.Adopt });
  return claim(props, await searchAvailable(props), requestId);
}

/** Update: same number parameters keep the number (isComplete rebinds the flow); others claim anew. */
async function update(request: Request): Promise<OnEventResponse> {
  const props = parseProperties(request.ResourceProperties);
  const physicalId = physicalIdOf(request);
  if (numberKey(stored(props)) !== numberKey(storedProperties(request.OldResourceProperties))) {
    logger.info('number parameters changed: taking another number; CloudFormation deletes the old resource', { physicalId });
    return create(props, request.RequestId);
  }
  return { PhysicalResourceId: physicalId };
}

/** DescribePhoneNumber; undefined if the number does not exist (any more). */
async function describe(physicalId: string): Promise<ClaimedPhoneNumberSummary | undefined> {
  try {
    const response = await withRetry(
      'DescribePhoneNumber',
      () => connect.send(new DescribePhoneNumberCommand({ PhoneNumberId: physicalId })),
      (error) => errorName(error) === 'ResourceNotFoundException',
    );
    return response.ClaimedPhoneNumberSummary;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Whether a described number is claimed to the instance (not to another instance or group). */
function belongsTo(summary: ClaimedPhoneNumberSummary, instanceArn: string | undefined): boolean {
  if (instanceArn === undefined) return false;
  if (summary.TargetArn !== undefined) return summary.TargetArn === instanceArn;
  return summary.InstanceId !== undefined && summary.InstanceId === instanceIdOf(instanceArn);
}

/**
 * Delete: unbind the flow, then release the number only if the properties say
 * `ReleaseOnDelete: true` and the number was claimed by this resource (never an adopted one).
 * A number that is gone, not claimed, or claimed elsewhere is left alone.
 */
async function remove(request: Request): Promise<OnEventResponse> {
  const physicalId = physicalIdOf(request);
  const props = storedProperties(request.ResourceProperties);
  const summary = await describe(physicalId);
  if (summary === undefined) {
    logger.info('the number no longer exists; nothing to do', { physicalId });
    return { PhysicalResourceId: physicalId };
  }
  if (!belongsTo(summary, props.instanceArn)) {
    logger.warn('the number is not claimed to this instance (any more); left untouched', { physicalId, target: summary.TargetArn });
    return { PhysicalResourceId: physicalId };
  }
  const status = summary.PhoneNumberStatus?.Status;
  if (status !== 'CLAIMED') {
    logger.warn('the number is not in the CLAIMED state; left untouched', { physicalId, status });
    return { PhysicalResourceId: physicalId };
  }

  try {
    await withRetry(
      'DisassociatePhoneNumberContactFlow',
      () => connect.send(new DisassociatePhoneNumberContactFlowCommand({ PhoneNumberId: physicalId, InstanceId: instanceIdOf(props.instanceArn!) })),
      (error) => errorName(error) === 'ResourceNotFoundException',
    );
    logger.info('flow unbound', { physicalId });
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
    logger.info('no flow was bound', { physicalId });
  }

  if (props.adopt !== undefined) {
    logger.info('number kept: it was adopted, and adopted numbers are never released', { physicalId });
  } else if (!props.releaseOnDelete) {
    logger.info('number kept: releaseOnDelete is false (a released public number is hard to get back)', { physicalId });
  } else {
    await withRetry('ReleasePhoneNumber', () => connect.send(new ReleasePhoneNumberCommand({ PhoneNumberId: physicalId, ClientToken: clientToken('release', request.RequestId) })));
    logger.info('number released (releaseOnDelete is true)', { physicalId });
  }
  return { PhysicalResourceId: physicalId };
}

/**
 * Provider framework `onEvent` handler. Throws a short, clear error for CloudFormation's
 * status reason when the work cannot be done.
 */
export async function onEvent(event: unknown): Promise<OnEventResponse> {
  try {
    const request = parseRequest(event);
    logger.appendKeys({ requestId: request.RequestId });
    logger.info('custom resource request', { requestType: request.RequestType, logicalId: request.LogicalResourceId, physicalId: request.PhysicalResourceId });
    switch (request.RequestType) {
      case 'Create':
        return await create(parseProperties(request.ResourceProperties), request.RequestId);
      case 'Update':
        return await update(request);
      case 'Delete':
        return await remove(request);
    }
  } catch (error) {
    const reason = reasonFor(error);
    logger.error('phone number request failed', { error: reason });
    throw reason;
  } finally {
    logger.removeKeys(['requestId']);
  }
}

/**
 * Provider framework `isComplete` handler: false while the claim is in progress; once the
 * number is CLAIMED, binds the flow (again, harmlessly, on an update that kept it) and answers
 * true with the attributes. A FAILED claim throws with Connect's status message.
 */
export async function isComplete(event: unknown): Promise<IsCompleteResponse> {
  try {
    const request = parseRequest(event);
    if (request.RequestType === 'Delete') return { IsComplete: true };
    logger.appendKeys({ requestId: request.RequestId });
    const props = parseProperties(request.ResourceProperties);
    const physicalId = physicalIdOf(request);
    const summary = await describe(physicalId);
    if (summary === undefined) throw new PhoneNumberError(`the phone number ${physicalId} does not exist (any more)`);
    const status = summary.PhoneNumberStatus?.Status;
    if (status === 'IN_PROGRESS') {
      logger.info('claim in progress', { physicalId });
      return { IsComplete: false };
    }
    if (status === 'FAILED') {
      throw new PhoneNumberError(`claiming ${summary.PhoneNumber ?? physicalId} failed: ${summary.PhoneNumberStatus?.Message || 'Amazon Connect gave no reason'}`);
    }
    if (status !== 'CLAIMED') throw new PhoneNumberError(`the phone number ${physicalId} is in the unexpected state ${String(status)}`);
    if (!belongsTo(summary, props.InstanceArn)) {
      throw new PhoneNumberError(`${summary.PhoneNumber ?? physicalId} is claimed to ${summary.TargetArn ?? 'another target'}, not to the instance ${props.InstanceArn}`);
    }
    const flowId = flowIdOf(props.ContactFlowArn);
    await withRetry('AssociatePhoneNumberContactFlow', () =>
      connect.send(new AssociatePhoneNumberContactFlowCommand({ PhoneNumberId: physicalId, InstanceId: instanceIdOf(props.InstanceArn), ContactFlowId: flowId })),
    );
    logger.info('flow bound', { physicalId, flowId });
    return { IsComplete: true, Data: attributes(summary) };
  } catch (error) {
    const reason = reasonFor(error);
    logger.error('phone number request failed', { error: reason });
    throw reason;
  } finally {
    logger.removeKeys(['requestId']);
  }
}
