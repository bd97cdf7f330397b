import { schulze, tieBreakOrder } from './schulze';

describe('amendment contests (schulze with the contest tie-break)', () => {
  it('breaks an exact tie with the seeded order, the same every time', () => {
    const ballots = [
      { weight: 1, ranking: ['a', 'b'] },
      { weight: 1, ranking: ['b', 'a'] },
    ];
    const first = schulze(['a', 'b'], ballots, 'public-seed');
    expect(first.tieBroken).toBe(true);
    expect(first.winner).toBe(tieBreakOrder(['a', 'b'], 'public-seed')[0]);
    expect(schulze(['b', 'a'], ballots, 'public-seed').winner).toBe(first.winner);
    const winners = new Set(
      ['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => schulze(['a', 'b'], ballots, s).winner),
    );
    expect(winners.size).toBe(2);
  });
});
