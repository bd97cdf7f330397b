import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryBus } from '@nestjs/cqrs';
import { LiquideError, type RecordService } from '@liquide/engine';
import { reachesQuorum, type IssuePhase } from '../contracts';
import { AgendaInitiative, AgendaIssue } from './agenda.entities';
import { AgendaErrorCode } from './agenda.errors';
import { weighSupport } from './support-weights';

export async function lockIssue(em: EntityManager, issueId: string): Promise<AgendaIssue> {
  const issue = await em.findOne(AgendaIssue, { id: issueId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!issue) {
    throw new LiquideError(AgendaErrorCode.IssueNotFound, { field: 'issueId' });
  }
  return issue;
}

export async function findInitiative(em: EntityManager, initiativeId: string): Promise<AgendaInitiative> {
  const initiative = await em.findOne(AgendaInitiative, { id: initiativeId });
  if (!initiative) {
    throw new LiquideError(AgendaErrorCode.InitiativeNotFound, { field: 'initiativeId' });
  }
  return initiative;
}

export function expectPhase(issue: AgendaIssue, ...expected: IssuePhase[]): void {
  if (!expected.includes(issue.phase)) {
    throw new LiquideError(AgendaErrorCode.WrongPhase, {
      params: { phase: issue.phase, expected: expected.join(', ') },
    });
  }
}

/** Texts may change during admission and discussion only: a 409 `agenda.texts_frozen` afterwards. */
export function expectTextsOpen(issue: AgendaIssue): void {
  if (issue.phase === 'admission' || issue.phase === 'discussion') {
    return;
  }
  if (issue.phase === 'verification' || issue.phase === 'voting' || issue.phase === 'closed') {
    throw new LiquideError(AgendaErrorCode.TextsFrozen, { field: 'text' });
  }
  expectPhase(issue, 'admission', 'discussion');
}

function seconds(issue: AgendaIssue, phase: IssuePhase): number {
  const { phases } = issue.policy;
  switch (phase) {
    case 'discussion':
      return phases.discussion.durationSeconds;
    case 'verification':
      return phases.verification.durationSeconds;
    case 'voting':
      return phases.voting.durationSeconds;
    case 'admission':
      return phases.admission.timeLimitSeconds;
    case 'closed':
    case 'cancelled':
      return 0;
  }
}

/** The issue's live initiatives (not dropped), oldest first. */
export function initiativesOf(em: EntityManager, issueId: string): Promise<AgendaInitiative[]> {
  return em.find(AgendaInitiative, { issueId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/**
 * Phase changes, each in the caller's transaction (the issue locked) and written to the public record
 * as `agenda.phase_changed` with every initiative's weighted support and status.
 */
export class IssueMachine {
  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
    private readonly record: RecordService,
  ) {}

  async recount(issue: AgendaIssue, now: Date) {
    const initiatives = await initiativesOf(this.em, issue.id);
    const { eligible } = await weighSupport(this.em, this.queries, issue.billId, initiatives, now);
    return { initiatives, eligible };
  }

  async moveTo(
    issue: AgendaIssue,
    phase: IssuePhase,
    now: Date,
    initiatives: readonly AgendaInitiative[],
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const from = issue.phase;
    issue.phase = phase;
    issue.timeline = [...issue.timeline, { phase, at: now.toISOString() }];
    issue.phaseEndsAt =
      phase === 'closed' || phase === 'cancelled'
        ? null
        : new Date(now.getTime() + seconds(issue, phase) * 1000);
    await this.record.append(this.em, issue.collectiveId, 'agenda.phase_changed', {
      issueId: issue.id,
      from,
      to: phase,
      at: now.toISOString(),
      ...extra,
      initiatives: initiatives.map((i) => ({
        id: i.id,
        revision: i.revision,
        support: i.support,
        supporters: i.supporters,
        status: i.status,
      })),
    });
  }

  /** Admission: admitted as soon as one initiative reaches the quorum; cancelled when the limit passes. */
  async checkAdmission(issue: AgendaIssue, now: Date): Promise<void> {
    const { initiatives, eligible } = await this.recount(issue, now);
    const quorum = issue.policy.phases.admission.quorumPercent;
    if (initiatives.some((i) => reachesQuorum(i.support, eligible, quorum))) {
      await this.moveTo(issue, 'discussion', now, initiatives, { eligible });
    } else if (issue.phaseEndsAt && issue.phaseEndsAt <= now) {
      issue.cancelReason = 'admission_quorum_missed';
      await this.moveTo(issue, 'cancelled', now, initiatives, { eligible, reason: issue.cancelReason });
    }
  }

  /** End of verification: initiatives below the second quorum are dropped; none left cancels the issue. */
  async endVerification(issue: AgendaIssue, now: Date): Promise<boolean> {
    const { initiatives, eligible } = await this.recount(issue, now);
    const quorum = issue.policy.phases.verification.quorumPercent;
    for (const initiative of initiatives) {
      initiative.status = reachesQuorum(initiative.support, eligible, quorum) ? 'admitted' : 'dropped';
    }
    if (initiatives.every((i) => i.status === 'dropped')) {
      issue.cancelReason = 'verification_quorum_missed';
      await this.moveTo(issue, 'cancelled', now, initiatives, { eligible, reason: issue.cancelReason });
      return false;
    }
    await this.moveTo(issue, 'voting', now, initiatives, { eligible });
    return true;
  }
}
