/**
 * Why the Schulze winner wins, in steps a reader can follow: for every other option, either the winner
 * beats it head to head, or a chain of won duels leads from the winner to it whose weakest link is
 * stronger than the strongest chain back (or the two are level and the ballot's draw decided).
 * Link strength is the winning margin, as in the engine's count (engine/src/ballot-methods/schulze.ts).
 */
export interface PairwiseOutcome {
  readonly options: readonly string[];
  /** `pairwise[i][j]`: the weight ranking option i above option j. */
  readonly pairwise: readonly (readonly number[])[];
  readonly winner: string;
  readonly order?: readonly string[];
  readonly beatStatusQuo?: readonly string[];
}

export type Reason =
  | { readonly kind: 'direct'; readonly other: string; readonly for: number; readonly against: number }
  | {
      readonly kind: 'path';
      readonly other: string;
      readonly for: number;
      readonly against: number;
      /** The chain from the winner to `other`, both ends included. */
      readonly path: readonly string[];
      readonly strength: number;
      readonly reverse: number;
    }
  | { readonly kind: 'tie'; readonly other: string; readonly strength: number };

/** Widest paths over winning margins, with the chain that carries each one. */
export function strongestPaths(outcome: PairwiseOutcome): {
  strength: number[][];
  next: number[][];
} {
  const n = outcome.options.length;
  const d = outcome.pairwise;
  const strength = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i !== j && d[i][j] > d[j][i] ? d[i][j] - d[j][i] : 0)),
  );
  const next = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (strength[i][j] > 0 ? j : -1)),
  );
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j || i === k || j === k) {
          continue;
        }
        const through = Math.min(strength[i][k], strength[k][j]);
        if (through > strength[i][j]) {
          strength[i][j] = through;
          next[i][j] = next[i][k];
        }
      }
    }
  }
  return { strength, next };
}

/** One reason per option other than the winner, in the options' order. */
export function explainWinner(outcome: PairwiseOutcome): Reason[] {
  const w = outcome.options.indexOf(outcome.winner);
  if (w < 0) {
    return [];
  }
  const { strength, next } = strongestPaths(outcome);
  const d = outcome.pairwise;
  const reasons: Reason[] = [];
  outcome.options.forEach((other, x) => {
    if (x === w) {
      return;
    }
    if (d[w][x] > d[x][w]) {
      reasons.push({ kind: 'direct', other, for: d[w][x], against: d[x][w] });
    } else if (strength[w][x] > strength[x][w]) {
      const path = [outcome.options[w]];
      for (let at = w; at !== x && path.length <= outcome.options.length;) {
        at = next[at][x];
        path.push(outcome.options[at]);
      }
      reasons.push({
        kind: 'path',
        other,
        for: d[w][x],
        against: d[x][w],
        path,
        strength: strength[w][x],
        reverse: strength[x][w],
      });
    } else {
      reasons.push({ kind: 'tie', other, strength: strength[w][x] });
    }
  });
  return reasons;
}
