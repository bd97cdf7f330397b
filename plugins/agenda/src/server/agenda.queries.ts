import { EntityManager } from '@mikro-orm/postgresql';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LiquideError } from '@liquide/engine';
import { AgendaArea, AgendaIssue, AgendaSuggestion, type PhaseStep } from './agenda.entities';
import { AgendaErrorCode } from './agenda.errors';
import { initiativesOf } from './issue-state';
import { weighSupport } from './support-weights';

export interface InitiativeView {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly revision: number;
  readonly status: string;
  readonly support: number;
  readonly supporters: number;
  readonly supportedByMe: boolean;
  readonly mine: boolean;
  readonly suggestions: { id: string; text: string; ratings: number; average: number | null }[];
  /** The earlier versions of the text, newest first (the current one is `title`, `text`, `revision`). */
  readonly versions: { revision: number; title: string; text: string; at: string }[];
}

export interface IssueView {
  readonly id: string;
  readonly areaId: string;
  readonly billId: string;
  readonly title: string;
  readonly phase: string;
  readonly phaseEndsAt: string | null;
  readonly timeline: PhaseStep[];
  readonly policy: unknown;
  readonly ballotId: string | null;
  readonly winner: string | null;
  readonly cancelReason: string | null;
  /**
   * The electorate's whole weight now (the quorums' base, as the recount at a phase's end takes it): an
   * initiative reaches a quorum of q percent when `support * 100 >= q * eligible`.
   */
  readonly eligible: number;
  readonly initiatives: InitiativeView[];
}

export class GetIssueQuery extends Query<IssueView> {
  constructor(
    readonly issueId: string,
    readonly viewerMemberId: string | null,
  ) {
    super();
  }
}

export class ListAgendaQuery extends Query<{
  areas: { id: string; name: string; topicId: string | null }[];
  issues: { id: string; areaId: string; title: string; phase: string; phaseEndsAt: string | null }[];
}> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

@QueryHandler(GetIssueQuery)
export class GetIssueHandler implements IQueryHandler<GetIssueQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
  ) {}

  async execute({ issueId, viewerMemberId }: GetIssueQuery): Promise<IssueView> {
    const em = this.em.fork();
    const issue = await em.findOne(AgendaIssue, { id: issueId });
    if (!issue) {
      throw new LiquideError(AgendaErrorCode.IssueNotFound, { field: 'issueId' });
    }
    const initiatives = await initiativesOf(em, issueId);
    const ids = initiatives.map((i) => i.id);
    const mine = viewerMemberId
      ? await em.execute<{ initiative_id: string }[]>(
          `select s.initiative_id from agenda_support s join agenda_initiative i on i.id = s.initiative_id
             where s.member_id = ? and i.issue_id = ?`,
          [viewerMemberId, issueId],
        )
      : [];
    const supported = new Set(mine.map((row) => row.initiative_id));
    const suggestions = await em.find(
      AgendaSuggestion,
      { initiativeId: { $in: ids } },
      { orderBy: { createdAt: 'asc' } },
    );
    const ratings = await em.execute<{ suggestion_id: string; n: string; average: string | null }[]>(
      `select r.suggestion_id, count(*) as n, avg(r.degree) as average from agenda_suggestion_rating r
         join agenda_suggestion g on g.id = r.suggestion_id join agenda_initiative i on i.id = g.initiative_id
         where i.issue_id = ? group by r.suggestion_id`,
      [issueId],
    );
    const byId = new Map(ratings.map((row) => [row.suggestion_id, row]));
    const versions = await em.execute<
      { initiative_id: string; revision: number; title: string; text: string; created_at: Date }[]
    >(
      `select v.initiative_id, v.revision, v.title, v.text, v.created_at from agenda_initiative_version v
         join agenda_initiative i on i.id = v.initiative_id
         where i.issue_id = ? and v.revision < i.revision order by v.revision desc`,
      [issueId],
    );
    // the electorate alone (no initiative passed: nothing is recounted or written)
    const { eligible } = await weighSupport(em, this.queries, issue.billId, [], new Date());
    return {
      id: issue.id,
      areaId: issue.areaId,
      billId: issue.billId,
      title: issue.title,
      phase: issue.phase,
      phaseEndsAt: issue.phaseEndsAt?.toISOString() ?? null,
      timeline: issue.timeline,
      policy: issue.policy,
      ballotId: issue.ballotId,
      winner: issue.winner,
      cancelReason: issue.cancelReason,
      eligible,
      initiatives: initiatives.map((i) => ({
        id: i.id,
        title: i.title,
        text: i.text,
        revision: i.revision,
        status: i.status,
        support: i.support,
        supporters: i.supporters,
        supportedByMe: supported.has(i.id),
        mine: i.authorId === viewerMemberId,
        versions: versions
          .filter((v) => v.initiative_id === i.id)
          .map((v) => ({
            revision: v.revision,
            title: v.title,
            text: v.text,
            at: new Date(v.created_at).toISOString(),
          })),
        suggestions: suggestions
          .filter((s) => s.initiativeId === i.id)
          .map((s) => {
            const row = byId.get(s.id);
            return {
              id: s.id,
              text: s.text,
              ratings: Number(row?.n ?? 0),
              average: row?.average === undefined || row.average === null ? null : Number(row.average),
            };
          }),
      })),
    };
  }
}

@QueryHandler(ListAgendaQuery)
export class ListAgendaHandler implements IQueryHandler<ListAgendaQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId }: ListAgendaQuery) {
    const em = this.em.fork();
    const areas = await em.find(AgendaArea, { collectiveId }, { orderBy: { name: 'asc' } });
    const issues = await em.find(
      AgendaIssue,
      { collectiveId },
      { orderBy: { createdAt: 'desc' }, limit: 500 },
    );
    return {
      areas: areas.map((a) => ({ id: a.id, name: a.name, topicId: a.topicId })),
      issues: issues.map((i) => ({
        id: i.id,
        areaId: i.areaId,
        title: i.title,
        phase: i.phase,
        phaseEndsAt: i.phaseEndsAt?.toISOString() ?? null,
      })),
    };
  }
}
