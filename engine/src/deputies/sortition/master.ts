import type { Highs, Model } from 'highs';
import type { Composition, GroupModel } from './groups';

type Solver = Highs;

/** A relaxed count this close to an integer is that integer. */
const INTEGRALITY = 1e-9;

/**
 * Single-threaded, quiet, exact enough; HiGHS is deterministic for one sequence of calls. Feasibility within
 * 10⁻¹⁰ (HiGHS's default is 10⁻⁷): the master's `λ` become the published distribution, and a `Σ λ = 1` or a
 * fixed group's row met only within 10⁻⁷ moved later levels' certificates by up to 1.7·10⁻⁶ (the earlier
 * groups' prices outweigh the open ones' up to 8,000 times), over the verifier's tolerance (issue #17).
 */
function configure(model: Model): void {
  model.options.set({
    output_flag: false,
    mip_rel_gap: 1e-9,
    primal_feasibility_tolerance: 1e-10,
    dual_feasibility_tolerance: 1e-10,
  });
}

/**
 * The pricing problem kept in one HiGHS model: integer counts `c[g]` in `[lower, n_g]`, the seats, the
 * quotas' minimums and maximums and the households' "at most one". Only costs and bounds change between
 * calls, so the model is built once.
 */
export class PricingModel {
  private readonly model: Model;
  private readonly quotaRows: number[] = [];

  /**
   * @param relaxed real counts instead of integers: the LP relaxation, fast, whose optimum bounds every
   * composition's price (and often is one).
   */
  constructor(
    readonly highs: Solver,
    private readonly groups: GroupModel,
    private readonly relaxed = false,
  ) {
    const T = groups.sizes.length;
    const rowsOf = groups.sizes.map(() => [] as number[]);
    const rowLower = [groups.seats];
    const rowUpper = [groups.seats];
    groups.sizes.forEach((_, g) => rowsOf[g].push(0));
    groups.quotas.forEach((quota, q) => {
      this.quotaRows.push(rowLower.length);
      groups.quotaGroups[q].forEach((g) => rowsOf[g].push(rowLower.length));
      rowLower.push(quota.min);
      rowUpper.push(quota.max);
    });
    groups.households.forEach((household) => {
      household.forEach((g) => rowsOf[g].push(rowLower.length));
      rowLower.push(0);
      rowUpper.push(1);
    });
    const starts = [0];
    const indices: number[] = [];
    for (const rows of rowsOf) {
      indices.push(...rows);
      starts.push(indices.length);
    }
    this.model = highs.createModel();
    configure(this.model);
    this.model.passModel({
      numCols: T,
      numRows: rowLower.length,
      sense: highs.constants.objectiveSense.maximize,
      colCost: groups.sizes.map(() => 0),
      colLower: groups.sizes.map(() => 0),
      colUpper: [...groups.sizes],
      rowLower,
      rowUpper,
      matrix: {
        format: 'csc',
        numRows: rowLower.length,
        numCols: T,
        starts,
        indices,
        values: indices.map(() => 1),
      },
      ...(relaxed ? {} : { integrality: groups.sizes.map(() => highs.constants.variableType.integer) }),
    });
  }

  /**
   * The composition of greatest `Σ weight[g]·c[g]` with `lower[g] ≤ c[g] ≤ upper[g]`, only the quotas whose
   * `mask` is true (all by default); undefined when none exists.
   */
  best(
    weights: readonly number[],
    lower: readonly number[] = [],
    mask?: readonly boolean[],
    upper: readonly number[] = this.groups.sizes,
  ): { counts: Composition; value: number; fractional: boolean } | undefined {
    const T = this.groups.sizes.length;
    const all = { kind: 'range', from: 0, to: T - 1 } as const;
    this.model.changeColsCost(all, [...weights]);
    this.model.changeColsBounds(
      all,
      this.groups.sizes.map((_, g) => lower[g] ?? 0),
      [...upper],
    );
    this.groups.quotas.forEach((quota, q) => {
      const on = mask?.[q] ?? true;
      this.model.changeRowBounds(this.quotaRows[q], on ? quota.min : 0, on ? quota.max : this.groups.seats);
    });
    const { modelStatus } = this.model.run();
    if (modelStatus !== this.highs.constants.modelStatus.optimal) {
      if (modelStatus === this.highs.constants.modelStatus.infeasible) {
        return undefined;
      }
      throw new Error(`sortition: the pricing MIP ended with status ${modelStatus}`);
    }
    const values = Array.from(this.model.getSolution().colValue);
    if (this.relaxed && values.some((v) => Math.abs(v - Math.round(v)) > INTEGRALITY)) {
      return { counts: values, value: this.model.getObjectiveValue(), fractional: true };
    }
    const counts = values.map((v) => Math.round(v));
    return { counts, value: counts.reduce((s, n, g) => s + n * weights[g], 0), fractional: false };
  }

