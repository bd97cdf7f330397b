import { Command } from '@nestjs/cqrs';
import type { BallotMethodId, MethodOptionsBase, MethodTallyResult } from '../../ballot-methods';
import type { TallyResult } from '../../tally';
import type { BallotPurpose, MandateBase, MandateMethod, Visibility } from '../ballot.entity';

export interface CreateBallotInput {
  readonly billId: string;
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly visibility?: Visibility;
  readonly mandateMethod?: MandateMethod;
  readonly mandateBase?: MandateBase;
  readonly deputies?: number;
  /** `amendment` for a vote on one amendment to the bill (the amendments plugin); `bill` by default. */
  readonly purpose?: BallotPurpose;
  /** `yes-no-abstain` (default) or a ballot method, with its options already validated. */
  readonly method?: BallotMethodId;
  readonly methodOptions?: MethodOptionsBase;
}

/** Create a ballot on a bill (draft); defaults come from the collective's settings. */
export class CreateBallotCommand extends Command<{ id: string }> {
  constructor(
    readonly collectiveId: string,
    readonly input: CreateBallotInput,
  ) {
    super();
  }
}

/**
 * Open a draft ballot. Its window runs from the opening: a ballot opened after its planned `opensAt`
 * keeps its planned length (closes at opening + (closesAt − opensAt)), unless the organiser names the
 * end (`closesAt`, after now). A ballot opened before `opensAt` keeps its planned window.
 */
export class OpenBallotCommand extends Command<{ opensAt: string; closesAt: string }> {
  constructor(
    readonly ballotId: string,
    readonly closesAt?: Date,
  ) {
    super();
  }
}

/** Close an open ballot (organiser, or the scheduler at `closesAt`) and store its final result. */
export class CloseBallotCommand extends Command<{
  result: TallyResult | MethodTallyResult;
  resultHash: string;
}> {
  constructor(
    readonly ballotId: string,
    /** The scheduler closes only ballots whose time has come; an organiser may close early. */
    readonly onlyIfDue = false,
  ) {
    super();
  }
}
