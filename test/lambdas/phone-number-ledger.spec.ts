import * as fc from 'fast-check';
import { decideClaimedDelete, inheritable, LEDGER_TAGS, LedgerNumber } from '../../lambdas/phone-number/ledger';
import { expectSame } from './helpers';

const OWNER = 'arn:aws-us-gov:cloudformation:us-gov-west-1:111111111111:stack/Numbers/00000000-0000-4000-8000-000000000000';
const OTHER_STACK = 'arn:aws-us-gov:cloudformation:us-gov-west-1:111111111111:stack/Other/00000000-0000-4000-8000-000000000001';

describe('phone number ledger: delete decision', () => {
  test('releases exactly when the entry holds the number, both signals say releaseOnDelete, the stack claimed it and nobody adopts it', () => {
    // Prepare: every combination of holder, ledger flag, claimer, adoption and the Delete's own flag
    const input = fc.record({
      holder: fc.constantFrom(undefined, 'main', 'main-line'),
      flag: fc.constantFrom(undefined, 'true', 'false', 'TRUE'),
      claimedBy: fc.constantFrom(undefined, OWNER, OTHER_STACK),
      adopted: fc.boolean(),
      releaseOnDelete: fc.boolean(),
      entry: fc.constantFrom(undefined, 'main'),
    });

    fc.assert(
      fc.property(input, ({ holder, flag, claimedBy, adopted, releaseOnDelete, entry }) => {
        const tags: Record<string, string> = {};
        if (holder !== undefined) tags[LEDGER_TAGS.entry] = holder;
        if (flag !== undefined) tags[LEDGER_TAGS.releaseOnDelete] = flag;
        if (claimedBy !== undefined) tags[LEDGER_TAGS.claimedBy] = claimedBy;

        // Act
        const decision = decideClaimedDelete({ entry, owner: OWNER, releaseOnDelete, tags, adopted });

        // Assess
        const expected = entry !== undefined && holder === entry && flag === 'true' && claimedBy === OWNER && !adopted && releaseOnDelete;
        expectSame(decision.action === 'release', expected);
        // another entry's number is never touched; an adopted number stays bound
        if (holder !== undefined && holder !== entry) expectSame(decision.action, 'leave');
        if (adopted && !['leave', 'keep-bound'].includes(decision.action)) expect(['leave', 'keep-bound']).toContain(decision.action);
      }),
      { seed: 20261127, numRuns: 500 },
    );
  });
});

describe('phone number ledger: rename', () => {
  const number = (id: string, phoneNumber: string, tags: Record<string, string>, type = 'TOLL_FREE'): LedgerNumber => ({ id, phoneNumber, type, status: 'CLAIMED', tags });
  const claimed = (entry: string) => ({ [LEDGER_TAGS.claimedBy]: OWNER, [LEDGER_TAGS.entry]: entry });

  test('inherits only a number this stack claimed, held by an entry that left the config, of the type and matching the prefix', () => {
    // Prepare
    const candidates = [
      number('a', '+18005550100', claimed('staying')),
      number('b', '+18005550101', { ...claimed('gone'), [LEDGER_TAGS.claimedBy]: OTHER_STACK }),
      number('c', '+18885550102', claimed('gone')),
      number('d', '+18005550103', claimed('gone'), 'DID'),
      number('e', '+18005550104', { [LEDGER_TAGS.claimedBy]: OWNER }),
      number('f', '+18005550105', claimed('gone')),
      number('g', '+18005550106', claimed('gone')),
    ];

    // Act
    const chosen = inheritable(candidates, { owner: OWNER, type: 'TOLL_FREE', prefix: '+1800', entries: ['staying', 'renamed'] });

    // Assess: f and g qualify; the lower number is chosen
    expect(chosen?.id).toBe('f');
  });
});
