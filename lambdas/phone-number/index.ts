/**
 * `Custom::ConnectPhoneNumber`: claims (or adopts) an Amazon Connect phone number and binds it
 * to an inbound flow. CloudFormation in us-gov-west-1 has no `AWS::Connect::PhoneNumber`, so
 * the kit calls the Connect API itself, through the CDK Provider framework.
 *
 * A number is never released as a side effect of an edit. CloudFormation deletes a replaced or
 * removed resource in its cleanup phase with its *old* properties, so a Delete's own event
 * cannot say whether the number is still wanted; the handler keeps an ownership ledger in the
 * number's tags instead (see ledger.ts), written on every Create and Update and read on Delete:
 *
 * - `onEvent` Create: adopt a number already claimed to the instance (tagged as adopted by the
 *   entry), or inherit the number of an entry that left the config with the same type and a
 *   fitting prefix (a rename), or search for an available one and claim it, tagged with the
 *   ledger and the jurisdiction's tags (the claim finishes asynchronously). Update: keep the
 *   number while it still fits the type and prefix (a narrowed prefix it matches keeps it) and
 *   rewrite its ledger; otherwise take another number and drop the entry from the old one's
 *   ledger, so the Delete CloudFormation sends for the old one keeps it. Delete: release only if
 *   the entry still holds the number, its properties and the ledger both say releaseOnDelete,
 *   the stack claimed it and no entry adopts it; otherwise unbind or leave it.
 * - `isComplete` is called every few seconds until it answers true: it waits for the claim to
 *   reach CLAIMED (FAILED fails the resource with Connect's message), then binds the flow
 *   (unless another entry adopts the number: the adopter binds it).
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
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-connect';
import * as z from '../shared/zod';
import { requireEnv } from '../shared/env';
import { logger, tracer } from '../shared/powertools';
import { errorName, PhoneNumberError, reasonFor, withRetry } from './calls';
import { adoptedByKey, adopters, decideClaimedDelete, fits, holderTags, inheritable, LEDGER_TAGS, LedgerNumber } from './ledger';
import { flowIdOf, INSTANCE_ARN, instanceIdOf, numberKey, parseProperties, PhoneNumberProperties, stored, StoredProperties, storedProperties } from './properties';

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
  RequestId: z.string().check(z.minLength(1)),
  LogicalResourceId: z.optional(z.string()),
  PhysicalResourceId: z.optional(z.string()),
  ResourceProperties: z.unknown(),
  OldResourceProperties: z.optional(z.unknown()),
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

/** The ledger value that names this handler's stack (the construct sets it to the stack id). */
function owner(): string {
  return requireEnv('NUMBER_OWNER');
}

/** The ARN of a number of the instance's account and region (phone number ARNs are not under the instance). */
function phoneNumberArn(instanceArn: string, phoneNumberId: string): string {
  return INSTANCE_ARN.test(instanceArn) ? instanceArn.replace(/:instance\/[^/]+$/, `:phone-number/${phoneNumberId}`) : phoneNumberId;
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

/**
 * DescribePhoneNumber; undefined if the number does not exist (any more), `not-managed` if IAM
 * refuses it: the handler may only describe numbers carrying its stack's tag.
 */
async function describe(physicalId: string): Promise<ClaimedPhoneNumberSummary | undefined | 'not-managed'> {
  try {
    const response = await withRetry(
      'DescribePhoneNumber',
      () => connect.send(new DescribePhoneNumberCommand({ PhoneNumberId: physicalId })),
      (error) => errorName(error) === 'ResourceNotFoundException' || errorName(error) === 'AccessDeniedException',
    );
    return response.ClaimedPhoneNumberSummary;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    if (errorName(error) === 'AccessDeniedException') return 'not-managed';
    throw error;
  }
}

/** Adds or overwrites tags on a number. */
async function tag(arn: string, tags: Record<string, string>): Promise<void> {
  await withRetry('TagResource', () => connect.send(new TagResourceCommand({ resourceArn: arn, tags })));
}

/** Removes tags from a number (nothing to do for an empty list). */
async function untag(arn: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await withRetry('UntagResource', () => connect.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: [...keys] })));
}

