import highsLoader, { type Highs } from 'highs';
import { inQuota } from './quotas';
import type { PoolEntry, Quota } from './types';

let loading: Promise<Highs> | undefined;

/** Quiet, and exact enough for the pricing step (HiGHS is deterministic for one model text). */
const SOLVER_OPTIONS = { output_flag: false, mip_rel_gap: 1e-9 } as const;

/** The HiGHS solver (WebAssembly), loaded once per process. */
export function loadSolver(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

/** A number as CPLEX LP text (JavaScript's shortest round-trip form, e.g. `0.25`, `1e-7`). */
function num(value: number): string {
  return Number.isFinite(value) ? String(value) : '0';
}

/** `+ 0.5 x3 + 1 x7`: a linear expression over the named variables. */
function terms(coefficients: ReadonlyMap<string, number>): string {
  const parts: string[] = [];
  for (const [name, c] of coefficients) {
    parts.push(`${c < 0 ? '-' : '+'} ${num(Math.abs(c))} ${name}`);
  }
  return parts.length > 0 ? parts.join(' ') : '0 dummy';
}

/** One panel: indexes into the pool, ascending. */
export type PanelIndexes = number[];

/**
 * Finds a quota-satisfying panel of `seats` volunteers maximising `Σ weight[i]·x[i]` (a MIP over binary
 * `x`), with `forced` volunteers in it. Returns undefined when no such panel exists.
 */
export function bestPanel(
  highs: Highs,
  pool: readonly PoolEntry[],
  quotas: readonly Quota[],
  seats: number,
  weights: readonly number[],
  forced: readonly number[] = [],
): { panel: PanelIndexes; value: number } | undefined {
  const x = (i: number) => `x${i}`;
  const objective = new Map<string, number>();
  weights.forEach((w, i) => {
    if (w !== 0) {
      objective.set(x(i), w);
    }
  });
  const rows: string[] = [` seats: ${pool.map((_, i) => `+ 1 ${x(i)}`).join(' ')} = ${seats}`];
  quotas.forEach((quota, q) => {
    const members = pool.flatMap((entry, i) => (inQuota(entry, quota) ? [`+ 1 ${x(i)}`] : []));
    const expression = members.length > 0 ? members.join(' ') : '0 x0';
    rows.push(` qmin${q}: ${expression} >= ${quota.min}`);
    rows.push(` qmax${q}: ${expression} <= ${quota.max}`);
  });
  const bounds = forced.map((i) => ` 1 <= ${x(i)} <= 1`);
  const lp = [
    'Maximize',
    ` obj: ${objective.size > 0 ? terms(objective) : `0 ${x(0)}`}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    'Binary',
    ` ${pool.map((_, i) => x(i)).join(' ')}`,
    'End',
  ].join('\n');
  const solution = highs.solve(lp, SOLVER_OPTIONS);
  if (solution.Status !== 'Optimal') {
    return undefined;
  }
  const panel: number[] = [];
  pool.forEach((_, i) => {
    const column = solution.Columns[x(i)];
    if (column && Math.round(column.Primal) === 1) {
      panel.push(i);
    }
  });
  const value = panel.reduce((sum, i) => sum + weights[i], 0);
  return { panel, value };
}

/**
 * The dual of the maximin LP over the known panels: `min t` s.t. `Σ_{i∈P} y_i ≤ t` for each panel,
 * `Σ y_i = 1`, `y ≥ 0` (over the coverable volunteers). Its `y` prices the next panel.
 */
export function dualPrices(
  highs: Highs,
  coverable: readonly number[],
  panels: readonly PanelIndexes[],
): { y: Map<number, number>; t: number } {
  const inCover = new Set(coverable);
  const y = (i: number) => `y${i}`;
  const rows = panels.map((panel, p) => {
    const members = panel.filter((i) => inCover.has(i)).map((i) => `+ 1 ${y(i)}`);
    return ` p${p}: ${members.join(' ')} - 1 t <= 0`;
  });
  rows.push(` sum: ${coverable.map((i) => `+ 1 ${y(i)}`).join(' ')} = 1`);
  const lp = ['Minimize', ' obj: 1 t', 'Subject To', ...rows, 'Bounds', ' t free', 'End'].join('\n');
  const solution = highs.solve(lp, SOLVER_OPTIONS);
  if (solution.Status !== 'Optimal') {
    throw new Error(`sortition: the pricing LP ended "${solution.Status}"`);
  }
  const prices = new Map<number, number>();
  for (const i of coverable) {
    const value = solution.Columns[y(i)]?.Primal ?? 0;
    prices.set(i, value > 1e-12 ? value : 0);
  }
  return { y: prices, t: solution.ObjectiveValue };
}

/**
 * The maximin LP over the known panels: `max z` s.t. `Σ_{P∋i} λ_P ≥ z` for each coverable volunteer,
 * `Σ λ_P = 1`, `λ ≥ 0`. Returns the panel probabilities `λ` and `z`.
 */
export function maximinWeights(
  highs: Highs,
  coverable: readonly number[],
  panels: readonly PanelIndexes[],
): { lambda: number[]; z: number } {
  const l = (p: number) => `l${p}`;
  const containing = new Map<number, number[]>(coverable.map((i) => [i, []]));
  panels.forEach((panel, p) => panel.forEach((i) => containing.get(i)?.push(p)));
  const rows = coverable.map((i) => {
    const ps = containing.get(i) ?? [];
    return ` c${i}: ${ps.map((p) => `+ 1 ${l(p)}`).join(' ')} - 1 z >= 0`;
  });
  rows.push(` sum: ${panels.map((_, p) => `+ 1 ${l(p)}`).join(' ')} = 1`);
  const lp = ['Maximize', ' obj: 1 z', 'Subject To', ...rows, 'End'].join('\n');
  const solution = highs.solve(lp, SOLVER_OPTIONS);
  if (solution.Status !== 'Optimal') {
    throw new Error(`sortition: the maximin LP ended "${solution.Status}"`);
  }
  const lambda = panels.map((_, p) => Math.max(0, solution.Columns[l(p)]?.Primal ?? 0));
  return { lambda, z: solution.ObjectiveValue };
}
