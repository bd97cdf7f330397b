import { IdIndex } from './id-index';
import { type Scope, SCOPES } from './types';

/** A slot with no delegation entry. */
export const NO_LIST = -1;

/** A delegation entry that will expire: its slot (`member * 3 + scope`) and the time, in ms since 1970. */
export interface PendingExpiry {
  readonly time: number;
  readonly key: number;
}

/**
 * The ballot's members and their delegation entries, interned into typed arrays.
 *
 * Each member has three slots (bill, topic, global), each holding the pool offset of a trustee list or
 * {@link NO_LIST}. A list is stored in `pool` as its length followed by the trustees; a trustee is a member
 * index (≥ 0) or `-(k + 1)` for the k-th outsider (an id that is not a member). `reverse` lists, for each
 * member, every member having it in any slot (a superset of the effective edges; stale entries are
 * filtered by the readers), in CSR form plus an overflow map for entries added later.
 */
export class DelegationGraph {
  /** Number of members. */
  readonly n: number;
  /** Member weight in micro-units. */
  readonly weight: Float64Array;
  /** 1 for an active member. */
  readonly active: Uint8Array;
  /** Choice code of a member's vote (0: none; 1 yes, 2 no, 3 abstain). */
  readonly vote: Uint8Array;
  /** Pool offsets of the bill, topic and global lists of each member. */
  readonly slots: Int32Array;
  /** Total weight of the active members, in micro-units. */
  readonly totalUnits: number;
  pool: Int32Array;
  private poolSize = 0;
  private poolGarbage = 0;
  reverseStart = new Int32Array(1);
  reverseList = new Int32Array(0);
  /** For each reverse entry: `rank << 2 | slot` of the edge in the delegator's list. */
  reverseMeta = new Uint32Array(0);
  /** True while the reverse CSR holds exactly the edges of the current slots (no stale or extra entry). */
  reverseClean = false;
  /** Reverse entries added since the last rebuild. */
  readonly reverseExtra = new Map<number, number[]>();
  private reverseExtraCount = 0;

  constructor(
    readonly members: IdIndex,
    weight: Float64Array,
    active: Uint8Array,
    readonly billTopic: string | undefined,
    readonly outsiders = new IdIndex(),
  ) {
    this.n = members.size;
    this.weight = weight;
    this.active = active;
    this.vote = new Uint8Array(this.n);
    this.slots = new Int32Array(this.n * 3).fill(NO_LIST);
    this.pool = new Int32Array(16);
    let total = 0;
    for (let u = 0; u < this.n; u++) {
      total += active[u] ? weight[u] : 0;
    }
    this.totalUnits = total;
  }

