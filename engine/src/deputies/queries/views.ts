import type { DeputySeat } from '../entities/deputy-seat.entity';
import type { Sortition } from '../entities/sortition.entity';
import type { SeatView, SortitionView } from './deputies.queries';

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** A seat as the API shows it; the member must be populated. */
export function seatView(s: DeputySeat): SeatView {
  return {
    seatId: s.id,
    sortitionId: s.sortition.id,
    memberId: s.member.id,
    displayName: s.member.getEntity().displayName,
    status: s.status,
    seatedAt: s.seatedAt.toISOString(),
    endedAt: iso(s.endedAt),
    replaces: s.replaces,
    quotasMet: s.quotasMet,
    reason: s.reason,
  };
}

/** A sortition's public state and its steps with their dates (the hidden server seed never appears). */
export function sortitionView(s: Sortition): SortitionView {
  return {
    id: s.id,
    collectiveId: s.collective.id,
    status: s.status,
    seats: s.seats,
    substituteCount: s.substituteCount,
    quotas: s.quotas,
    pool: s.pool,
    poolHash: s.poolHash,
    seedCommitment: s.seedCommitment,
    publicValueSource: s.publicValueSource,
    frozenAt: s.frozenAt.toISOString(),
    committedAt: iso(s.committedAt),
    drawnAt: iso(s.drawnAt),
    steps: [
      { step: 'pool_frozen', at: s.frozenAt.toISOString() },
      { step: 'seed_committed', at: iso(s.committedAt) },
      { step: 'public_value_entered', at: iso(s.drawnAt) },
      { step: 'drawn', at: iso(s.drawnAt) },
    ],
    proof: s.proof,
  };
}
