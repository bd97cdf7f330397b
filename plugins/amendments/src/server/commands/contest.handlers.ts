import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { LiquideError, PluginSettingsService, RecordService } from '@liquide/engine';
import { AmendmentsSettings, schulze, STATUS_QUO } from '../../contracts';
import { AmendmentErrorCode } from '../amendments.errors';
import { rankingWeights } from '../contest-weights';
import { Amendment, AmendmentContest } from '../entities/amendment.entity';
import { AMENDMENTS_PLUGIN_ID } from '../plugin-id';
import {
  CloseContestCommand,
  CreateContestCommand,
  MergeAdoptedAmendmentsCommand,
  RankContestCommand,
} from './amendment.commands';

async function lockContest(em: EntityManager, contestId: string): Promise<AmendmentContest> {
  const contest = await em.findOne(
    AmendmentContest,
    { id: contestId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!contest) {
    throw new LiquideError(AmendmentErrorCode.ContestNotFound, { field: 'contestId' });
  }
  return contest;
}

function expectOpen(contest: AmendmentContest): void {
  if (contest.status !== 'open') {
    throw new LiquideError(AmendmentErrorCode.WrongStatus, {
      params: { status: contest.status, expected: 'open' },
    });
  }
}

@CommandHandler(CreateContestCommand)
export class CreateContestHandler implements ICommandHandler<CreateContestCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: PluginSettingsService,
    private readonly record: RecordService,
  ) {}

  async execute({ billId, collectiveId, input }: CreateContestCommand) {
    return this.em.fork().transactional(async (em) => {
      const settings = AmendmentsSettings.parse(
        await this.settings.enabledSettings(collectiveId, AMENDMENTS_PLUGIN_ID, em),
      );
      if (!settings.phases.vote.rankedContests) {
        throw new LiquideError(AmendmentErrorCode.ContestsDisabled);
      }
      const ids = [...new Set(input.amendmentIds)];
      const amendments = await em.find(
        Amendment,
        { id: { $in: ids } },
        { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      const fits = (a: Amendment) =>
        a.billId === billId && a.articleId === input.articleId && a.status === 'proposed';
      if (amendments.length !== ids.length || ids.length < 2 || !amendments.every(fits)) {
        throw new LiquideError(AmendmentErrorCode.ContestMismatch, { field: 'amendmentIds' });
      }
      const contest = new AmendmentContest({
        collectiveId,
        billId,
        articleId: input.articleId,
        seed: randomBytes(16).toString('hex'),
        options: [...amendments.map((a) => a.id), STATUS_QUO],
      });
      em.persist(contest);
      for (const amendment of amendments) {
        amendment.status = 'contest';
        amendment.contestId = contest.id;
      }
      await this.record.append(em, collectiveId, 'amendment.contest_opened', {
        contestId: contest.id,
        billId,
        articleId: input.articleId,
        options: contest.options,
        seed: contest.seed,
      });
      await em.flush();
      return { id: contest.id, options: contest.options, seed: contest.seed };
    });
  }
}

@CommandHandler(RankContestCommand)
export class RankContestHandler implements ICommandHandler<RankContestCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ contestId, memberId, ranking }: RankContestCommand) {
    return this.em.fork().transactional(async (em) => {
      const contest = await em.findOne(
        AmendmentContest,
        { id: contestId },
        { lockMode: LockMode.PESSIMISTIC_READ },
      );
      if (!contest) {
        throw new LiquideError(AmendmentErrorCode.ContestNotFound, { field: 'contestId' });
      }
      expectOpen(contest);
      if (new Set(ranking).size !== ranking.length || !ranking.every((o) => contest.options.includes(o))) {
        throw new LiquideError(AmendmentErrorCode.BadRanking, {
          field: 'ranking',
          params: { options: contest.options.join(', ') },
        });
      }
      await em.execute(
        `insert into amendment_ranking (contest_id, member_id, ranking) values (?, ?, ?)
           on conflict (contest_id, member_id) do update set ranking = excluded.ranking, ranked_at = now()`,
        [contestId, memberId, JSON.stringify(ranking)],
      );
      return { ranking: [...ranking] };
    });
  }
}

@CommandHandler(CloseContestCommand)
export class CloseContestHandler implements ICommandHandler<CloseContestCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly record: RecordService,
    private readonly queries: QueryBus,
  ) {}

  async execute({ contestId }: CloseContestCommand) {
    const outcome = await this.em.fork().transactional(async (em) => {
      const contest = await lockContest(em, contestId);
      expectOpen(contest);
      const rows = await em.execute<{ member_id: string; ranking: string[] }[]>(
        'select member_id, ranking from amendment_ranking where contest_id = ? order by member_id',
        [contestId],
      );
      const now = new Date();
      const weights = await rankingWeights(
        this.queries,
        { billId: contest.billId, rankers: rows.map((r) => r.member_id), seed: contest.seed },
        now,
      );
      const ballots = rows.map((r) => ({ ranking: r.ranking, weight: weights.get(r.member_id) ?? 0 }));
      const result = schulze(contest.options, ballots, contest.seed);
      contest.status = 'closed';
      contest.closedAt = now;
      contest.winner = result.winner;
      contest.result = {
        order: result.order,
        tieBroken: result.tieBroken,
        pairwise: result.pairwise,
        strength: result.strength,
        rankings: ballots.length,
        weight: ballots.reduce((sum, b) => sum + b.weight, 0),
      };
      const amendments = await em.find(Amendment, { contestId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      for (const amendment of amendments) {
        const rank = result.order.indexOf(amendment.id) + 1;
        amendment.decide(
          amendment.id === result.winner ? 'adopted' : 'rejected',
          { by: 'contest', contestId, rank, winner: result.winner },
          now,
        );
      }
      await this.record.append(em, contest.collectiveId, 'amendment.contest_closed', {
        contestId,
        order: result.order,
        winner: result.winner,
        tieBroken: result.tieBroken,
        pairwise: result.pairwise,
      });
      await em.flush();
      return { billId: contest.billId, result };
    });
    if (outcome.result.winner !== STATUS_QUO) {
      await this.commands.execute(new MergeAdoptedAmendmentsCommand(outcome.billId));
    }
    return {
      winner: outcome.result.winner,
      order: [...outcome.result.order],
      tieBroken: outcome.result.tieBroken,
    };
  }
}
