import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BillErrorCode } from '../../bills/bills.errors';
import { LiquideError } from '../../errors/liquide-error';
import { BillVersion } from '../bill-version.entity';
import { diffTexts, type TextDiff } from '../text-diff';
import type { TextVersionView } from '../text.types';
import { latestVersion, versionOf } from '../version-store';
import { DiffVersionsQuery, GetVersionQuery, ListVersionsQuery, type VersionSummary } from './text.queries';

async function billTitle(em: EntityManager, billId: string): Promise<string> {
  const [row] = await em.execute<{ title: string }[]>('select title from bill where id = ?', [billId]);
  if (!row) {
    throw new LiquideError(BillErrorCode.BillNotFound, { field: 'billId' });
  }
  return row.title;
}

/** The API shape of a stored version. */
export function versionView(version: BillVersion, title: string): TextVersionView {
  return {
    billId: version.billId,
    title,
    number: version.number,
    authorId: version.authorId,
    reason: version.reason,
    createdAt: version.createdAt.toISOString(),
    sections: version.sections,
    articles: version.articles,
  };
}

@QueryHandler(ListVersionsQuery)
export class ListVersionsHandler implements IQueryHandler<ListVersionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ billId }: ListVersionsQuery): Promise<{ billId: string; versions: VersionSummary[] }> {
    const em = this.em.fork();
    await billTitle(em, billId);
    const versions = await em.find(BillVersion, { billId }, { orderBy: { number: 'asc' } });
    return {
      billId,
      versions: versions.map((v) => ({
        number: v.number,
        authorId: v.authorId,
        reason: v.reason,
        createdAt: v.createdAt.toISOString(),
        articles: v.articles.length,
        sections: v.sections.length,
      })),
    };
  }
}

@QueryHandler(GetVersionQuery)
export class GetVersionHandler implements IQueryHandler<GetVersionQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ billId, number }: GetVersionQuery): Promise<TextVersionView> {
    const em = this.em.fork();
    const title = await billTitle(em, billId);
    const version = number === null ? await latestVersion(em, billId) : await versionOf(em, billId, number);
    return versionView(version, title);
  }
}

@QueryHandler(DiffVersionsQuery)
export class DiffVersionsHandler implements IQueryHandler<DiffVersionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ billId, from, to }: DiffVersionsQuery): Promise<TextDiff> {
    const em = this.em.fork();
    await billTitle(em, billId);
    const before = await versionOf(em, billId, from);
    const after = await versionOf(em, billId, to);
    return diffTexts(from, before.body, to, after.body);
  }
}
