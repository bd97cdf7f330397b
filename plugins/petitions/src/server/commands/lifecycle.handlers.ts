import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import {
  Collective,
  GetBillScopeQuery,
  LiquideError,
  Member,
  PluginSettingsService,
  RecordService,
} from '@liquide/engine';
import { PetitionSettings, windowEnd } from '../../contracts';
import { PetitionComment } from '../entities/petition-parts.entity';
import { Petition } from '../entities/petition.entity';
import { expectStatus, lockPetition } from '../petition-state';
import { PetitionErrorCode } from '../petitions.errors';
import { PETITIONS_PLUGIN_ID } from '../plugin-id';
import {
  CommentPetitionCommand,
  DraftPetitionCommand,
  ModeratePetitionCommand,
  OpenSignaturesCommand,
  PetitionChangedEvent,
  SponsorPetitionCommand,
  SubmitPetitionCommand,
} from './petition.commands';

/** Moves an approved petition on: to deliberation when the phase is enabled, else straight to signatures. */
function approve(petition: Petition, now: Date): void {
  const deliberation = petition.rules.phases.deliberation;
  if (deliberation.enabled) {
    petition.status = 'deliberation';
    petition.deliberationEndsAt = new Date(now.getTime() + deliberation.durationDays * 86_400_000);
  } else {
    openSignatures(petition, now);
  }
}

function openSignatures(petition: Petition, now: Date): void {
  petition.status = 'open';
  petition.openedAt = now;
  petition.closesAt = windowEnd(now, petition.rules.phases.collection.window);
  petition.version += 1;
}

@CommandHandler(DraftPetitionCommand)
export class DraftPetitionHandler implements ICommandHandler<DraftPetitionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: PluginSettingsService,
    private readonly record: RecordService,
    private readonly queries: QueryBus,
  ) {}

  async execute({ collectiveId, authorId, input }: DraftPetitionCommand) {
    return this.em.fork().transactional(async (em) => {
      const rules = PetitionSettings.parse(
        await this.settings.enabledSettings(collectiveId, PETITIONS_PLUGIN_ID, em),
      );
      const billId = input.billId ?? null;
      if (billId) {
        const scope = await this.queries.execute(new GetBillScopeQuery(billId)).catch(() => null);
        if (scope?.collectiveId !== collectiveId) {
          throw new LiquideError(PetitionErrorCode.BillNotFound, { field: 'billId' });
        }
      }
      const petition = new Petition({
        collective: em.getReference(Collective, collectiveId, { wrapped: true }),
        author: em.getReference(Member, authorId, { wrapped: true }),
        title: input.title,
        text: input.text,
        addressee: input.addressee,
        billId,
        rules,
      });
      em.persist(petition);
      await this.record.append(em, collectiveId, 'petition.drafted', {
        petitionId: petition.id,
        title: petition.title,
        addressee: petition.addressee,
        billId,
      });
      await em.flush();
      return { id: petition.id, status: petition.status };
    });
  }
}

@CommandHandler(SponsorPetitionCommand)
export class SponsorPetitionHandler implements ICommandHandler<SponsorPetitionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ petitionId, memberId }: SponsorPetitionCommand) {
    return this.em.fork().transactional(async (em) => {
      const petition = await lockPetition(em, petitionId);
      expectStatus(petition, 'draft', 'sponsored');
      if (petition.author.id === memberId) {
        throw new LiquideError(PetitionErrorCode.OwnPetition);
      }
      const inserted = await em.execute(
        'insert into petition_sponsor (petition_id, member_id) values (?, ?) on conflict do nothing returning 1 as ok',
        [petitionId, memberId],
      );
      if (inserted.length === 0) {
        throw new LiquideError(PetitionErrorCode.AlreadySponsored);
      }
      petition.sponsorCount += 1;
      if (
        petition.status === 'draft' &&
        petition.sponsorCount >= petition.rules.phases.sponsorship.sponsorsRequired
      ) {
        petition.status = 'sponsored';
      }
      await this.record.append(em, petition.collective.id, 'petition.sponsored', {
        petitionId,
        sponsors: petition.sponsorCount,
      });
      await em.flush();
      return { sponsors: petition.sponsorCount, status: petition.status };
    });
  }
}

