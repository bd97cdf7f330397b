import { NO_LIST } from './graph';
import { DIST, MARK, PARENT, ResolutionState, ROOT, SHIFT, UNREACHED } from './resolution-state';

export { UNREACHED } from './resolution-state';

/**
 * Who carries whose vote: for every member, the length of its chain (0 for a voter), the trustee its vote
 * goes to (parent) and the voter at the end (root); for every voter, the weight reaching it (`carried`) and
 * the weight counted per choice after the cap.
 *
 * The labels satisfy, for every active non-voting member u with an applicable list L(u):
 * `dist(u) = 1 + min dist(t) over t in L(u)`, `parent(u)` = the first t in L(u) with `dist(t) = dist(u) − 1`,
 * which is the shortest chain with the lexicographically smallest rank sequence read from u onward.
 * {@link resolveAll} computes them by a multi-source reverse breadth-first search from the voters;
 * {@link update} repairs them after one member's vote or delegation changed, touching only the members whose
 * label may change.
 */
export class Resolution extends ResolutionState {
  private readonly area: number[] = [];
  private readonly seeds: number[] = [];
  private current: number[] = [];
  private next: number[] = [];

  /**
   * Recomputes every label from scratch: a multi-source reverse breadth-first search from the voters,
   * linear in members + delegation edges. Each reverse edge carries its slot and rank, so an edge counts
   * only when its slot is the one applying to the delegator; a delegator found again at the same level
   * through a better-ranked trustee switches to it. The queue being first-in first-out, a member's parent
   * and root are final when it is dequeued, so its root is passed on at once.
   * @returns the members reached, in breadth-first order (voters first)
   */
  resolveAll(): Int32Array {
    const { graph, label, carried, countedAs } = this;
    if (!graph.reverseClean) {
      graph.rebuildReverse();
    }
    const { n, weight, reverseStart, reverseList, reverseMeta, slots, active, vote } = graph;
    const order = new Int32Array(n);
    let tail = 0;
    for (let u = 0, at = 0, key = 0; u < n; u++, at += 4, key += 3) {
      label[at + PARENT] = -1;
      label[at + ROOT] = -1;
      countedAs[u] = 0;
      if (active[u] === 0) {
        label[at + DIST] = UNREACHED;
        label[at + MARK] = 3;
      } else if (vote[u] !== 0) {
        label[at + DIST] = 0;
        label[at + ROOT] = u;
        label[at + MARK] = 3;
        countedAs[u] = vote[u];
        order[tail++] = u;
      } else {
        label[at + DIST] = UNREACHED;
        label[at + MARK] =
          slots[key] !== NO_LIST ? 0 : slots[key + 1] !== NO_LIST ? 1 : slots[key + 2] !== NO_LIST ? 2 : 3;
      }
    }
    for (let head = 0; head < tail; head++) {
      const u = order[head];
      const d = label[(u << 2) + DIST] + 1;
      const r = label[(u << 2) + ROOT];
      for (let k = reverseStart[u], end = reverseStart[u + 1]; k < end; k++) {
        const at = reverseList[k] << 2;
        const meta = reverseMeta[k];
        const mark = label[at + MARK];
        if ((mark & 3) !== (meta & 3)) {
          continue;
        }
        const dy = label[at + DIST];
        if (dy === UNREACHED || (dy === d && meta < mark)) {
          if (dy === UNREACHED) {
            label[at + DIST] = d;
            order[tail++] = reverseList[k];
          }
          label[at + PARENT] = u;
          label[at + ROOT] = r;
          label[at + MARK] = meta;
        }
      }
    }
    carried.fill(0);
    for (let u = 0, at = 0; u < n; u++, at += 4) {
      label[at + MARK] = 0;
      const r = label[at + ROOT];
      if (r >= 0) {
        carried[r] += weight[u];
      }
    }
    this.generation = 0;
    this.counted.fill(0);
    this.direct = 0;
    this.delegated = 0;
    for (let u = 0; u < n; u++) {
      if (label[(u << 2) + ROOT] === u) {
        this.counted[countedAs[u]] += this.countedFor(u);
        this.direct += weight[u];
        this.delegated += carried[u] - weight[u];
      }
    }
    return order.subarray(0, tail);
  }

