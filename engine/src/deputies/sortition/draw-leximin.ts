import { compareStrings } from '../../tally/draw';
import { fixedProbability, LEXIMIN_WEIGHT_SCALE } from './fixed-point';
import { groupModel, type GroupModel } from './groups';
import { leximinDistribution, type LeximinProgress, type LeximinResult } from './leximin';
import { LEXIMIN_ALGORITHM, type LeximinDistribution, type LevelProof } from './leximin-types';
import { SeededRandom, shuffle } from './prng';
import type { PoolEntry, Quota } from './types';

/** What a LEXIMIN draw computes. */
export interface LeximinOutcome {
  readonly algorithm: typeof LEXIMIN_ALGORITHM;
  readonly distribution: LeximinDistribution;
  readonly panel: string[];
  readonly substitutes: string[];
  readonly probabilities: Record<string, string>;
}

function compareCounts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return a.length - b.length;
}

/** Each group's probability as exact text: `Σ_p w_p c_pg / (n_g · denominator)`. */
export function groupProbabilities(
  model: GroupModel,
  panels: LeximinDistribution['panels'],
  denominator: number,
): string[] {
  // exact whatever the weights: a proof read from outside may hold sums past 2^53
  return model.sizes.map((n, g) => {
    const numerator = panels.reduce(
      (sum, panel) => (panel.counts[g] === 0 ? sum : sum + BigInt(panel.weight) * BigInt(panel.counts[g])),
      0n,
    );
    return fixedProbability(numerator, BigInt(n) * BigInt(denominator));
  });
}

/** The solver's result as published: integer weights, compositions in canonical order, the levels. */
export function publishDistribution(result: LeximinResult): LeximinDistribution {
  const panels = result.panels
    .map((counts, p) => ({ counts, weight: Math.round(result.lambda[p] * LEXIMIN_WEIGHT_SCALE) }))
    .filter((panel) => panel.weight > 0)
    .sort((a, b) => compareCounts(a.counts, b.counts));
  const denominator = panels.reduce((sum, panel) => sum + panel.weight, 0);
  const byGroup = groupProbabilities(result.model, panels, denominator);
  const levels: LevelProof[] = result.levels.map((level) => ({
    value: level.groups.map((g) => byGroup[g]).sort(compareStrings)[0],
    groups: [...level.groups].sort((a, b) => a - b),
    prices: level.y.flatMap((y, g) => (y > 0 ? [[g, String(y)] as [number, string]] : [])),
    multipliers: {
      seats: String(level.multipliers.seats),
      max: level.multipliers.max.map(String),
      min: level.multipliers.min.map(String),
      households: level.multipliers.households.map(String),
    },
  }));
  return { denominator, panels, levels };
}

/**
 * Draws from a published LEXIMIN distribution: an integer below the denominator (stream `panel`) picks the
 * composition; in each group, a seeded shuffle of its members (stream `group/<g>`) gives the first `c_g`;
 * the other volunteers are shuffled with the stream `substitutes` for the ranked substitutes.
 */
export function sampleLeximin(
  pool: readonly PoolEntry[],
  model: GroupModel,
  distribution: LeximinDistribution,
  substituteCount: number,
  finalSeed: string,
): { panel: string[]; substitutes: string[]; probabilities: Record<string, string> } {
  let r = new SeededRandom(finalSeed, 'panel').below(distribution.denominator);
  const chosen = distribution.panels.find((panel) => {
    if (r < panel.weight) {
      return true;
    }
    r -= panel.weight;
    return false;
  });
  if (!chosen) {
    throw new RangeError('sampleLeximin: the weights do not add up to the denominator');
  }
  const panel: string[] = [];
  model.groups.forEach((group, g) => {
    const ids = group.members.map((i) => pool[i].id);
    panel.push(...shuffle(ids, new SeededRandom(finalSeed, `group/${g}`)).slice(0, chosen.counts[g]));
  });
  panel.sort(compareStrings);
  const inPanel = new Set(panel);
  const rest = pool.map((entry) => entry.id).filter((id) => !inPanel.has(id));
  const substitutes = shuffle(rest, new SeededRandom(finalSeed, 'substitutes')).slice(0, substituteCount);
  const byGroup = groupProbabilities(model, distribution.panels, distribution.denominator);
  const probabilities: Record<string, string> = {};
  model.groups.forEach((group, g) => group.members.forEach((i) => (probabilities[pool[i].id] = byGroup[g])));
  return {
    panel,
    substitutes,
    probabilities: Object.fromEntries(pool.map((entry) => [entry.id, probabilities[entry.id]])),
  };
}

/** The whole LEXIMIN draw: distribution (seed-independent), then the seeded sample. */
export async function drawLeximin(
  input: {
    readonly pool: readonly PoolEntry[];
    readonly quotas: readonly Quota[];
    readonly seats: number;
    readonly substituteCount: number;
    readonly finalSeed: string;
  },
  onProgress?: (progress: LeximinProgress) => void,
): Promise<LeximinOutcome> {
  const result = await leximinDistribution(input.pool, input.quotas, input.seats, onProgress);
  const distribution = publishDistribution(result);
  const model = groupModel(input.pool, input.quotas, input.seats);
  const drawn = sampleLeximin(input.pool, model, distribution, input.substituteCount, input.finalSeed);
  return { algorithm: LEXIMIN_ALGORITHM, distribution, ...drawn };
}
