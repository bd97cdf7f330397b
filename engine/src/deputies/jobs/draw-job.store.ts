import type { EntityManager } from '@mikro-orm/postgresql';
import type { DrawJobProgress, DrawJobStatus, DrawJobView } from './draw-job.contract';

/** One row of `sortition_draw_job`, as read. */
export interface DrawJobRow {
  readonly id: string;
  readonly sortition_id: string;
  readonly collective_id: string;
  readonly status: DrawJobStatus;
  readonly seed: string;
  readonly public_value: string;
  readonly requested_at: Date;
  readonly requested_by: string;
  readonly attempts: number;
  readonly owner: string | null;
  readonly started_at: Date | null;
  readonly progress: DrawJobProgress | null;
  readonly finished_at: Date | null;
  readonly error: { code: string; field?: string; params?: Record<string, string | number> } | null;
  readonly proof_hash: string | null;
}

const COLUMNS = `id, sortition_id, collective_id, status, seed, public_value, requested_at, requested_by,
  attempts, owner, started_at, progress, finished_at, error, proof_hash`;

/** What organisers may see of a row (no seed, no owner). */
export function viewOf(row: DrawJobRow): DrawJobView {
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  return {
    id: row.id,
    sortitionId: row.sortition_id,
    collectiveId: row.collective_id,
    status: row.status,
    attempts: row.attempts,
    requestedAt: new Date(row.requested_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    progress: row.progress,
    error: row.error
      ? { code: row.error.code, ...(row.error.field ? { field: row.error.field } : {}) }
      : null,
    proofHash: row.proof_hash,
  };
}

/**
 * The job table's statements. Every change of state is one conditional UPDATE, so that two instances (or
 * an instance and a cancel) never both win: a job is claimed by one owner, finished or cancelled once.
 */
export const drawJobs = {
  async byId(
    em: EntityManager,
    sortitionId: string,
    jobId: string,
    lock = false,
  ): Promise<DrawJobRow | null> {
    const rows = await em.execute<DrawJobRow[]>(
      `select ${COLUMNS} from sortition_draw_job where id = ? and sortition_id = ?${lock ? ' for update' : ''}`,
      [jobId, sortitionId],
    );
    return rows[0] ?? null;
  },

  async latest(em: EntityManager, sortitionId: string): Promise<DrawJobRow | null> {
    const rows = await em.execute<DrawJobRow[]>(
      `select ${COLUMNS} from sortition_draw_job where sortition_id = ? order by requested_at desc limit 1`,
      [sortitionId],
    );
    return rows[0] ?? null;
  },

  async active(em: EntityManager, sortitionId: string): Promise<DrawJobRow | null> {
    const rows = await em.execute<DrawJobRow[]>(
      `select ${COLUMNS} from sortition_draw_job where sortition_id = ? and status in ('queued', 'running')`,
      [sortitionId],
    );
    return rows[0] ?? null;
  },

  /** A new queued job; the partial unique index refuses a second active one for the same sortition. */
  async insert(
    em: EntityManager,
    job: {
      id: string;
      sortitionId: string;
      collectiveId: string;
      seed: string;
      publicValue: string;
      requestedAt: Date;
      requestedBy: string;
    },
  ): Promise<DrawJobRow> {
    const progress: DrawJobProgress = {
      phase: 'queued',
      level: 0,
      open: 0,
      groups: 0,
      bound: null,
      elapsedMs: 0,
    };
    const rows = await em.execute<DrawJobRow[]>(
      `insert into sortition_draw_job
         (id, sortition_id, collective_id, status, seed, public_value, requested_at, requested_by, progress)
       values (?, ?, ?, 'queued', ?, ?, ?, ?, ?::jsonb) returning ${COLUMNS}`,
      [
        job.id,
        job.sortitionId,
        job.collectiveId,
        job.seed,
        job.publicValue,
        job.requestedAt,
        job.requestedBy,
        JSON.stringify(progress),
      ],
    );
    return rows[0];
  },

  /**
   * Takes the oldest job that is queued, or running under a lease that ran out (its instance died):
   * it starts again from the beginning under this owner.
   */
  async claim(em: EntityManager, owner: string, leaseMs: number): Promise<DrawJobRow | null> {
    const progress: DrawJobProgress = {
      phase: 'starting',
      level: 0,
      open: 0,
      groups: 0,
      bound: null,
      elapsedMs: 0,
    };
    const rows = await em.execute<DrawJobRow[]>(
      `update sortition_draw_job set status = 'running', owner = ?, attempts = attempts + 1, started_at = now(),
         lease_until = now() + (? * interval '1 millisecond'), progress = ?::jsonb, progress_at = now()
       where id = (
         select id from sortition_draw_job
         where status = 'queued' or (status = 'running' and lease_until < now())
         order by requested_at limit 1 for update skip locked)
       returning ${COLUMNS}`,
      [owner, leaseMs, JSON.stringify(progress)],
    );
    return rows[0] ?? null;
  },

  /** Renews the leases of this owner's running jobs; answers those it still holds (the others were cancelled or taken). */
  async renew(
    em: EntityManager,
    owner: string,
    jobIds: readonly string[],
    leaseMs: number,
  ): Promise<Set<string>> {
    if (jobIds.length === 0) {
      return new Set();
    }
    const rows = await em.execute<{ id: string }[]>(
      `update sortition_draw_job set lease_until = now() + (? * interval '1 millisecond')
       where id = any(?::uuid[]) and owner = ? and status = 'running' returning id`,
      [leaseMs, `{${jobIds.join(',')}}`, owner],
    );
    return new Set(rows.map((row) => row.id));
  },

  /** Stores the progress (and renews the lease) while this owner still holds the job; null when it does not. */
  async progress(
    em: EntityManager,
    owner: string,
    jobId: string,
    progress: DrawJobProgress,
    leaseMs: number,
  ): Promise<DrawJobRow | null> {
    const rows = await em.execute<DrawJobRow[]>(
      `update sortition_draw_job set progress = ?::jsonb, progress_at = now(),
         lease_until = now() + (? * interval '1 millisecond')
       where id = ? and owner = ? and status = 'running' returning ${COLUMNS}`,
      [JSON.stringify(progress), leaseMs, jobId, owner],
    );
    return rows[0] ?? null;
  },

  /** Ends a job this owner holds (inside the caller's transaction); false when it no longer holds it. */
  async finish(
    em: EntityManager,
    owner: string,
    jobId: string,
    end:
      | { status: 'done'; proofHash: string; progress: DrawJobProgress }
      | { status: 'failed'; error: NonNullable<DrawJobRow['error']>; progress: DrawJobProgress | null },
  ): Promise<DrawJobRow | null> {
    const rows = await em.execute<DrawJobRow[]>(
      `update sortition_draw_job set status = ?, finished_at = now(), lease_until = null,
         proof_hash = ?, error = ?::jsonb, progress = coalesce(?::jsonb, progress)
       where id = ? and owner = ? and status = 'running' returning ${COLUMNS}`,
      [
        end.status,
        end.status === 'done' ? end.proofHash : null,
        end.status === 'failed' ? JSON.stringify(end.error) : null,
        end.progress ? JSON.stringify(end.progress) : null,
        jobId,
        owner,
      ],
    );
    return rows[0] ?? null;
  },

  /** Cancels an active job; null when it was not active (already ended). */
  async cancel(
    em: EntityManager,
    sortitionId: string,
    jobId: string,
    by: string,
  ): Promise<DrawJobRow | null> {
    const rows = await em.execute<DrawJobRow[]>(
      `update sortition_draw_job set status = 'cancelled', finished_at = now(), lease_until = null, cancelled_by = ?
       where id = ? and sortition_id = ? and status in ('queued', 'running') returning ${COLUMNS}`,
      [by, jobId, sortitionId],
    );
    return rows[0] ?? null;
  },

  /** Hands this owner's running jobs back at once (a clean shutdown): another instance restarts them. */
  async release(em: EntityManager, owner: string): Promise<void> {
    await em.execute(
      `update sortition_draw_job set lease_until = now() - interval '1 millisecond'
       where owner = ? and status = 'running'`,
      [owner],
      'run',
    );
  },
};
