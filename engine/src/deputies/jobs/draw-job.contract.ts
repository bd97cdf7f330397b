import type { LeximinProgress } from '../sortition/leximin';

export type DrawJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/**
 * Where a draw stands: `queued` (waiting for a worker), the core's phases (`feasibility`, `coverage`,
 * `level`, `distribution`), then `publishing` (seating the panel, storing the proof).
 */
export interface DrawJobProgress {
  readonly phase: 'queued' | 'starting' | LeximinProgress['phase'] | 'publishing';
  /** The LEXIMIN level being computed (1, 2, …), 0 before the first. */
  readonly level: number;
  /** Groups of interchangeable volunteers still open, out of `groups`. */
  readonly open: number;
  readonly groups: number;
  /** Upper bound on the current level's minimum probability (0…1), null before the first level. */
  readonly bound: number | null;
  /** Milliseconds since this attempt started. */
  readonly elapsedMs: number;
}

/** A draw job as organisers see it (over HTTP and socket.io). Never carries the seed. */
export interface DrawJobView {
  readonly id: string;
  readonly sortitionId: string;
  readonly collectiveId: string;
  readonly status: DrawJobStatus;
  /** Attempts started (more than one after a crash or a restart: each starts from the beginning). */
  readonly attempts: number;
  readonly requestedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly progress: DrawJobProgress | null;
  /** Why a failed job failed: the code, and over HTTP the message in the reader's language. */
  readonly error: { readonly code: string; readonly field?: string; readonly message?: string } | null;
  /** The published proof's hash once done (read the proof at `/api/sortitions/:id/proof`). */
  readonly proofHash: string | null;
}

export const ACTIVE_JOB_STATUSES: readonly DrawJobStatus[] = ['queued', 'running'];
