import { CompactScenario, graphOfCompact } from './compact-scenario';
import { TallyError } from './errors';
import { choiceCode, type DelegationGraph, NO_LIST, type PendingExpiry } from './graph';
import { graphOfScenario } from './graph-of-scenario';
import { Resolution } from './resolution';
import { buildResult, representationOf, totalsOf } from './result';
import { buildResultJsonBytes } from './result-json';
import { type MandateV1, type ScenarioV1 } from './scenario';
import {
  type Choice,
  type Representation,
  type Scope,
  type TallyResult,
  type TallyStats,
  type Totals,
} from './types';
import { sortedOrder } from './id-order';
import { fromUnits, toUnits, UNIT_SCALE } from './units';

/** A delegation entry given to {@link LiveTally.setDelegation}; same fields as in scenario format v1. */
export interface DelegationInput {
  readonly from: string;
  readonly scope: Scope;
  /** Required for (and only for) topic scope. */
  readonly topic?: string;
  /** Ranked trustees; `[]` means "no delegation at this scope" and blocks the broader ones. */
  readonly to: readonly string[];
  /** ISO 8601 date-time; the entry is ignored from then on. */
  readonly expiresAt?: string;
}

/**
 * An exact tally kept up to date as votes and delegations change, built from a scenario snapshot.
 *
 * Each change repairs only the members whose chain may change (see {@link Resolution.update}), so the
 * totals stay exact without recomputing everything; {@link totals} and {@link stats} are O(1), {@link result}
 * builds the full result. Members are fixed at construction; operations naming an unknown member throw a
 * {@link TallyError} and change nothing.
 */
export class LiveTally {
  private graph: DelegationGraph;
  private resolution: Resolution;
  /** True once members are renumbered in breadth-first order (see {@link recompute}). */
  private laidOut = false;
  /** Member indices in id order, computed on the first {@link result}. */
  private idOrder: Int32Array | undefined;
  private readonly mandate: MandateV1 | undefined;
  private at: number | undefined;
  /** Expiry time of each slot holding an expiring entry. */
  private readonly expiring = new Map<number, number>();
  /** Expiries to apply, latest first (so the next one is popped from the end). */
  private pending: PendingExpiry[];
  private pendingSorted = false;

  /**
   * Builds the tally of a parsed scenario (see {@link parseScenario}), or of one read by
   * {@link readScenarioText}.
   * @throws RangeError when a member id appears twice or the total weight exceeds the format's limit
   */
  constructor(scenario: ScenarioV1 | CompactScenario) {
    const compact = scenario instanceof CompactScenario;
    const { graph, expiries } = compact ? graphOfCompact(scenario) : graphOfScenario(scenario);
    this.graph = graph;
    this.mandate = scenario.mandate;
    this.at = scenario.at === undefined ? undefined : Date.parse(scenario.at);
    this.pending = expiries;
    for (const expiry of this.pending) {
      this.expiring.set(expiry.key, expiry.time);
    }
    const maxShare = compact ? scenario.maxShare : scenario.cap?.maxShare;
    this.resolution = new Resolution(graph, capUnits(maxShare, graph.totalUnits));
    this.resolution.resolveAll();
  }

  /** Number of members. */
  get size(): number {
    return this.graph.n;
  }

  /** Casts or changes `member`'s vote. */
  castVote(member: string, choice: Choice): void {
    const u = this.indexOf(member);
    const code = choiceCode(choice);
    const old = this.graph.vote[u];
    if (old === code) {
      return;
    }
    this.graph.vote[u] = code;
    if (this.graph.active[u] === 0) {
      return;
    }
    if (old !== 0) {
      this.resolution.changeChoice(u);
    } else {
      this.resolution.update(u);
    }
  }

  /** Withdraws `member`'s vote: its applicable delegation, if any, applies again. */
  withdrawVote(member: string): void {
    const u = this.indexOf(member);
    if (this.graph.vote[u] === 0) {
      return;
    }
    this.graph.vote[u] = 0;
    if (this.graph.active[u] === 1) {
      this.resolution.update(u);
    }
  }

