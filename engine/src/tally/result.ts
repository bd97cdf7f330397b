import { apportion } from './apportion';
import { compareStrings } from './draw';
import { type DelegationGraph, NO_LIST } from './graph';
import { deputyIds, instructions } from './instructions';
import { type Resolution, UNREACHED } from './resolution';
import { type MandateV1 } from './scenario';
import {
  CHOICES,
  type Representation,
  type SeatChoice,
  type Seats,
  type TallyResult,
  type Totals,
  type VoterResult,
} from './types';
import { fromUnits } from './units';

/** Totals per choice, `absent` being the rest of the eligible weight. */
export function totalsOf(graph: DelegationGraph, resolution: Resolution): Totals {
  const [, yes, no, abstain] = resolution.counted;
  return {
    yes: fromUnits(yes),
    no: fromUnits(no),
    abstain: fromUnits(abstain),
    absent: fromUnits(graph.totalUnits - yes - no - abstain),
  };
}

/** Members grouped by the voter they reach, in id order. */
export interface VoterGroups {
  /** The voter each member reaches (−1: none). */
  readonly roots: Int32Array;
  /** Voter u's delegators are `members[start[u] … start[u + 1])`, in id order. */
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** Ids of the members whose vote is lost, in id order. */
  readonly lost: string[];
}

/**
 * Groups members by voter. `idOrder` lists the member indices in id order (see {@link sortedOrder}); walking
 * members in that order yields the lost members already sorted, and a counting sort on the voter reached
 * keeps each voter's delegators in id order too, so no list is sorted here.
 */
export function groupByVoter(
  graph: DelegationGraph,
  resolution: Resolution,
  idOrder: Int32Array,
): VoterGroups {
  const { n, pool } = graph;
  const ids = graph.members.ids();
  // Copied out of the labels in one sequential pass.
  const roots = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    roots[u] = resolution.rootOf(u);
  }
  const start = new Int32Array(n + 1);
  const lost: string[] = [];
  for (let u = 0; u < n; u++) {
    const r = roots[u];
    if (r >= 0 && r !== u) {
      start[r + 1]++;
    }
  }
  for (let u = 0; u < n; u++) {
    start[u + 1] += start[u];
  }
  const members = new Int32Array(start[n]);
  const fill = start.slice(0, n);
  for (let i = 0; i < n; i++) {
    const u = idOrder[i];
    const r = roots[u];
    if (r >= 0) {
      if (r !== u) {
        members[fill[r]++] = u;
      }
    } else if (resolution.distOf(u) === UNREACHED) {
      const list = graph.effective(u);
      if (list !== NO_LIST && pool[list] > 0) {
        lost.push(ids[u]);
      }
    }
  }
  return { roots, start, members, lost };
}

/** The full result object, every list sorted by id (UTF-16 code units) so that it compares byte for byte. */
export function buildResult(
  graph: DelegationGraph,
  resolution: Resolution,
  mandate: MandateV1 | undefined,
  idOrder: Int32Array,
): TallyResult {
  const ids = graph.members.ids();
  const { roots, start, members, lost } = groupByVoter(graph, resolution, idOrder);
  const voters: Record<string, VoterResult> = {};
  for (let i = 0; i < idOrder.length; i++) {
    const u = idOrder[i];
    if (roots[u] !== u) {
      continue;
    }
    const count = start[u + 1] - start[u];
    const delegators: string[] = new Array<string>(count);
    for (let k = 0, at = start[u]; k < count; k++, at++) {
      delegators[k] = ids[members[at]];
    }
    const weight = resolution.countedFor(u);
    const excess = resolution.carried[u] - weight;
    const choice = CHOICES[graph.vote[u] - 1];
    voters[ids[u]] =
      excess > 0
        ? { choice, weight: fromUnits(weight), delegators, excess: fromUnits(excess) }
        : { choice, weight: fromUnits(weight), delegators };
  }
  return { voters, lost, ...resultTail(graph, resolution, mandate) };
}

