import type { SeatChoice } from '../../tally';

/** Signed instructions were issued (committed) to these deputies for a closed ballot. */
export class InstructionsIssuedEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
    readonly billId: string,
    readonly deputies: readonly { readonly memberId: string; readonly choice: SeatChoice }[],
  ) {}
}
