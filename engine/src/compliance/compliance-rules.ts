/**
 * Compliance of a deputy's actual vote with the signed instruction: computed, never typed.
 * Pure TypeScript (no Nest, no ORM), shared by the server, `liquide verify` and the web client.
 */

/** What a deputy did in parliament on an instructed ballot. */
export const ACTUAL_VOTES = ['yes', 'no', 'abstain', 'absent'] as const;
export type ActualVoteChoice = (typeof ACTUAL_VOTES)[number];

/** What the instruction said (a seat is always yes, no or abstain). */
export type InstructedChoice = 'yes' | 'no' | 'abstain';

/**
 * `declared`: the deputy said so, not yet checked; `confirmed`: an organiser checked the declaration;
 * `imported`: read from the parliament's roll call by an organiser.
 */
export const VOTE_SOURCES = ['declared', 'confirmed', 'imported'] as const;
export type VoteSource = (typeof VOTE_SOURCES)[number];

export const COMPLIANCE = ['followed', 'deviated', 'absent', 'pending'] as const;
export type Compliance = (typeof COMPLIANCE)[number];

/** Counts per compliance of a set of instructions; `rate` is followed / (followed + deviated + absent). */
export interface ComplianceCounts {
  readonly followed: number;
  readonly deviated: number;
  readonly absent: number;
  readonly pending: number;
}

/**
 * The rule. Only a checked vote (confirmed or imported) settles an instruction; a mere declaration
 * leaves it pending. Absent is its own case (neither followed nor deviated); any other vote than the
 * instruction's choice is a deviation.
 */
export function complianceOf(
  instructed: InstructedChoice,
  actual: { readonly vote: ActualVoteChoice; readonly source: VoteSource } | undefined,
): Compliance {
  if (!actual || actual.source === 'declared') {
    return 'pending';
  }
  if (actual.vote === 'absent') {
    return 'absent';
  }
  return actual.vote === instructed ? 'followed' : 'deviated';
}

export function emptyCounts(): ComplianceCounts {
  return { followed: 0, deviated: 0, absent: 0, pending: 0 };
}

export function countCompliance(values: Iterable<Compliance>): ComplianceCounts {
  const counts = { followed: 0, deviated: 0, absent: 0, pending: 0 };
  for (const value of values) {
    counts[value] += 1;
  }
  return counts;
}

/** Share of settled instructions followed, rounded to a tenth of a percent; null while none is settled. */
export function complianceRate(counts: ComplianceCounts): number | null {
  const settled = counts.followed + counts.deviated + counts.absent;
  return settled === 0 ? null : Math.round((1000 * counts.followed) / settled) / 10;
}

/**
 * One instruction and the vote that answers it: the state `compliance.vote_recorded` events build, as the
 * server and a verifier keep it, keyed `<ballotId>/<deputy>`.
 */
export interface ComplianceEntry {
  readonly ballotId: string;
  readonly deputy: string;
  readonly instructed: InstructedChoice;
  actual?: { readonly vote: ActualVoteChoice; readonly source: VoteSource };
}

/** The instructions and votes of one collective, and the figures they give. */
export class ComplianceLedger {
  private readonly entries = new Map<string, ComplianceEntry>();

  static key(ballotId: string, deputy: string): string {
    return `${ballotId}/${deputy}`;
  }

  instruct(ballotId: string, deputy: string, instructed: InstructedChoice): void {
    const key = ComplianceLedger.key(ballotId, deputy);
    if (!this.entries.has(key)) {
      this.entries.set(key, { ballotId, deputy, instructed });
    }
  }

  get(ballotId: string, deputy: string): ComplianceEntry | undefined {
    return this.entries.get(ComplianceLedger.key(ballotId, deputy));
  }

  record(
    ballotId: string,
    deputy: string,
    vote: ActualVoteChoice,
    source: VoteSource,
  ): Compliance | undefined {
    const entry = this.get(ballotId, deputy);
    if (!entry) {
      return undefined;
    }
    entry.actual = { vote, source };
    return complianceOf(entry.instructed, entry.actual);
  }

  /** The figures of one deputy, or of the whole collective when `deputy` is undefined. */
  figures(deputy?: string): ComplianceCounts {
    const values: Compliance[] = [];
    for (const entry of this.entries.values()) {
      if (deputy === undefined || entry.deputy === deputy) {
        values.push(complianceOf(entry.instructed, entry.actual));
      }
    }
    return countCompliance(values);
  }
}
