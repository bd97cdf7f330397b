import { SortitionError, quotaLabel } from './quotas';
import { bestPanel, dualPrices, loadSolver, maximinWeights, type PanelIndexes } from './solver';
import type { PoolEntry, Quota } from './types';

/** Column-generation rounds at most; the distribution found so far is used if it is reached. */
export const MAX_ROUNDS = 400;
/** A priced panel must beat the current bound by more than this to enter. */
const TOLERANCE = 1e-7;

/** A distribution over panels (pool indexes), its probabilities, and the maximin value reached. */
export interface MaximinResult {
  readonly panels: PanelIndexes[];
  readonly lambda: number[];
  readonly z: number;
  /** Volunteers who belong to no quota-satisfying panel: their probability is 0. */
  readonly excluded: number[];
}

/**
 * The "maximin" distribution of Flanigan et al. (2021), the first step of their LEXIMIN: among all
 * probability distributions over quota-satisfying panels, one that maximises the smallest selection
 * probability of the volunteers who can be selected at all. Column generation with HiGHS:
 * 1. feasibility — if no panel meets every quota, the first quota (in the given order) that makes the
 *    quotas before it infeasible is named;
 * 2. coverage — for each volunteer not yet in a known panel, a MIP panel containing them (and as many other
 *    uncovered volunteers as possible); volunteers in no panel at all are excluded (probability 0);
 * 3. repeat: solve the dual LP over the known panels for prices `y` and bound `t`; the pricing MIP finds the
 *    panel of greatest total price; stop when it does not exceed `t` (then the LP over known panels is
 *    optimal over all panels) or after {@link MAX_ROUNDS};
 * 4. the primal LP over the known panels gives the panel probabilities.
 * Deterministic: the same pool, quotas and seats give the same model texts, hence the same answers.
 */
export async function maximinDistribution(
  pool: readonly PoolEntry[],
  quotas: readonly Quota[],
  seats: number,
): Promise<MaximinResult> {
  const highs = await loadSolver();
  const zeros = pool.map(() => 0);
  if (!bestPanel(highs, pool, quotas, seats, zeros)) {
    for (let q = 0; q < quotas.length; q++) {
      if (!bestPanel(highs, pool, quotas.slice(0, q + 1), seats, zeros)) {
        throw new SortitionError('quota_infeasible', {
          quota: quotaLabel(quotas[q]),
          reason:
            'cannot be met together with the quotas before it / incompatible avec les quotas précédents',
        });
      }
    }
    throw new SortitionError('quota_infeasible', {
      quota: quotaLabel(quotas[quotas.length - 1]),
      reason: 'no panel meets every quota / aucun panel ne respecte tous les quotas',
    });
  }

  const panels: PanelIndexes[] = [];
  const known = new Set<string>();
  const add = (panel: PanelIndexes): boolean => {
    const key = panel.join(',');
    if (known.has(key)) {
      return false;
    }
    known.add(key);
    panels.push(panel);
    return true;
  };

  const covered = new Set<number>();
  const excluded: number[] = [];
  for (let i = 0; i < pool.length; i++) {
    if (covered.has(i)) {
      continue;
    }
    const weights = pool.map((_, j) => (covered.has(j) || excluded.includes(j) ? 0 : 1));
    const found = bestPanel(highs, pool, quotas, seats, weights, [i]);
    if (!found) {
      excluded.push(i);
      continue;
    }
    add(found.panel);
    found.panel.forEach((j) => covered.add(j));
  }
  const coverable = pool.map((_, i) => i).filter((i) => covered.has(i));

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { y, t } = dualPrices(highs, coverable, panels);
    const prices = pool.map((_, i) => y.get(i) ?? 0);
    const priced = bestPanel(highs, pool, quotas, seats, prices);
    if (!priced || priced.value <= t + TOLERANCE || !add(priced.panel)) {
      break;
    }
  }
  const { lambda, z } = maximinWeights(highs, coverable, panels);
  return { panels, lambda, z, excluded };
}
