/// <reference types="jest" />
import { explainWinner, strongestPaths, type PairwiseOutcome } from './schulze-explain';

describe(explainWinner.name, () => {
  it('says the winner beats each other option head to head when it does', () => {
    const outcome: PairwiseOutcome = {
      options: ['sq', 'a', 'b'],
      pairwise: [
        [0, 1, 2],
        [3, 0, 3],
        [2, 1, 0],
      ],
      winner: 'a',
    };
    expect(explainWinner(outcome)).toEqual([
      { kind: 'direct', other: 'sq', for: 3, against: 1 },
      { kind: 'direct', other: 'b', for: 3, against: 1 },
    ]);
  });

  it('names the chain when the winner loses a duel but wins by a stronger path (a Condorcet cycle)', () => {
    // a > b by 8, b > c by 6, c > a by 2: the weakest link of a → b → c (6) beats c → a (2)
    const outcome: PairwiseOutcome = {
      options: ['a', 'b', 'c'],
      pairwise: [
        [0, 14, 9],
        [6, 0, 13],
        [11, 7, 0],
      ],
      winner: 'a',
    };
    expect(strongestPaths(outcome).strength[0][2]).toBe(6);
    expect(explainWinner(outcome)).toEqual([
      { kind: 'direct', other: 'b', for: 14, against: 6 },
      { kind: 'path', other: 'c', for: 9, against: 11, path: ['a', 'b', 'c'], strength: 6, reverse: 2 },
    ]);
  });

  it('says when two options are level and the draw decided', () => {
    const outcome: PairwiseOutcome = {
      options: ['a', 'b'],
      pairwise: [
        [1, 1],
        [1, 1],
      ].map((row, i) => row.map((v, j) => (i === j ? 0 : v))),
      winner: 'b',
    };
    expect(explainWinner(outcome)).toEqual([{ kind: 'tie', other: 'a', strength: 0 }]);
  });
});
