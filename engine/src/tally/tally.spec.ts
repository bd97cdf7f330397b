import fc from 'fast-check';
import { LiveTally } from './live-tally';
import { type DelegationV1, type ScenarioV1 } from './scenario';
import { tally } from './tally';
import { scenarioArb } from './testing/arbitraries';
import { oracleTally } from './testing/brute-force-oracle';
import { fromUnits } from './units';

/** A scenario with members a…h (weight 1, active) unless given. */
function scenario(parts: Partial<ScenarioV1>): ScenarioV1 {
  return {
    members: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => ({ id })),
    bill: { id: 'b1', topic: 'health' },
    delegations: [],
    votes: [],
    ...parts,
  };
}

const global = (from: string, ...to: string[]): DelegationV1 => ({ from, scope: 'global', to });

describe(tally.name, () => {
  it('gives the result format of the issue', () => {
    const sut = tally(
      scenario({
        members: [{ id: 'a' }, { id: 'b' }, { id: 'x' }],
        delegations: [global('a', 'b'), global('x', 'nobody')],
        votes: [{ member: 'b', choice: 'yes' }],
      }),
    );

    expect(sut).toEqual({
      voters: { b: { choice: 'yes', weight: 2, delegators: ['a'] } },
      lost: ['x'],
      totals: { yes: 2, no: 0, abstain: 0, absent: 1 },
    });
  });

  describe('rule 1: only active members take part, with their weight', () => {
    it('ignores inactive members and non-members, and counts weights', () => {
      const sut = tally(
        scenario({
          members: [
            { id: 'a', weight: 2.5 },
            { id: 'b', active: false },
            { id: 'c', weight: 0.25 },
          ],
          votes: [
            { member: 'a', choice: 'no' },
            { member: 'b', choice: 'yes' },
            { member: 'z', choice: 'yes' },
          ],
        }),
      );

      expect(sut.voters).toEqual({ a: { choice: 'no', weight: 2.5, delegators: [] } });
      expect(sut.totals).toEqual({ yes: 0, no: 2.5, abstain: 0, absent: 0.25 });
    });
  });

  describe('rule 2: bill scope over topic scope over global, per hop', () => {
    it('uses the narrowest applicable scope', () => {
      const sut = tally(
        scenario({
          delegations: [
            global('a', 'b'),
            { from: 'a', scope: 'topic', topic: 'health', to: ['c'] },
            { from: 'a', scope: 'topic', topic: 'roads', to: ['d'] },
            global('e', 'b'),
            { from: 'e', scope: 'bill', to: ['d'] },
          ],
          votes: ['b', 'c', 'd'].map((member) => ({ member, choice: 'yes' as const })),
        }),
      );

      expect(sut.voters.c.delegators).toEqual(['a']);
      expect(sut.voters.d.delegators).toEqual(['e']);
      expect(sut.voters.b.delegators).toEqual([]);
    });

    it('lets an empty list block the broader scopes', () => {
      const sut = tally(
        scenario({
          delegations: [global('a', 'b'), { from: 'a', scope: 'bill', to: [] }],
          votes: [{ member: 'b', choice: 'yes' }],
        }),
      );

      expect(sut.voters.b.delegators).toEqual([]);
      expect(sut.lost).toEqual([]);
      expect(sut.totals.absent).toBe(7);
    });

    it('resolves the scope again at each hop', () => {
      const sut = tally(
        scenario({
          delegations: [
            global('a', 'b'),
            global('b', 'd'),
            { from: 'b', scope: 'topic', topic: 'health', to: ['c'] },
          ],
          votes: [
            { member: 'c', choice: 'no' },
            { member: 'd', choice: 'yes' },
          ],
        }),
      );

      expect(sut.voters.c.delegators).toEqual(['a', 'b']);
    });
  });

  describe('rule 3: a direct voter is never represented', () => {
    it('ignores the delegation of a member who votes', () => {
      const sut = tally(
        scenario({
          delegations: [global('a', 'b'), global('b', 'c')],
          votes: [
            { member: 'b', choice: 'no' },
            { member: 'c', choice: 'yes' },
          ],
        }),
      );

      expect(sut.voters.b).toEqual({ choice: 'no', weight: 2, delegators: ['a'] });
      expect(sut.voters.c).toEqual({ choice: 'yes', weight: 1, delegators: [] });
    });
  });

  describe('rule 4: shortest chain, then smallest trustee ranks from the delegator onward', () => {
    it('prefers a shorter chain through a lower-ranked trustee', () => {
      const sut = tally(
        scenario({
          delegations: [global('a', 'b', 'c'), global('b', 'd')],
          votes: [
            { member: 'c', choice: 'no' },
            { member: 'd', choice: 'yes' },
          ],
        }),
      );

      expect(sut.voters.c.delegators).toEqual(['a']);
    });

    it('breaks a tie between equally short chains by the first hop, then the next', () => {
      // a: [b, c]; b: [e, d]; c: [d]; every chain a→…→voter has length 2.
      const sut = tally(
        scenario({
          delegations: [global('a', 'b', 'c'), global('b', 'e', 'd'), global('c', 'd')],
          votes: [
            { member: 'd', choice: 'no' },
            { member: 'e', choice: 'yes' },
          ],
        }),
      );

      expect(sut.voters.e.delegators).toEqual(['a', 'b']);
    });

    it('passes over a first-ranked trustee whose vote is lost', () => {
      const sut = tally(
        scenario({
          delegations: [global('a', 'b', 'c'), global('b', 'zz')],
          votes: [{ member: 'c', choice: 'abstain' }],
        }),
      );

      expect(sut.voters.c.delegators).toEqual(['a']);
      expect(sut.lost).toEqual(['b']);
    });
  });

  describe('rule 5: dead ends and cycles are lost, and nothing else is affected', () => {
    it('lists dead ends at non-members, inactive members and members without delegation', () => {
      const sut = tally(
        scenario({
          members: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'i', active: false }, { id: 'v' }],
          delegations: [global('a', 'outsider'), global('b', 'i'), global('c', 'b'), global('i', 'v')],
          votes: [{ member: 'v', choice: 'yes' }],
        }),
      );

      expect(sut.lost).toEqual(['a', 'b', 'c']);
      expect(sut.totals).toEqual({ yes: 1, no: 0, abstain: 0, absent: 3 });
    });

    it('lists the members of a cycle and those who reach it', () => {
      const sut = tally(
        scenario({
          delegations: [
            global('a', 'b'),
            global('b', 'c'),
            global('c', 'a'),
            global('d', 'a'),
            global('e', 'f'),
          ],
          votes: [{ member: 'f', choice: 'no' }],
        }),
      );

      expect(sut.lost).toEqual(['a', 'b', 'c', 'd']);
      expect(sut.voters.f).toEqual({ choice: 'no', weight: 2, delegators: ['e'] });
    });
  });

  describe('rule 6: cap and expiry', () => {
    it('counts the weight above the cap as absent', () => {
      const sut = tally(
        scenario({
          delegations: ['a', 'b', 'c', 'd'].map((from) => global(from, 'e')),
          votes: [
            { member: 'e', choice: 'yes' },
            { member: 'f', choice: 'no' },
          ],
          cap: { maxShare: 0.3 },
        }),
      );

      // Total 8, cap ⌊0.3 × 8⌋ = 2.4: e carries 5, counts 2.4.
      expect(sut.voters.e).toEqual({
        choice: 'yes',
        weight: 2.4,
        delegators: ['a', 'b', 'c', 'd'],
        excess: 2.6,
      });
      expect(sut.totals).toEqual({ yes: 2.4, no: 1, abstain: 0, absent: 4.6 });
    });

    it('ignores a delegation expired at the tally time, and replaces earlier entries by later ones', () => {
      const sut = tally(
        scenario({
          at: '2026-11-30T18:00:00Z',
          delegations: [
            { ...global('a', 'b'), expiresAt: '2026-11-30T18:00:00Z' },
            { ...global('c', 'b'), expiresAt: '2026-12-01T00:00:00Z' },
            global('d', 'b'),
            global('d', 'e'),
          ],
          votes: ['b', 'e'].map((member) => ({ member, choice: 'yes' as const })),
        }),
      );

      expect(sut.voters.b.delegators).toEqual(['c']);
      expect(sut.voters.e.delegators).toEqual(['d']);
    });
  });

  it('sorts voters, delegators and lost members by id, whatever the input order', () => {
    const sut = tally(
      scenario({
        members: ['z', 'm', 'b', 'q', 'a'].map((id) => ({ id })),
        delegations: [global('z', 'm'), global('a', 'm'), global('q', 'nobody'), global('b', 'nobody')],
        votes: [{ member: 'm', choice: 'yes' }],
      }),
    );

    expect(sut.voters.m.delegators).toEqual(['a', 'z']);
    expect(sut.lost).toEqual(['b', 'q']);
  });

  it('resolves a chain of 1,000,000 members without recursion', () => {
    const n = 1_000_000;
    const members = Array.from({ length: n }, (_, i) => ({ id: `m${i}` }));
    const delegations = Array.from({ length: n - 1 }, (_, i) => global(`m${i}`, `m${i + 1}`));

    const sut = tally({
      members,
      bill: { id: 'b1' },
      delegations,
      votes: [{ member: `m${n - 1}`, choice: 'yes' }],
    });

    expect(sut.totals.yes).toBe(n);
    expect(sut.voters[`m${n - 1}`].delegators).toHaveLength(n - 1);
  }, 120_000);

  it('agrees with a brute-force oracle that enumerates every chain', () => {
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        const sut = tally(input);
        const expected = oracleTally(input);

        expect(sut.lost).toEqual(expected.lost);
        expect(sut.totals).toEqual({
          yes: fromUnits(expected.totals.yes),
          no: fromUnits(expected.totals.no),
          abstain: fromUnits(expected.totals.abstain),
          absent: fromUnits(expected.totals.absent),
        });
        expect(Object.keys(sut.voters).sort()).toEqual(Object.keys(expected.voters).sort());
        for (const [id, voter] of Object.entries(expected.voters)) {
          expect(sut.voters[id].delegators).toEqual(voter.delegators);
          expect(sut.voters[id].weight).toBe(fromUnits(voter.weight));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("explains each member's chain like the oracle, and splits the cap excess among the delegators", () => {
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        const live = new LiveTally(input);
        const expected = oracleTally(input);
        const result = live.result();

        for (const [id, outcome] of Object.entries(expected.outcomes)) {
          const sut = live.representation(id);
          if (outcome.chain) {
            expect(sut).toMatchObject({ status: 'represented', chain: outcome.chain, voter: outcome.voter });
          } else {
            expect(['absent', 'lost']).toContain(sut.status);
            expect(sut.status === 'lost').toBe(expected.lost.includes(id));
          }
        }
        for (const [id, voter] of Object.entries(result.voters)) {
          const own = input.members.find((member) => member.id === id)?.weight ?? 1;
          const excessOf = (member: string): number => {
            const representation = live.representation(member);
            return representation.status === 'represented' ? (representation.excess ?? 0) : 0;
          };
          const ownExcess = Math.max(0, own - voter.weight);
          const units = (value: number): number => Math.round(value * 1e6);
          expect(
            units(ownExcess) + voter.delegators.reduce((sum, member) => sum + units(excessOf(member)), 0),
          ).toBe(units(voter.excess ?? 0));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('does not depend on the order of the members', () => {
    fc.assert(
      fc.property(
        scenarioArb().chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.members, { minLength: input.members.length }),
          ),
        ),
        ([input, shuffled]) => {
          expect(JSON.stringify(tally({ ...input, members: shuffled }))).toBe(JSON.stringify(tally(input)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
