import { Command } from '@nestjs/cqrs';
import type { Scope } from '../../tally';

export interface DelegationView {
  readonly scope: Scope;
  /** Topic id or bill id; null for global. */
  readonly target: string | null;
  readonly trustees: readonly string[];
  readonly expiresAt: string | null;
  readonly updatedAt: string;
}

/**
 * Set or replace the caller's delegation at one scope; an empty list means "no delegation here".
 * With a `requestId`, a retry gets the first answer back and writes nothing (one record event).
 */
export class SetDelegationCommand extends Command<DelegationView> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly scope: Scope,
    readonly target: string | null,
    readonly trustees: readonly string[],
    readonly expiresAt: Date | null,
    readonly requestId?: string,
  ) {
    super();
  }
}
