import { type ScenarioV1 } from '../scenario';
import { type Choice } from '../types';
import { toUnits, UNIT_SCALE } from '../units';

/** What the oracle finds for one member's vote. */
export interface OracleOutcome {
  readonly voter?: string;
  /** Member → … → voter, the best chain among all enumerated. */
  readonly chain?: string[];
}

/** Result of the brute-force oracle (weights in micro-units). */
export interface OracleResult {
  readonly voters: Record<string, { choice: Choice; weight: number; delegators: string[] }>;
  readonly lost: string[];
  readonly totals: { yes: number; no: number; abstain: number; absent: number };
  readonly outcomes: Record<string, OracleOutcome>;
}

/**
 * A deliberately naive tally for small scenarios, written from the rules rather than from the engine:
 * it enumerates every simple delegation chain from every member and keeps the shortest one, then the one
 * with the lexicographically smallest rank sequence. Exponential: for tests on a handful of members only.
 */
export function oracleTally(scenario: ScenarioV1): OracleResult {
  const weight = new Map<string, number>();
  for (const member of scenario.members) {
    if (member.active !== false) {
      weight.set(member.id, toUnits(member.weight ?? 1) ?? NaN);
    }
  }
  const votes = new Map<string, Choice>();
  for (const vote of scenario.votes) {
    if (weight.has(vote.member)) {
      votes.set(vote.member, vote.choice);
    }
  }
  const lists = applicableLists(scenario, weight);
  const outcomes: Record<string, OracleOutcome> = {};
  const voters: OracleResult['voters'] = {};
  for (const [id, choice] of votes) {
    voters[id] = { choice, weight: weight.get(id) ?? 0, delegators: [] };
  }
  const lost: string[] = [];
  for (const id of weight.keys()) {
    if (votes.has(id)) {
      continue;
    }
    const list = lists.get(id);
    if (!list || list.length === 0) {
      outcomes[id] = {};
      continue;
    }
    let best: { chain: string[]; ranks: number[] } | undefined;
    const explore = (chain: string[], ranks: number[]): void => {
      const at = chain[chain.length - 1];
      (lists.get(at) ?? []).forEach((trustee, rank) => {
        if (chain.includes(trustee) || !weight.has(trustee)) {
          return;
        }
        const nextChain = [...chain, trustee];
        const nextRanks = [...ranks, rank];
        if (votes.has(trustee)) {
          if (!best || isBetter(nextChain, nextRanks, best)) {
            best = { chain: nextChain, ranks: nextRanks };
          }
        } else {
          explore(nextChain, nextRanks);
        }
      });
    };
    explore([id], []);
    if (best) {
      const voter = best.chain[best.chain.length - 1];
      outcomes[id] = { voter, chain: best.chain };
      voters[voter].weight += weight.get(id) ?? 0;
      voters[voter].delegators.push(id);
    } else {
      outcomes[id] = {};
      lost.push(id);
    }
  }
  const total = [...weight.values()].reduce((sum, w) => sum + w, 0);
  const cap =
    scenario.cap === undefined
      ? Infinity
      : Number((BigInt(toUnits(scenario.cap.maxShare) ?? 0) * BigInt(total)) / BigInt(UNIT_SCALE));
  const totals = { yes: 0, no: 0, abstain: 0, absent: total };
  for (const voter of Object.values(voters)) {
    voter.weight = Math.min(voter.weight, cap);
    voter.delegators.sort();
    totals[voter.choice] += voter.weight;
    totals.absent -= voter.weight;
  }
  lost.sort();
  return { voters, lost, totals, outcomes };
}

function isBetter(chain: string[], ranks: number[], best: { chain: string[]; ranks: number[] }): boolean {
  if (chain.length !== best.chain.length) {
    return chain.length < best.chain.length;
  }
  for (let i = 0; i < ranks.length; i++) {
    if (ranks[i] !== best.ranks[i]) {
      return ranks[i] < best.ranks[i];
    }
  }
  return false;
}

/** Applicable trustee list per eligible member: last entry per scope, expiry, then bill > topic > global. */
function applicableLists(scenario: ScenarioV1, eligible: Map<string, number>): Map<string, string[]> {
  const at = scenario.at === undefined ? undefined : Date.parse(scenario.at);
  const last = new Map<string, (typeof scenario.delegations)[number]>();
  for (const delegation of scenario.delegations) {
    if (delegation.scope === 'topic' && delegation.topic !== scenario.bill.topic) {
      continue;
    }
    last.set(`${delegation.from}\u0000${delegation.scope}`, delegation);
  }
  const lists = new Map<string, string[]>();
  for (const id of eligible.keys()) {
    for (const scope of ['bill', 'topic', 'global']) {
      const entry = last.get(`${id}\u0000${scope}`);
      if (!entry) {
        continue;
      }
      const expired = at !== undefined && entry.expiresAt !== undefined && Date.parse(entry.expiresAt) <= at;
      if (!expired) {
        lists.set(id, entry.to);
        break;
      }
    }
  }
  return lists;
}
