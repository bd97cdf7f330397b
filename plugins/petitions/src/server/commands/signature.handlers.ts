import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { LiquideError, Member, RecordService, recordProof } from '@liquide/engine';
import { newlyReached } from '../../contracts';
import { PetitionThresholdReached } from '../entities/petition-parts.entity';
import { Petition } from '../entities/petition.entity';
import { expectStatus, lockPetition, reachedThresholds } from '../petition-state';
import { PetitionErrorCode } from '../petitions.errors';
import {
  PetitionChangedEvent,
  SignPetitionCommand,
  ThresholdReachedEvent,
  WithdrawSignatureCommand,
} from './petition.commands';

/** Signatures are taken while the petition is open and its window has not ended. */
function expectCollecting(petition: Petition, now: Date): void {
  if (petition.status === 'open' && petition.closesAt && petition.closesAt <= now) {
    throw new LiquideError(PetitionErrorCode.WindowClosed, {
      params: { closesAt: petition.closesAt.toISOString() },
    });
  }
  expectStatus(petition, 'open');
}

function addRegion(
  counts: Record<string, number>,
  region: string | null,
  delta: number,
): Record<string, number> {
  if (!region) {
    return counts;
  }
  const next = { ...counts, [region]: (counts[region] ?? 0) + delta };
  if (next[region] <= 0) {
    delete next[region];
  }
  return next;
}

@CommandHandler(SignPetitionCommand)
export class SignPetitionHandler implements ICommandHandler<SignPetitionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ petitionId, memberId }: SignPetitionCommand) {
    const now = new Date();
    const outcome = await this.em.fork().transactional(async (em) => {
      const petition = await lockPetition(em, petitionId);
      expectCollecting(petition, now);
      const member = await em.findOneOrFail(Member, { id: memberId });
      const region = member.attributes[petition.rules.global.regionAttribute]?.trim() || null;
      const inserted = await em.execute(
        `insert into petition_signature (petition_id, member_id, region, signed_at) values (?, ?, ?, ?)
         on conflict do nothing returning 1 as ok`,
        [petitionId, memberId, region, now],
      );
      if (inserted.length === 0) {
        throw new LiquideError(PetitionErrorCode.AlreadySigned);
      }
      petition.signatureCount += 1;
      petition.regionCounts = addRegion(petition.regionCounts, region, 1);
      petition.version += 1;
      const collectiveId = petition.collective.id;
      const already = new Set((await reachedThresholds(em, petitionId)).map((row) => row.thresholdId));
      const counts = { total: petition.signatureCount, regions: petition.regionCounts };
      const reached = newlyReached(petition.rules.phases.collection.thresholds, counts, already);
      for (const threshold of reached) {
        const responseDueAt =
          threshold.effect === 'response-required'
            ? new Date(now.getTime() + threshold.responseDeadlineDays * 86_400_000)
            : null;
        if (responseDueAt && (!petition.answerDueAt || responseDueAt < petition.answerDueAt)) {
          petition.answerDueAt = responseDueAt;
        }
        em.persist(
          new PetitionThresholdReached({
            petition: em.getReference(Petition, petitionId, { wrapped: true }),
            thresholdId: threshold.id,
            effect: threshold.effect,
            signatures: petition.signatureCount,
            reachedAt: now,
            responseDueAt,
          }),
        );
      }
      const proof = await recordProof(em, collectiveId, ['petition.signed', petitionId, memberId]);
      await this.record.append(em, collectiveId, 'petition.signed', {
        petitionId,
        proof,
        signatures: petition.signatureCount,
      });
      for (const threshold of reached) {
        await this.record.append(em, collectiveId, 'petition.threshold_reached', {
          petitionId,
          thresholdId: threshold.id,
          effect: threshold.effect,
          signatures: petition.signatureCount,
          regions: petition.regionCounts,
        });
      }
      await em.flush();
      return { collectiveId, signatures: petition.signatureCount, proof, reached };
    });
    this.events.publish(new PetitionChangedEvent(outcome.collectiveId, petitionId));
    for (const threshold of outcome.reached) {
      this.events.publish(
        new ThresholdReachedEvent(outcome.collectiveId, petitionId, threshold.id, threshold.effect),
      );
    }
    return { signatures: outcome.signatures, proof: outcome.proof };
  }
}

@CommandHandler(WithdrawSignatureCommand)
export class WithdrawSignatureHandler implements ICommandHandler<WithdrawSignatureCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ petitionId, memberId }: WithdrawSignatureCommand) {
    const outcome = await this.em.fork().transactional(async (em) => {
      const petition = await lockPetition(em, petitionId);
      expectCollecting(petition, new Date());
      const [removed] = await em.execute<{ region: string | null }[]>(
        'delete from petition_signature where petition_id = ? and member_id = ? returning region',
        [petitionId, memberId],
      );
      if (!removed) {
        throw new LiquideError(PetitionErrorCode.NotSigned);
      }
      petition.signatureCount -= 1;
      petition.regionCounts = addRegion(petition.regionCounts, removed.region, -1);
      petition.version += 1;
      const collectiveId = petition.collective.id;
      await this.record.append(em, collectiveId, 'petition.signature_withdrawn', {
        petitionId,
        proof: await recordProof(em, collectiveId, ['petition.signed', petitionId, memberId]),
        signatures: petition.signatureCount,
      });
      await em.flush();
      return { collectiveId, signatures: petition.signatureCount };
    });
    this.events.publish(new PetitionChangedEvent(outcome.collectiveId, petitionId));
    return { signatures: outcome.signatures };
  }
}
