import { Query } from '@nestjs/cqrs';
import type {
  ActualVoteChoice,
  Compliance,
  ComplianceCounts,
  InstructedChoice,
  VoteSource,
} from '../compliance-rules';
import type { PopoloDeputyVoteEvent } from '../popolo';

/** An actual vote as the API shows it. */
export interface ActualVoteView {
  readonly vote: ActualVoteChoice;
  readonly source: VoteSource;
  readonly votedOn: string | null;
  readonly rollCallUrl: string | null;
  readonly explanation: string | null;
  readonly recordedAt: string;
}

/** One instruction, the vote that answered it and the compliance computed from both. */
export interface ComplianceLine {
  readonly ballotId: string;
  readonly billId: string;
  readonly billTitle: string;
  readonly memberId: string;
  readonly displayName: string;
  readonly instructed: InstructedChoice;
  readonly issuedAt: string;
  readonly actual: ActualVoteView | null;
  readonly compliance: Compliance;
}

export interface Figures {
  readonly counts: ComplianceCounts;
  /** Followed / settled, in percent with one decimal; null while nothing is settled. */
  readonly rate: number | null;
}

/** A deputy's public page: seats, parliamentary id, every instruction with the actual vote, and the rate. */
export interface DeputyComplianceView extends Figures {
  readonly memberId: string;
  readonly displayName: string;
  readonly parliamentId: string | null;
  readonly seats: readonly { seatedAt: string; endedAt: string | null; status: string }[];
  readonly lines: readonly ComplianceLine[];
}

export class DeputyComplianceQuery extends Query<DeputyComplianceView> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    /** Answer an empty page rather than 404 for a member never seated nor instructed (their own page). */
    readonly ownPage = false,
  ) {
    super();
  }
}

/** Per ballot of a bill: each deputy's instruction beside the actual vote (the side-by-side hemicycle). */
export interface BillComplianceView {
  readonly billId: string;
  readonly ballots: readonly {
    readonly ballotId: string;
    readonly lines: readonly ComplianceLine[];
    readonly instructed: Readonly<Record<InstructedChoice, number>>;
    readonly actual: Readonly<Record<ActualVoteChoice | 'pending', number>>;
  }[];
}

export class BillComplianceQuery extends Query<BillComplianceView> {
  constructor(readonly billId: string) {
    super();
  }
}

/** The collective's rate and each deputy's. */
export interface CollectiveComplianceView extends Figures {
  readonly deputies: readonly (Figures & { memberId: string; displayName: string })[];
}

export class CollectiveComplianceQuery extends Query<CollectiveComplianceView> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

/** The deputies' actual votes as Popolo vote events, one per instructed ballot. */
export class PopoloActualVotesQuery extends Query<{ vote_events: PopoloDeputyVoteEvent[] }> {
  constructor(readonly collectiveId: string) {
    super();
  }
}
