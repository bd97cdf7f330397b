import type { EntityManager } from '@mikro-orm/postgresql';
import { Collective } from '../../collectives/collective.entity';
import { LiquideError } from '../../errors/liquide-error';
import { Member } from '../../members/member.entity';
import type { RecordService } from '../../record/record.service';
import { DeputiesErrorCode } from '../deputies.errors';
import { DeputySeat } from '../entities/deputy-seat.entity';
import { Sortition } from '../entities/sortition.entity';
import type { DrawInput } from '../sortition/draw';
import type { LeximinOutcome } from '../sortition/draw-leximin';
import { finalSeed, seedCommitment } from '../sortition/hash';
import type { AnySortitionProof as SortitionProof } from '../sortition/leximin-types';
import { buildProof, unverifiedDifference } from '../sortition/proof';
import type { DrawOutcome } from '../sortition/types';
import type { ProofContext } from './draw-worker.contract';
import { DrawJobErrorCode } from './draw-jobs.errors';

/**
 * The seed a draw reveals: the one given, or the one the server generated and kept. Checked against the
 * published commitment before anything is computed.
 */
export function revealedSeed(sortition: Sortition, given: string | undefined): string {
  const seed = given ?? sortition.secretSeed;
  if (!seed) {
    throw new LiquideError(DeputiesErrorCode.SeedRequired, { field: 'seed' });
  }
  const commitment = sortition.seedCommitment ?? '';
  if (seedCommitment(seed) !== commitment) {
    throw new LiquideError(DeputiesErrorCode.SeedMismatch, { field: 'seed', params: { commitment } });
  }
  return seed;
}

/** The pure draw's input for a committed sortition, a revealed seed and the public value. */
export function drawInputOf(sortition: Sortition, seed: string, publicValue: string): DrawInput {
  return {
    pool: sortition.pool,
    quotas: sortition.quotas,
    seats: sortition.seats,
    substituteCount: sortition.substituteCount,
    finalSeed: finalSeed(seed, publicValue),
  };
}

/** What the proof of a draw holds beyond the draw's input; `drawnAt` is the moment the draw was asked for. */
export function proofContextOf(
  sortition: Sortition,
  seed: string,
  publicValue: string,
  drawnAt: Date,
): ProofContext {
  return {
    collectiveId: sortition.collective.id,
    sortitionId: sortition.id,
    seedCommitment: sortition.seedCommitment ?? '',
    seed,
    publicValueSource: sortition.publicValueSource ?? '',
    publicValue,
    frozenAt: sortition.frozenAt.toISOString(),
    committedAt: (sortition.committedAt ?? drawnAt).toISOString(),
    drawnAt: drawnAt.toISOString(),
  };
}

/** A proof sealed elsewhere (the draw worker) is published only if it was sealed for this very context. */
function sealedFor(proof: SortitionProof | undefined, context: ProofContext): proof is SortitionProof {
  return (
    proof !== undefined &&
    (Object.keys(context) as (keyof ProofContext)[]).every((key) => proof[key] === context[key])
  );
}

/**
 * Publishes a computed draw inside the caller's transaction (the sortition row locked): builds the proof
 * (or takes the one the draw worker sealed for the same context), ends the previous panel's seats, seats the
 * new panel, appends `sortition.drawn` to the record. `drawnAt` is the moment the draw was asked for, so that
 * a draw computed again after a crash gives the same proof. A proof built here (not sealed by the worker,
 * which verifies its own) is verified first: one that fails is never published.
 * @throws LiquideError `sortition.proof_unverified` (nothing changed) when the proof fails verification.
 */
export async function publishDraw(
  em: EntityManager,
  record: RecordService,
  sortition: Sortition,
  draw: {
    seed: string;
    publicValue: string;
    drawnAt: Date;
    outcome: DrawOutcome | LeximinOutcome;
    proof?: SortitionProof;
  },
): Promise<SortitionProof> {
  const collectiveId = sortition.collective.id;
  const context = proofContextOf(sortition, draw.seed, draw.publicValue, draw.drawnAt);
  let proof: SortitionProof;
  if (sealedFor(draw.proof, context)) {
    proof = draw.proof;
  } else {
    proof = buildProof({
      ...context,
      pool: sortition.pool,
      seats: sortition.seats,
      substituteCount: sortition.substituteCount,
      quotas: sortition.quotas,
      outcome: draw.outcome,
    });
    const difference = await unverifiedDifference(proof);
    if (difference) {
      throw new LiquideError(DrawJobErrorCode.ProofUnverified, { params: { difference } });
    }
  }
  sortition.proof = proof;
  sortition.status = 'drawn';
  sortition.drawnAt = draw.drawnAt;
  await seatPanel(em, collectiveId, sortition, draw.outcome.panel, draw.drawnAt);
  await record.append(em, collectiveId, 'sortition.drawn', {
    sortitionId: sortition.id,
    proofHash: proof.proofHash,
    finalSeed: proof.finalSeed,
    panel: proof.panel,
    substitutes: proof.substitutes,
  });
  return proof;
}

/** Ends every seat still held in the collective, then seats the new panel (role `deputy` follows). */
async function seatPanel(
  em: EntityManager,
  collectiveId: string,
  sortition: Sortition,
  panel: readonly string[],
  at: Date,
): Promise<void> {
  const previous = await em.find(
    DeputySeat,
    { collective: collectiveId, status: 'seated' },
    { populate: ['member'] },
  );
  for (const seat of previous) {
    seat.end('ended', `replaced by sortition ${sortition.id}`, at);
    const member = seat.member.getEntity();
    member.roles = member.roles.filter((role) => role !== 'deputy');
  }
  await em.flush();
  const members = await em.find(Member, { id: { $in: [...panel] }, collective: collectiveId });
  for (const member of members) {
    if (!member.has('deputy')) {
      member.roles = [...member.roles, 'deputy'];
    }
    em.persist(
      new DeputySeat(
        em.getReference(Collective, collectiveId, { wrapped: true }),
        em.getReference(Sortition, sortition.id, { wrapped: true }),
        em.getReference(Member, member.id, { wrapped: true }),
      ),
    );
  }
  await em.flush();
}