  /**
   * Adds or replaces `from`'s delegation at one scope. Topic-scope entries for another topic than the bill's
   * are accepted and have no effect on this ballot; an entry already expired empties the slot.
   */
  setDelegation(delegation: DelegationInput): void {
    const u = this.indexOf(delegation.from);
    const slot = this.slotOf(delegation.scope, delegation.topic);
    const seen = new Set<string>();
    for (const trustee of delegation.to) {
      if (typeof trustee !== 'string' || trustee === '' || seen.has(trustee)) {
        throw new TallyError('invalid-delegation', `to: "${trustee}" must be a non-empty id listed once`);
      }
      seen.add(trustee);
    }
    const expiresAt = delegation.expiresAt === undefined ? undefined : parseTime(delegation.expiresAt);
    if (slot < 0) {
      return;
    }
    const key = u * 3 + slot;
    this.expiring.delete(key);
    if (expiresAt !== undefined && this.at !== undefined && expiresAt <= this.at) {
      this.applySlot(u, key, NO_LIST);
      return;
    }
    const list = this.graph.writeList(delegation.to);
    if (expiresAt !== undefined) {
      this.expiring.set(key, expiresAt);
      this.pending.push({ time: expiresAt, key });
      this.pendingSorted = false;
    }
    this.applySlot(u, key, list);
  }

  /** Removes `from`'s delegation at one scope, so that a broader one (if any) applies again. */
  revokeDelegation(from: string, scope: Scope, topic?: string): void {
    const u = this.indexOf(from);
    const slot = this.slotOf(scope, topic);
    if (slot < 0) {
      return;
    }
    this.expiring.delete(u * 3 + slot);
    this.applySlot(u, u * 3 + slot, NO_LIST);
  }

  /** Moves the clock to `at` (ISO 8601): delegations with `expiresAt ≤ at` stop applying. */
  advanceTo(at: string): void {
    const time = parseTime(at);
    if (this.at !== undefined && time < this.at) {
      throw new TallyError('invalid-time', `at: must not go back in time`);
    }
    this.at = time;
    if (!this.pendingSorted) {
      this.pending.sort((a, b) => b.time - a.time);
      this.pendingSorted = true;
    }
    while (this.pending.length > 0 && this.pending[this.pending.length - 1].time <= time) {
      const { key, time: expiresAt } = this.pending.pop() as PendingExpiry;
      if (this.expiring.get(key) === expiresAt) {
        this.expiring.delete(key);
        this.applySlot(Math.floor(key / 3), key, NO_LIST);
      }
    }
  }

  /** Weight per choice and absent, O(1). */
  totals(): Totals {
    return totalsOf(this.graph, this.resolution);
  }

  /** Turnout and delegated share, O(1). */
  stats(): TallyStats {
    const { graph, resolution } = this;
    const [, yes, no, abstain] = resolution.counted;
    const counted = yes + no + abstain;
    const share = (units: number): number => (graph.totalUnits > 0 ? units / graph.totalUnits : 0);
    return {
      totalWeight: fromUnits(graph.totalUnits),
      directWeight: fromUnits(resolution.direct),
      delegatedWeight: fromUnits(resolution.delegated),
      countedWeight: fromUnits(counted),
      turnout: share(counted),
      delegatedShare: share(resolution.delegated),
    };
  }

  /** The full result (format v1), identical to {@link tally} on the equivalent scenario. */
  result(): TallyResult {
    this.idOrder ??= sortedOrder(this.graph.members.ids());
    return buildResult(this.graph, this.resolution, this.mandate, this.idOrder);
  }

  /** `JSON.stringify(result())`, written without building the result object first (faster for large ballots). */
  resultJson(): string {
    return new TextDecoder().decode(this.resultJsonBytes());
  }

