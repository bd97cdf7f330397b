import { pricingMultipliers, type PricingMultipliers } from './certificate';
import { groupModel, type Composition, type GroupModel } from './groups';
import { LevelMaster, PricingModel } from './master';
import { quotaLabel, SortitionError } from './quotas';
import { coveringComposition, LevelPricer, type PricingModels } from './pricing';
import { loadSolver } from './solver';
import type { PoolEntry, Quota } from './types';

/** A group whose dual price exceeds this (prices sum to 1 over the open volunteers) is fixed at the level. */
export const FIX_THRESHOLD = 1e-9;
/**
 * Fixed groups are asked for what the level's distribution gives them (at most its value) minus the first
 * of these, so that the next level's LP stays feasible in floating point; when it does not, the groups just
 * fixed (only they: the LP was feasible before them) move to the next margin. Small first: a fixed group's
 * margin lets later levels raise another group of its level by as much (times the sizes' ratio). Earlier
 * levels' groups are never lowered: their certificates hold for their probabilities, and lowering them by
 * `δ` would let a later level rise by `δ` times the ratio of their prices to its own (up to 8,000).
 */
export const FIX_MARGINS = [1e-9, 1e-8, 1e-7, 1e-6] as const;
/** Column-generation rounds at most per level. */
export const MAX_ROUNDS_PER_LEVEL = 2000;
export { ENTRY_TOLERANCE } from './pricing';

/** One level of the LEXIMIN: the groups fixed at it, its value, and the certificate of its optimality. */
export interface Level {
  readonly value: number;
  readonly groups: number[];
  /** Dual prices per group (0 for most), scaled so that `Σ_{open g} n_g y_g = 1`. */
  readonly y: number[];
  readonly multipliers: PricingMultipliers;
}

/** The LEXIMIN distribution over compositions. */
export interface LeximinResult {
  readonly model: GroupModel;
  readonly panels: Composition[];
  readonly lambda: number[];
  readonly levels: Level[];
}

/** What a running draw reports: the phase, the level being solved and the best bound on it so far. */
export interface LeximinProgress {
  readonly phase: 'feasibility' | 'coverage' | 'level' | 'distribution';
  readonly level: number;
  /** Groups (of interchangeable volunteers) still open. */
  readonly open: number;
  readonly groups: number;
  /** Upper bound on the current level's minimum probability (the restricted dual's value). */
  readonly bound: number | null;
}

/** Names an irreducible conflicting set of quotas: dropping any one of them makes the rest feasible. */
export function conflictingQuotas(pricing: PricingModel, model: GroupModel): Quota[] {
  const zeros = model.sizes.map(() => 0);
  const mask = model.quotas.map(() => true);
  for (let q = 0; q < mask.length; q++) {
    mask[q] = false;
    if (pricing.best(zeros, [], mask)) {
      mask[q] = true;
    }
  }
  return model.quotas.filter((_, q) => mask[q]);
}

/**
 * Refuses quotas no panel can meet (with the households), naming an irreducible conflicting set; cheap:
 * one MIP over groups, plus one per quota when they conflict.
 * @throws SortitionError `quotas_conflict`.
 */
export async function checkQuotasFeasible(
  pool: readonly PoolEntry[],
  quotas: readonly Quota[],
  seats: number,
): Promise<void> {
  const highs = await loadSolver();
  const model = groupModel(pool, quotas, seats);
  const pricing = new PricingModel(highs, model);
  try {
    refuseInfeasible(pricing, model);
  } finally {
    pricing.dispose();
  }
}

function refuseInfeasible(pricing: PricingModel, model: GroupModel): void {
  if (!pricing.best(model.sizes.map(() => 0))) {
    const conflict = conflictingQuotas(pricing, model);
    throw new SortitionError('quotas_conflict', {
      quotas:
        conflict.length > 0
          ? conflict.map(quotaLabel).join(' ; ')
          : 'seats + one per household / sièges + un par foyer',
      count: conflict.length,
    });
  }
}

/**
 * LEXIMIN (Flanigan, Gölz, Gupta, Hennig & Procaccia, Nature 2021) over groups of interchangeable
 * volunteers. Volunteers with the same quota attributes (and no shared household) are symmetric, so the
 * (unique) LEXIMIN probabilities are equal within a group: the problem is solved over compositions — how
 * many of each group sit — and persons are drawn uniformly within their group afterwards.
 * Level by level: column generation maximises the smallest probability `z` of the open groups while the
 * fixed ones keep theirs (restricted dual LP for prices, pricing MIP over integer counts); at the optimum
 * every open group with a positive dual price cannot exceed `z` (complementary slackness) and is fixed.
 * Each level stores its dual prices and the multipliers of the pricing LP's dual, which bound every
 * composition without a solver: a verifier checks optimality from them.
 * @throws SortitionError `quotas_conflict` naming an irreducible set of conflicting quotas.
 */
