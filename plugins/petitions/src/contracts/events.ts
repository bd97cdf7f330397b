import type { PetitionStatus, RejectionReason } from './petition.schemas';
import type { PetitionSettings, ThresholdEffect } from './settings';

/** A threshold's progress on one petition. */
export interface ThresholdProgress {
  readonly id: string;
  readonly signatures: number;
  readonly effect: ThresholdEffect;
  /** k of n, when a territorial spread is required. */
  readonly spread: { readonly required: number; readonly regionsMet: readonly string[] } | null;
  readonly reachedAt: string | null;
  /** `response-required`: when the answer is due. */
  readonly responseDueAt: string | null;
  /** `binding`: the ballot that was opened. */
  readonly ballotId: string | null;
}

/** The live figures of a petition, pushed as `petition:signatures` to its room. */
export interface PetitionLiveState {
  readonly petitionId: string;
  readonly status: PetitionStatus;
  /** Grows with every change; keep the highest. */
  readonly version: number;
  readonly signatures: number;
  readonly regions: Readonly<Record<string, number>>;
  readonly thresholds: readonly ThresholdProgress[];
  readonly closesAt: string | null;
}

/** The official answer and its deadline. */
export interface AnswerView {
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly text: string | null;
  readonly by: string | null;
  readonly answeredAt: string | null;
  readonly onTime: boolean | null;
}

/** `GET /api/petitions/:petitionId`. */
export interface PetitionView extends PetitionLiveState {
  readonly collectiveId: string;
  readonly title: string;
  readonly text: string;
  readonly addressee: string;
  readonly billId: string | null;
  readonly author: { readonly displayName: string };
  readonly sponsors: number;
  readonly sponsorsRequired: number;
  readonly rejection: { readonly reasonCode: RejectionReason; readonly note: string | null } | null;
  readonly createdAt: string;
  readonly deliberationEndsAt: string | null;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  readonly answer: AnswerView;
  /** The rules in force for this petition (the collective's settings when it was drafted). */
  readonly rules: PetitionSettings;
  /** The caller's own part, when they are a member. */
  readonly me: { readonly isAuthor: boolean; readonly sponsored: boolean; readonly signed: boolean } | null;
}

/** The open-data export (`GET /api/petitions/:petitionId/open-data.json`), format `liquide-petition/1`. */
export interface PetitionOpenData {
  readonly format: 'liquide-petition/1';
  readonly exportedAt: string;
  readonly petition: {
    readonly id: string;
    readonly collectiveId: string;
    readonly title: string;
    readonly text: string;
    readonly addressee: string;
    readonly billId: string | null;
    readonly status: PetitionStatus;
    readonly createdAt: string;
    readonly openedAt: string | null;
    readonly closesAt: string | null;
    readonly closedAt: string | null;
  };
  readonly signatures: number;
  readonly regions: readonly { readonly region: string; readonly signatures: number }[];
  readonly thresholds: readonly ThresholdProgress[];
  readonly answer: AnswerView;
}

/** Socket events the plugin adds (client → server, acknowledged). */
export interface PetitionClientEvents {
  'petition:watch': (payload: { petitionId: string }, ack: (answer: PetitionWatchAnswer) => void) => void;
  'petition:unwatch': (payload: { petitionId: string }, ack: (answer: { ok: boolean }) => void) => void;
}

/** Socket events the plugin pushes (server → client). */
export interface PetitionServerEvents {
  'petition:signatures': (state: PetitionLiveState) => void;
}

export type PetitionWatchAnswer =
  | { readonly ok: true; readonly state: PetitionLiveState }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly field?: string };

/** Room of one petition's watchers. */
export const petitionRoom = (petitionId: string): string => `petition:${petitionId}`;
