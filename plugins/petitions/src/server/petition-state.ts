import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LiquideError } from '@liquide/engine';
import {
  evaluateSpread,
  type AnswerView,
  type PetitionLiveState,
  type PetitionStatus,
  type ThresholdProgress,
} from '../contracts';
import { PetitionThresholdReached } from './entities/petition-parts.entity';
import { Petition } from './entities/petition.entity';
import { PetitionErrorCode } from './petitions.errors';

/** The petition, locked for the rest of the transaction; 404 when there is none. */
export async function lockPetition(em: EntityManager, petitionId: string): Promise<Petition> {
  const petition = await em.findOne(Petition, { id: petitionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!petition) {
    throw new LiquideError(PetitionErrorCode.NotFound, { field: 'petitionId' });
  }
  return petition;
}

/** Refuses unless the petition is in one of the expected states. */
export function expectStatus(petition: Petition, ...expected: PetitionStatus[]): void {
  if (!expected.includes(petition.status)) {
    throw new LiquideError(PetitionErrorCode.WrongStatus, {
      params: { status: petition.status, expected: expected.join(' | ') },
    });
  }
}

export async function reachedThresholds(
  em: EntityManager,
  petitionId: string,
): Promise<PetitionThresholdReached[]> {
  return em.find(PetitionThresholdReached, { petition: petitionId });
}

/** Every threshold of the petition's rules with its progress. */
export function thresholdProgress(
  petition: Petition,
  reached: readonly PetitionThresholdReached[],
): ThresholdProgress[] {
  const byId = new Map(reached.map((row) => [row.thresholdId, row]));
  return petition.rules.phases.collection.thresholds.map((threshold) => {
    const row = byId.get(threshold.id);
    const spread = threshold.spread ? evaluateSpread(threshold.spread, petition.regionCounts) : null;
    return {
      id: threshold.id,
      signatures: threshold.signatures,
      effect: threshold.effect,
      spread: spread ? { required: spread.required, regionsMet: spread.regionsMet } : null,
      reachedAt: row ? row.reachedAt.toISOString() : null,
      responseDueAt: row?.responseDueAt ? row.responseDueAt.toISOString() : null,
      ballotId: row?.ballotId ?? null,
    };
  });
}

export function liveState(
  petition: Petition,
  reached: readonly PetitionThresholdReached[],
): PetitionLiveState {
  return {
    petitionId: petition.id,
    status: petition.status,
    version: petition.version,
    signatures: petition.signatureCount,
    regions: petition.regionCounts,
    thresholds: thresholdProgress(petition, reached),
    closesAt: petition.closesAt ? petition.closesAt.toISOString() : null,
  };
}

/** The answer and its deadline as shown: overdue once the deadline passed without an answer. */
export function answerView(petition: Petition, now: Date = new Date()): AnswerView {
  const due = petition.answerDueAt;
  const answered = petition.answeredAt;
  return {
    dueAt: due ? due.toISOString() : null,
    overdue: due !== null && answered === null && now > due,
    text: petition.answerText,
    by: petition.answerBy,
    answeredAt: answered ? answered.toISOString() : null,
    onTime: answered && due ? answered <= due : null,
  };
}
