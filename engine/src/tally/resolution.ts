import { type DelegationGraph, NO_LIST } from './graph';

/** Distance of a member whose vote reaches no voter. */
export const UNREACHED = 0x7fffffff;
/** Seeds are packed as `distance * SHIFT + member` in a double. */
const SHIFT = 2 ** 26;

/**
 * Who carries whose vote: for every member, the length of its chain (`dist`, 0 for a voter), the trustee
 * its vote goes to (`parent`) and the voter at the end (`root`); for every voter, the weight reaching it
 * (`carried`) and the weight counted per choice after the cap.
 *
 * The labels satisfy, for every active non-voting member u with an applicable list L(u):
 * `dist(u) = 1 + min dist(t) over t in L(u)`, `parent(u)` = the first t in L(u) with `dist(t) = dist(u) − 1`,
 * which is the shortest chain with the lexicographically smallest rank sequence read from u onward.
 * {@link resolveAll} computes them by a multi-source reverse breadth-first search from the voters;
 * {@link update} repairs them after one member's vote or delegation changed, touching only the members whose
 * label may change.
 */
export class Resolution {
  readonly dist: Int32Array;
  readonly parent: Int32Array;
  readonly root: Int32Array;
  readonly carried: Float64Array;
  /** The choice code under which a voter's carried weight is counted (0 for none). */
  private readonly countedAs: Uint8Array;
  /** Counted weight per choice code (index 0 unused), in micro-units. */
  readonly counted = new Float64Array(4);
  /** Own weight of the voters. */
  direct = 0;
  /** Weight reaching voters through delegation, before the cap. */
  delegated = 0;
  private readonly stamp: Int32Array;
  private generation = 0;
  private readonly area: number[] = [];
  private readonly seeds: number[] = [];
  private current: number[] = [];
  private next: number[] = [];

  /** @param cap most weight counted for one voter, in micro-units (Infinity: no cap) */
  constructor(
    readonly graph: DelegationGraph,
    readonly cap: number,
  ) {
    const { n } = graph;
    if (n >= SHIFT) {
      throw new RangeError(`members: at most ${SHIFT - 1} members are supported`);
    }
    this.dist = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.root = new Int32Array(n);
    this.carried = new Float64Array(n);
    this.countedAs = new Uint8Array(n);
    this.stamp = new Int32Array(n);
  }

  /** Weight counted for a voter: what reaches it, limited by the cap. */
  countedFor(voter: number): number {
    return Math.min(this.carried[voter], this.cap);
  }

  /** Recomputes every label from scratch: a multi-source reverse breadth-first search, linear in size. */
  resolveAll(): void {
    const { graph, dist, parent, root, carried, countedAs } = this;
    const { n, pool, weight, reverseStart, reverseList, reverseExtra } = graph;
    dist.fill(UNREACHED);
    parent.fill(-1);
    root.fill(-1);
    carried.fill(0);
    countedAs.fill(0);
    const order = new Int32Array(n);
    let tail = 0;
    for (let u = 0; u < n; u++) {
      if (graph.isVoter(u)) {
        dist[u] = 0;
        root[u] = u;
        countedAs[u] = graph.vote[u];
        order[tail++] = u;
      }
    }
    const voters = tail;
    const hasExtra = reverseExtra.size > 0;
    for (let head = 0; head < tail; head++) {
      const u = order[head];
      const d = dist[u] + 1;
      for (let k = reverseStart[u], end = reverseStart[u + 1]; k < end; k++) {
        const y = reverseList[k];
        if (dist[y] === UNREACHED && this.delegatesTo(y, u)) {
          dist[y] = d;
          order[tail++] = y;
        }
      }
      const extra = hasExtra ? reverseExtra.get(u) : undefined;
      if (extra) {
        for (const y of extra) {
          if (dist[y] === UNREACHED && this.delegatesTo(y, u)) {
            dist[y] = d;
            order[tail++] = y;
          }
        }
      }
    }
    // Parents in breadth-first order, so that a parent's root is known before its delegators'.
    for (let i = voters; i < tail; i++) {
      const y = order[i];
      const list = graph.effective(y);
      const want = dist[y] - 1;
      for (let k = 1, length = pool[list]; k <= length; k++) {
        const t = pool[list + k];
        if (t >= 0 && dist[t] === want) {
          parent[y] = t;
          break;
        }
      }
      const r = root[parent[y]];
      root[y] = r;
      carried[r] += weight[y];
    }
    this.counted.fill(0);
    this.direct = 0;
    this.delegated = 0;
    for (let i = 0; i < voters; i++) {
      const u = order[i];
      carried[u] += weight[u];
      this.counted[countedAs[u]] += this.countedFor(u);
      this.direct += weight[u];
      this.delegated += carried[u] - weight[u];
    }
  }

