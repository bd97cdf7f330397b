import type { AnySortitionProof as SortitionProof } from '@liquide/engine/deputies/sortition/leximin-types';
import type { DrawJobView } from '@liquide/engine/deputies/jobs/draw-job.contract';
import type { ApiUser } from './api-client';
import { waitFor } from './wait';

export interface DrawnSortition {
  /** The status of the start: 202 when the job was queued, else the refusal's. */
  readonly status: number;
  /** The published proof once the job is done; on a refusal, the error body. */
  readonly body: SortitionProof;
  /** The job as it ended (undefined on a refusal). */
  readonly job?: DrawJobView;
}

/**
 * A draw as the API runs it now: start the job (202), follow it over HTTP until it ends, then read the proof.
 * A refusal at the start (wrong seed, wrong status, a job already running) is returned as it came.
 */
export async function drawAndWait(
  organiser: ApiUser,
  sortitionId: string,
  body: { seed?: string; publicValue: string },
): Promise<DrawnSortition> {
  const started = await organiser.call<DrawJobView>('POST', `/api/sortitions/${sortitionId}/draw`, body);
  if (started.status !== 202) {
    return { status: started.status, body: started.body as unknown as SortitionProof };
  }
  const job = await waitForJob(organiser, sortitionId, started.body.id);
  if (job.status !== 'done') {
    throw new Error(`draw job ended ${job.status}: ${JSON.stringify(job.error)}`);
  }
  const proof = await organiser.call<SortitionProof>('GET', `/api/sortitions/${sortitionId}/proof`);
  return { status: started.status, body: proof.body, job };
}

/** Reads the job until it has ended (done, failed or cancelled). */
export async function waitForJob(
  organiser: ApiUser,
  sortitionId: string,
  jobId: string,
): Promise<DrawJobView> {
  let job: DrawJobView | undefined;
  await waitFor(async () => {
    const read = await organiser.call<DrawJobView>(
      'GET',
      `/api/sortitions/${sortitionId}/draw-jobs/${jobId}`,
    );
    job = read.body;
    return read.status === 200 && ['done', 'failed', 'cancelled'].includes(job.status);
  });
  return job!;
}
