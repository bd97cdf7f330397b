import { canonicalJson } from '../record/canonical-json';
import type { ScenarioV1 } from '../tally';
import { Checksum, delegationHash, delegationKey, voteHash } from './live-checksum';
import type { LiveChange } from './live-tally.registry';

/** A live tally's checksums: its votes, and the delegations that apply to its ballot. */
export interface TallyChecksums {
  readonly votes: Checksum;
  readonly delegations: Checksum;
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
  return { votes, delegations };
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