  /** A voter changes its choice (it was and stays a voter); `graph.vote` must already hold the new one. */
  changeChoice(voter: number): void {
    const counted = this.countedFor(voter);
    this.counted[this.countedAs[voter]] -= counted;
    this.countedAs[voter] = this.graph.vote[voter];
    this.counted[this.countedAs[voter]] += counted;
  }

  /**
   * Repairs the labels after member `x` started or stopped voting or its applicable list changed (the graph
   * already holds the new state). If x's own distance does not grow, only x is re-seeded and the change
   * spreads to the delegators whose label improves; otherwise every member whose chain went through x is
   * re-seeded from its trustees outside that subtree. Both then run a level-by-level search (Dijkstra with
   * unit weights) over the affected members only.
   */
  update(x: number): void {
    const { dist, stamp } = this;
    const oldDist = dist[x];
    const newDist = this.graph.isVoter(x) ? 0 : this.bestDistance(x, -1);
    if (newDist === UNREACHED && oldDist === UNREACHED) {
      return;
    }
    const mark = this.nextGeneration();
    const area = this.area;
    area.length = 0;
    stamp[x] = mark;
    area.push(x);
    if (newDist > oldDist) {
      this.collectSubtree(mark);
    }
    const seeds = this.seeds;
    seeds.length = 0;
    for (const u of area) {
      this.detach(u);
    }
    for (const u of area) {
      const d = this.graph.isVoter(u) ? 0 : this.bestDistance(u, mark);
      if (d !== UNREACHED) {
        dist[u] = d;
        seeds.push(d * SHIFT + u);
      }
    }
    if (seeds.length > 1) {
      seeds.sort((a, b) => a - b);
    }
    this.propagate(mark);
    area.length = 0;
  }

  /** Shortest distance through `u`'s applicable list, ignoring trustees stamped `excluded`. */
  private bestDistance(u: number, excluded: number): number {
    const list = this.graph.effective(u);
    if (list === NO_LIST) {
      return UNREACHED;
    }
    const { pool } = this.graph;
    let best = UNREACHED;
    for (let k = 1, length = pool[list]; k <= length; k++) {
      const t = pool[list + k];
      if (t >= 0 && this.stamp[t] !== excluded && this.dist[t] !== UNREACHED && this.dist[t] + 1 < best) {
        best = this.dist[t] + 1;
      }
    }
    return best;
  }

  /** Adds to the area every member whose chain passes through a member already in it. */
  private collectSubtree(mark: number): void {
    const { area, parent, stamp } = this;
    const { reverseStart, reverseList, reverseExtra } = this.graph;
    for (let i = 0; i < area.length; i++) {
      const u = area[i];
      for (let k = reverseStart[u], end = reverseStart[u + 1]; k < end; k++) {
        const y = reverseList[k];
        if (parent[y] === u && stamp[y] !== mark) {
          stamp[y] = mark;
          area.push(y);
        }
      }
      const extra = reverseExtra.size > 0 ? reverseExtra.get(u) : undefined;
      if (extra) {
        for (const y of extra) {
          if (parent[y] === u && stamp[y] !== mark) {
            stamp[y] = mark;
            area.push(y);
          }
        }
      }
    }
  }

