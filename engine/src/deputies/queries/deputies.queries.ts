import { Query } from '@nestjs/cqrs';
import type { AnySortitionProof as SortitionProof } from '../sortition/leximin-types';

/** A volunteer as organisers see them. */
export interface VolunteerView {
  readonly memberId: string;
  readonly displayName: string;
  readonly statement: string;
  readonly volunteeredAt: string;
  readonly withdrawnAt: string | null;
  readonly certifiedOn: string | null;
  readonly certifiedBy: string | null;
  readonly training: string | null;
  readonly eligible: boolean;
}

/** A seat, current or past. */
export interface SeatView {
  readonly seatId: string;
  readonly sortitionId: string;
  readonly memberId: string;
  readonly displayName: string;
  readonly status: 'seated' | 'resigned' | 'ended';
  readonly seatedAt: string;
  readonly endedAt: string | null;
  readonly replaces: string | null;
  readonly quotasMet: boolean;
  readonly reason: string | null;
}

/** One signed instruction as the API shows it. */
export interface InstructionView {
  readonly ballotId: string;
  readonly billId: string;
  readonly deputy: string;
  readonly deputyName: string;
  readonly choice: string;
  readonly issuedAt: string;
  readonly kid: string;
  /** Compact JWS, checkable with `liquide verify-mandate`. */
  readonly jws: string;
}

/** A sortition's public state; the proof once drawn. */
export interface SortitionView {
  readonly id: string;
  readonly collectiveId: string;
  readonly status: 'frozen' | 'committed' | 'drawn';
  readonly seats: number;
  readonly substituteCount: number;
  readonly quotas: SortitionProof['quotas'];
  readonly pool: SortitionProof['pool'];
  readonly poolHash: string;
  readonly seedCommitment: string | null;
  readonly publicValueSource: string | null;
  readonly frozenAt: string;
  readonly committedAt: string | null;
  readonly drawnAt: string | null;
  /** The state machine's steps in order, each with its date once done (null: still to do). */
  readonly steps: readonly SortitionStepView[];
  readonly proof: SortitionProof | null;
}

export interface SortitionStepView {
  readonly step: 'pool_frozen' | 'seed_committed' | 'public_value_entered' | 'drawn';
  readonly at: string | null;
}

export class ListVolunteersQuery extends Query<VolunteerView[]> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

export class GetSortitionQuery extends Query<SortitionView> {
  constructor(readonly sortitionId: string) {
    super();
  }
}

/** A collective's sortitions, newest first (at most 100), without their proofs: the organiser's page reads its state here. */
export class ListSortitionsQuery extends Query<SortitionView[]> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

/** The sitting deputies and every seat ever held, newest first. */
export class ListDeputiesQuery extends Query<{ current: SeatView[]; history: SeatView[] }> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

/** A deputy's instructions: the latest per bill (`current`) and all of them, newest first. */
export class MyInstructionsQuery extends Query<{ current: InstructionView[]; history: InstructionView[] }> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
  ) {
    super();
  }
}

/** Every deputy's instruction on a bill, per ballot: the public record of how the deputies were bound. */
export class BillInstructionsQuery extends Query<{
  billId: string;
  ballots: { ballotId: string; closedAt: string | null; instructions: InstructionView[] }[];
}> {
  constructor(readonly billId: string) {
    super();
  }
}
