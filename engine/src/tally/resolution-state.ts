import type { DelegationGraph } from './graph';

/** Distance of a member whose vote reaches no voter. */
export const UNREACHED = 0x7fffffff;
/** Seeds are packed as `distance * SHIFT + member` in a double. */
export const SHIFT = 2 ** 26;
/** Fields of a member's label record: 4 int32 at `u << 2`, one cache line holds four members. */
export const DIST = 0;
export const PARENT = 1;
export const ROOT = 2;
/** Scratch: generation stamps during updates; `rank << 2 | slot` during a full resolution. */
export const MARK = 3;

/**
 * The state of a delegation resolution and its bookkeeping: each member's label (chain length, trustee, voter
 * at the end, a scratch word), the weight each voter carries and the weight counted per choice after the cap.
 * The algorithms that compute the labels, in full or after one change, are in {@link Resolution}.
 */
export abstract class ResolutionState {
  /** dist, parent, root and a scratch word per member, interleaved for memory locality. */
  protected readonly label: Int32Array;
  readonly carried: Float64Array;
  /** The choice code under which a voter's carried weight is counted (0 for none). */
  protected readonly countedAs: Uint8Array;
  /** Counted weight per choice code (index 0 unused), in micro-units. */
  readonly counted = new Float64Array(4);
  /** Own weight of the voters. */
  direct = 0;
  /** Weight reaching voters through delegation, before the cap. */
  delegated = 0;
  protected generation = 0;

  /** @param cap most weight counted for one voter, in micro-units (Infinity: no cap) */
  constructor(
    readonly graph: DelegationGraph,
    readonly cap: number,
  ) {
    const { n } = graph;
    if (n >= SHIFT) {
      throw new RangeError(`members: at most ${SHIFT - 1} members are supported`);
    }
    this.label = new Int32Array(n * 4);
    this.carried = new Float64Array(n);
    this.countedAs = new Uint8Array(n);
  }

  /** Chain length of `u` (0 for a voter, {@link UNREACHED} when its vote reaches no voter). */
  distOf(u: number): number {
    return this.label[(u << 2) + DIST];
  }

  /** The trustee `u`'s vote goes to, or -1. */
  parentOf(u: number): number {
    return this.label[(u << 2) + PARENT];
  }

  /** The voter carrying `u`'s vote (itself for a voter), or -1. */
  rootOf(u: number): number {
    return this.label[(u << 2) + ROOT];
  }

  /** Weight counted for a voter: what reaches it, limited by the cap. */
  countedFor(voter: number): number {
    return Math.min(this.carried[voter], this.cap);
  }

  /** A voter changes its choice (it was and stays a voter); `graph.vote` must already hold the new one. */
  changeChoice(voter: number): void {
    const counted = this.countedFor(voter);
    this.counted[this.countedAs[voter]] -= counted;
    this.countedAs[voter] = this.graph.vote[voter];
    this.counted[this.countedAs[voter]] += counted;
  }

  /** Takes `u`'s weight off its voter and clears its label. */
  protected detach(u: number): void {
    const at = u << 2;
    const r = this.label[at + ROOT];
    if (r >= 0) {
      const w = this.graph.weight[u];
      this.adjust(r, -w);
      if (r === u) {
        this.direct -= w;
      } else {
        this.delegated -= w;
      }
    }
    this.label[at + DIST] = UNREACHED;
    this.label[at + PARENT] = -1;
    this.label[at + ROOT] = -1;
  }

  protected addWeight(r: number, u: number): void {
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

  /** Starts a new generation of stamps: returns the "in area" stamp (the "finalized" one is one more). */
  protected nextGeneration(): number {
    this.generation++;
    if (this.generation >= 0x3fffffff) {
      for (let at = MARK; at < this.label.length; at += 4) {
        this.label[at] = 0;
      }
      this.generation = 1;
    }
    return this.generation * 2;
  }
}
