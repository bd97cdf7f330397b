import { Command } from '@nestjs/cqrs';
import type {
  AnswerInput,
  CommentInput,
  DraftPetitionInput,
  ModeratePetitionInput,
  PetitionStatus,
  ThresholdEffect,
} from '../../contracts';

/** A member drafts a petition under the collective's current settings. */
export class DraftPetitionCommand extends Command<{ id: string; status: PetitionStatus }> {
  constructor(
    readonly collectiveId: string,
    readonly authorId: string,
    readonly input: DraftPetitionInput,
  ) {
    super();
  }
}

/** A member (not the author) sponsors a draft; enough sponsors make it `sponsored`. */
export class SponsorPetitionCommand extends Command<{ sponsors: number; status: PetitionStatus }> {
  constructor(
    readonly petitionId: string,
    readonly memberId: string,
  ) {
    super();
  }
}

/** The author sends a sponsored petition to moderation (or straight on when moderation is off). */
export class SubmitPetitionCommand extends Command<{ status: PetitionStatus }> {
  constructor(
    readonly petitionId: string,
    readonly memberId: string,
  ) {
    super();
  }
}

/** An organiser approves (→ deliberation or open) or rejects with a reason code. */
export class ModeratePetitionCommand extends Command<{ status: PetitionStatus }> {
  constructor(
    readonly petitionId: string,
    readonly decision: ModeratePetitionInput,
  ) {
    super();
  }
}

/** Ends deliberation and opens signatures (an organiser early, or the scheduler when it is due). */
export class OpenSignaturesCommand extends Command<{ status: PetitionStatus }> {
  constructor(
    readonly petitionId: string,
    readonly onlyIfDue = false,
  ) {
    super();
  }
}

/** A member comments, or argues for or against, during deliberation. */
export class CommentPetitionCommand extends Command<{ id: string }> {
  constructor(
    readonly petitionId: string,
    readonly memberId: string,
    readonly input: CommentInput,
  ) {
    super();
  }
}

/** A member signs (once) while the window is open. */
export class SignPetitionCommand extends Command<{ signatures: number; proof: string }> {
  constructor(
    readonly petitionId: string,
    readonly memberId: string,
  ) {
    super();
  }
}

/** A member withdraws their signature before the close. */
export class WithdrawSignatureCommand extends Command<{ signatures: number }> {
  constructor(
    readonly petitionId: string,
    readonly memberId: string,
  ) {
    super();
  }
}

/** Closes an open petition at the end of its window (the scheduler). */
export class ClosePetitionCommand extends Command<{ closed: boolean }> {
  constructor(
    readonly petitionId: string,
    readonly onlyIfDue = true,
  ) {
    super();
  }
}

/** The official answer (text, by whom); its time is compared with the deadline. */
export class AnswerPetitionCommand extends Command<{ status: PetitionStatus; onTime: boolean | null }> {
  constructor(
    readonly petitionId: string,
    readonly input: AnswerInput,
  ) {
    super();
  }
}

/** Puts the petition's bill (or a new one) on the agenda as an open ballot; idempotent. */
export class ApplyBindingEffectCommand extends Command<{ ballotId: string }> {
  constructor(
    readonly petitionId: string,
    readonly thresholdId: string,
  ) {
    super();
  }
}

/** A petition's figures or state changed (committed): live watchers get the new state. */
export class PetitionChangedEvent {
  constructor(
    readonly collectiveId: string,
    readonly petitionId: string,
  ) {}
}

/** A threshold was reached (committed). */
export class ThresholdReachedEvent {
  constructor(
    readonly collectiveId: string,
    readonly petitionId: string,
    readonly thresholdId: string,
    readonly effect: ThresholdEffect,
  ) {}
}
