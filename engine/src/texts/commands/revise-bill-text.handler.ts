import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { BillErrorCode } from '../../bills/bills.errors';
import { LiquideError } from '../../errors/liquide-error';
import { RecordService } from '../../record/record.service';
import { assertArticleIdsOwned } from '../article-ownership';
import { BillVersion } from '../bill-version.entity';
import { applyChanges, TextChangeError, textProblems } from '../text-changes';
import type { TextBody } from '../text.types';
import { TextErrorCode } from '../texts.errors';
import { latestVersion } from '../version-store';
import {
  BillVersionPublishedEvent,
  ReviseBillTextCommand,
  type RevisionInput,
} from './revise-bill-text.command';

function wholeText(body: NonNullable<RevisionInput['body']>): TextBody {
  const sections = body.sections.map((s) => ({ id: s.id ?? randomUUID(), heading: s.heading }));
  const articles = body.articles.map((a) => {
    const section = a.section ?? null;
    if (section !== null && !sections[section]) {
      throw new LiquideError(TextErrorCode.InvalidText, {
        params: { problems: `section ${section} unknown` },
      });
    }
    return {
      id: a.id ?? randomUUID(),
      heading: a.heading,
      text: a.text,
      sectionId: section === null ? null : sections[section].id,
    };
  });
  return { sections, articles };
}

@CommandHandler(ReviseBillTextCommand)
export class ReviseBillTextHandler implements ICommandHandler<ReviseBillTextCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ billId, input }: ReviseBillTextCommand): Promise<{ number: number; body: TextBody }> {
    const done = await this.em.fork().transactional(async (em) => {
      const [bill] = await em.execute<{ collective_id: string }[]>(
        'select collective_id from bill where id = ? for update',
        [billId],
      );
      if (!bill) {
        throw new LiquideError(BillErrorCode.BillNotFound, { field: 'billId' });
      }
      const latest = await latestVersion(em, billId);
      if (input.baseVersion !== undefined && input.baseVersion !== latest.number) {
        throw new LiquideError(TextErrorCode.StaleVersion, {
          field: 'baseVersion',
          params: { latest: latest.number, base: input.baseVersion },
        });
      }
      let body: TextBody;
      try {
        body = input.body ? wholeText(input.body) : applyChanges(latest.body, input.changes ?? []);
      } catch (error) {
        if (error instanceof TextChangeError) {
          throw error.reason === 'empty-text'
            ? new LiquideError(TextErrorCode.EmptyText)
            : new LiquideError(TextErrorCode.ArticleNotFound, {
                params: { articleId: error.articleId ?? '' },
              });
        }
        throw error;
      }
      const problems = textProblems(body);
      if (problems.length > 0) {
        throw new LiquideError(TextErrorCode.InvalidText, { params: { problems: problems.join('; ') } });
      }
      await assertArticleIdsOwned(em, billId, latest.body, body);
      const version = new BillVersion({
        billId,
        collectiveId: bill.collective_id,
        number: latest.number + 1,
        body,
        authorId: input.authorId,
        reason: input.reason,
      });
      em.persist(version);
      await em.execute('update bill set articles = ? where id = ?', [
        JSON.stringify(body.articles.map(({ id, heading, text }) => ({ id, heading, text }))),
        billId,
      ]);
      await this.record.append(em, bill.collective_id, 'bill.version_published', {
        billId,
        number: version.number,
        reason: input.reason,
        sections: body.sections,
        articles: body.articles,
      });
      await em.flush();
      return { collectiveId: bill.collective_id, number: version.number, body };
    });
    this.events.publish(new BillVersionPublishedEvent(done.collectiveId, billId, done.number, input.reason));
    return { number: done.number, body: done.body };
  }
}
