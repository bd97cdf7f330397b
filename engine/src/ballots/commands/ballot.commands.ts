import { Command } from '@nestjs/cqrs';
import type { TallyResult } from '../../tally';
import type { MandateBase, MandateMethod, Visibility } from '../ballot.entity';

export interface CreateBallotInput {
  readonly billId: string;
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly visibility?: Visibility;
  readonly mandateMethod?: MandateMethod;
  readonly mandateBase?: MandateBase;
  readonly deputies?: number;
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

/** Open a draft ballot: votes count from `opensAt` until `closesAt`. */
export class OpenBallotCommand extends Command<void> {
  constructor(readonly ballotId: string) {
    super();
  }
}

/** Close an open ballot (organiser, or the scheduler at `closesAt`) and store its final result. */
export class CloseBallotCommand extends Command<{ result: TallyResult; resultHash: string }> {
  constructor(
    readonly ballotId: string,
    /** The scheduler closes only ballots whose time has come; an organiser may close early. */
    readonly onlyIfDue = false,
  ) {
    super();
  }
}
