import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Collective } from '../../collectives/collective.entity';
import { Topic } from '../../collectives/topic.entity';
import { CollectiveErrorCode } from '../../collectives/collectives.errors';
import { LiquideError } from '../../errors/liquide-error';
import { RecordService } from '../../record/record.service';
import { BillVersion } from '../../texts/bill-version.entity';
import { Bill } from '../bill.entity';
import { CreateBillCommand } from './create-bill.command';

@CommandHandler(CreateBillCommand)
export class CreateBillHandler implements ICommandHandler<CreateBillCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ collectiveId, input }: CreateBillCommand): Promise<{ id: string }> {
    return this.em.fork().transactional(async (em) => {
      let topic = null;
      if (input.topicId) {
        topic = await em.findOne(Topic, { id: input.topicId, collective: collectiveId });
        if (!topic) {
          throw new LiquideError(CollectiveErrorCode.TopicNotFound, { field: 'topicId' });
        }
      }
      const bill = new Bill({
        collective: em.getReference(Collective, collectiveId, { wrapped: true }),
        topic: topic ? em.getReference(Topic, topic.id, { wrapped: true }) : null,
        title: input.title,
        summary: input.summary,
        articles: input.articles.map((article) => ({ id: randomUUID(), ...article })),
      });
      await em.persist(bill).flush();
      // The version row refers to the bill: insert it once the bill row exists.
      await em.persist(BillVersion.initial(bill)).flush();
      await this.record.append(em, collectiveId, 'bill.created', {
        billId: bill.id,
        title: bill.title,
        topicId: topic?.id ?? null,
        articles: bill.articles,
      });
      return { id: bill.id };
    });
  }
}
