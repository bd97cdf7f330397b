import type { Highs } from 'highs';
import type { GroupModel } from './groups';

/** Quiet; deterministic for one model text. */
const OPTIONS = { output_flag: false, mip_rel_gap: 1e-9 } as const;

/** A number as CPLEX LP text. */
function num(value: number): string {
  return Number.isFinite(value) ? String(value) : '0';
}

/** `+ 2 c0 - 0.5 c3`; `0 fallback` when empty. */
function sum(terms: readonly (readonly [number, string])[], fallback: string): string {
  const parts = terms
    .filter(([c]) => c !== 0)
    .map(([c, name]) => `${c < 0 ? '-' : '+'} ${num(Math.abs(c))} ${name}`);
  return parts.length > 0 ? parts.join(' ') : `0 ${fallback}`;
}

function solve(highs: Highs, lp: string, what: string) {
  const solution = highs.solve(lp, OPTIONS);
  if (solution.Status !== 'Optimal' && solution.Status !== 'Infeasible') {
    throw new Error(`sortition: the ${what} ended "${solution.Status}"`);
  }
  return solution;
}

/** Multipliers of the pricing LP's dual: a bound on `Σ y_g c_g` over every composition, checkable by hand. */
export interface PricingMultipliers {
  /** Of `Σ c = seats` (any sign). */
  readonly seats: number;
  /** Of each quota's maximum and minimum (≥ 0). */
  readonly max: number[];
  readonly min: number[];
  /** Of each household's "at most one" (≥ 0). */
  readonly households: number[];
}

/**
 * Solves the dual of the pricing LP relaxation, `max Σ y_g c_g` over real `c` in `[0, n_g]` meeting the
 * seats, quotas and households: `min seats·a + Σ max_q b_q − Σ min_q m_q + Σ e_h + Σ n_g d_g` s.t.
 * `a + Σ_{q∋g} (b_q − m_q) + Σ_{h∋g} e_h + d_g ≥ y_g`, all but `a` non-negative. Any such multipliers
 * bound every composition's price (weak duality), which is what a verifier checks.
 */
export function pricingMultipliers(
  highs: Highs,
  model: GroupModel,
  y: readonly number[],
): PricingMultipliers {
  const inQuotas = model.sizes.map(() => [] as number[]);
  model.quotaGroups.forEach((groups, q) => groups.forEach((g) => inQuotas[g].push(q)));
  const inHousehold = model.sizes.map(() => [] as number[]);
  model.households.forEach((groups, h) => groups.forEach((g) => inHousehold[g].push(h)));
  const objective: [number, string][] = [[model.seats, 'a']];
  model.quotas.forEach((quota, q) => objective.push([quota.max, `b${q}`], [-quota.min, `m${q}`]));
  model.households.forEach((_, h) => objective.push([1, `e${h}`]));
  model.sizes.forEach((n, g) => objective.push([n, `d${g}`]));
  const rows = model.sizes.map((_, g) => {
    const terms: [number, string][] = [
      [1, 'a'],
      [1, `d${g}`],
    ];
    inQuotas[g].forEach((q) => terms.push([1, `b${q}`], [-1, `m${q}`]));
    inHousehold[g].forEach((h) => terms.push([1, `e${h}`]));
    return ` r${g}: ${sum(terms, 'a')} >= ${num(y[g])}`;
  });
  const lp = ['Minimize', ` obj: ${sum(objective, 'a')}`, 'Subject To', ...rows, 'Bounds', ' a free', 'End'];
  const solution = solve(highs, lp.join('\n'), 'pricing bound LP');
  if (solution.Status !== 'Optimal') {
    throw new Error('sortition: the pricing bound LP has no solution');
  }
  const value = (name: string) => solution.Columns[name]?.Primal ?? 0;
  const nonNegative = (name: string) => Math.max(0, value(name));
  return {
    seats: value('a'),
    max: model.quotas.map((_, q) => nonNegative(`b${q}`)),
    min: model.quotas.map((_, q) => nonNegative(`m${q}`)),
    households: model.households.map((_, h) => nonNegative(`e${h}`)),
  };
}

/**
 * The bound the multipliers prove: `seats·a + Σ max_q b_q − Σ min_q m_q + Σ e_h + Σ n_g d_g` with the
 * smallest admissible `d_g = max(0, y_g − a − Σ_{q∋g}(b_q − m_q) − Σ_{h∋g} e_h)`. No solver: plain sums.
 */
export function pricingBound(model: GroupModel, y: readonly number[], m: PricingMultipliers): number {
  const reduced = model.sizes.map((_, g) => y[g] - m.seats);
  model.quotaGroups.forEach((groups, q) => groups.forEach((g) => (reduced[g] -= m.max[q] - m.min[q])));
  model.households.forEach((groups, h) => groups.forEach((g) => (reduced[g] -= m.households[h])));
  let bound = model.seats * m.seats;
  model.quotas.forEach((quota, q) => (bound += quota.max * m.max[q] - quota.min * m.min[q]));
  m.households.forEach((e) => (bound += e));
  model.sizes.forEach((n, g) => (bound += n * Math.max(0, reduced[g])));
  return bound;
}