  /** {@link resultJson} encoded as UTF-8, written straight as bytes (what a command line prints). */
  resultJsonBytes(): Uint8Array {
    this.idOrder ??= sortedOrder(this.graph.members.ids());
    return buildResultJsonBytes(this.graph, this.resolution, this.mandate, this.idOrder);
  }

  /** "Who represents me" for a member id (any string: unknown ids are `not-member`). */
  representation(memberId: string): Representation {
    return representationOf(this.graph, this.resolution, memberId);
  }

  /**
   * Recomputes everything from the current state (to time a full tally, or once after the build of a tally
   * kept for a ballot's life). The first call also renumbers the members in breadth-first order from the
   * voters (see {@link DelegationGraph.permuted}), which makes later updates and full searches several times
   * faster; the build does not, as a one-off tally gains nothing from it.
   */
  recompute(): void {
    if (!this.laidOut) {
      this.layOut(this.resolution.resolveAll());
    }
    this.resolution.resolveAll();
  }

  /** Renumbers the members in the order given by the search (`reached` first, then the others). */
  private layOut(reached: Int32Array): void {
    const { graph, newIndex } = this.graph.permuted(breadthFirstOrder(this.graph, reached));
    const rekey = (key: number): number => newIndex[Math.floor(key / 3)] * 3 + (key % 3);
    this.pending = this.pending.map(({ time, key }) => ({ time, key: rekey(key) }));
    const expiring = [...this.expiring];
    this.expiring.clear();
    for (const [key, time] of expiring) {
      this.expiring.set(rekey(key), time);
    }
    if (this.idOrder) {
      this.idOrder = this.idOrder.map((u) => newIndex[u]);
    }
    this.graph = graph;
    this.resolution = new Resolution(graph, this.resolution.cap);
    this.laidOut = true;
  }

  private applySlot(u: number, key: number, list: number): void {
    const before = this.graph.effective(u);
    this.graph.setSlot(key, list);
    if (this.graph.effective(u) !== before) {
      this.resolution.update(u);
    }
  }

  private slotOf(scope: Scope, topic: string | undefined): number {
    if (scope !== 'bill' && scope !== 'topic' && scope !== 'global') {
      throw new TallyError('invalid-delegation', `scope: must be one of "global", "topic", "bill"`);
    }
    if ((scope === 'topic') !== (topic !== undefined)) {
      throw new TallyError('invalid-delegation', 'topic: is required for, and only for, topic scope');
    }
    return this.graph.slotOf(scope, topic);
  }

  private indexOf(member: string): number {
    const u = this.graph.members.get(member);
    if (u < 0) {
      throw new TallyError('unknown-member', `member: "${member}" is not a member of this ballot`);
    }
    return u;
  }
}

/** All members: those reached in breadth-first order, then the others in index order. */
function breadthFirstOrder(graph: DelegationGraph, reached: Int32Array): Int32Array {
  const order = new Int32Array(graph.n);
  order.set(reached);
  const seen = new Uint8Array(graph.n);
  for (const u of reached) {
    seen[u] = 1;
  }
  let next = reached.length;
  for (let u = 0; u < graph.n; u++) {
    if (seen[u] === 0) {
      order[next++] = u;
    }
  }
  return order;
}

/** The cap in micro-units: ⌊maxShare × total⌋, computed exactly; Infinity without a cap. */
export function capUnits(maxShare: number | undefined, totalUnits: number): number {
  if (maxShare === undefined) {
    return Infinity;
  }
  const share = toUnits(maxShare);
  if (share === undefined || share === 0 || share > UNIT_SCALE) {
    throw new RangeError('cap.maxShare: must be greater than 0, at most 1, with at most 6 decimal places');
  }
  return Number((BigInt(share) * BigInt(totalUnits)) / BigInt(UNIT_SCALE));
}

function parseTime(text: string): number {
  const time = Date.parse(text);
  if (!Number.isFinite(time)) {
    throw new TallyError('invalid-time', `"${text}" must be an ISO 8601 date-time`);
  }
  return time;
}
