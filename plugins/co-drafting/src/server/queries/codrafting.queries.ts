import { EntityManager } from '@mikro-orm/postgresql';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ContributionKind, PhaseName, PhasePermissions } from '../../contracts';
import { BillWorkflows } from '../bill-workflow';

/** A co-drafted bill as `GET /api/bills/:billId/co-drafting` shows it. */
export interface CoDraftingView {
  readonly billId: string;
  readonly phases: PhaseName[];
  readonly current: PhaseName;
  /** What the current phase allows. */
  readonly permissions: PhasePermissions;
  readonly contributions: {
    id: string;
    articleId: string;
    authorId: string;
    kind: ContributionKind;
    heading: string | null;
    text: string;
    phase: PhaseName;
    supports: number;
    supportedByMe: boolean;
    createdAt: string;
  }[];
  readonly syntheses: {
    id: string;
    articleId: string;
    authorId: string;
    text: string;
    contributionIds: string[];
    versionNumber: number | null;
    createdAt: string;
  }[];
}

/** The bill's workflow, contributions (most supported first per article) and syntheses. */
export class GetCoDraftingQuery extends Query<CoDraftingView> {
  constructor(
    readonly billId: string,
    readonly memberId: string | null,
  ) {
    super();
  }
}

@QueryHandler(GetCoDraftingQuery)
export class GetCoDraftingHandler implements IQueryHandler<GetCoDraftingQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly workflows: BillWorkflows,
  ) {}

  async execute({ billId, memberId }: GetCoDraftingQuery): Promise<CoDraftingView> {
    const em = this.em.fork();
    const workflow = await this.workflows.load(em, billId);
    const contributions = await em.execute<
      {
        id: string;
        article_id: string;
        author_id: string;
        kind: ContributionKind;
        heading: string | null;
        text: string;
        phase: PhaseName;
        supports: number;
        mine: boolean;
        created_at: Date;
      }[]
    >(
      `select c.id, c.article_id, c.author_id, c.kind, c.heading, c.text, c.phase, c.supports, c.created_at,
              exists (select 1 from codraft_support s where s.contribution_id = c.id and s.member_id = ?) as mine
         from codraft_contribution c where c.bill_id = ?
        order by c.article_id, c.supports desc, c.created_at, c.id`,
      [memberId, billId],
    );
    const syntheses = await em.execute<
      {
        id: string;
        article_id: string;
        author_id: string;
        text: string;
        contribution_ids: string[];
        version_number: number | null;
        created_at: Date;
      }[]
    >(
      `select id, article_id, author_id, text, contribution_ids, version_number, created_at
         from codraft_synthesis where bill_id = ? order by created_at, id`,
      [billId],
    );
    return {
      billId,
      phases: workflow.phases,
      current: workflow.current,
      permissions: workflow.permissions,
      contributions: contributions.map((c) => ({
        id: c.id,
        articleId: c.article_id,
        authorId: c.author_id,
        kind: c.kind,
        heading: c.heading,
        text: c.text,
        phase: c.phase,
        supports: c.supports,
        supportedByMe: c.mine,
        createdAt: new Date(c.created_at).toISOString(),
      })),
      syntheses: syntheses.map((s) => ({
        id: s.id,
        articleId: s.article_id,
        authorId: s.author_id,
        text: s.text,
        contributionIds: s.contribution_ids,
        versionNumber: s.version_number,
        createdAt: new Date(s.created_at).toISOString(),
      })),
    };
  }
}
