/**
 * The body of a draw worker thread (node:worker_threads): runs the pure sortition core on `workerData` and
 * posts its progress and its outcome (or, for a freeze, only whether the quotas can be met together). Nothing
 * here touches the database or NestJS, so that the server's event loop stays free while HiGHS computes.
 * Started by {@link startDrawWorker}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../../common/background-thread';
import { drawSortition } from '../sortition/draw';
import { checkQuotasFeasible } from '../sortition/leximin';
import { buildProof, unverifiedDifference } from '../sortition/proof';
import { SortitionError } from '../sortition/quotas';
import type { LeximinProgress } from '../sortition/leximin';
import type { DrawWorkerInput, DrawWorkerMessage } from './draw-worker.contract';

function post(message: DrawWorkerMessage): void {
  parentPort?.postMessage(message);
}

/**
 * Progress goes to the main thread at most this often, a new phase or level at once: each message wakes the
 * server's event loop, and a LEXIMIN level runs tens of rounds a second (the runner stores and pushes at most
 * every 500 ms anyway). The last state is posted before the outcome.
 */
const PROGRESS_EVERY_MS = 100;

function progressPoster(): { report(progress: LeximinProgress): void; flush(): void } {
  let last: LeximinProgress | undefined;
  let pending: LeximinProgress | undefined;
  let postedAt = 0;
  const send = (progress: LeximinProgress) => {
    post({ type: 'progress', progress });
    [last, pending, postedAt] = [progress, undefined, performance.now()];
  };
  return {
    report(progress) {
      const moved = progress.phase !== last?.phase || progress.level !== last.level;
      if (moved || performance.now() - postedAt >= PROGRESS_EVERY_MS) {
        send(progress);
      } else {
        pending = progress;
      }
    },
    flush() {
      if (pending) {
        send(pending);
      }
    },
  };
}

async function run(input: DrawWorkerInput): Promise<void> {
  try {
    if (input.checkOnly) {
      await checkQuotasFeasible(input.pool, input.quotas, input.seats);
      post({ type: 'feasible' });
      return;
    }
    const progress = progressPoster();
    const outcome = await drawSortition(input, (p) => progress.report(p));
    progress.flush();
    const { pool, seats, substituteCount, quotas } = input;
    const proof = input.proof
      ? buildProof({ ...input.proof, pool, seats, substituteCount, quotas, outcome })
      : undefined;
    // verified here, off the server's event loop (about a second for 2,000 volunteers)
    const difference = proof ? await unverifiedDifference(proof) : null;
    if (difference) {
      post({ type: 'unverified', difference });
      return;
    }
    post({ type: 'done', outcome, ...(proof ? { proof } : {}) });
  } catch (error) {
    if (error instanceof SortitionError) {
      post({ type: 'refused', kind: error.kind, params: { ...error.params } });
    } else {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
}

if (parentPort) {
  // the draw yields the cores to the server's event loop whenever both want one
  lowerThisThreadPriority();
  void run(workerData as DrawWorkerInput);
}
