import type { ComplianceLine } from './queries/compliance.queries';

/**
 * A ballot's actual votes in parliament as a Popolo VoteEvent (https://www.popoloproject.com/specs/vote-event.html):
 * one vote per instructed deputy whose vote was checked (confirmed or imported), `voter_id` the deputy's
 * member id (deputies are public officers), `option` yes / no / abstain / absent.
 */
export interface PopoloDeputyVoteEvent {
  readonly id: string;
  readonly identifier: string;
  readonly motion_id: string;
  readonly organization_id: string;
  readonly start_date?: string;
  readonly sources: readonly { readonly url: string }[];
  readonly counts: readonly { readonly option: string; readonly value: number }[];
  readonly votes: readonly {
    readonly voter_id: string;
    readonly option: string;
    /** Liquide extension: what the signed instruction said, and whether it was followed. */
    readonly instructed: string;
    readonly compliance: string;
  }[];
}

const OPTIONS = ['yes', 'no', 'abstain', 'absent'] as const;

export function toPopoloDeputyVoteEvent(
  collectiveId: string,
  ballotId: string,
  lines: readonly ComplianceLine[],
): PopoloDeputyVoteEvent {
  const checked = lines.filter((line) => line.actual && line.actual.source !== 'declared');
  const dates = checked
    .map((line) => line.actual?.votedOn)
    .filter((d): d is string => !!d)
    .sort();
  const urls = [...new Set(checked.map((line) => line.actual?.rollCallUrl).filter((u): u is string => !!u))];
  return {
    id: `${ballotId}/parliament`,
    identifier: ballotId,
    motion_id: lines[0]?.billId ?? '',
    organization_id: collectiveId,
    ...(dates[0] === undefined ? {} : { start_date: dates[0] }),
    sources: urls.map((url) => ({ url })),
    counts: OPTIONS.map((option) => ({
      option,
      value: checked.filter((line) => line.actual?.vote === option).length,
    })),
    votes: checked.map((line) => ({
      voter_id: line.memberId,
      option: line.actual?.vote ?? 'absent',
      instructed: line.instructed,
      compliance: line.compliance,
    })),
  };
}
