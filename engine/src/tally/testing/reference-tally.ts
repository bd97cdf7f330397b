import { apportion } from '../apportion';
import { compareStrings } from '../draw';
import { deputyIds, instructions } from '../instructions';
import { capUnits } from '../live-tally';
import { type ScenarioV1 } from '../scenario';
import { CHOICES, type Choice, type SeatChoice, type TallyResult, type VoterResult } from '../types';
import { fromUnits, toUnits } from '../units';

/**
 * A straightforward tally written from docs/tally-rules.md with maps, objects and comparison sorts, for
 * comparing the optimised build (typed arrays, radix-sorted ids, fast reader) against on scenarios of a few
 * thousand members: distances by repeated relaxation until nothing changes, parent = first-ranked trustee one
 * step closer, every list sorted with {@link compareStrings}.
 */
export function referenceTally(scenario: ScenarioV1): TallyResult {
  const weight = new Map<string, number>();
  for (const member of scenario.members) {
    if (member.active !== false) {
      weight.set(member.id, toUnits(member.weight ?? 1) as number);
    }
  }
  const votes = new Map<string, Choice>();
  for (const vote of scenario.votes) {
    if (weight.has(vote.member)) {
      votes.set(vote.member, vote.choice);
    }
  }
  const at = scenario.at === undefined ? -Infinity : Date.parse(scenario.at);
  const slots = new Map<string, (string[] | undefined)[]>();
  for (const delegation of scenario.delegations) {
    const scope = ['bill', 'topic', 'global'].indexOf(delegation.scope);
    if (scope === 1 && (scenario.bill.topic === undefined || delegation.topic !== scenario.bill.topic)) {
      continue;
    }
    const expired = delegation.expiresAt !== undefined && Date.parse(delegation.expiresAt) <= at;
    const own = slots.get(delegation.from) ?? [];
    own[scope] = expired ? undefined : delegation.to;
    slots.set(delegation.from, own);
  }
  const list = (id: string): string[] | undefined => {
    if (!weight.has(id) || votes.has(id)) {
      return undefined;
    }
    const own = slots.get(id);
    return own?.[0] ?? own?.[1] ?? own?.[2];
  };
  const dist = new Map<string, number>();
  for (const id of votes.keys()) {
    dist.set(id, 0);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const id of weight.keys()) {
      const trustees = list(id);
      if (!trustees) {
        continue;
      }
      const best = Math.min(...trustees.map((t) => (dist.get(t) ?? Infinity) + 1));
      if (best < (dist.get(id) ?? Infinity)) {
        dist.set(id, best);
        changed = true;
      }
    }
  }
  const voterOf = (id: string): string => {
    let current = id;
    while (!votes.has(current)) {
      const d = dist.get(current) as number;
      current = (list(current) as string[]).find((t) => dist.get(t) === d - 1) as string;
    }
    return current;
  };
  const carried = new Map<string, number>();
  const delegators = new Map<string, string[]>();
  const lost: string[] = [];
  for (const id of weight.keys()) {
    if (dist.has(id)) {
      const voter = voterOf(id);
      carried.set(voter, (carried.get(voter) ?? 0) + (weight.get(id) as number));
      if (voter !== id) {
        delegators.set(voter, [...(delegators.get(voter) ?? []), id]);
      }
    } else if ((list(id)?.length ?? 0) > 0) {
      lost.push(id);
    }
  }
  const total = [...weight.values()].reduce((sum, w) => sum + w, 0);
  const cap = capUnits(scenario.cap?.maxShare, total);
  const counted: Record<Choice, number> = { yes: 0, no: 0, abstain: 0 };
  const voters: Record<string, VoterResult> = {};
  for (const id of [...votes.keys()].sort(compareStrings)) {
    const reaching = carried.get(id) as number;
    const kept = Math.min(reaching, cap);
    const choice = votes.get(id) as Choice;
    counted[choice] += kept;
    voters[id] = {
      choice,
      weight: fromUnits(kept),
      delegators: (delegators.get(id) ?? []).sort(compareStrings),
      ...(reaching > kept ? { excess: fromUnits(reaching - kept) } : {}),
    };
  }
  const totals = {
    yes: fromUnits(counted.yes),
    no: fromUnits(counted.no),
    abstain: fromUnits(counted.abstain),
    absent: fromUnits(total - counted.yes - counted.no - counted.abstain),
  };
  const result = { voters, lost: lost.sort(compareStrings), totals };
  const { mandate } = scenario;
  if (!mandate) {
    return result;
  }
  const counts: Record<string, bigint> = Object.fromEntries(CHOICES.map((c) => [c, BigInt(counted[c])]));
  if (mandate.base === 'members') {
    counts.absent = BigInt(total - counted.yes - counted.no - counted.abstain);
  }
  const deputies = deputyIds(mandate.deputies).length;
  const sum = Object.values(counts).reduce((a, b) => a + b, 0n);
  const seats =
    sum === 0n
      ? Object.fromEntries(Object.keys(counts).map((key) => [key, key === 'abstain' ? deputies : 0]))
      : apportion(counts, deputies, mandate.method ?? 'largest-remainder', mandate.seed);
  return {
    ...result,
    seats: seats as TallyResult['seats'],
    instructions: instructions(seats as Record<SeatChoice, number>, mandate.deputies, mandate.seed),
  };
}