  /** Finalizes seeded and improved members level by level; `mark + 1` stamps a finalized member. */
  private propagate(mark: number): void {
    const { seeds, dist, stamp } = this;
    const { reverseStart, reverseList, reverseExtra } = this.graph;
    const done = mark + 1;
    let current = this.current;
    let next = this.next;
    current.length = 0;
    let s = 0;
    let level = 0;
    for (;;) {
      if (current.length === 0) {
        if (s >= seeds.length) {
          break;
        }
        level = Math.floor(seeds[s] / SHIFT);
      }
      while (s < seeds.length && Math.floor(seeds[s] / SHIFT) === level) {
        current.push(seeds[s] - level * SHIFT);
        s++;
      }
      next.length = 0;
      for (const u of current) {
        if (stamp[u] === done || dist[u] !== level) {
          continue;
        }
        this.finalize(u, level, done);
        for (let k = reverseStart[u], end = reverseStart[u + 1]; k < end; k++) {
          this.relax(reverseList[k], u, level + 1, mark, next);
        }
        const extra = reverseExtra.size > 0 ? reverseExtra.get(u) : undefined;
        if (extra) {
          for (const y of extra) {
            this.relax(y, u, level + 1, mark, next);
          }
        }
      }
      const swap = current;
      current = next;
      next = swap;
      level++;
    }
    current.length = 0;
    next.length = 0;
    this.current = current;
    this.next = next;
  }

  /** `u` was just finalized at distance `d − 1`: offers delegator `y` a chain of length `d` through it. */
  private relax(y: number, u: number, d: number, mark: number, next: number[]): void {
    const { stamp, dist, parent, root, graph } = this;
    const s = stamp[y];
    if (s === mark + 1) {
      return;
    }
    const list = graph.effective(y);
    if (list === NO_LIST) {
      return;
    }
    const rank = graph.rankIn(list, u);
    if (rank < 0) {
      return;
    }
    if (s === mark) {
      if (d < dist[y]) {
        dist[y] = d;
        next.push(y);
      }
      return;
    }
    const old = dist[y];
    const better =
      d < old ||
      (d === old && (parent[y] === u ? root[y] !== root[u] : rank < graph.rankIn(list, parent[y])));
    if (better) {
      this.detach(y);
      stamp[y] = mark;
      dist[y] = d;
      next.push(y);
    }
  }

  private finalize(u: number, level: number, done: number): void {
    const { graph, parent, root, dist } = this;
    this.stamp[u] = done;
    if (level === 0) {
      parent[u] = -1;
      root[u] = u;
      this.countedAs[u] = graph.vote[u];
      this.addWeight(u, u);
      return;
    }
    const { pool } = graph;
    const list = graph.effective(u);
    const want = level - 1;
    for (let k = 1, length = pool[list]; k <= length; k++) {
      const t = pool[list + k];
      if (t >= 0 && dist[t] === want) {
        parent[u] = t;
        break;
      }
    }
    root[u] = root[parent[u]];
    this.addWeight(root[u], u);
  }

  /** Takes `u`'s weight off its voter and clears its label. */
  private detach(u: number): void {
    const r = this.root[u];
    if (r >= 0) {
      const w = this.graph.weight[u];
      this.adjust(r, -w);
      if (r === u) {
        this.direct -= w;
      } else {
        this.delegated -= w;
      }
    }
    this.dist[u] = UNREACHED;
    this.parent[u] = -1;
    this.root[u] = -1;
  }

  private addWeight(r: number, u: number): void {
    const w = this.graph.weight[u];
    this.adjust(r, w);
    if (r === u) {
      this.direct += w;
    } else {
      this.delegated += w;
    }
  }

  private adjust(r: number, delta: number): void {
    const before = this.carried[r];
    const after = before + delta;
    this.carried[r] = after;
    this.counted[this.countedAs[r]] += Math.min(after, this.cap) - Math.min(before, this.cap);
  }

  private delegatesTo(y: number, u: number): boolean {
    const list = this.graph.effective(y);
    return list !== NO_LIST && this.graph.rankIn(list, u) >= 0;
  }

  /** Starts a new generation of stamps: returns the "in area" stamp (the "finalized" one is one more). */
  private nextGeneration(): number {
    this.generation++;
    if (this.generation >= 0x3fffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation * 2;
  }
}
