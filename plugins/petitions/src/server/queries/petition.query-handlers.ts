import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LiquideError, Member } from '@liquide/engine';
import type { PetitionOpenData, PetitionView } from '../../contracts';
import { PetitionComment } from '../entities/petition-parts.entity';
import { Petition } from '../entities/petition.entity';
import { answerView, liveState, reachedThresholds, thresholdProgress } from '../petition-state';
import { PetitionErrorCode } from '../petitions.errors';
import {
  GetPetitionQuery,
  ListCommentsQuery,
  ListPetitionsQuery,
  PetitionLiveStateQuery,
  PetitionOpenDataQuery,
  type CommentView,
  type PetitionSummary,
} from './petition.queries';

async function findPetition(em: EntityManager, petitionId: string): Promise<Petition> {
  const petition = await em.findOne(Petition, { id: petitionId });
  if (!petition) {
    throw new LiquideError(PetitionErrorCode.NotFound, { field: 'petitionId' });
  }
  return petition;
}

@QueryHandler(GetPetitionQuery)
export class GetPetitionHandler implements IQueryHandler<GetPetitionQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ petitionId, memberId }: GetPetitionQuery): Promise<PetitionView> {
    const em = this.em.fork();
    const petition = await findPetition(em, petitionId);
    const reached = await reachedThresholds(em, petitionId);
    const author = await em.findOneOrFail(Member, { id: petition.author.id });
    let me: PetitionView['me'] = null;
    if (memberId) {
      const [row] = await em.execute<{ sponsored: boolean; signed: boolean }[]>(
        `select exists (select 1 from petition_sponsor where petition_id = ? and member_id = ?) as sponsored,
                exists (select 1 from petition_signature where petition_id = ? and member_id = ?) as signed`,
        [petitionId, memberId, petitionId, memberId],
      );
      me = { isAuthor: author.id === memberId, sponsored: row.sponsored, signed: row.signed };
    }
    return {
      ...liveState(petition, reached),
      collectiveId: petition.collective.id,
      title: petition.title,
      text: petition.text,
      addressee: petition.addressee,
      billId: petition.billId,
      author: { displayName: author.displayName },
      sponsors: petition.sponsorCount,
      sponsorsRequired: petition.rules.phases.sponsorship.sponsorsRequired,
      rejection: petition.rejectReason
        ? { reasonCode: petition.rejectReason, note: petition.rejectNote }
        : null,
      createdAt: petition.createdAt.toISOString(),
      deliberationEndsAt: petition.deliberationEndsAt?.toISOString() ?? null,
      openedAt: petition.openedAt?.toISOString() ?? null,
      closedAt: petition.closedAt?.toISOString() ?? null,
      answer: answerView(petition),
      rules: petition.rules,
      me,
    };
  }
}

@QueryHandler(ListPetitionsQuery)
export class ListPetitionsHandler implements IQueryHandler<ListPetitionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId }: ListPetitionsQuery): Promise<PetitionSummary[]> {
    const petitions = await this.em
      .fork()
      .find(Petition, { collective: collectiveId }, { orderBy: { createdAt: 'desc' }, limit: 500 });
    return petitions.map((petition) => ({
      id: petition.id,
      title: petition.title,
      addressee: petition.addressee,
      status: petition.status,
      signatures: petition.signatureCount,
      sponsors: petition.sponsorCount,
      createdAt: petition.createdAt.toISOString(),
      closesAt: petition.closesAt?.toISOString() ?? null,
    }));
  }
}

@QueryHandler(ListCommentsQuery)
export class ListCommentsHandler implements IQueryHandler<ListCommentsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ petitionId }: ListCommentsQuery): Promise<CommentView[]> {
    const comments = await this.em
      .fork()
      .find(
        PetitionComment,
        { petition: petitionId },
        { populate: ['member'], orderBy: { createdAt: 'asc' } },
      );
    return comments.map((comment) => ({
      id: comment.id,
      stance: comment.stance,
      text: comment.text,
      author: { displayName: comment.member.getEntity().displayName },
      createdAt: comment.createdAt.toISOString(),
    }));
  }
}

@QueryHandler(PetitionLiveStateQuery)
export class PetitionLiveStateHandler implements IQueryHandler<PetitionLiveStateQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ petitionId }: PetitionLiveStateQuery) {
    const em = this.em.fork();
    const petition = await findPetition(em, petitionId);
    return liveState(petition, await reachedThresholds(em, petitionId));
  }
}

@QueryHandler(PetitionOpenDataQuery)
export class PetitionOpenDataHandler implements IQueryHandler<PetitionOpenDataQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ petitionId }: PetitionOpenDataQuery): Promise<PetitionOpenData> {
    const em = this.em.fork();
    const petition = await findPetition(em, petitionId);
    const reached = await reachedThresholds(em, petitionId);
    return {
      format: 'liquide-petition/1',
      exportedAt: new Date().toISOString(),
      petition: {
        id: petition.id,
        collectiveId: petition.collective.id,
        title: petition.title,
        text: petition.text,
        addressee: petition.addressee,
        billId: petition.billId,
        status: petition.status,
        createdAt: petition.createdAt.toISOString(),
        openedAt: petition.openedAt?.toISOString() ?? null,
        closesAt: petition.closesAt?.toISOString() ?? null,
        closedAt: petition.closedAt?.toISOString() ?? null,
      },
      signatures: petition.signatureCount,
      regions: Object.entries(petition.regionCounts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([region, signatures]) => ({ region, signatures })),
      thresholds: thresholdProgress(petition, reached),
      answer: answerView(petition),
    };
  }
}
