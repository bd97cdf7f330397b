import { Command } from '@nestjs/cqrs';

/** Withdraw one's own vote: one's delegations apply again. */
export class WithdrawVoteCommand extends Command<void> {
  constructor(
    readonly ballotId: string,
    /** The voter's account (its bound membership). */
    readonly accountId: string,
  ) {
    super();
  }
}
