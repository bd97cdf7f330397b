import { canonicalJson } from '../record/canonical-json';
import type { ScenarioV1 } from '../tally';
import {
  Checksum,
  delegationHash,
  delegationKey,
  memberHash,
  voteHash,
  type ChecksumFigures,
} from './live-checksum';
import type { LiveChange } from './live-tally.registry';

/** A live tally's checksums: its votes, the delegations that apply to its ballot, and its members. */
export interface TallyChecksums {
  readonly votes: Checksum;
  readonly delegations: Checksum;
  /** Fixed for the entry's life: a change of membership reloads the tally (`MembershipReloads`). */
  readonly members: ChecksumFigures;
}

/** The checksums of a freshly loaded snapshot (a method ballot's votes are its ballots' JSON). */
export function checksumsOf(
  scenario: ScenarioV1,
  method: { readonly ballots: ReadonlyMap<string, unknown> } | null,
): TallyChecksums {
  const votes = new Checksum();
  if (method) {
    for (const [memberId, ballot] of method.ballots) {
      votes.set(memberId, voteHash(memberId, canonicalJson(ballot)));
    }
  } else {
    for (const vote of scenario.votes) {
      votes.set(vote.member, voteHash(vote.member, vote.choice));
    }
  }
  const delegations = new Checksum();
  for (const d of scenario.delegations) {
    delegations.set(delegationKey(d.from, d.scope), delegationHash(d.from, d.scope, d.to, d.expiresAt));
  }
  let sum = 0;
  for (const member of scenario.members) {
    sum = (sum + memberHash(member.id, member.weight ?? 1, member.active !== false)) % 2 ** 30;
  }
  return { votes, delegations, members: { count: scenario.members.length, sum } };
}

/** Records a change the tally has just applied (a delegation only when it concerns the ballot). */
export function recordChange(checksums: TallyChecksums, change: LiveChange): void {
  if (change.kind === 'vote') {
    const choice = change.choice;
    checksums.votes.set(
      change.memberId,
      choice === null
        ? undefined
        : voteHash(change.memberId, typeof choice === 'string' ? choice : canonicalJson(choice.ballot)),
    );
    return;
  }
  checksums.delegations.set(
    delegationKey(change.memberId, change.scope),
    change.trustees === null
      ? undefined
      : delegationHash(change.memberId, change.scope, change.trustees, change.expiresAt),
  );
}
