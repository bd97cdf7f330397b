import { EntityManager } from '@mikro-orm/postgresql';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LiquideError } from '@liquide/engine';
import { AmendmentErrorCode } from '../amendments.errors';
import { Amendment, AmendmentContest } from '../entities/amendment.entity';

/** An amendment as the API shows it. */
export function amendmentView(a: Amendment) {
  return {
    id: a.id,
    billId: a.billId,
    articleId: a.articleId,
    authorId: a.authorId,
    kind: a.kind,
    heading: a.heading,
    text: a.text,
    newArticleId: a.newArticleId,
    rationale: a.rationale,
    baseVersion: a.baseVersion,
    status: a.status,
    ballotId: a.ballotId,
    contestId: a.contestId,
    result: a.result,
    mergedVersion: a.mergedVersion,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}
export type AmendmentView = ReturnType<typeof amendmentView>;

function contestView(c: AmendmentContest) {
  return {
    id: c.id,
    billId: c.billId,
    articleId: c.articleId,
    status: c.status,
    seed: c.seed,
    options: c.options,
    winner: c.winner,
    result: c.result,
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}

export type ContestView = ReturnType<typeof contestView>;

/** A bill's amendments as `GET /api/bills/:billId/amendments` shows them. */
export interface BillAmendmentsView {
  readonly billId: string;
  readonly phase: { readonly open: boolean; readonly closesAt: string | null };
  readonly amendments: AmendmentView[];
  readonly contests: ContestView[];
  /** What the bill's own ballots decided: the version they decided on, adopted or not. */
  readonly decisions: { ballotId: string; version: number; adopted: boolean; decidedAt: string }[];
}

/** Everything about a bill's amendments: phase, amendments (all statuses), contests, bill decisions. */
export class BillAmendmentsQuery extends Query<BillAmendmentsView> {
  constructor(readonly billId: string) {
    super();
  }
}

export class GetAmendmentQuery extends Query<AmendmentView> {
  constructor(readonly amendmentId: string) {
    super();
  }
}

export class GetContestQuery extends Query<ContestView> {
  constructor(readonly contestId: string) {
    super();
  }
}

@QueryHandler(BillAmendmentsQuery)
export class BillAmendmentsHandler implements IQueryHandler<BillAmendmentsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ billId }: BillAmendmentsQuery): Promise<BillAmendmentsView> {
    const em = this.em.fork();
    const [phase] = await em.execute<{ open: boolean; closes_at: Date | null }[]>(
      'select open, closes_at from amendment_phase where bill_id = ?',
      [billId],
    );
    const amendments = await em.find(Amendment, { billId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const contests = await em.find(AmendmentContest, { billId }, { orderBy: { createdAt: 'asc' } });
    const decisions = await em.execute<
      { ballot_id: string; version_number: number; adopted: boolean; decided_at: Date }[]
    >(
      'select ballot_id, version_number, adopted, decided_at from amendment_bill_decision where bill_id = ? order by decided_at',
      [billId],
    );
    return {
      billId,
      phase: {
        open: Boolean(phase?.open) && !(phase?.closes_at && new Date(phase.closes_at) <= new Date()),
        closesAt: phase?.closes_at ? new Date(phase.closes_at).toISOString() : null,
      },
      amendments: amendments.map(amendmentView),
      contests: contests.map(contestView),
      decisions: decisions.map((d) => ({
        ballotId: d.ballot_id,
        version: d.version_number,
        adopted: d.adopted,
        decidedAt: new Date(d.decided_at).toISOString(),
      })),
    };
  }
}

@QueryHandler(GetAmendmentQuery)
export class GetAmendmentHandler implements IQueryHandler<GetAmendmentQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ amendmentId }: GetAmendmentQuery) {
    const amendment = await this.em.fork().findOne(Amendment, { id: amendmentId });
    if (!amendment) {
      throw new LiquideError(AmendmentErrorCode.NotFound, { field: 'amendmentId' });
    }
    return amendmentView(amendment);
  }
}

@QueryHandler(GetContestQuery)
export class GetContestHandler implements IQueryHandler<GetContestQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ contestId }: GetContestQuery) {
    const contest = await this.em.fork().findOne(AmendmentContest, { id: contestId });
    if (!contest) {
      throw new LiquideError(AmendmentErrorCode.ContestNotFound, { field: 'contestId' });
    }
    return contestView(contest);
  }
}
