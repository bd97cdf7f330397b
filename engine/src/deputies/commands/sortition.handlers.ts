import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Collective } from '../../collectives/collective.entity';
import { LiquideError } from '../../errors/liquide-error';
import { RecordService } from '../../record/record.service';
import { DeputiesErrorCode } from '../deputies.errors';
import { Sortition, type SortitionStatus } from '../entities/sortition.entity';
import { SortitionQuotasErrorCode } from '../sortition-quotas.errors';
import { canonicalPool, poolHash, seedCommitment } from '../sortition/hash';
import { checkQuotasInWorker } from '../jobs/draw-worker-host';
import { precheckQuotas } from '../sortition/quotas';
import { CommitSeedCommand, FreezePoolCommand } from './deputies.commands';
import { asLiquideError } from './sortition-errors';

export async function lockedSortition(
  em: EntityManager,
  id: string,
  expected: SortitionStatus,
): Promise<Sortition> {
  const sortition = await em.findOne(Sortition, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!sortition) {
    throw new LiquideError(DeputiesErrorCode.SortitionNotFound, { field: 'sortitionId' });
  }
  if (sortition.status !== expected) {
    throw new LiquideError(DeputiesErrorCode.SortitionWrongStatus, {
      params: { status: sortition.status, expected },
    });
  }
  return sortition;
}

/**
 * One sortition at a time: while a pool is frozen or its seed committed, a second freeze is refused (409
 * `sortition.already_open`, naming the open one) instead of silently starting a new pool. The collective's
 * row is locked first, so two concurrent freezes are serialised and the second one sees the first.
 */
async function refuseSecondOpenSortition(em: EntityManager, collectiveId: string): Promise<void> {
  await em.findOne(Collective, { id: collectiveId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const open = await em.findOne(
    Sortition,
    { collective: collectiveId, status: { $ne: 'drawn' } },
    { orderBy: { frozenAt: 'desc' } },
  );
  if (open) {
    throw new LiquideError(DeputiesErrorCode.SortitionAlreadyOpen, {
      params: { id: open.id, status: open.status },
    });
  }
}

/** Freezes the eligible volunteers (certified, not withdrawn, active members); checks the quotas now. */
@CommandHandler(FreezePoolCommand)
export class FreezePoolHandler implements ICommandHandler<FreezePoolCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ collectiveId, byMemberId, input }: FreezePoolCommand) {
    return this.em.fork().transactional(async (em) => {
      await refuseSecondOpenSortition(em, collectiveId);
      // rows, not entities: 2,000 managed volunteers and members made the flush below compute change sets
      // for most of a second on the event loop, holding every other request (docs/sortition.md)
      const volunteers = await em.execute<{ id: string; attributes: Record<string, string> }[]>(
        `select m.id, m.attributes from deputy_volunteer v join member m on m.id = v.member_id
          where v.collective_id = ? and v.withdrawn_at is null and v.certified_on is not null and m.active`,
        [collectiveId],
      );
      const household = input.household;
      const entries = volunteers.map((v) => {
        const attributes = v.attributes;
        const key = household === undefined ? undefined : attributes[household];
        return { id: v.id, attributes, ...(key ? { household: key } : {}) };
      });
      if (household !== undefined && !entries.some((entry) => entry.household !== undefined)) {
        throw new LiquideError(SortitionQuotasErrorCode.HouseholdAttributeUnused, {
          field: 'household',
          params: { household },
        });
      }
      const pool = canonicalPool(entries, input.quotas);
      const seats = input.seats;
      const substituteCount = input.substitutes ?? Math.min(seats, Math.max(0, pool.length - seats));
      await asLiquideError(async () => {
        precheckQuotas(pool, input.quotas, seats);
        if (input.quotas.length > 0 || pool.some((entry) => entry.household !== undefined)) {
          // off the event loop: a second or more of HiGHS on a large pool (docs/sortition.md)
          await checkQuotasInWorker(pool, input.quotas, seats);
        }
      });
      const sortition = new Sortition({
        collective: em.getReference(Collective, collectiveId, { wrapped: true }),
        seats,
        substituteCount,
        quotas: input.quotas,
        pool,
        poolHash: poolHash(pool),
        frozenBy: byMemberId,
      });
      await em.persist(sortition).flush();
      await this.record.append(em, collectiveId, 'sortition.pool_frozen', {
        sortitionId: sortition.id,
        poolHash: sortition.poolHash,
        volunteers: pool.length,
        seats,
        substituteCount,
        quotas: input.quotas,
      });
      return { id: sortition.id, poolHash: sortition.poolHash, volunteers: pool.length };
    });
  }
}

@CommandHandler(CommitSeedCommand)
export class CommitSeedHandler implements ICommandHandler<CommitSeedCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ sortitionId, input }: CommitSeedCommand) {
    return this.em.fork().transactional(async (em) => {
      const sortition = await lockedSortition(em, sortitionId, 'frozen');
      if (input.seedCommitment) {
        sortition.seedCommitment = input.seedCommitment;
      } else {
        sortition.secretSeed = randomBytes(32).toString('hex');
        sortition.seedCommitment = seedCommitment(sortition.secretSeed);
      }
      sortition.publicValueSource = input.publicValueSource;
      sortition.committedAt = new Date();
      sortition.status = 'committed';
      await em.flush();
      const published = {
        seedCommitment: sortition.seedCommitment,
        publicValueSource: input.publicValueSource,
      };
      await this.record.append(em, sortition.collective.id, 'sortition.seed_committed', {
        sortitionId,
        ...published,
      });
      return published;
    });
  }
}