  /**
   * The same graph with members renumbered: the member at index `order[i]` gets index `i`. The tally
   * renumbers members in breadth-first order from the voters, so that the delegators found from one
   * trustee sit next to each other in memory, which makes the full tally several times faster.
   */
  permuted(order: Int32Array): { graph: DelegationGraph; newIndex: Int32Array } {
    const { n } = this;
    const newIndex = new Int32Array(n);
    order.forEach((old, i) => {
      newIndex[old] = i;
    });
    const weight = new Float64Array(n);
    const active = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      weight[i] = this.weight[order[i]];
      active[i] = this.active[order[i]];
    }
    const graph = new DelegationGraph(
      this.members.permuted(order, newIndex),
      weight,
      active,
      this.billTopic,
      this.outsiders,
    );
    graph.pool = new Int32Array(Math.max(16, this.poolSize - this.poolGarbage));
    for (let i = 0; i < n; i++) {
      graph.vote[i] = this.vote[order[i]];
      for (let slot = 0; slot < 3; slot++) {
        const list = this.slots[order[i] * 3 + slot];
        if (list === NO_LIST) {
          continue;
        }
        const length = this.pool[list];
        const copy = graph.poolSize;
        graph.pool[copy] = length;
        for (let k = 1; k <= length; k++) {
          const t = this.pool[list + k];
          graph.pool[copy + k] = t >= 0 ? newIndex[t] : t;
        }
        graph.poolSize = copy + 1 + length;
        graph.slots[i * 3 + slot] = copy;
      }
    }
    graph.rebuildReverse();
    return { graph, newIndex };
  }

  /** Slot number of a delegation entry for this bill, or -1 when it does not apply to it. */
  slotOf(scope: Scope, topic?: string): number {
    if (scope === 'topic') {
      return topic !== undefined && topic === this.billTopic ? 1 : -1;
    }
    return SCOPES.indexOf(scope);
  }

  /** True for an active member with a vote. */
  isVoter(u: number): boolean {
    return this.active[u] === 1 && this.vote[u] !== 0;
  }

  /**
   * Pool offset of the list that applies to `u` (bill, else topic, else global), or {@link NO_LIST} when
   * `u` is inactive, votes, or has no entry. An applicable empty list ("no delegation here") is returned:
   * it blocks the broader scopes.
   */
  effective(u: number): number {
    if (this.active[u] === 0 || this.vote[u] !== 0) {
      return NO_LIST;
    }
    const base = u * 3;
    const bill = this.slots[base];
    if (bill !== NO_LIST) {
      return bill;
    }
    const topic = this.slots[base + 1];
    return topic !== NO_LIST ? topic : this.slots[base + 2];
  }

  /**
   * Which slot applies to each member (0 bill, 1 topic, 2 global), or 3 when none does (inactive, voting,
   * or no entry). One sequential pass.
   */
  effectiveSlots(): Uint8Array {
    const { n, slots, active, vote } = this;
    const result = new Uint8Array(n);
    for (let u = 0, key = 0; u < n; u++, key += 3) {
      result[u] =
        active[u] === 0 || vote[u] !== 0
          ? 3
          : slots[key] !== NO_LIST
            ? 0
            : slots[key + 1] !== NO_LIST
              ? 1
              : slots[key + 2] !== NO_LIST
                ? 2
                : 3;
    }
    return result;
  }

  /** Position of trustee `t` in the list at `list`, or -1. */
  rankIn(list: number, t: number): number {
    const length = this.pool[list];
    for (let k = 0; k < length; k++) {
      if (this.pool[list + 1 + k] === t) {
        return k;
      }
    }
    return -1;
  }

  /** The id of a trustee code (member index or outsider code). */
  idOf(t: number): string {
    return t >= 0 ? this.members.idOf(t) : this.outsiders.idOf(-t - 1);
  }

  /** Appends a trustee list to the pool and returns its offset. */
  writeList(trustees: readonly string[]): number {
    const needed = this.poolSize + 1 + trustees.length;
    if (needed > this.pool.length) {
      this.compactOrGrow(needed);
    }
    const list = this.poolSize;
    const { pool, members } = this;
    pool[list] = trustees.length;
    for (let k = 0; k < trustees.length; k++) {
      const id = trustees[k];
      const t = members.get(id);
      pool[list + 1 + k] = t >= 0 ? t : -this.outsiders.add(id) - 1;
    }
    this.poolSize = list + 1 + trustees.length;
    return list;
  }

  /** Appends a list of trustee codes (`source[from … from + length)`) to the pool and returns its offset. */
  writeCodes(source: Int32Array, from: number, length: number): number {
    const needed = this.poolSize + 1 + length;
    if (needed > this.pool.length) {
      this.compactOrGrow(needed);
    }
    const list = this.poolSize;
    this.pool[list] = length;
    this.pool.set(source.subarray(from, from + length), list + 1);
    this.poolSize = needed;
    return list;
  }

  /** Puts a list (or {@link NO_LIST}) into a slot (`member * 3 + scope`), recording the reverse edges. */
  setSlot(key: number, list: number): void {
    const old = this.slots[key];
    if (old !== NO_LIST) {
      this.poolGarbage += 1 + this.pool[old];
    }
    this.slots[key] = list;
    this.reverseClean = false;
    if (list === NO_LIST) {
      return;
    }
    const from = Math.floor(key / 3);
    const length = this.pool[list];
    for (let k = 0; k < length; k++) {
      const t = this.pool[list + 1 + k];
      if (t >= 0) {
        const extra = this.reverseExtra.get(t);
        if (extra) {
          extra.push(from);
        } else {
          this.reverseExtra.set(t, [from]);
        }
        this.reverseExtraCount++;
      }
    }
    if (this.reverseExtraCount > 4096 + this.reverseList.length / 4) {
      this.rebuildReverse();
    }
  }

  /** Rebuilds the reverse CSR from every slot of every active member. */
  rebuildReverse(): void {
    const { n, pool, slots, active } = this;
    const start = new Int32Array(n + 1);
    for (let key = 0; key < n * 3; key++) {
      const list = slots[key];
      if (list === NO_LIST || active[(key / 3) | 0] === 0) {
        continue;
      }
      for (let k = pool[list]; k > 0; k--) {
        const t = pool[list + k];
        if (t >= 0) {
          start[t + 1]++;
        }
      }
    }
    for (let u = 0; u < n; u++) {
      start[u + 1] += start[u];
    }
    const fill = start.slice(0, n);
    const reverse = new Int32Array(start[n]);
    const meta = new Uint32Array(start[n]);
    for (let key = 0; key < n * 3; key++) {
      const list = slots[key];
      if (list === NO_LIST || active[(key / 3) | 0] === 0) {
        continue;
      }
      const from = (key / 3) | 0;
      const slot = key - from * 3;
      for (let k = pool[list]; k > 0; k--) {
        const t = pool[list + k];
        if (t >= 0) {
          const at = fill[t]++;
          reverse[at] = from;
          meta[at] = ((k - 1) << 2) | slot;
        }
      }
    }
    this.reverseStart = start;
    this.reverseList = reverse;
    this.reverseMeta = meta;
    this.reverseClean = true;
    this.reverseExtra.clear();
    this.reverseExtraCount = 0;
  }

  /** Makes room for `needed` pool entries: compacts when half the pool is garbage, else doubles it. */
  private compactOrGrow(needed: number): void {
    const appended = needed - this.poolSize;
    if (this.poolGarbage * 2 < this.poolSize) {
      const grown = new Int32Array(Math.max(2 * this.pool.length, needed));
      grown.set(this.pool.subarray(0, this.poolSize));
      this.pool = grown;
      return;
    }
    const live = this.poolSize - this.poolGarbage;
    const compacted = new Int32Array(Math.max(16, 2 * (live + appended)));
    let size = 0;
    for (let key = 0; key < this.slots.length; key++) {
      const list = this.slots[key];
      if (list === NO_LIST) {
        continue;
      }
      const length = this.pool[list] + 1;
      compacted.set(this.pool.subarray(list, list + length), size);
      this.slots[key] = size;
      size += length;
    }
    this.pool = compacted;
    this.poolSize = size;
    this.poolGarbage = 0;
  }
}

/** Choice code of a vote (1 yes, 2 no, 3 abstain). */
export function choiceCode(choice: 'yes' | 'no' | 'abstain'): number {
  return choice === 'yes' ? 1 : choice === 'no' ? 2 : 3;
}
