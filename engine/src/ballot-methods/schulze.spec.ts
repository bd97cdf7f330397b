import { schulze, type RankedBallot } from './schulze';

function profile(groups: readonly [number, string][]): RankedBallot[] {
  return groups.map(([weight, ranking]) => ({ weight, ranking: ranking.split('') }));
}

const TIE = ['A', 'B', 'C', 'a', 'a1', 'a2', 'b', 'keep', 'x', 'y'];

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
      ['A', 'B', 'C', 'D', 'E'],
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
      TIE,
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
      TIE,
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
      TIE,
    );
    expect(sut.winner).toBe('x');
  });

  it('ignores unknown and repeated entries and ballots without weight', () => {
    const sut = schulze(
      ['a', 'b'],
      [
        { ranking: ['zz', 'b', 'b', 'a'], weight: 1 },
        { ranking: ['a'], weight: 0 },
      ],
      TIE,
    );
    expect(sut.winner).toBe('b');
  });

  it('counts ties inside a ranking: equal options are preferred to neither', () => {
    const sut = schulze(
      ['a', 'b', 'c'],
      [
        { ranking: [['a', 'b'], 'c'], weight: 3 },
        { ranking: ['c', ['a', 'b']], weight: 2 },
        { ranking: ['b'], weight: 1 },
      ],
      ['a', 'b', 'c'],
    );
    // a vs b: only the third ballot prefers one (b); a and c: 3 vs 2 (+0), b vs c: 4 vs 2
    expect(sut.pairwise).toEqual([
      [0, 0, 3],
      [1, 0, 4],
      [2, 2, 0],
    ]);
    expect(sut.order).toEqual(['b', 'a', 'c']);
  });
});

/** Small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The oracle: strongest paths by enumerating every simple path (no Floyd–Warshall). */
function bruteStrength(d: number[][]): number[][] {
  const n = d.length;
  const link = (i: number, j: number) => (d[i][j] > d[j][i] ? d[i][j] - d[j][i] : 0);
  const best = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const walk = (start: number, at: number, seen: Set<number>, width: number) => {
    for (let next = 0; next < n; next++) {
      if (seen.has(next) || link(at, next) === 0) {
        continue;
      }
      const w = Math.min(width, link(at, next));
      best[start][next] = Math.max(best[start][next], w);
      seen.add(next);
      walk(start, next, seen, w);
      seen.delete(next);
    }
  };
  for (let i = 0; i < n; i++) {
    walk(i, i, new Set([i]), Number.POSITIVE_INFINITY);
  }
  return best;
}

describe('schulze against a brute-force oracle (random weighted profiles with ties)', () => {
  it('agrees on pairwise counts, path strengths and the set of winners', () => {
    const next = random(2026);
    for (let round = 0; round < 300; round++) {
      const n = 2 + Math.floor(next() * 4);
      const candidates = Array.from({ length: n }, (_, i) => `o${i}`);
      const ballots = Array.from({ length: 1 + Math.floor(next() * 12) }, () => {
        // a random weak order over a random subset: shuffle, cut into groups
        const shuffled = candidates.filter(() => next() < 0.85).sort(() => next() - 0.5);
        const groups: string[][] = [];
        for (const c of shuffled) {
          if (groups.length === 0 || next() < 0.6) {
            groups.push([c]);
          } else {
            groups[groups.length - 1].push(c);
          }
        }
        return { ranking: groups, weight: 1 + Math.floor(next() * 5) };
      });
      const sut = schulze(candidates, ballots, candidates);
      const d = candidates.map((a) =>
        candidates.map((b) =>
          ballots.reduce((sum, ballot) => {
            const rank = (c: string) => {
              const at = ballot.ranking.findIndex((g) => g.includes(c));
              return at < 0 ? Number.POSITIVE_INFINITY : at;
            };
            return a !== b && rank(a) < rank(b) ? sum + ballot.weight : sum;
          }, 0),
        ),
      );
      expect(sut.pairwise).toEqual(d);
      const p = bruteStrength(d);
      expect(sut.strength).toEqual(p);
      const winners = candidates.filter((_, x) => candidates.every((__, y) => p[x][y] >= p[y][x]));
      expect(winners).toContain(sut.winner);
      expect(sut.tieBroken).toBe(winners.length > 1);
    }
  });
});
