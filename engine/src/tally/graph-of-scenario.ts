import { choiceCode, DelegationGraph, type PendingExpiry } from './graph';
import { IdIndex } from './id-index';
import { type ScenarioV1 } from './scenario';
import { MAX_TOTAL_UNITS, toUnits, UNIT_SCALE } from './units';

/**
 * Builds the graph of a parsed scenario, applying replacement, scope and expiry rules. One pass over the
 * members (interning ids), one over the votes, one over the delegations (the last entry per slot wins), then
 * the trustee lists of the winning entries are written in slot order.
 */
export function graphOfScenario(scenario: ScenarioV1): { graph: DelegationGraph; expiries: PendingExpiry[] } {
  const n = scenario.members.length;
  const memberList = scenario.members;
  const ids = new Array<string>(n);
  for (let u = 0; u < n; u++) {
    ids[u] = memberList[u].id;
  }
  const interned = IdIndex.of(ids);
  const repeated = interned instanceof IdIndex ? n : interned.repeated;
  const weight = new Float64Array(n);
  const active = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    const member = memberList[u];
    if (u === repeated) {
      throw new RangeError(`members[${u}].id: must be unique ("${member.id}" appears earlier)`);
    }
    const units = member.weight === undefined ? UNIT_SCALE : toUnits(member.weight);
    if (units === undefined || units === 0) {
      throw new RangeError(`members[${u}].weight: must be a positive number with at most 6 decimal places`);
    }
    weight[u] = units;
    active[u] = member.active === false ? 0 : 1;
  }
  const members = interned as IdIndex;
  const graph = new DelegationGraph(members, weight, active, scenario.bill.topic);
  if (graph.totalUnits > MAX_TOTAL_UNITS) {
    throw new RangeError('members: total weight exceeds the format limit');
  }
  let hint = 0;
  for (const vote of scenario.votes) {
    const u = members.getNear(vote.member, hint);
    if (u >= 0) {
      graph.vote[u] = choiceCode(vote.choice);
      hint = u;
    }
  }
  // The last entry per slot wins; an expired last entry leaves the slot empty.
  const at = scenario.at === undefined ? undefined : Date.parse(scenario.at);
  const delegations = scenario.delegations;
  const last = new Int32Array(n * 3).fill(-1);
  hint = 0;
  for (let i = 0; i < delegations.length; i++) {
    const delegation = delegations[i];
    const slot = graph.slotOf(delegation.scope, delegation.topic);
    const u = slot >= 0 ? members.getNear(delegation.from, hint) : -1;
    if (u >= 0) {
      last[u * 3 + slot] = i;
      hint = u;
    }
  }
  let poolNeeded = 0;
  for (let key = 0; key < n * 3; key++) {
    if (last[key] >= 0) {
      poolNeeded += 1 + delegations[last[key]].to.length;
    }
  }
  const expiries: PendingExpiry[] = [];
  graph.pool = new Int32Array(Math.max(16, poolNeeded));
  for (let key = 0; key < n * 3; key++) {
    if (last[key] < 0) {
      continue;
    }
    const delegation = delegations[last[key]];
    const expiresAt = delegation.expiresAt === undefined ? undefined : Date.parse(delegation.expiresAt);
    if (expiresAt !== undefined && at !== undefined && expiresAt <= at) {
      continue;
    }
    graph.slots[key] = graph.writeList(delegation.to);
    if (expiresAt !== undefined) {
      expiries.push({ time: expiresAt, key });
    }
  }
  graph.rebuildReverse();
  return { graph, expiries };
}
