import { schulze, tieBreakOrder, type RankedBallot } from './schulze';

function profile(groups: readonly [number, string][]): RankedBallot[] {
  return groups.map(([weight, ranking]) => ({ weight, ranking: ranking.split('') }));
}

describe(schulze.name, () => {
  it('elects E in the classic 45-voter example (Schulze 2011, Wikipedia)', () => {
    const sut = schulze(
      ['A', 'B', 'C', 'D', 'E'],
      profile([
        [5, 'ACBED'],
        [5, 'ADECB'],
        [8, 'BEDAC'],
        [3, 'CABED'],
        [7, 'CAEBD'],
        [2, 'CBADE'],
        [7, 'DCEBA'],
        [8, 'EBADC'],
      ]),
      'seed',
    );
    expect(sut.winner).toBe('E');
    expect(sut.order).toEqual(['E', 'A', 'C', 'B', 'D']);
    expect(sut.tieBroken).toBe(false);
    // d[A][B] = 20, d[B][A] = 25 (as in the example's pairwise table)
    expect(sut.pairwise[0][1]).toBe(20);
    expect(sut.pairwise[1][0]).toBe(25);
  });

  it('elects the Condorcet winner when there is one', () => {
    const sut = schulze(
      ['keep', 'a1', 'a2'],
      profile([
        [4, 'a1'],
        [3, 'a2'],
        [2, 'k'],
      ]).map((b) => ({ ...b, ranking: b.ranking[0] === 'k' ? ['keep'] : [b.ranking.join('')] })),
      's',
    );
    // a1 beats a2 (4 vs 3) and keep (4 vs 2); a2 beats keep (3 vs 2)
    expect(sut.order).toEqual(['a1', 'a2', 'keep']);
  });

  it('resolves a Condorcet cycle by its weakest margin (A>B>C>A)', () => {
    const sut = schulze(
      ['A', 'B', 'C'],
      profile([
        [4, 'ABC'],
        [3, 'BCA'],
        [2, 'CAB'],
      ]),
      's',
    );
    // d: A>B 6-3, B>C 7-2, C>A 5-4; margins 3, 5, 1: the weakest defeat (C>A) gives way
    expect(sut.order).toEqual(['A', 'B', 'C']);
    expect(sut.strength[0][1]).toBe(3);
    expect(sut.strength[1][0]).toBe(1);
  });

  it('counts weights: a delegate carrying 3 outweighs two direct voters', () => {
    const sut = schulze(
      ['x', 'y'],
      [
        { ranking: ['x', 'y'], weight: 3 },
        { ranking: ['y', 'x'], weight: 1 },
        { ranking: ['y'], weight: 1 },
      ],
      's',
    );
    expect(sut.winner).toBe('x');
  });

  it('breaks an exact tie with the seeded order, the same every time', () => {
    const ballots = profile([
      [1, 'ab'],
      [1, 'ba'],
    ]);
    const first = schulze(['a', 'b'], ballots, 'public-seed');
    expect(first.tieBroken).toBe(true);
    expect(first.winner).toBe(tieBreakOrder(['a', 'b'], 'public-seed')[0]);
    expect(schulze(['b', 'a'], ballots, 'public-seed').winner).toBe(first.winner);
    const winners = new Set(
      ['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => schulze(['a', 'b'], ballots, s).winner),
    );
    expect(winners.size).toBe(2);
  });

  it('ignores unknown and repeated entries and ballots without weight', () => {
    const sut = schulze(
      ['a', 'b'],
      [
        { ranking: ['zz', 'b', 'b', 'a'], weight: 1 },
        { ranking: ['a'], weight: 0 },
      ],
      's',
    );
    expect(sut.winner).toBe('b');
  });
});
