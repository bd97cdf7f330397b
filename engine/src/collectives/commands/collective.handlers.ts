import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CollectiveErrorCode } from '../collectives.errors';
import { LiquideError } from '../../errors/liquide-error';
import { Account } from '../../auth/account.entity';
import { Member } from '../../members/member.entity';
import { assertNotUnverified } from '../../members/membership';
import { RecordService } from '../../record/record.service';
import { Collective, DEFAULT_COLLECTIVE_SETTINGS, type CollectiveSettings } from '../collective.entity';
import { Topic } from '../topic.entity';
import {
  CreateCollectiveCommand,
  CreateTopicCommand,
  UpdateCollectiveSettingsCommand,
} from './collective.commands';

@CommandHandler(CreateCollectiveCommand)
export class CreateCollectiveHandler implements ICommandHandler<CreateCollectiveCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute(command: CreateCollectiveCommand): Promise<{ id: string }> {
    try {
      return await this.em.fork().transactional(async (em) => {
        await assertNotUnverified(em, command.creator.accountId);
        const settings = { ...DEFAULT_COLLECTIVE_SETTINGS, ...command.settings };
        const collective = new Collective(command.name, command.slug, settings);
        const ref = em.getReference(Collective, collective.id, { wrapped: true });
        em.persist(collective);
        const founder = new Member(ref, command.creator.email, command.creator.displayName, [
          'organiser',
          'member',
        ]);
        founder.account = em.getReference(Account, command.creator.accountId, { wrapped: true });
        em.persist(founder);
        await em.flush();
        await this.record.append(em, collective.id, 'collective.created', {
          name: collective.name,
          slug: collective.slug,
          settings,
        });
        return { id: collective.id };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new LiquideError(CollectiveErrorCode.SlugTaken, {
          field: 'slug',
          params: { slug: command.slug },
        });
      }
      throw error;
    }
  }
}

@CommandHandler(UpdateCollectiveSettingsCommand)
export class UpdateCollectiveSettingsHandler implements ICommandHandler<UpdateCollectiveSettingsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute(command: UpdateCollectiveSettingsCommand): Promise<CollectiveSettings> {
    return this.em.fork().transactional(async (em) => {
      const collective = await em.findOneOrFail(Collective, { id: command.collectiveId });
      collective.settings = { ...collective.settings, ...command.settings };
      await em.flush();
      await this.record.append(em, collective.id, 'collective.settings_changed', {
        settings: collective.settings,
      });
      return collective.settings;
    });
  }
}

@CommandHandler(CreateTopicCommand)
export class CreateTopicHandler implements ICommandHandler<CreateTopicCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute(command: CreateTopicCommand): Promise<{ id: string }> {
    try {
      return await this.em.fork().transactional(async (em) => {
        const topic = new Topic(
          em.getReference(Collective, command.collectiveId, { wrapped: true }),
          command.slug,
          command.name,
        );
        await em.persist(topic).flush();
        await this.record.append(em, command.collectiveId, 'topic.created', {
          topicId: topic.id,
          slug: topic.slug,
          name: topic.name,
        });
        return { id: topic.id };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new LiquideError(CollectiveErrorCode.TopicExists, {
          field: 'slug',
          params: { slug: command.slug },
        });
      }
      throw error;
    }
  }
}