@CommandHandler(SubmitPetitionCommand)
export class SubmitPetitionHandler implements ICommandHandler<SubmitPetitionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ petitionId, memberId }: SubmitPetitionCommand) {
    const petition = await this.em.fork().transactional(async (em) => {
      const found = await lockPetition(em, petitionId);
      if (found.author.id !== memberId) {
        throw new LiquideError(PetitionErrorCode.NotAuthor);
      }
      if (found.status === 'draft') {
        throw new LiquideError(PetitionErrorCode.SponsorsMissing, {
          params: { count: found.sponsorCount, required: found.rules.phases.sponsorship.sponsorsRequired },
        });
      }
      expectStatus(found, 'sponsored');
      if (found.rules.phases.moderation.required) {
        found.status = 'pending';
      } else {
        approve(found, new Date());
      }
      await this.record.append(em, found.collective.id, 'petition.submitted', {
        petitionId,
        status: found.status,
      });
      await em.flush();
      return found;
    });
    this.events.publish(new PetitionChangedEvent(petition.collective.id, petitionId));
    return { status: petition.status };
  }
}

@CommandHandler(ModeratePetitionCommand)
export class ModeratePetitionHandler implements ICommandHandler<ModeratePetitionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ petitionId, decision }: ModeratePetitionCommand) {
    const petition = await this.em.fork().transactional(async (em) => {
      const found = await lockPetition(em, petitionId);
      expectStatus(found, 'pending');
      if (decision.decision === 'approve') {
        approve(found, new Date());
      } else {
        found.status = 'rejected';
        found.rejectReason = decision.reasonCode ?? 'other';
        found.rejectNote = decision.note ?? null;
      }
      await this.record.append(em, found.collective.id, 'petition.moderated', {
        petitionId,
        decision: decision.decision,
        reasonCode: found.rejectReason,
        status: found.status,
      });
      await em.flush();
      return found;
    });
    this.events.publish(new PetitionChangedEvent(petition.collective.id, petitionId));
    return { status: petition.status };
  }
}

@CommandHandler(OpenSignaturesCommand)
export class OpenSignaturesHandler implements ICommandHandler<OpenSignaturesCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ petitionId, onlyIfDue }: OpenSignaturesCommand) {
    const now = new Date();
    const petition = await this.em.fork().transactional(async (em) => {
      const found = await lockPetition(em, petitionId);
      expectStatus(found, 'deliberation');
      if (onlyIfDue && found.deliberationEndsAt && found.deliberationEndsAt > now) {
        return found;
      }
      openSignatures(found, now);
      await this.record.append(em, found.collective.id, 'petition.opened', {
        petitionId,
        closesAt: found.closesAt!.toISOString(),
      });
      await em.flush();
      return found;
    });
    this.events.publish(new PetitionChangedEvent(petition.collective.id, petitionId));
    return { status: petition.status };
  }
}

@CommandHandler(CommentPetitionCommand)
export class CommentPetitionHandler implements ICommandHandler<CommentPetitionCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ petitionId, memberId, input }: CommentPetitionCommand) {
    return this.em.fork().transactional(async (em) => {
      const petition = await em.findOne(Petition, { id: petitionId });
      if (!petition) {
        throw new LiquideError(PetitionErrorCode.NotFound, { field: 'petitionId' });
      }
      expectStatus(petition, 'deliberation');
      if (input.stance !== 'comment' && !petition.rules.phases.deliberation.arguments) {
        throw new LiquideError(PetitionErrorCode.ArgumentsDisabled, { field: 'stance' });
      }
      const comment = new PetitionComment(
        em.getReference(Petition, petitionId, { wrapped: true }),
        em.getReference(Member, memberId, { wrapped: true }),
        input.stance,
        input.text,
      );
      await em.persist(comment).flush();
      return { id: comment.id };
    });
  }
}
