import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { drawSortition } from '@liquide/engine/deputies/sortition/draw';
import { finalSeed, seedCommitment } from '@liquide/engine/deputies/sortition/hash';
import type { AnySortitionProof as SortitionProof } from '@liquide/engine/deputies/sortition/leximin-types';
import { buildProof } from '@liquide/engine/deputies/sortition/proof';
import type { DrawJobView } from '@liquide/engine/deputies/jobs/draw-job.contract';
import type { Quota } from '@liquide/engine/deputies/sortition/types';
import { generatedPool } from '../../../apps/cli/src/bench/sortition-pools';
import type { ApiUser } from '../../support/api-client';

/** A pool large enough that its LEXIMIN takes seconds (several levels), small enough for CI. */
export const POOL = { volunteers: 300, seats: 30, features: 3 } as const;
export type PoolSize = { readonly volunteers: number; readonly seats: number; readonly features: number };

export interface SortitionSetup {
  readonly sortitionId: string;
  readonly seed: string;
  readonly publicValue: string;
  readonly quotas: Quota[];
}

/**
 * Certified volunteers with generated attributes (the bench's pools), written straight to the database:
 * registering hundreds of accounts through the API would only slow the test down, and the draw reads
 * nothing else of them.
 */
export async function addVolunteers(
  databaseUrl: string,
  collectiveId: string,
  size: PoolSize = POOL,
): Promise<Quota[]> {
  const generated = generatedPool(size.volunteers, size.seats, size.features);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const [i, entry] of generated.pool.entries()) {
      const memberId = randomUUID();
      await client.query(
        `insert into member (id, collective_id, email, display_name, roles, attributes)
         values ($1, $2, $3, $4, '{member}', $5::jsonb)`,
        [memberId, collectiveId, `v${i}.${collectiveId}@example.org`, `Volontaire ${i}`, entry.attributes],
      );
      await client.query(
        `insert into deputy_volunteer (id, collective_id, member_id, certified_on, certified_by, training,
           certification_recorded_at) values ($1, $2, $3, '2026-11-20', $3, 'Formation', now())`,
        [randomUUID(), collectiveId, memberId],
      );
    }
  } finally {
    await client.end();
  }
  return generated.quotas;
}

/**
 * Freezes the pool with the quotas and commits a seed: one the organiser keeps (revealed at the draw), or
 * with `serverSeed` one the server generates and keeps, as the web client does.
 */
export async function committedSortition(
  organiser: ApiUser,
  collectiveId: string,
  quotas: Quota[],
  label: string,
  options: { seats?: number; serverSeed?: boolean } = {},
): Promise<SortitionSetup> {
  const frozen = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/sortitions`, {
    seats: options.seats ?? POOL.seats,
    substitutes: 5,
    quotas,
  });
  if (frozen.status !== 201) {
    throw new Error(`freeze failed: ${frozen.status} ${JSON.stringify(frozen.body)}`);
  }
  const seed = `graine ${label}`;
  const committed = await organiser.call('POST', `/api/sortitions/${frozen.body.id}/commitment`, {
    ...(options.serverSeed ? {} : { seedCommitment: seedCommitment(seed) }),
    publicValueSource: 'EuroMillions du vendredi',
  });
  if (committed.status !== 201) {
    throw new Error(`commitment failed: ${committed.status}`);
  }
  return { sortitionId: frozen.body.id, seed, publicValue: `4 17 23 38 45 / ${label}`, quotas };
}

interface SortitionState {
  collectiveId: string;
  pool: SortitionProof['pool'];
  seats: number;
  substituteCount: number;
  seedCommitment: string;
  publicValueSource: string;
  frozenAt: string;
  committedAt: string;
}

/** The proof a direct, synchronous run of the core gives for the same inputs (drawn at the job's request time). */
export async function directProof(
  organiser: ApiUser,
  setup: SortitionSetup,
  job: DrawJobView,
): Promise<SortitionProof> {
  const { body: s } = await organiser.call<SortitionState>('GET', `/api/sortitions/${setup.sortitionId}`);
  const outcome = await drawSortition({
    pool: s.pool,
    quotas: setup.quotas,
    seats: s.seats,
    substituteCount: s.substituteCount,
    finalSeed: finalSeed(setup.seed, setup.publicValue),
  });
  return buildProof({
    collectiveId: s.collectiveId,
    sortitionId: setup.sortitionId,
    pool: s.pool,
    seats: s.seats,
    substituteCount: s.substituteCount,
    quotas: setup.quotas,
    seedCommitment: s.seedCommitment,
    seed: setup.seed,
    publicValueSource: s.publicValueSource,
    publicValue: setup.publicValue,
    frozenAt: s.frozenAt,
    committedAt: s.committedAt,
    drawnAt: job.requestedAt,
    outcome,
  });
}
