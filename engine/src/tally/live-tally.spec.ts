import fc from 'fast-check';
import { TallyError } from './errors';
import { LiveTally } from './live-tally';
import { type DelegationV1, type ScenarioV1 } from './scenario';
import { tally } from './tally';
import { MEMBER_IDS, type Operation, operationArb, OUTSIDER_IDS, scenarioArb } from './testing/arbitraries';

const global = (from: string, ...to: string[]): DelegationV1 => ({ from, scope: 'global', to });

function scenario(parts: Partial<ScenarioV1>): ScenarioV1 {
  return {
    members: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })),
    bill: { id: 'b1', topic: 't1' },
    delegations: [],
    votes: [],
    ...parts,
  };
}

/** Applies an operation to the scenario the way the record would: a pure model of the live tally. */
function applyToModel(model: ScenarioV1, operation: Operation): ScenarioV1 {
  switch (operation.kind) {
    case 'cast':
      return {
        ...model,
        votes: [...model.votes.filter((vote) => vote.member !== operation.member), operation],
      };
    case 'withdraw':
      return { ...model, votes: model.votes.filter((vote) => vote.member !== operation.member) };
    case 'set':
    case 'revoke': {
      const entry = operation.kind === 'set' ? operation.delegation : operation;
      const sameSlot = (delegation: DelegationV1): boolean =>
        delegation.from === entry.from &&
        delegation.scope === entry.scope &&
        (entry.scope !== 'topic' || delegation.topic === entry.topic);
      const kept = model.delegations.filter((delegation) => !sameSlot(delegation));
      return { ...model, delegations: operation.kind === 'set' ? [...kept, operation.delegation] : kept };
    }
    case 'advance':
      return model.at !== undefined && operation.at < model.at ? model : { ...model, at: operation.at };
  }
}

function applyToLive(sut: LiveTally, model: ScenarioV1, operation: Operation): void {
  switch (operation.kind) {
    case 'cast':
      return sut.castVote(operation.member, operation.choice);
    case 'withdraw':
      return sut.withdrawVote(operation.member);
    case 'set':
      return sut.setDelegation(operation.delegation);
    case 'revoke':
      return sut.revokeDelegation(
        operation.from,
        operation.scope,
        operation.scope === 'topic' ? operation.topic : undefined,
      );
    case 'advance':
      return model.at !== undefined && operation.at < model.at ? undefined : sut.advanceTo(operation.at);
  }
}

