/**
 * The ownership ledger the phone number handler keeps in each number's own tags, and the pure
 * decisions it drives. Why tags: CloudFormation deletes a replaced or removed custom resource in
 * its cleanup phase with the properties it had *before* the update, so a Delete cannot tell from
 * its own event whether the number is still wanted. Every Create and Update writes the current
 * truth onto the number (which entry holds it, whether that entry says releaseOnDelete, which
 * entries adopt it); a Delete reads it back and releases only if the deleted entry still holds the
 * number, both its last properties and the number's tag say releaseOnDelete, and no entry adopts
 * it. Tags also scope the handler's IAM permissions to the numbers it manages.
 */

/** Tag keys the handler writes on numbers. */
export const LEDGER_TAGS = Object.freeze({
  /** Written only by ClaimPhoneNumber (IAM forbids tagging it later): the stack that claimed the number. Release requires it. */
  claimedBy: 'gcck:claimed-by',
  /** The stack that manages the number (claimed or adopted). Describe, bind and untag require it. */
  stack: 'gcck:stack',
  /** Name of the config entry whose current number this is; absent once no entry holds it. */
  entry: 'gcck:entry',
  /** "true" or "false": the holding entry's current releaseOnDelete. */
  releaseOnDelete: 'gcck:release-on-delete',
  /** Prefix of one key per entry that adopts the number: `gcck:adopted-by:<entry>`. */
  adoptedByPrefix: 'gcck:adopted-by:',
});

/** The tag key marking that `entry` adopts the number. */
export function adoptedByKey(entry: string): string {
  return `${LEDGER_TAGS.adoptedByPrefix}${entry}`;
}

/** Names of the entries that adopt a number, from its tags. */
export function adopters(tags: Readonly<Record<string, string>>): string[] {
  return Object.keys(tags)
    .filter((key) => key.startsWith(LEDGER_TAGS.adoptedByPrefix))
    .map((key) => key.slice(LEDGER_TAGS.adoptedByPrefix.length))
    .sort();
}

/** What a Delete of a claiming entry does with its number. */
export type ClaimedDeleteDecision =
  | { readonly action: 'release'; readonly reason: string }
  | { readonly action: 'keep-bound'; readonly reason: string }
  | { readonly action: 'detach'; readonly reason: string }
  | { readonly action: 'leave'; readonly reason: string };

/**
 * Decides the Delete of entry `entry` (which claimed, not adopted) for a number with `tags`.
 * - `leave`: another entry holds the number now (a renamed entry took it over), or nobody holds
 *   it but an entry adopts it: nothing to do.
 * - `keep-bound`: the entry holds it but another entry adopts it: the holder tags go, the
 *   adopter's flow stays bound, the number is kept.
 * - `release`: the entry holds it, says releaseOnDelete in both its last properties and the tag,
 *   the stack claimed it, and nobody adopts it.
 * - `detach`: otherwise (including a number an update moved the entry away from): unbind the
 *   flow, drop the holder tags, keep the number.
 */
export function decideClaimedDelete(input: {
  readonly entry: string | undefined;
  readonly owner: string | undefined;
  readonly releaseOnDelete: boolean;
  readonly tags: Readonly<Record<string, string>>;
  /** Whether an entry adopts the number: an adopted-by tag, or the entry's last known list of adopted numbers. */
  readonly adopted: boolean;
}): ClaimedDeleteDecision {
  const { entry, owner, releaseOnDelete, tags, adopted } = input;
  const holder = tags[LEDGER_TAGS.entry];
  if (holder !== undefined && holder !== entry) return { action: 'leave', reason: `the entry ${holder} holds the number now` };
  if (adopted) return holder === undefined ? { action: 'leave', reason: 'another entry adopts the number' } : { action: 'keep-bound', reason: 'another entry adopts the number' };
  if (holder === undefined) return { action: 'detach', reason: 'no entry holds the number any more (an update moved the entry to another number, or an older handler wrote no ledger)' };
  if (!releaseOnDelete) return { action: 'detach', reason: 'releaseOnDelete is false (a released public number is hard to get back)' };
  if (tags[LEDGER_TAGS.releaseOnDelete] !== 'true') return { action: 'detach', reason: 'the number\'s ledger does not say releaseOnDelete' };
  if (owner === undefined || tags[LEDGER_TAGS.claimedBy] !== owner) return { action: 'detach', reason: 'the stack did not claim the number' };
  return { action: 'release', reason: 'the entry was removed while its config says releaseOnDelete: true' };
}

/** A number of the instance as the reuse search sees it. */
export interface LedgerNumber {
  readonly id: string;
  readonly phoneNumber: string;
  readonly type?: string;
  readonly status?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Whether `number` can stand for a claiming entry with these parameters: CLAIMED, of the type,
 * starting with the prefix.
 */
export function fits(number: LedgerNumber, wanted: { readonly type: string; readonly prefix?: string }): boolean {
  return number.status === 'CLAIMED' && number.type === wanted.type && number.phoneNumber.startsWith(wanted.prefix ?? '+');
}

/**
 * The number a new claiming entry inherits instead of claiming one, if any: a number this stack
 * claimed whose holder is an entry that is no longer in the config (`entries`) and which fits the
 * parameters (another entry may adopt it: it keeps doing so). This is a rename: CloudFormation creates the
 * renamed entry before it deletes the old one, so the new entry takes the number over and the old
 * entry's Delete finds it held by someone else. Among several, the lowest number, so the choice is
 * deterministic.
 */
export function inheritable(
  candidates: readonly LedgerNumber[],
  wanted: { readonly owner: string; readonly type: string; readonly prefix?: string; readonly entries: readonly string[] },
): LedgerNumber | undefined {
  const departing = candidates.filter((number) => {
    const holder = number.tags[LEDGER_TAGS.entry];
    return (
      number.tags[LEDGER_TAGS.claimedBy] === wanted.owner &&
      holder !== undefined &&
      !wanted.entries.includes(holder) &&
      fits(number, wanted)
    );
  });
  return [...departing].sort((a, b) => (a.phoneNumber < b.phoneNumber ? -1 : a.phoneNumber > b.phoneNumber ? 1 : 0))[0];
}

/** The tags that record `entry` as the holder of a claimed number. */
export function holderTags(owner: string, entry: string, releaseOnDelete: boolean, extra: Readonly<Record<string, string>>): Record<string, string> {
  return { ...extra, [LEDGER_TAGS.stack]: owner, [LEDGER_TAGS.entry]: entry, [LEDGER_TAGS.releaseOnDelete]: String(releaseOnDelete) };
}
