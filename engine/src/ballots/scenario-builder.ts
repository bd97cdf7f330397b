import { createHmac } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BallotMethodId, MethodOptionsBase, MethodSpec } from '../ballot-methods';
import { compareStrings, type ApportionMethod, type Choice, type ScenarioV1, type Scope } from '../tally';

interface BallotRow {
  id: string;
  collective_id: string;
  bill_id: string;
  topic_id: string | null;
  deputies: number;
  mandate_method: ApportionMethod;
  mandate_base: 'cast' | 'members';
  seed: string;
  settings: { delegationCap: number | null };
  record_secret: string;
  method: BallotMethodId;
  method_options: MethodOptionsBase | null;
}

interface MemberRow {
  id: string;
  weight: number;
  active: boolean;
}

interface DelegationRow {
  member_id: string;
  scope: Scope;
  target: string | null;
  trustees: string[];
  expires_at: Date | null;
}

/** A ballot's snapshot in scenario format v1, with the real member ids. */
export interface BallotSnapshot {
  readonly scenario: ScenarioV1;
  readonly collectiveId: string;
  /** Maps a member id to its pseudonym in the public record for this ballot. */
  readonly pseudonym: (memberId: string) => string;
  /**
   * A method ballot's method (its options and the ballot's seed) and each direct voter's ballot by
   * member id; the scenario then stands each of those voters as a `yes` vote (see
   * engine/src/ballot-methods/method-tally.ts). Null on a yes / no / abstain ballot.
   */
  readonly method: {
    readonly spec: MethodSpec & { seed: string };
    readonly ballots: Map<string, unknown>;
  } | null;
}

/** Who takes part in a decision on a bill: a scenario v1 without votes or mandate. */
export type Electorate = Omit<ScenarioV1, 'votes' | 'mandate'> & { votes: [] };

/**
 * The members with voting rights of a collective and the delegations that apply to one bill
 * (global, the bill's topic, the bill itself), as the tally core reads them. Plain SQL: it must stay
 * fast for a million members. Queries run one after the other (in a transaction they share a
 * connection).
 */
export async function loadElectorate(
  em: EntityManager,
  input: {
    collectiveId: string;
    billId: string;
    topicId: string | null;
    delegationCap: number | null;
    at: Date;
  },
): Promise<Electorate> {
  const members = await em.execute<MemberRow[]>(
    `select id, weight, active from member
        where collective_id = ? and voting_rights and 'member' = any(roles) order by id`,
    [input.collectiveId],
  );
  const delegations = await em.execute<DelegationRow[]>(
    `select member_id, scope, target, trustees, expires_at from delegation
        where collective_id = ? and (scope = 'global' or (scope = 'topic' and target = ?) or (scope = 'bill' and target = ?))
        order by member_id, scope`,
    [input.collectiveId, input.topicId, input.billId],
  );
  return {
    members: members.map((m) => ({ id: m.id, weight: Number(m.weight), active: m.active })),
    bill: input.topicId ? { id: input.billId, topic: input.topicId } : { id: input.billId },
    delegations: delegations.map((d) => ({
      from: d.member_id,
      scope: d.scope,
      ...(d.scope === 'topic' && d.target ? { topic: d.target } : {}),
      to: d.trustees,
      ...(d.expires_at ? { expiresAt: new Date(d.expires_at).toISOString() } : {}),
    })),
    votes: [],
    ...(input.delegationCap ? { cap: { maxShare: input.delegationCap } } : {}),
    at: input.at.toISOString(),
  };
}

/**
 * Reads one ballot's members, delegations and votes with plain SQL (it must stay fast for a
 * million members) and shapes them as a scenario v1 for the tally core.
 */
export async function loadBallotSnapshot(
  em: EntityManager,
  ballotId: string,
  at: Date,
): Promise<BallotSnapshot | null> {
  const [ballot] = await em.execute<BallotRow[]>(
    `select b.id, b.collective_id, b.bill_id, bill.topic_id, b.deputies, b.mandate_method, b.mandate_base, b.seed,
            c.settings, c.record_secret, b.method, b.method_options
       from ballot b join bill on bill.id = b.bill_id join collective c on c.id = b.collective_id
      where b.id = ?`,
    [ballotId],
  );
  if (!ballot) {
    return null;
  }
  const electorate = await loadElectorate(em, {
    collectiveId: ballot.collective_id,
    billId: ballot.bill_id,
    topicId: ballot.topic_id,
    delegationCap: ballot.settings.delegationCap,
    at,
  });
  const votes = await em.execute<{ member_id: string; choice: string }[]>(
    'select member_id, choice from vote where ballot_id = ? order by member_id',
    [ballotId],
  );
  // Seated deputies (drawn by sortition, engine/src/deputies) are bound by name: their ids, sorted.
  const seated = await em.execute<{ member_id: string }[]>(
    "select member_id from deputy_seat where collective_id = ? and status = 'seated'",
    [ballot.collective_id],
  );
  const deputies = seated.length > 0 ? seated.map((s) => s.member_id).sort(compareStrings) : ballot.deputies;
  const method =
    ballot.method === 'yes-no-abstain' || !ballot.method_options
      ? null
      : {
          spec: { id: ballot.method, options: ballot.method_options, seed: ballot.seed },
          // a method vote's choice is the canonical JSON of its ballot (validated when cast)
          ballots: new Map(votes.map((v) => [v.member_id, JSON.parse(v.choice) as unknown])),
        };
  const scenario: ScenarioV1 = {
    ...electorate,
    votes: votes.map((v) => ({ member: v.member_id, choice: method ? 'yes' : (v.choice as Choice) })),
    mandate: {
      deputies,
      method: ballot.mandate_method,
      base: ballot.mandate_base,
      seed: ballot.seed,
    },
  };
  const secret = ballot.record_secret;
  return {
    scenario,
    collectiveId: ballot.collective_id,
    pseudonym: (memberId) => pseudonymFor(secret, ballotId, memberId),
    method,
  };
}

/** `p` + 16 hex digits of HMAC-SHA256(collective secret, "ballotId:memberId"): unlinkable across ballots. */
export function pseudonymFor(secret: string, ballotId: string, memberId: string): string {
  return `p${createHmac('sha256', secret).update(`${ballotId}:${memberId}`).digest('hex').slice(0, 16)}`;
}

/** The same scenario with every member id replaced by its pseudonym, for the public record. */
export function pseudonymise(snapshot: BallotSnapshot): ScenarioV1 {
  const p = snapshot.pseudonym;
  const s = snapshot.scenario;
  return {
    ...s,
    members: s.members.map((m) => ({ ...m, id: p(m.id) })),
    delegations: s.delegations.map((d) => ({ ...d, from: p(d.from), to: d.to.map(p) })),
    votes: s.votes.map((v) => ({ ...v, member: p(v.member) })),
  };
}

/** A method ballot's ballots keyed by pseudonym, for the public record. */
export function pseudonymiseBallots(snapshot: BallotSnapshot): Map<string, unknown> {
  return new Map(
    [...(snapshot.method?.ballots ?? [])].map(([id, ballot]) => [snapshot.pseudonym(id), ballot]),
  );
}
