import { Checksum, delegationHash, memberHash, voteHash } from './live-checksum';

const ANA = '0000000a-0000-4000-8000-000000000001';
const BEN = '0000000b-0000-4000-8000-000000000002';

describe('Checksum', () => {
  it('does not depend on the order of the rows, and a row set back leaves no trace', () => {
    const a = new Checksum();
    const b = new Checksum();
    a.set(ANA, voteHash(ANA, 'yes'));
    a.set(BEN, voteHash(BEN, 'no'));
    b.set(BEN, voteHash(BEN, 'abstain'));
    b.set(ANA, voteHash(ANA, 'yes'));
    b.set(BEN, voteHash(BEN, 'no'));
    a.mark();
    b.mark();
    expect(a.settled([])).toEqual(b.settled([]));
  });

  it('tells apart the same choices held by other members, and a changed delegation', () => {
    expect(voteHash(ANA, 'yes') + voteHash(BEN, 'no')).not.toBe(voteHash(ANA, 'no') + voteHash(BEN, 'yes'));
    expect(delegationHash(ANA, 'global', [BEN], null)).not.toBe(
      delegationHash(ANA, 'global', [BEN], '2026-12-31T00:00:00.000Z'),
    );
  });

  it('compares the figures as they stood at the mark, without the rows named recent', () => {
    const checksum = new Checksum();
    checksum.set(ANA, voteHash(ANA, 'yes'));
    checksum.mark();
    // after the mark: Ana changes her vote, Ben votes; PostgreSQL names Ana's row recent
    checksum.set(ANA, voteHash(ANA, 'no'));
    checksum.set(BEN, voteHash(BEN, 'yes'));
    expect(checksum.settled([ANA])).toEqual({ count: 0, sum: 0 });
    // no mark: nothing to compare
    expect(checksum.settled([])).toBeNull();
  });

  it('tells a member apart from their deactivated self and from another weight, with plain integers', () => {
    const hashes = [
      memberHash(ANA, 1, true),
      memberHash(ANA, 1, false),
      memberHash(ANA, 2.5, true),
      memberHash(ANA, 1.000001, true),
      memberHash(BEN, 1, true),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
    hashes.forEach((hash) => expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 30).toBe(true));
    // the largest weight a member may have, in millionths, stays exact
    expect(memberHash(ANA, 1_000_000, true)).toBe(memberHash(ANA, 1_000_000, true));
  });
});
