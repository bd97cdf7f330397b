import { Command } from '@nestjs/cqrs';
import type { Quota } from '../sortition/types';

/** A member volunteers to be drawn as a deputy (again, after a withdrawal). */
export class VolunteerCommand extends Command<{ id: string }> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly statement: string,
  ) {
    super();
  }
}

/** A volunteer withdraws: no longer eligible for the next pools. */
export class WithdrawVolunteerCommand extends Command<void> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
  ) {
    super();
  }
}

/** An organiser records a volunteer's certification: the day, the training, and who certifies. */
export class CertifyVolunteerCommand extends Command<void> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly certifiedOn: string,
    readonly training: string,
    readonly byMemberId: string,
  ) {
    super();
  }
}

/** Freezes the pool of certified volunteers for a new draw and publishes its hash. */
export class FreezePoolCommand extends Command<{ id: string; poolHash: string; volunteers: number }> {
  constructor(
    readonly collectiveId: string,
    readonly byMemberId: string,
    readonly input: { seats: number; substitutes?: number; quotas: Quota[]; household?: string },
  ) {
    super();
  }
}

/**
 * Publishes the seed commitment and the source of the public value. Without `seedCommitment` the server
 * generates the secret seed itself and keeps it hidden until the draw.
 */
export class CommitSeedCommand extends Command<{ seedCommitment: string; publicValueSource: string }> {
  constructor(
    readonly sortitionId: string,
    readonly input: { seedCommitment?: string; publicValueSource: string },
  ) {
    super();
  }
}

/** A deputy resigns; the next suitable substitute takes the seat. */
export class ResignCommand extends Command<{ replacedBy: string | null; quotasMet: boolean }> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly reason: string | null,
  ) {
    super();
  }
}