/** The ledger's view of a described number. */
function ledgerNumber(summary: ClaimedPhoneNumberSummary): LedgerNumber {
  return {
    id: summary.PhoneNumberId ?? '',
    phoneNumber: summary.PhoneNumber ?? '',
    type: summary.PhoneNumberType,
    status: summary.PhoneNumberStatus?.Status,
    tags: summary.Tags ?? {},
  };
}

/** Adopt: the number must already be claimed to the instance; it is tagged as adopted by the entry. */
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
  await tag(found.PhoneNumberArn ?? phoneNumberArn(props.InstanceArn, found.PhoneNumberId), {
    ...props.Tags,
    [LEDGER_TAGS.stack]: owner(),
    [adoptedByKey(props.Name)]: 'true',
  });
  logger.info('adopting a number claimed outside the entry', { physicalId: found.PhoneNumberId });
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
 * Claims `phoneNumber`, tagged with the ledger (the only time `gcck:claimed-by` is written) and
 * the entry's tags. If Connect answers IdempotencyException, an earlier attempt of the same
 * CloudFormation request (same client token) claimed a different number, for example when the
 * framework invoked the handler again after a lost response: that number is found by the
 * description the claim wrote and used, rather than claiming a second one.
 */
async function claim(props: PhoneNumberProperties, phoneNumber: string, requestId: string): Promise<OnEventResponse> {
  const token = clientToken('claim', requestId);
  const description = claimDescription(props, token);
  const tags = { ...holderTags(owner(), props.Name, props.ReleaseOnDelete, props.Tags), [LEDGER_TAGS.claimedBy]: owner() };
  try {
    const response = await withRetry(
      'ClaimPhoneNumber',
      () =>
        connect.send(new ClaimPhoneNumberCommand({ TargetArn: props.InstanceArn, PhoneNumber: phoneNumber, PhoneNumberDescription: description, Tags: tags, ClientToken: token })),
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

/**
 * The number of an entry that left the config, taken over by this new entry (a rename: see
 * {@link inheritable}); undefined if there is none. Only when the properties list this entry
 * among the config's entries, so an incomplete list can never take another entry's number.
 */
async function inherit(props: PhoneNumberProperties): Promise<OnEventResponse | undefined> {
  if (!props.Entries.includes(props.Name)) return undefined;
  const listed = (await instanceNumbers(props, props.Prefix)).filter((number) => number.PhoneNumberId !== undefined && number.PhoneNumberType === props.Type);
  const candidates: LedgerNumber[] = [];
  for (const number of listed) {
    const summary = await describe(number.PhoneNumberId!);
    if (summary !== undefined && summary !== 'not-managed' && belongsTo(summary, props.InstanceArn)) candidates.push(ledgerNumber(summary));
  }
  const chosen = inheritable(candidates, { owner: owner(), type: props.Type, prefix: props.Prefix, entries: props.Entries });
  if (chosen === undefined) return undefined;
  await tag(phoneNumberArn(props.InstanceArn, chosen.id), holderTags(owner(), props.Name, props.ReleaseOnDelete, props.Tags));
  logger.info('taking over the number of an entry that left the config (a rename)', { physicalId: chosen.id, from: chosen.tags[LEDGER_TAGS.entry] });
  return { PhysicalResourceId: chosen.id };
}

/** Create (and Update to another number): adopt, inherit from a renamed entry, or claim. */
async function create(props: PhoneNumberProperties, requestId: string): Promise<OnEventResponse> {
  if (props.Adopt !== undefined) return adopt({ ...props, Adopt: props.Adopt });
  return (await inherit(props)) ?? claim(props, await searchAvailable(props), requestId);
}

/**
 * Keeps the entry's claimed number when it still fits the new type and prefix and no other entry
 * holds it, rewriting its ledger; undefined otherwise. A number claimed before the ledger first
 * gets the stack tag (it never gets `gcck:claimed-by`, so it is never released).
 */
async function keep(physicalId: string, props: PhoneNumberProperties): Promise<OnEventResponse | undefined> {
  const arn = phoneNumberArn(props.InstanceArn, physicalId);
  let summary = await describe(physicalId);
  if (summary === 'not-managed') {
    await tag(arn, { [LEDGER_TAGS.stack]: owner() });
    summary = await describe(physicalId);
  }
  if (summary === undefined || summary === 'not-managed' || !belongsTo(summary, props.InstanceArn)) return undefined;
  const number = ledgerNumber(summary);
  const holder = number.tags[LEDGER_TAGS.entry];
  if ((holder !== undefined && holder !== props.Name) || !fits(number, { type: props.Type, prefix: props.Prefix })) return undefined;
  await tag(arn, holderTags(owner(), props.Name, props.ReleaseOnDelete, props.Tags));
  return { PhysicalResourceId: physicalId };
}

/**
 * Takes the entry off the ledger of the number it held before an update moved it to another
 * one, so the Delete CloudFormation sends for the old number later keeps it.
 */
async function leave(physicalId: string, old: StoredProperties, name: string): Promise<void> {
  const summary = await describe(physicalId);
  if (summary === undefined || summary === 'not-managed') return;
  const tags = summary.Tags ?? {};
  const arn = summary.PhoneNumberArn ?? phoneNumberArn(old.instanceArn ?? '', physicalId);
  if (old.adopt !== undefined) await untag(arn, tags[adoptedByKey(name)] !== undefined ? [adoptedByKey(name)] : []);
  else if (tags[LEDGER_TAGS.entry] === name) await untag(arn, [LEDGER_TAGS.entry, LEDGER_TAGS.releaseOnDelete]);
  logger.info('the entry moved to another number; the old one is kept', { physicalId });
}

/**
 * Update: keep the number while it fits (the flow, releaseOnDelete, tags or a narrowed prefix it
 * still matches change nothing but the ledger); otherwise take another number and leave the old
 * one, which CloudFormation's cleanup Delete then keeps.
 */
async function update(request: Request): Promise<OnEventResponse> {
  const props = parseProperties(request.ResourceProperties);
  const old = storedProperties(request.OldResourceProperties);
  const physicalId = physicalIdOf(request);
  if (props.Adopt !== undefined && old.adopt === props.Adopt && old.instanceArn === props.InstanceArn) {
    await tag(phoneNumberArn(props.InstanceArn, physicalId), { ...props.Tags, [LEDGER_TAGS.stack]: owner(), [adoptedByKey(props.Name)]: 'true' });
    return { PhysicalResourceId: physicalId };
  }
  if (props.Adopt === undefined && numberKey(stored(props)) === numberKey(old)) {
    // Same country, type and prefix: the same number by definition; only its ledger changes.
    await tag(phoneNumberArn(props.InstanceArn, physicalId), holderTags(owner(), props.Name, props.ReleaseOnDelete, props.Tags));
    return { PhysicalResourceId: physicalId };
  }
  if (props.Adopt === undefined && old.adopt === undefined && old.instanceArn === props.InstanceArn) {
    const kept = await keep(physicalId, props);
    if (kept !== undefined) return kept;
  }
  const next = await create(props, request.RequestId);
  // Adopting the number the entry claimed keeps it, but no longer as its holder.
  if (next.PhysicalResourceId !== physicalId || (props.Adopt !== undefined && old.adopt === undefined)) await leave(physicalId, old, props.Name);
  return next;
}

/** Whether a described number is claimed to the instance (not to another instance or group). */
function belongsTo(summary: ClaimedPhoneNumberSummary, instanceArn: string | undefined): boolean {
  if (instanceArn === undefined) return false;
  if (summary.TargetArn !== undefined) return summary.TargetArn === instanceArn;
  return summary.InstanceId !== undefined && summary.InstanceId === instanceIdOf(instanceArn);
}

/** Unbinds whatever flow the number is bound to. */
async function unbind(physicalId: string, instanceArn: string): Promise<void> {
  try {
    await withRetry(
      'DisassociatePhoneNumberContactFlow',
      () => connect.send(new DisassociatePhoneNumberContactFlowCommand({ PhoneNumberId: physicalId, InstanceId: instanceIdOf(instanceArn) })),
      (error) => errorName(error) === 'ResourceNotFoundException',
    );
    logger.info('flow unbound', { physicalId });
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
    logger.info('no flow was bound', { physicalId });
  }
}

/**
 * Delete: decided by the number's ledger (see {@link decideClaimedDelete}). An adopting entry
 * only takes itself off the ledger, and unbinds if nobody else holds the number. A number that
 * is gone, not claimed, claimed elsewhere or not tagged for this stack is left alone.
 */
async function remove(request: Request): Promise<OnEventResponse> {
  const physicalId = physicalIdOf(request);
  const props = storedProperties(request.ResourceProperties);
  const summary = await describe(physicalId);
  if (summary === undefined) {
    logger.info('the number no longer exists; nothing to do', { physicalId });
    return { PhysicalResourceId: physicalId };
  }
  if (summary === 'not-managed') {
    logger.warn(`the number does not carry this stack's ${LEDGER_TAGS.stack} tag; left untouched`, { physicalId });
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
  const tags = summary.Tags ?? {};
  const arn = summary.PhoneNumberArn ?? phoneNumberArn(props.instanceArn!, physicalId);
  const instanceArn = props.instanceArn!;

  if (props.adopt !== undefined) {
    const mine = props.name !== undefined && tags[adoptedByKey(props.name)] !== undefined;
    if (mine) await untag(arn, [adoptedByKey(props.name!)]);
    const others = adopters(tags).filter((name) => name !== props.name);
    if (tags[LEDGER_TAGS.entry] === undefined && others.length === 0) await unbind(physicalId, instanceArn);
    logger.info('number kept: it was adopted, and adopted numbers are never released', { physicalId });
    return { PhysicalResourceId: physicalId };
  }

  const adopted = adopters(tags).length > 0 || (summary.PhoneNumber !== undefined && props.adoptedNumbers.includes(summary.PhoneNumber));
  const decision = decideClaimedDelete({ entry: props.name, owner: owner(), releaseOnDelete: props.releaseOnDelete, tags, adopted });
  const holderKeys = tags[LEDGER_TAGS.entry] === props.name ? [LEDGER_TAGS.entry, LEDGER_TAGS.releaseOnDelete] : [];
  switch (decision.action) {
    case 'leave':
      logger.info(`number left as it is: ${decision.reason}`, { physicalId });
      break;
    case 'keep-bound':
      await untag(arn, holderKeys);
      logger.info(`number kept and left bound: ${decision.reason}`, { physicalId });
      break;
    case 'detach':
      await unbind(physicalId, instanceArn);
      await untag(arn, holderKeys);
      logger.info(`number kept: ${decision.reason}`, { physicalId });
      break;
    case 'release':
      await unbind(physicalId, instanceArn);
      await withRetry('ReleasePhoneNumber', () => connect.send(new ReleasePhoneNumberCommand({ PhoneNumberId: physicalId, ClientToken: clientToken('release', request.RequestId) })));
      logger.info(`number released: ${decision.reason}`, { physicalId });
      break;
  }
  return { PhysicalResourceId: physicalId };
}

/**
 * Provider framework `onEvent` handler. Throws a short, clear error for CloudFormation's
 * status reason when the work cannot be done.
 */
export const onEvent: (event: unknown) => Promise<OnEventResponse> = tracer.captureHandler(handleEvent, 'index.onEvent');

async function handleEvent(event: unknown): Promise<OnEventResponse> {
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
 * true with the attributes. A FAILED claim throws with Connect's status message. A claimed
 * number that another entry adopts is left to the adopter's flow.
 */
export const isComplete: (event: unknown) => Promise<IsCompleteResponse> = tracer.captureHandler(checkComplete, 'index.isComplete');

async function checkComplete(event: unknown): Promise<IsCompleteResponse> {
  try {
    const request = parseRequest(event);
    if (request.RequestType === 'Delete') return { IsComplete: true };
    logger.appendKeys({ requestId: request.RequestId });
    const props = parseProperties(request.ResourceProperties);
    const physicalId = physicalIdOf(request);
    const summary = await describe(physicalId);
    if (summary === undefined) throw new PhoneNumberError(`the phone number ${physicalId} does not exist (any more)`);
    if (summary === 'not-managed') {
      // Tags authorize with a short delay after they are written (claim, adopt); write the stack
      // tag again (it never makes a number releasable) and look again on the next call.
      await tag(phoneNumberArn(props.InstanceArn, physicalId), { [LEDGER_TAGS.stack]: owner() });
      logger.info(`the number's ${LEDGER_TAGS.stack} tag does not authorize yet; waiting`, { physicalId });
      return { IsComplete: false };
    }
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
    if (props.Adopt === undefined && summary.PhoneNumber !== undefined && props.AdoptedNumbers.includes(summary.PhoneNumber)) {
      logger.info('not binding: another entry adopts the number and binds its own flow', { physicalId });
      return { IsComplete: true, Data: attributes(summary) };
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