  /** Frees the native memory (garbage collection does not). */
  dispose(): void {
    this.model.dispose();
  }
}

/**
 * The restricted master LP of LEXIMIN, kept in one HiGHS model across rounds and levels (the simplex
 * restarts from the previous basis): column 0 is `z`, column `1 + p` the probability `λ_p` of the p-th
 * known composition; row `g` reads `Σ_p c_pg λ_p − n_g z ≥ 0` while the group is open and
 * `Σ_p c_pg λ_p ≥ n_g f_g` once fixed at `f_g`; the last row is `Σ λ = 1`. Maximise `z`.
 */
export class LevelMaster {
  private readonly model: Model;
  private readonly T: number;
  private panels = 0;

  constructor(
    private readonly highs: Solver,
    private readonly groups: GroupModel,
  ) {
    const T = (this.T = groups.sizes.length);
    this.model = highs.createModel();
    configure(this.model);
    // Primal simplex from the previous basis: a new column keeps the basis primal feasible.
    this.model.options.set({ presolve: 'off', simplex_strategy: 4 });
    const inf = highs.infinity;
    this.model.passModel({
      numCols: 1,
      numRows: T + 1,
      sense: highs.constants.objectiveSense.maximize,
      colCost: [1],
      colLower: [-inf],
      colUpper: [inf],
      rowLower: [...groups.sizes.map(() => 0), 1],
      rowUpper: [...groups.sizes.map(() => inf), 1],
      matrix: {
        format: 'csc',
        numRows: T + 1,
        numCols: 1,
        starts: [0, T],
        indices: groups.sizes.map((_, g) => g),
        values: groups.sizes.map((n) => -n),
      },
    });
  }

  addPanel(counts: Composition): void {
    const indices: number[] = [];
    const values: number[] = [];
    counts.forEach((n, g) => {
      if (n > 0) {
        indices.push(g);
        values.push(n);
      }
    });
    indices.push(this.T);
    values.push(1);
    this.model.addCol(0, 0, this.highs.infinity, { indices, values });
    this.panels += 1;
  }

  /** From now on group `g` keeps at least `f` and no longer takes part in `z`. */
  fix(g: number, f: number): void {
    this.model.changeCoefficient(g, 0, 0);
    this.model.changeRowBounds(g, this.groups.sizes[g] * f, this.highs.infinity);
  }

  /**
   * Solves; returns `z`, the prices `y_g ≥ 0` (row duals, so that `Σ_{open} n_g y_g = 1`), the price `μ` of
   * `Σ λ = 1` (a composition improves `z` iff `Σ y_g c_g > μ`), and the `λ`.
   */
  solve(): { z: number; y: number[]; mu: number; lambda: number[] } {
    let { modelStatus } = this.model.run();
    if (modelStatus !== this.highs.constants.modelStatus.optimal) {
      // The primal simplex may stall after a level fixes groups: the dual simplex from scratch then decides.
      this.model.options.set({ simplex_strategy: 1 });
      this.model.clearSolver();
      modelStatus = this.model.run().modelStatus;
      this.model.options.set({ simplex_strategy: 4 });
    }
    if (modelStatus !== this.highs.constants.modelStatus.optimal) {
      throw new Error(`sortition: the level LP ended with status ${modelStatus}`);
    }
    const solution = this.model.getSolution();
    const y = Array.from(solution.rowDual.subarray(0, this.T), (d) => Math.max(0, -d));
    return {
      z: this.model.getObjectiveValue(),
      y,
      mu: solution.rowDual[this.T],
      lambda: Array.from(solution.colValue.subarray(1, 1 + this.panels), (v) => Math.max(0, v)),
    };
  }

  /** Frees the native memory (garbage collection does not). */
  dispose(): void {
    this.model.dispose();
  }
}
