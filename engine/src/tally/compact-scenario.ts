import { DelegationGraph, type PendingExpiry } from './graph';
import { type IdIndex } from './id-index';
import { type MandateV1 } from './scenario';

/** A growable list of int32 values. */
export class IntList {
  data: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = value;
  }
}

/**
 * A scenario (format v1) already validated and interned into typed arrays, as the fast reader
 * ({@link readScenarioText}) produces it straight from the JSON text: no object per member, vote or delegation.
 * {@link LiveTally} accepts it in place of a parsed scenario, with the same result.
 *
 * Delegation entry `e` (in file order): its delegator's member index (`from`, −1 for a non-member), its scope
 * (`scope`: 0 bill, 1 topic, 2 global), its topic's code (`topic`, an index into `topics`, −1 unless topic
 * scope), its trustees (`trustees[start[e] … start[e + 1])`: member index, or `−(k + 1)` for the k-th
 * outsider) and its expiry (`expiresAt`, ms since 1970, NaN for none).
 */
export class CompactScenario {
  constructor(
    readonly members: IdIndex,
    /** Member weights in micro-units. */
    readonly weight: Float64Array,
    readonly active: Uint8Array,
    /** Choice code of each member's last vote (0: none). */
    readonly vote: Uint8Array,
    readonly outsiders: IdIndex,
    readonly billTopic: string | undefined,
    readonly topics: readonly string[],
    readonly delegations: {
      readonly count: number;
      readonly from: Int32Array;
      readonly scope: Uint8Array;
      readonly topic: Int32Array;
      readonly start: Int32Array;
      readonly trustees: Int32Array;
      readonly expiresAt: Float64Array;
    },
    readonly mandate: MandateV1 | undefined,
    readonly maxShare: number | undefined,
    /** ISO 8601 text of `at`, if any. */
    readonly at: string | undefined,
  ) {}
}

/** Builds the delegation graph of a compact scenario: the last entry per slot wins, expired ones are dropped. */
export function graphOfCompact(scenario: CompactScenario): {
  graph: DelegationGraph;
  expiries: PendingExpiry[];
} {
  const { members, weight, active, vote, billTopic, topics, delegations } = scenario;
  const graph = new DelegationGraph(members, weight, active, billTopic, scenario.outsiders);
  graph.vote.set(vote);
  const n = members.size;
  const billTopicCode = billTopic === undefined ? -1 : topics.indexOf(billTopic);
  const last = new Int32Array(n * 3).fill(-1);
  let poolNeeded = 0;
  for (let e = 0; e < delegations.count; e++) {
    const u = delegations.from[e];
    const scope = delegations.scope[e];
    if (u < 0 || (scope === 1 && (billTopicCode < 0 || delegations.topic[e] !== billTopicCode))) {
      continue;
    }
    last[u * 3 + scope] = e;
  }
  for (let key = 0; key < n * 3; key++) {
    const e = last[key];
    if (e >= 0) {
      poolNeeded += 1 + delegations.start[e + 1] - delegations.start[e];
    }
  }
  graph.pool = new Int32Array(Math.max(16, poolNeeded));
  const at = scenario.at === undefined ? NaN : Date.parse(scenario.at);
  const expiries: PendingExpiry[] = [];
  for (let key = 0; key < n * 3; key++) {
    const e = last[key];
    if (e < 0) {
      continue;
    }
    const expiresAt = delegations.expiresAt[e];
    if (expiresAt <= at) {
      continue;
    }
    const from = delegations.start[e];
    graph.slots[key] = graph.writeCodes(delegations.trustees, from, delegations.start[e + 1] - from);
    if (!Number.isNaN(expiresAt)) {
      expiries.push({ time: expiresAt, key });
    }
  }
  graph.rebuildReverse();
  return { graph, expiries };
}
