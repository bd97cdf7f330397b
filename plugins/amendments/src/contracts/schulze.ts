import {
  schulze as schulzeCount,
  type RankedBallot,
  type SchulzeResult,
} from '@liquide/engine/ballot-methods';
import { sha256Hex } from '@liquide/engine/tally';

export type { RankedBallot, SchulzeResult };

/**
 * The contests' tie-break: candidates sorted by SHA-256 of `seed:candidate` (hex, ascending), then by id.
 * Public and deterministic: anyone with the seed recomputes it; nobody can steer it after the seed
 * is published (the contest's seed is drawn at random when the contest is created). Kept as it was
 * so that decided contests replay unchanged.
 */
export function tieBreakOrder(candidates: readonly string[], seed: string): string[] {
  const keyed = candidates.map((c) => ({ c, key: sha256Hex(`${seed}:${c}`) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
  return keyed.map((k) => k.c);
}

/**
 * An amendment contest counted with the engine's one Schulze implementation
 * (`@liquide/engine/ballot-methods`), ties broken by {@link tieBreakOrder}.
 */
export function schulze(
  candidates: readonly string[],
  ballots: readonly RankedBallot[],
  seed: string,
): SchulzeResult {
  return schulzeCount(candidates, ballots, tieBreakOrder(candidates, seed));
}
