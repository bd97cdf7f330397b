import { ScenarioError, tally } from '../tally';
import { tallyMethod } from './method-tally';

const base = {
  members: [{ id: 'a' }, { id: 'b', weight: 2 }, { id: 'c' }, { id: 'd' }, { id: 'e' }],
  bill: { id: 'b1', topic: 't' },
  delegations: [
    { from: 'c', scope: 'global', to: ['a'] },
    { from: 'd', scope: 'topic', topic: 't', to: ['c'] },
    { from: 'e', scope: 'global', to: ['x'] },
  ],
};

describe(tallyMethod.name, () => {
  it('carries weights through delegations exactly as the yes/no tally does', () => {
    const sut = tallyMethod({
      ...base,
      method: { id: 'approval', options: { options: ['p', 'q'] }, seed: 's' },
      votes: [
        { member: 'a', ballot: { approve: ['p'] } },
        { member: 'b', ballot: { approve: ['q', 'p'] } },
      ],
    });
    const core = tally({
      ...base,
      votes: [
        { member: 'a', choice: 'yes' },
        { member: 'b', choice: 'no' },
      ],
    } as never);
    expect(sut.voters.a).toEqual({ ballot: { approve: ['p'] }, weight: 3, delegators: ['c', 'd'] });
    expect(sut.voters.b.weight).toBe(core.voters.b.weight);
    expect(sut.lost).toEqual(core.lost);
    expect(sut.totals).toEqual({ cast: 5, absent: 1 });
    expect(sut.outcome).toMatchObject({ approvals: { p: 5, q: 2 }, winner: 'p' });
  });

  it('counts a preference ballot with the cap applied to the weights', () => {
    const sut = tallyMethod({
      ...base,
      cap: { maxShare: 0.4 },
      method: { id: 'preference', options: { options: ['keep', 'x1'], statusQuo: 'keep' }, seed: 's' },
      votes: [
        { member: 'a', ballot: { ranking: [['x1'], ['keep']] } },
        { member: 'b', ballot: { ranking: [['keep']] } },
      ],
    });
    // W = 6, cap 2.4: a carries 3 and counts 2.4; b 2
    expect(sut.voters.a.weight).toBe(2.4);
    expect(sut.outcome).toMatchObject({
      winner: 'x1',
      beatStatusQuo: ['x1'],
      pairwise: [
        [0, 2],
        [2.4, 0],
      ],
    });
  });

  it('refuses a ballot that breaks the method’s rules, naming it', () => {
    expect(() =>
      tallyMethod({
        ...base,
        method: { id: 'd21', options: { options: ['p', 'q', 'r'], plus: 2, minus: 1 }, seed: 's' },
        votes: [{ member: 'a', ballot: { plus: ['p'], minus: ['q'] } }],
      }),
    ).toThrow(
      new ScenarioError([
        { path: 'votes[0].ballot.minus', message: 'a minus vote needs at least two plus votes' },
      ]),
    );
    expect(() =>
      tallyMethod({ ...base, method: { id: 'borda', options: {}, seed: 's' }, votes: [] }),
    ).toThrow(/method.id: must be one of/);
  });
});
