import type {
  AnswerInput,
  CommentInput,
  DraftPetitionInput,
  ModeratePetitionInput,
  PetitionStatus,
  PetitionView,
} from '@liquide/plugin-petitions/contracts';
import { call } from './client';

export type {
  PetitionLiveState,
  PetitionStatus,
  PetitionView,
  ThresholdProgress,
} from '@liquide/plugin-petitions/contracts';

/** A petition in the collective's list (plugins/petitions/src/server/queries, `PetitionSummary`). */
export interface PetitionSummary {
  readonly id: string;
  readonly title: string;
  readonly addressee: string;
  readonly status: PetitionStatus;
  readonly signatures: number;
  readonly sponsors: number;
  readonly createdAt: string;
  readonly closesAt: string | null;
}

/** A comment or argument during deliberation (`CommentView`). */
export interface PetitionComment {
  readonly id: string;
  readonly stance: 'comment' | 'for' | 'against';
  readonly text: string;
  readonly author: { readonly displayName: string };
  readonly createdAt: string;
}

const id = encodeURIComponent;

/** The petitions plugin's routes (plugins/petitions/README.md, HTTP API). */
export const petitionsApi = {
  list: (collectiveId: string) =>
    call<PetitionSummary[]>('GET', `/api/collectives/${id(collectiveId)}/petitions`),
  get: (petitionId: string) => call<PetitionView>('GET', `/api/petitions/${id(petitionId)}`),
  draft: (collectiveId: string, input: DraftPetitionInput) =>
    call<{ id: string }>('POST', `/api/collectives/${id(collectiveId)}/petitions`, { body: input }),
  sponsor: (petitionId: string) => call<unknown>('POST', `/api/petitions/${id(petitionId)}/sponsors`),
  submit: (petitionId: string) => call<unknown>('POST', `/api/petitions/${id(petitionId)}/submit`),
  moderate: (petitionId: string, input: ModeratePetitionInput) =>
    call<unknown>('POST', `/api/petitions/${id(petitionId)}/moderation`, { body: input }),
  openSignatures: (petitionId: string) => call<unknown>('POST', `/api/petitions/${id(petitionId)}/open`),
  comments: (petitionId: string) =>
    call<PetitionComment[]>('GET', `/api/petitions/${id(petitionId)}/comments`),
  comment: (petitionId: string, input: CommentInput) =>
    call<unknown>('POST', `/api/petitions/${id(petitionId)}/comments`, { body: input }),
  sign: (petitionId: string) => call<unknown>('PUT', `/api/petitions/${id(petitionId)}/signature`),
  withdraw: (petitionId: string) => call<unknown>('DELETE', `/api/petitions/${id(petitionId)}/signature`),
  answer: (petitionId: string, input: AnswerInput) =>
    call<unknown>('POST', `/api/petitions/${id(petitionId)}/answer`, { body: input }),
  openDataUrl: (petitionId: string, format: 'json' | 'csv') =>
    `/api/petitions/${id(petitionId)}/open-data.${format}`,
};
