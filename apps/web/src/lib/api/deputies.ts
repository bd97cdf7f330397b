import type { CandidacyView } from '@liquide/engine/deputies/queries/candidacy.query';
import type {
  SeatView,
  SortitionView,
  VolunteerView,
} from '@liquide/engine/deputies/queries/deputies.queries';
import type { DrawJobView } from '@liquide/engine/deputies/jobs/draw-job.contract';
import { ApiError, call } from './client';

export type { DrawJobProgress, DrawJobView } from '@liquide/engine/deputies/jobs/draw-job.contract';

export type { CandidacyStatus, CandidacyView } from '@liquide/engine/deputies/queries/candidacy.query';
export type {
  SeatView,
  SortitionStepView,
  SortitionView,
  VolunteerView,
} from '@liquide/engine/deputies/queries/deputies.queries';

const id = encodeURIComponent;

/** The deputy journey: candidacy, certification, the sortition's state machine and ending a mandate. */
export const deputiesApi = {
  myCandidacy: (collectiveId: string) =>
    call<CandidacyView>('GET', `/api/collectives/${id(collectiveId)}/volunteers/me`),
  volunteer: (collectiveId: string, statement: string) =>
    call<{ id: string }>('POST', `/api/collectives/${id(collectiveId)}/volunteers`, { body: { statement } }),
  withdrawCandidacy: (collectiveId: string) =>
    call<null>('DELETE', `/api/collectives/${id(collectiveId)}/volunteers/me`),
  volunteers: (collectiveId: string) =>
    call<VolunteerView[]>('GET', `/api/collectives/${id(collectiveId)}/volunteers`),
  /** Newest first; the first one not `drawn` is the sortition under way. */
  sortitions: (collectiveId: string) =>
    call<SortitionView[]>('GET', `/api/collectives/${id(collectiveId)}/sortitions`),
  /** The sortition's newest draw job, or null when none was started. */
  drawJob: (sortitionId: string) =>
    call<DrawJobView>('GET', `/api/sortitions/${id(sortitionId)}/draw-job`).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) {
        return null;
      }
      throw error;
    }),
  cancelDraw: (sortitionId: string, jobId: string) =>
    call<DrawJobView>('POST', `/api/sortitions/${id(sortitionId)}/draw-jobs/${id(jobId)}/cancel`),
  /** The sitting deputies and every seat ever held. */
  deputies: (collectiveId: string) =>
    call<{ current: SeatView[]; history: SeatView[] }>(
      'GET',
      `/api/collectives/${id(collectiveId)}/deputies`,
    ),
  endMandate: (collectiveId: string, memberId: string) =>
    call<{ replacedBy: string | null; quotasMet: boolean }>(
      'POST',
      `/api/collectives/${id(collectiveId)}/deputies/${id(memberId)}/resignation`,
      { body: {} },
    ),
};
