/**
 * The Schulze method (winning margins), the one implementation Liquide has: the preference ballot
 * method counts with it and the amendments plugin decides its contests with it.
 */

/**
 * One voter's ranking, most preferred first. An entry is an option id or a group of ids ranked equal
 * (ties allowed). Options left out rank below every listed one and equal to each other. Entries that
 * are not options, or repeat an option already ranked, are ignored.
 */
export type Ranking = readonly (string | readonly string[])[];

/** A ranking with the weight it counts for (own weight plus delegators'). */
export interface RankedBallot {
  readonly ranking: Ranking;
  readonly weight: number;
}

/** The full outcome, every matrix indexed like `candidates`. */
export interface SchulzeResult {
  readonly candidates: readonly string[];
  /** `pairwise[i][j]`: weight preferring candidate i to candidate j. */
  readonly pairwise: number[][];
  /** `strength[i][j]`: strength of the strongest path from i to j, links weighted by winning margins. */
  readonly strength: number[][];
  /** Candidates from first to last; ties in the Schulze relation broken by `tieOrder`. */
  readonly order: readonly string[];
  /** `order[0]`. */
  readonly winner: string;
  /** Whether the winner was chosen by the tie-break among several Schulze winners. */
  readonly tieBroken: boolean;
}

/** Each candidate's rank position in one ballot (0 best; Infinity when unranked). */
function ranks(ranking: Ranking, index: ReadonlyMap<string, number>, n: number): number[] {
  const rank = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  let position = 0;
  for (const entry of ranking) {
    const group = typeof entry === 'string' ? [entry] : entry;
    let placed = false;
    for (const id of group) {
      const i = index.get(id);
      if (i !== undefined && rank[i] === Number.POSITIVE_INFINITY) {
        rank[i] = position;
        placed = true;
      }
    }
    if (placed) {
      position += 1;
    }
  }
  return rank;
}

/** `d[i][j]`: the weight of the ballots ranking candidate i strictly above candidate j. */
export function pairwiseMatrix(candidates: readonly string[], ballots: readonly RankedBallot[]): number[][] {
  const n = candidates.length;
  const index = new Map(candidates.map((c, i) => [c, i]));
  if (index.size !== n) {
    throw new Error('Schulze candidates must be distinct');
  }
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const ballot of ballots) {
    if (!(ballot.weight > 0)) {
      continue;
    }
    const rank = ranks(ballot.ranking, index, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i !== j && rank[i] < rank[j]) {
          d[i][j] += ballot.weight;
        }
      }
    }
  }
  return d;
}

/**
 * Schulze method with winning margins: the link from i to j is `d[i][j] - d[j][i]` when positive,
 * else 0; path strengths are the widest paths (Floyd–Warshall). i ranks above j when
 * `p[i][j] > p[j][i]`; this relation is transitive, so the order is built by taking, among the
 * remaining candidates, those no remaining candidate beats, and when several remain the first in
 * `tieOrder` (a permutation of the candidates the caller draws from a public seed).
 */
export function schulze(
  candidates: readonly string[],
  ballots: readonly RankedBallot[],
  tieOrder: readonly string[],
): SchulzeResult {
  const n = candidates.length;
  if (n === 0) {
    throw new Error('Schulze needs at least one candidate');
  }
  const d = pairwiseMatrix(candidates, ballots);
  const index = new Map(candidates.map((c, i) => [c, i]));
  const p = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (__, j) => (i !== j && d[i][j] > d[j][i] ? d[i][j] - d[j][i] : 0)),
  );
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      if (i === k) {
        continue;
      }
      for (let j = 0; j < n; j++) {
        if (j !== i && j !== k) {
          p[i][j] = Math.max(p[i][j], Math.min(p[i][k], p[k][j]));
        }
      }
    }
  }
  const remaining = new Set(candidates.map((_, i) => i));
  const order: string[] = [];
  let tieBroken = false;
  while (remaining.size > 0) {
    const unbeaten = [...remaining].filter((i) => [...remaining].every((j) => j === i || p[i][j] >= p[j][i]));
    const pick = tieOrder.find((c) => unbeaten.includes(index.get(c) ?? -1)) ?? candidates[unbeaten[0]];
    if (order.length === 0 && unbeaten.length > 1) {
      tieBroken = true;
    }
    order.push(pick);
    remaining.delete(index.get(pick)!);
  }
  return { candidates, pairwise: d, strength: p, order, winner: order[0], tieBroken };
}
