import { compareStrings } from '../../tally/draw';
import { drawLeximin, type LeximinOutcome } from './draw-leximin';
import type { LeximinProgress } from './leximin';
import { maximinDistribution } from './maximin';
import { fixedProbability, WEIGHT_SCALE } from './fixed-point';
import { SeededRandom, shuffle } from './prng';

export { fixedProbability, WEIGHT_SCALE };
import { brokenQuota, precheckQuotas } from './quotas';
import { type Algorithm, type Distribution, type DrawOutcome, type PoolEntry, type Quota } from './types';

/** Everything a draw depends on. `pool` must be canonical (see `canonicalPool`). */
export interface DrawInput {
  readonly pool: readonly PoolEntry[];
  readonly quotas: readonly Quota[];
  readonly seats: number;
  readonly substituteCount: number;
  /** `finalSeed(seed, publicValue)`, 64 hexadecimal digits. */
  readonly finalSeed: string;
}

/**
 * The algorithm a `liquide-sortition-proof/1` names: uniform without quotas, maximin with. New draws with
 * quotas or households use LEXIMIN ({@link drawSortition}) and publish format 2.
 */
export function algorithmFor(quotas: readonly Quota[]): Algorithm {
  return quotas.length === 0 ? 'uniform-fisher-yates/1' : 'maximin-colgen-highs/1';
}

/**
 * A new draw: the uniform shuffle when there is neither quota nor shared household (every probability is
 * then seats / N, which is already the LEXIMIN), else the full LEXIMIN over groups.
 */
export async function drawSortition(
  input: DrawInput,
  onProgress?: (progress: LeximinProgress) => void,
): Promise<DrawOutcome | LeximinOutcome> {
  if (input.quotas.length === 0 && !input.pool.some((entry) => entry.household !== undefined)) {
    return drawPanel(input);
  }
  precheckQuotas(input.pool, input.quotas, input.seats);
  return drawLeximin(input, onProgress);
}

/**
 * The draw: a deterministic function of (pool, quotas, seats, substitute count, final seed, algorithm).
 * - Without quotas (`uniform-fisher-yates/1`): a seeded Fisher–Yates shuffle of the pool (ids sorted) with
 *   the stream `panel`; the first `seats` form the panel, the next `substituteCount` are the ranked
 *   substitutes. Every probability is seats / N.
 * - With quotas (`maximin-colgen-highs/1`): the maximin distribution over quota-satisfying panels
 *   ({@link maximinDistribution}), its probabilities rounded to integer weights out of ≈ 10^9; one integer
 *   below the total is drawn with the stream `panel` and picks the panel (panels in canonical order); the
 *   other volunteers are shuffled with the stream `substitutes` for the ranked substitutes.
 * @throws SortitionError when the pool is too small or a quota cannot be met.
 */
export async function drawPanel(input: DrawInput): Promise<DrawOutcome> {
  const { pool, quotas, seats, substituteCount, finalSeed } = input;
  const ids = pool.map((entry) => entry.id);
  precheckQuotas(pool, quotas, seats);
  const algorithm = algorithmFor(quotas);
  if (algorithm === 'uniform-fisher-yates/1') {
    const order = shuffle(ids, new SeededRandom(finalSeed, 'panel'));
    const probability = fixedProbability(seats, ids.length);
    return {
      algorithm,
      distribution: null,
      panel: order.slice(0, seats).sort(compareStrings),
      substitutes: order.slice(seats, seats + substituteCount),
      probabilities: Object.fromEntries(ids.map((id) => [id, probability])),
    };
  }
  const distribution = await quotaDistribution(pool, quotas, seats);
  const panel = samplePanel(distribution, new SeededRandom(finalSeed, 'panel'));
  const inPanel = new Set(panel);
  const rest = ids.filter((id) => !inPanel.has(id));
  const substitutes = shuffle(rest, new SeededRandom(finalSeed, 'substitutes')).slice(0, substituteCount);
  return { algorithm, distribution, panel, substitutes, probabilities: probabilitiesOf(ids, distribution) };
}

/** The maximin distribution with integer weights, panels in canonical order. */
export async function quotaDistribution(
  pool: readonly PoolEntry[],
  quotas: readonly Quota[],
  seats: number,
): Promise<Distribution> {
  const result = await maximinDistribution(pool, quotas, seats);
  const panels = result.panels
    .map((indexes, p) => ({
      members: indexes.map((i) => pool[i].id).sort(compareStrings),
      weight: Math.round(result.lambda[p] * WEIGHT_SCALE),
    }))
    .filter((panel) => panel.weight > 0)
    .sort((a, b) => compareStrings(a.members.join('\n'), b.members.join('\n')));
  const denominator = panels.reduce((sum, panel) => sum + panel.weight, 0);
  return { denominator, panels };
}

/** Picks the panel whose cumulative weight first exceeds a uniform integer below the denominator. */
export function samplePanel(distribution: Distribution, random: SeededRandom): string[] {
  let r = random.below(distribution.denominator);
  for (const panel of distribution.panels) {
    if (r < panel.weight) {
      return [...panel.members];
    }
    r -= panel.weight;
  }
  throw new RangeError('samplePanel: the weights do not add up to the denominator');
}

/** Each volunteer's probability: the weight of the panels holding them over the denominator. */
export function probabilitiesOf(ids: readonly string[], distribution: Distribution): Record<string, string> {
  const weightOf = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const panel of distribution.panels) {
    for (const id of panel.members) {
      weightOf.set(id, (weightOf.get(id) ?? 0) + panel.weight);
    }
  }
  return Object.fromEntries(
    ids.map((id) => [id, fixedProbability(weightOf.get(id) ?? 0, distribution.denominator)]),
  );
}

/**
 * Who replaces a deputy who resigns: the first substitute in rank order whose arrival keeps every quota
 * met; when none does, the first substitute (`quotasMet: false`). Undefined when no substitute is left.
 */
export function nextSubstitute(
  remainingPanel: readonly string[],
  substitutes: readonly string[],
  pool: readonly PoolEntry[],
  quotas: readonly Quota[],
): { id: string; quotasMet: boolean } | undefined {
  for (const id of substitutes) {
    if (!brokenQuota([...remainingPanel, id], pool, quotas)) {
      return { id, quotasMet: true };
    }
  }
  return substitutes.length > 0 ? { id: substitutes[0], quotasMet: false } : undefined;
}
