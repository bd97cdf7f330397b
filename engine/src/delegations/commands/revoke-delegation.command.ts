import { Command } from '@nestjs/cqrs';
import type { Scope } from '../../tally';

/** Remove the caller's delegation at one scope: broader scopes apply again. */
export class RevokeDelegationCommand extends Command<void> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly scope: Scope,
    readonly target: string | null,
  ) {
    super();
  }
}
