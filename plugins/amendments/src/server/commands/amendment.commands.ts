import { Command } from '@nestjs/cqrs';
import type {
  AmendmentBallotInput,
  AmendmentPhaseInput,
  AmendmentStatus,
  CreateContestInput,
  ProposeAmendmentInput,
} from '../../contracts';

/** An organiser opens or closes a bill's amendment phase. */
export class SetAmendmentPhaseCommand extends Command<{ open: boolean; closesAt: string | null }> {
  constructor(
    readonly billId: string,
    readonly collectiveId: string,
    readonly input: AmendmentPhaseInput,
  ) {
    super();
  }
}

/** A member proposes an amendment to one article of the latest version, while the phase is open. */
export class ProposeAmendmentCommand extends Command<{ id: string; status: AmendmentStatus }> {
  constructor(
    readonly billId: string,
    readonly collectiveId: string,
    readonly authorId: string,
    readonly input: ProposeAmendmentInput,
  ) {
    super();
  }
}

/** The author withdraws a `proposed` amendment; it stays listed as `withdrawn`. */
export class WithdrawAmendmentCommand extends Command<{ status: AmendmentStatus }> {
  constructor(
    readonly amendmentId: string,
    readonly memberId: string,
  ) {
    super();
  }
}

/** An organiser puts an amendment to a yes/no ballot on the same bill, opened at once. */
export class PutAmendmentToVoteCommand extends Command<{ ballotId: string }> {
  constructor(
    readonly amendmentId: string,
    readonly input: AmendmentBallotInput,
  ) {
    super();
  }
}

/** An organiser groups competing amendments on one article into a ranked (Schulze) contest. */
export class CreateContestCommand extends Command<{ id: string; options: string[]; seed: string }> {
  constructor(
    readonly billId: string,
    readonly collectiveId: string,
    readonly input: CreateContestInput,
  ) {
    super();
  }
}

/** A member ranks a contest's options (cast or replaced). */
export class RankContestCommand extends Command<{ ranking: string[] }> {
  constructor(
    readonly contestId: string,
    readonly memberId: string,
    readonly ranking: readonly string[],
  ) {
    super();
  }
}

/** An organiser closes a contest: weights through delegations, Schulze, winner adopted and merged. */
export class CloseContestCommand extends Command<{ winner: string; order: string[]; tieBroken: boolean }> {
  constructor(readonly contestId: string) {
    super();
  }
}

/** Decides what a closed engine ballot means for amendments (run by the `BallotClosedEvent` handler). */
export class ResolveClosedBallotCommand extends Command<void> {
  constructor(readonly ballotId: string) {
    super();
  }
}

/** Merges a bill's adopted, unmerged amendments into one new version, in article order. Idempotent. */
export class MergeAdoptedAmendmentsCommand extends Command<{
  number: number | null;
  merged: string[];
  lapsed: string[];
}> {
  constructor(readonly billId: string) {
    super();
  }
}