export async function leximinDistribution(
  pool: readonly PoolEntry[],
  quotas: readonly Quota[],
  seats: number,
  onProgress: (progress: LeximinProgress) => void = () => undefined,
): Promise<LeximinResult> {
  const highs = await loadSolver();
  const model = groupModel(pool, quotas, seats);
  const pricing = new PricingModel(highs, model);
  const relaxed = new PricingModel(highs, model, true);
  const master = new LevelMaster(highs, model);
  try {
    return solveLevels(model, { pricing, relaxed }, master, onProgress);
  } finally {
    pricing.dispose();
    relaxed.dispose();
    master.dispose();
  }
}

function solveLevels(
  model: GroupModel,
  models: PricingModels,
  master: LevelMaster,
  onProgress: (progress: LeximinProgress) => void,
): LeximinResult {
  const { pricing } = models;
  const highs = pricing.highs;
  const groupCount = model.sizes.length;
  const report = (phase: LeximinProgress['phase'], level: number, open: number, bound: number | null) =>
    onProgress({ phase, level, open, groups: groupCount, bound });
  report('feasibility', 0, groupCount, null);
  // The relaxation or its rounding usually finds a composition; the full MIP decides only otherwise.
  const first = coveringComposition(
    models,
    model.sizes.map(() => 0),
    [],
  );
  if (!first) {
    refuseInfeasible(pricing, model);
  }

  const panels: Composition[] = [];
  const known = new Set<string>();
  const add = (counts: Composition): boolean => {
    const key = counts.join(',');
    if (known.has(key)) {
      return false;
    }
    known.add(key);
    panels.push(counts);
    master.addPanel(counts);
    return true;
  };
  report('coverage', 0, groupCount, null);
  const covered = model.sizes.map(() => false);
  if (first) {
    add(first);
    first.forEach((n, g) => (covered[g] ||= n > 0));
  }
  for (let g = 0; g < groupCount; g++) {
    if (covered[g]) {
      continue;
    }
    const weights = covered.map((done) => (done ? 0 : 1));
    const lower = model.sizes.map((_, h) => (h === g ? 1 : 0));
    const found = coveringComposition(models, weights, lower);
    if (found) {
      add(found);
      found.forEach((n, h) => (covered[h] ||= n > 0));
    }
  }

  const levels: Level[] = [];
  let open = model.sizes.map((_, g) => g);
  const fixedAt = new Map<number, number>();
  const fixedShare = (y: readonly number[]) => {
    let share = 0;
    fixedAt.forEach((f, g) => (share += y[g] * model.sizes[g] * f));
    return share;
  };
  // Floating point may make a level's LP infeasible after groups are fixed: the margins of the groups just
  // fixed then grow (never those of earlier levels, whose certificates assume their probabilities).
  const levelValue = new Map<number, number>();
  const margin = new Map<number, number>();
  let lastFixed: readonly number[] = [];
  const fixGroups = (groups: readonly number[]) =>
    groups.forEach((g) => {
      const f = Math.max(0, (levelValue.get(g) ?? 0) - FIX_MARGINS[margin.get(g) ?? 0]);
      master.fix(g, f);
      fixedAt.set(g, f);
    });
  const solveMaster = () => {
    for (;;) {
      try {
        return master.solve();
      } catch (error) {
        const step = (margin.get(lastFixed[0]) ?? 0) + 1;
        if (lastFixed.length === 0 || step === FIX_MARGINS.length) {
          throw error;
        }
        lastFixed.forEach((g) => margin.set(g, step));
        fixGroups(lastFixed);
      }
    }
  };
  let solved = solveMaster();
  for (;;) {
    const pricer = new LevelPricer(model, models, fixedShare);
    for (let round = 0; round < MAX_ROUNDS_PER_LEVEL; round++) {
      report('level', levels.length + 1, open.length, solved.z);
      const priced = pricer.next(solved);
      // `add` is false for a known composition: the master cannot improve on it (floating-point stall).
      if (priced.filter(add).length === 0) {
        break;
      }
      solved = solveMaster();
    }
    const { z, y } = solved;
    let tight = open.filter((g) => y[g] > FIX_THRESHOLD);
    if (tight.length === 0) {
      tight = open;
    }
    levels.push({ value: z, groups: tight, y, multipliers: pricingMultipliers(highs, model, y) });
    if (tight.length === open.length) {
      report('distribution', levels.length, 0, z);
      return { model, panels, lambda: solved.lambda, levels };
    }
    const fixedNow = new Set(tight);
    // At what the current distribution gives them (never above z): the master stays feasible as it is.
    tight.forEach((g) => {
      const achieved = panels.reduce((sum, counts, p) => sum + counts[g] * (solved.lambda[p] ?? 0), 0);
      levelValue.set(g, Math.min(z, achieved / model.sizes[g]));
    });
    lastFixed = tight;
    fixGroups(tight);
    solved = solveMaster();
    open = open.filter((g) => !fixedNow.has(g));
  }
}
