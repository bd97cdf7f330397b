import { Command } from '@nestjs/cqrs';
import type { Scope } from '../../tally';

/**
 * Remove the caller's delegation at one scope: broader scopes apply again. With a `requestId`, a retry
 * of a revocation that went through answers the same (no `delegation.not_found`, no second event).
 */
export class RevokeDelegationCommand extends Command<void> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly scope: Scope,
    readonly target: string | null,
    readonly requestId?: string,
  ) {
    super();
  }
}