describe(LiveTally.name, () => {
  it('re-routes the delegators of a member who starts voting, and back when the vote is withdrawn', () => {
    const sut = new LiveTally(
      scenario({
        delegations: [global('a', 'b'), global('b', 'c')],
        votes: [{ member: 'c', choice: 'yes' }],
      }),
    );

    sut.castVote('b', 'no');
    expect(sut.totals()).toEqual({ yes: 1, no: 2, abstain: 0, absent: 2 });
    expect(sut.representation('a')).toEqual({
      status: 'represented',
      chain: ['a', 'b'],
      voter: 'b',
      choice: 'no',
    });

    sut.withdrawVote('b');
    expect(sut.totals()).toEqual({ yes: 3, no: 0, abstain: 0, absent: 2 });
    expect(sut.representation('a')).toEqual({
      status: 'represented',
      chain: ['a', 'b', 'c'],
      voter: 'c',
      choice: 'yes',
    });
  });

  it('changes a vote without touching the delegations', () => {
    const sut = new LiveTally(
      scenario({ delegations: [global('a', 'b')], votes: [{ member: 'b', choice: 'yes' }] }),
    );

    sut.castVote('b', 'abstain');

    expect(sut.totals()).toEqual({ yes: 0, no: 0, abstain: 2, absent: 3 });
  });

  it('falls back to the broader scope when a narrower delegation is revoked', () => {
    const sut = new LiveTally(
      scenario({
        delegations: [global('a', 'b'), { from: 'a', scope: 'topic', topic: 't1', to: ['c'] }],
        votes: ['b', 'c'].map((member) => ({ member, choice: 'yes' as const })),
      }),
    );
    expect(sut.representation('a')).toMatchObject({ voter: 'c' });

    sut.revokeDelegation('a', 'topic', 't1');
    expect(sut.representation('a')).toMatchObject({ voter: 'b' });

    sut.setDelegation({ from: 'a', scope: 'bill', to: [] });
    expect(sut.representation('a')).toEqual({ status: 'absent' });
  });

  it('stops applying a delegation once the clock reaches its expiry', () => {
    const sut = new LiveTally(
      scenario({
        at: '2026-11-30T00:00:00Z',
        delegations: [{ ...global('a', 'b'), expiresAt: '2026-12-01T00:00:00Z' }],
        votes: [{ member: 'b', choice: 'yes' }],
      }),
    );

    sut.advanceTo('2026-11-30T23:59:59Z');
    expect(sut.totals().yes).toBe(2);
    sut.advanceTo('2026-12-01T00:00:00Z');
    expect(sut.totals().yes).toBe(1);
  });

  it('explains lost votes: cycle or dead end, with the first-ranked chain', () => {
    const sut = new LiveTally(
      scenario({
        delegations: [global('a', 'b'), global('b', 'c', 'e'), global('c', 'a'), global('d', 'zz')],
      }),
    );

    expect(sut.representation('a')).toEqual({ status: 'lost', reason: 'cycle', chain: ['a', 'b', 'c', 'a'] });
    expect(sut.representation('d')).toEqual({ status: 'lost', reason: 'dead-end', chain: ['d', 'zz'] });
    expect(sut.representation('e')).toEqual({ status: 'absent' });
    expect(sut.representation('zz')).toEqual({ status: 'not-member' });
  });

  it('tells inactive members and voters apart', () => {
    const sut = new LiveTally(
      scenario({
        members: [{ id: 'a', active: false }, { id: 'b' }],
        votes: [{ member: 'b', choice: 'no' }],
      }),
    );

    expect(sut.representation('a')).toEqual({ status: 'inactive' });
    expect(sut.representation('b')).toEqual({ status: 'votes', choice: 'no' });
  });

  it('reports which part of a member weight falls above the cap', () => {
    const sut = new LiveTally(
      scenario({
        delegations: [global('a', 'c'), global('b', 'a'), global('d', 'c')],
        votes: [{ member: 'c', choice: 'yes' }],
        cap: { maxShare: 0.5 },
      }),
    );

    // Cap 2.5: c (own 1), then a and d (chain length 1, by id), then b (length 2).
    expect(sut.representation('d')).toEqual({
      status: 'represented',
      chain: ['d', 'c'],
      voter: 'c',
      choice: 'yes',
      excess: 0.5,
    });
    expect(sut.representation('b')).toMatchObject({ excess: 1 });
    expect(sut.representation('a')).not.toHaveProperty('excess');
  });

  it('gives turnout and delegated share', () => {
    const sut = new LiveTally(
      scenario({
        delegations: [global('a', 'b'), global('c', 'a')],
        votes: [{ member: 'b', choice: 'yes' }],
      }),
    );

    expect(sut.stats()).toEqual({
      totalWeight: 5,
      directWeight: 1,
      delegatedWeight: 2,
      countedWeight: 3,
      turnout: 0.6,
      delegatedShare: 0.4,
    });
  });

  it('refuses operations on unknown members and leaves the state unchanged', () => {
    const sut = new LiveTally(scenario({ votes: [{ member: 'a', choice: 'yes' }] }));

    expect(() => sut.castVote('zz', 'yes')).toThrow(TallyError);
    expect(() => sut.setDelegation({ from: 'b', scope: 'global', to: ['a', 'a'] })).toThrow(TallyError);
    expect(() => sut.setDelegation({ from: 'b', scope: 'topic', to: ['a'] })).toThrow(/topic/);
    expect(sut.totals().yes).toBe(1);
  });

  it('follows a 1,000,000-long chain when its voter withdraws and votes again', () => {
    const n = 1_000_000;
    const sut = new LiveTally({
      members: Array.from({ length: n }, (_, i) => ({ id: `m${i}` })),
      bill: { id: 'b1' },
      delegations: Array.from({ length: n - 1 }, (_, i) => global(`m${i}`, `m${i + 1}`)),
      votes: [],
    });

    sut.castVote(`m${n - 1}`, 'no');
    expect(sut.totals().no).toBe(n);
    expect(sut.representation('m0')).toMatchObject({ voter: `m${n - 1}` });

    sut.withdrawVote(`m${n - 1}`);
    expect(sut.totals().absent).toBe(n);
    expect(sut.representation('m0')).toMatchObject({ status: 'lost', reason: 'dead-end' });
  }, 120_000);

  it('always agrees with a full tally after any sequence of operations', () => {
    fc.assert(
      fc.property(
        scenarioArb({ allMembers: true }),
        fc.array(operationArb, { maxLength: 25 }),
        (initial, operations) => {
          const sut = new LiveTally(initial);
          let model = initial;
          for (const operation of operations) {
            applyToLive(sut, model, operation);
            model = applyToModel(model, operation);
            const expected = tally(model);

            expect(sut.result()).toEqual(expected);
            expect(sut.totals()).toEqual(expected.totals);
          }
          const full = new LiveTally(model);
          for (const id of [...MEMBER_IDS, ...OUTSIDER_IDS]) {
            expect(sut.representation(id)).toEqual(full.representation(id));
          }
          expect(sut.stats()).toEqual(full.stats());
        },
      ),
      { numRuns: 1500 },
    );
  });
});
