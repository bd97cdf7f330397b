import { brokenRule, type Composition, type GroupModel } from './groups';
import type { PricingModel } from './master';

/** A priced composition must beat the level's bound by more than this to enter. */
export const ENTRY_TOLERANCE = 1e-9;
/** Weight of the best dual point so far in the stabilised prices (Wentges smoothing). */
export const SMOOTHING = 0.5;
const INTEGRALITY = 1e-9;

/** The pricing MIP and its LP relaxation, kept across rounds and levels. */
export interface PricingModels {
  readonly pricing: PricingModel;
  readonly relaxed: PricingModel;
}

/** The master's answer a round prices against. */
export interface MasterDuals {
  readonly z: number;
  readonly y: readonly number[];
  readonly mu: number;
}

const dot = (y: readonly number[], counts: readonly number[]) =>
  counts.reduce((sum, n, g) => sum + n * y[g], 0);

/**
 * The relaxation's optimum rounded without a solver: every count down, then one more member for the
 * groups of highest price among those rounded down, while the seats, quota maximums and households allow;
 * undefined unless the result meets every rule. Cheap; the box MIP below is the fallback.
 */
export function greedyRound(
  model: GroupModel,
  y: readonly number[],
  relaxed: readonly number[],
): Composition | undefined {
  const counts = relaxed.map((v, g) => Math.min(model.sizes[g], Math.floor(v + INTEGRALITY)));
  let free = model.seats - counts.reduce((a, b) => a + b, 0);
  if (free < 0) {
    return undefined;
  }
  const inQuotas = model.sizes.map(() => [] as number[]);
  model.quotaGroups.forEach((groups, q) => groups.forEach((g) => inQuotas[g].push(q)));
  const perQuota = model.quotaGroups.map((groups) => groups.reduce((sum, g) => sum + counts[g], 0));
  const household = new Map<number, number>();
  model.households.forEach((groups, h) => groups.forEach((g) => household.set(g, h)));
  const perHousehold = model.households.map((groups) => groups.reduce((sum, g) => sum + counts[g], 0));
  const candidates = relaxed
    .map((v, g) => g)
    .filter((g) => relaxed[g] - counts[g] > INTEGRALITY && counts[g] < model.sizes[g])
    .sort((a, b) => y[b] - y[a] || a - b);
  for (const g of candidates) {
    if (free === 0) {
      break;
    }
    const h = household.get(g);
    if (
      inQuotas[g].some((q) => perQuota[q] >= model.quotas[q].max) ||
      (h !== undefined && perHousehold[h] >= 1)
    ) {
      continue;
    }
    counts[g] += 1;
    free -= 1;
    inQuotas[g].forEach((q) => (perQuota[q] += 1));
    if (h !== undefined) {
      perHousehold[h] += 1;
    }
  }
  return brokenRule(model, counts) === undefined ? counts : undefined;
}

/** The relaxation's optimum rounded in its box (floor..ceil of each count, within `lower`): a tiny MIP. */
function rounded(
  models: PricingModels,
  weights: readonly number[],
  relaxed: readonly number[],
  lower: readonly number[] = [],
): Composition | undefined {
  return models.pricing.best(
    weights,
    relaxed.map((v, g) => Math.max(lower[g] ?? 0, Math.floor(v + INTEGRALITY))),
    undefined,
    relaxed.map((v) => Math.ceil(v - INTEGRALITY)),
  )?.counts;
}

/**
 * A composition holding the groups of `lower` (any one will do, the more weight the better): the LP
 * relaxation when integral, else its rounding box, else the full MIP — which alone can tell that no
 * composition holds them.
 */
export function coveringComposition(
  models: PricingModels,
  weights: readonly number[],
  lower: readonly number[],
): Composition | undefined {
  const relaxed = models.relaxed.best(weights, lower);
  if (!relaxed || !relaxed.fractional) {
    return relaxed?.counts;
  }
  return rounded(models, weights, relaxed.counts, lower) ?? models.pricing.best(weights, lower)?.counts;
}

/**
 * The pricing of one level, stabilised: column generation on LEXIMIN's master is degenerate and its dual
 * prices jump from round to round, so compositions are first priced at a point between the current prices
 * and the best ones seen at this level (those whose Lagrangian bound on the level is the smallest). A
 * composition found there enters when it improves on the current prices; otherwise (a "mis-price") the
 * current prices are used as before: the LP relaxation first — when even it prices no composition above
 * `μ`, the level is optimal (and its dual is the certificate); when its optimum is integral, that
 * composition enters; then the relaxation's rounding box; only otherwise the full MIP. The level's end is
 * thus decided exactly as without stabilisation.
 */
export class LevelPricer {
  private best: { y: number[]; bound: number } | undefined;

  /** @param fixedShare `Σ_{fixed g} y_g n_g f_g`: what the fixed groups take off a dual point's bound. */
  constructor(
    private readonly model: GroupModel,
    private readonly models: PricingModels,
    private readonly fixedShare: (y: readonly number[]) => number,
  ) {}

  /** Upper bound on the level's value from prices `y` whose relaxed pricing value is `value`. */
  private remember(y: readonly number[], value: number): void {
    const bound = value - this.fixedShare(y);
    if (!this.best || bound < this.best.bound) {
      this.best = { y: [...y], bound };
    }
  }

  /**
   * Compositions that improve the master — the one priced at the stabilised point and the one priced at
   * the current prices, both when they differ (one master solve for two columns) — or none when the
   * level is optimal.
   */
  next(duals: MasterDuals): Composition[] {
    const found: Composition[] = [];
    const { best } = this;
    if (best && best.bound > duals.z + ENTRY_TOLERANCE) {
      const y = duals.y.map((v, g) => SMOOTHING * best.y[g] + (1 - SMOOTHING) * v);
      const relaxed = this.models.relaxed.best(y);
      if (relaxed) {
        this.remember(y, relaxed.value);
        const counts = relaxed.fractional ? this.round(y, relaxed.counts, duals) : relaxed.counts;
        if (counts && dot(duals.y, counts) > duals.mu + ENTRY_TOLERANCE) {
          found.push(counts);
        }
      }
    }
    const exact = this.exact(duals);
    if (exact === 'optimal') {
      return [];
    }
    if (exact && !found.some((counts) => counts.every((n, g) => n === exact[g]))) {
      found.push(exact);
    }
    return found;
  }

  /** The greedy rounding when it improves the master, else the box MIP's. */
  private round(
    y: readonly number[],
    relaxed: readonly number[],
    duals: MasterDuals,
  ): Composition | undefined {
    const greedy = greedyRound(this.model, y, relaxed);
    if (greedy && dot(duals.y, greedy) > duals.mu + ENTRY_TOLERANCE) {
      return greedy;
    }
    return rounded(this.models, y, relaxed);
  }

  /** `optimal` when the relaxation proves that no composition improves the master. */
  private exact(duals: MasterDuals): Composition | 'optimal' | undefined {
    const { y, mu } = duals;
    const bound = this.models.relaxed.best(y);
    if (bound) {
      this.remember(y, bound.value);
    }
    if (!bound || bound.value <= mu + ENTRY_TOLERANCE) {
      return 'optimal';
    }
    if (!bound.fractional) {
      return bound.counts;
    }
    const near = this.round(y, bound.counts, duals);
    if (near && dot(y, near) > mu + ENTRY_TOLERANCE) {
      return near;
    }
    const found = this.models.pricing.best(y);
    return found && found.value > mu + ENTRY_TOLERANCE ? found.counts : undefined;
  }
}
