import { sha256Hex } from '@liquide/engine/tally';

/**
 * One voter's ranked ballot: candidate ids, most preferred first, with the weight it counts for
 * (own weight plus delegators'). Candidates left out are ranked below every listed one and equal to
 * each other.
 */
export interface RankedBallot {
  readonly ranking: readonly string[];
  readonly weight: number;
}

/** The full outcome, every matrix indexed like `candidates`. */
export interface SchulzeResult {
  readonly candidates: readonly string[];
  /** `pairwise[i][j]`: weight preferring candidate i to candidate j. */
  readonly pairwise: number[][];
  /** `strength[i][j]`: strength of the strongest path from i to j, links weighted by winning margins. */
  readonly strength: number[][];
  /** Candidates from first to last; ties in the Schulze relation broken by the seeded order. */
  readonly order: readonly string[];
  /** `order[0]`. */
  readonly winner: string;
  /** Whether the winner was chosen by the tie-break among several Schulze winners. */
  readonly tieBroken: boolean;
}

/**
 * The tie-break: candidates sorted by SHA-256 of `seed:candidate` (hex, ascending), then by id.
 * Public and deterministic: anyone with the seed recomputes it; nobody can steer it after the seed
 * is published (the contest's seed is drawn at random when the contest is created).
 */
export function tieBreakOrder(candidates: readonly string[], seed: string): string[] {
  const keyed = candidates.map((c) => ({ c, key: sha256Hex(`${seed}:${c}`) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
  return keyed.map((k) => k.c);
}

/**
 * Schulze method with winning margins: the link from i to j is `d[i][j] - d[j][i]` when positive,
 * else 0; path strengths are the widest paths (Floyd–Warshall). i ranks above j when
 * `p[i][j] > p[j][i]`; this relation is transitive, so the order is built by taking, among the
 * remaining candidates, those no remaining candidate beats, and when several remain the first in
 * `tieBreakOrder(seed)`. Ballot entries that are not candidates, or repeated, are ignored.
 */
export function schulze(
  candidates: readonly string[],
  ballots: readonly RankedBallot[],
  seed: string,
): SchulzeResult {
  const n = candidates.length;
  if (n === 0) {
    throw new Error('Schulze needs at least one candidate');
  }
  const index = new Map(candidates.map((c, i) => [c, i]));
  if (index.size !== n) {
    throw new Error('Schulze candidates must be distinct');
  }
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const ballot of ballots) {
    if (!(ballot.weight > 0)) {
      continue;
    }
    const rank = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
    let position = 0;
    for (const id of ballot.ranking) {
      const i = index.get(id);
      if (i !== undefined && rank[i] === Number.POSITIVE_INFINITY) {
        rank[i] = position++;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i !== j && rank[i] < rank[j]) {
          d[i][j] += ballot.weight;
        }
      }
    }
  }
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
  const tieOrder = tieBreakOrder(candidates, seed);
  const remaining = new Set(candidates.map((_, i) => i));
  const order: string[] = [];
  let tieBroken = false;
  while (remaining.size > 0) {
    const unbeaten = [...remaining].filter((i) => [...remaining].every((j) => j === i || p[i][j] >= p[j][i]));
    const pick = tieOrder.find((c) => unbeaten.includes(index.get(c)!))!;
    if (order.length === 0 && unbeaten.length > 1) {
      tieBroken = true;
    }
    order.push(pick);
    remaining.delete(index.get(pick)!);
  }
  return { candidates, pairwise: d, strength: p, order, winner: order[0], tieBroken };
}