  /**
   * Repairs the labels after member `x` started or stopped voting or its applicable list changed (the graph
   * already holds the new state). If x's own distance does not grow, only x is re-seeded and the change
   * spreads to the delegators whose label improves; otherwise every member whose chain went through x is
   * re-seeded from its trustees outside that subtree. Both then run a level-by-level search (Dijkstra with
   * unit weights) over the affected members only.
   */
  update(x: number): void {
    const { label } = this;
    const oldDist = label[(x << 2) + DIST];
    const newDist = this.graph.isVoter(x) ? 0 : this.bestDistance(x, -1);
    if (newDist === UNREACHED && oldDist === UNREACHED) {
      return;
    }
    const mark = this.nextGeneration();
    const area = this.area;
    area.length = 0;
    label[(x << 2) + MARK] = mark;
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
        label[(u << 2) + DIST] = d;
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
    const { label } = this;
    let best = UNREACHED;
    for (let k = 1, length = pool[list]; k <= length; k++) {
      const t = pool[list + k];
      if (t >= 0 && label[(t << 2) + MARK] !== excluded) {
        const d = label[(t << 2) + DIST];
        if (d !== UNREACHED && d + 1 < best) {
          best = d + 1;
        }
      }
    }
    return best;
  }

  /** Adds to the area every member whose chain passes through a member already in it. */
  private collectSubtree(mark: number): void {
    const { area, label } = this;
    const { reverseStart, reverseList, reverseExtra } = this.graph;
    const take = (y: number, u: number): void => {
      if (label[(y << 2) + PARENT] === u && label[(y << 2) + MARK] !== mark) {
        label[(y << 2) + MARK] = mark;
        area.push(y);
      }
    };
    for (let i = 0; i < area.length; i++) {
      const u = area[i];
      for (let k = reverseStart[u], end = reverseStart[u + 1]; k < end; k++) {
        take(reverseList[k], u);
      }
      const extra = reverseExtra.size > 0 ? reverseExtra.get(u) : undefined;
      if (extra) {
        for (const y of extra) {
          take(y, u);
        }
      }
    }
  }

  /** Finalizes seeded and improved members level by level; `mark + 1` stamps a finalized member. */
  private propagate(mark: number): void {
    const { seeds, label } = this;
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
        if (label[(u << 2) + MARK] === done || label[(u << 2) + DIST] !== level) {
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
    const { label, graph } = this;
    const at = y << 2;
    const stamp = label[at + MARK];
    if (stamp === mark + 1) {
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
    if (stamp === mark) {
      if (d < label[at + DIST]) {
        label[at + DIST] = d;
        next.push(y);
      }
      return;
    }
    const old = label[at + DIST];
    const parent = label[at + PARENT];
    const better =
      d < old ||
      (d === old &&
        (parent === u ? label[at + ROOT] !== label[(u << 2) + ROOT] : rank < graph.rankIn(list, parent)));
    if (better) {
      this.detach(y);
      label[at + MARK] = mark;
      label[at + DIST] = d;
      next.push(y);
    }
  }

  private finalize(u: number, level: number, done: number): void {
    const { graph, label } = this;
    const at = u << 2;
    label[at + MARK] = done;
    if (level === 0) {
      label[at + PARENT] = -1;
      label[at + ROOT] = u;
      this.countedAs[u] = graph.vote[u];
      this.addWeight(u, u);
      return;
    }
    const { pool } = graph;
    const list = graph.effective(u);
    const want = level - 1;
    for (let k = 1, length = pool[list]; k <= length; k++) {
      const t = pool[list + k];
      if (t >= 0 && label[(t << 2) + DIST] === want) {
        label[at + PARENT] = t;
        break;
      }
    }
    const r = label[(label[at + PARENT] << 2) + ROOT];
    label[at + ROOT] = r;
    this.addWeight(r, u);
  }
}
