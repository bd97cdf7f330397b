/**
 * The body of a draw worker thread (node:worker_threads): runs the pure sortition core on `workerData` and
 * posts its progress and its outcome. Nothing here touches the database or NestJS, so that the server's
 * event loop stays free while HiGHS computes. Started by {@link startDrawWorker}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { drawSortition } from '../sortition/draw';
import { SortitionError } from '../sortition/quotas';
import type { DrawWorkerInput, DrawWorkerMessage } from './draw-worker.contract';

function post(message: DrawWorkerMessage): void {
  parentPort?.postMessage(message);
}

async function run(input: DrawWorkerInput): Promise<void> {
  try {
    const outcome = await drawSortition(input, (progress) => post({ type: 'progress', progress }));
    post({ type: 'done', outcome });
  } catch (error) {
    if (error instanceof SortitionError) {
      post({ type: 'refused', kind: error.kind, params: { ...error.params } });
    } else {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
}

if (parentPort) {
  void run(workerData as DrawWorkerInput);
}