/** Totals, and with a mandate the seats and the deputies' instructions. */
export function resultTail(
  graph: DelegationGraph,
  resolution: Resolution,
  mandate: MandateV1 | undefined,
): Pick<TallyResult, 'totals' | 'seats' | 'instructions'> {
  const totals = totalsOf(graph, resolution);
  if (!mandate) {
    return { totals };
  }
  const seats = seatsOf(graph, resolution, mandate);
  return {
    totals,
    seats,
    instructions: instructions(seats as Record<SeatChoice, number>, mandate.deputies, mandate.seed),
  };
}

/**
 * Seats per choice. The base total being zero (nobody to count), every seat goes to "abstain".
 */
function seatsOf(graph: DelegationGraph, resolution: Resolution, mandate: MandateV1): Seats {
  const [, yes, no, abstain] = resolution.counted;
  const deputies = deputyIds(mandate.deputies).length;
  const counts: Record<string, bigint> = { yes: BigInt(yes), no: BigInt(no), abstain: BigInt(abstain) };
  if (mandate.base === 'members') {
    counts.absent = BigInt(graph.totalUnits - yes - no - abstain);
  }
  const method = mandate.method ?? 'largest-remainder';
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0n);
  const seats: Record<string, number> = {};
  if (total === 0n) {
    for (const key of Object.keys(counts)) {
      seats[key] = key === 'abstain' ? deputies : 0;
    }
  } else {
    Object.assign(seats, apportion(counts, deputies, method, mandate.seed));
  }
  return seats as Seats;
}

/** "Who represents me" for one member id. */
export function representationOf(graph: DelegationGraph, resolution: Resolution, id: string): Representation {
  const u = graph.members.get(id);
  if (u < 0) {
    return { status: 'not-member' };
  }
  if (graph.active[u] === 0) {
    return { status: 'inactive' };
  }
  if (graph.vote[u] !== 0) {
    return { status: 'votes', choice: CHOICES[graph.vote[u] - 1] };
  }
  if (resolution.distOf(u) !== UNREACHED) {
    const chain = [id];
    for (let t = resolution.parentOf(u); t >= 0; t = resolution.parentOf(t)) {
      chain.push(graph.members.idOf(t));
    }
    const voter = resolution.rootOf(u);
    const excess = memberExcess(graph, resolution, u);
    return {
      status: 'represented',
      chain,
      voter: graph.members.idOf(voter),
      choice: CHOICES[graph.vote[voter] - 1],
      ...(excess > 0 ? { excess: fromUnits(excess) } : {}),
    };
  }
  const list = graph.effective(u);
  if (list === NO_LIST || graph.pool[list] === 0) {
    return { status: 'absent' };
  }
  return lostChain(graph, u);
}

/** Follows first-ranked trustees from a lost member until a member repeats (cycle) or the chain ends. */
function lostChain(graph: DelegationGraph, u: number): Representation {
  const chain = [graph.idOf(u)];
  const seen = new Set<number>([u]);
  let current = u;
  for (;;) {
    const list = graph.effective(current);
    if (list === NO_LIST || graph.pool[list] === 0) {
      return { status: 'lost', reason: 'dead-end', chain };
    }
    const t = graph.pool[list + 1];
    chain.push(graph.idOf(t));
    if (t < 0) {
      return { status: 'lost', reason: 'dead-end', chain };
    }
    if (seen.has(t)) {
      return { status: 'lost', reason: 'cycle', chain };
    }
    seen.add(t);
    current = t;
  }
}

/**
 * Part of member u's weight above its voter's cap. The voter's own weight counts first, then its delegators
 * by chain length, then by id; the member on the boundary counts in part.
 */
function memberExcess(graph: DelegationGraph, resolution: Resolution, u: number): number {
  const voter = resolution.rootOf(u);
  if (resolution.carried[voter] <= resolution.cap) {
    return 0;
  }
  const id = graph.members.idOf(u);
  const dist = resolution.distOf(u);
  let before = graph.weight[voter];
  for (let y = 0; y < graph.n; y++) {
    if (y === u || y === voter || resolution.rootOf(y) !== voter) {
      continue;
    }
    const other = resolution.distOf(y);
    if (other < dist || (other === dist && compareStrings(graph.members.idOf(y), id) < 0)) {
      before += graph.weight[y];
    }
  }
  const w = graph.weight[u];
  const counted = Math.max(0, Math.min(w, resolution.cap - before));
  return w - counted;
}
