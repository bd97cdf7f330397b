import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import {
  CreateBallotCommand,
  GetVersionQuery,
  LiquideError,
  OpenBallotCommand,
  PluginSettingsService,
  RecordService,
} from '@liquide/engine';
import { AmendmentsSettings, type AmendmentStatus } from '../../contracts';
import { AmendmentErrorCode } from '../amendments.errors';
import { Amendment } from '../entities/amendment.entity';
import { AMENDMENTS_PLUGIN_ID } from '../plugin-id';
import {
  ProposeAmendmentCommand,
  PutAmendmentToVoteCommand,
  SetAmendmentPhaseCommand,
  WithdrawAmendmentCommand,
} from './amendment.commands';

/** Refuses unless the amendment is in one of the expected statuses. */
export function expectStatus(amendment: Amendment, ...expected: AmendmentStatus[]): void {
  if (!expected.includes(amendment.status)) {
    throw new LiquideError(AmendmentErrorCode.WrongStatus, {
      params: { status: amendment.status, expected: expected.join(', ') },
    });
  }
}

/** The amendment, row-locked for the transaction, or a 404. */
export async function lockAmendment(em: EntityManager, amendmentId: string): Promise<Amendment> {
  const amendment = await em.findOne(
    Amendment,
    { id: amendmentId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!amendment) {
    throw new LiquideError(AmendmentErrorCode.NotFound, { field: 'amendmentId' });
  }
  return amendment;
}

@CommandHandler(SetAmendmentPhaseCommand)
export class SetAmendmentPhaseHandler implements ICommandHandler<SetAmendmentPhaseCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ billId, collectiveId, input }: SetAmendmentPhaseCommand) {
    return this.em.fork().transactional(async (em) => {
      const closesAt = input.open && input.closesAt ? new Date(input.closesAt) : null;
      await em.execute(
        `insert into amendment_phase (bill_id, collective_id, open, closes_at) values (?, ?, ?, ?)
           on conflict (bill_id) do update set open = excluded.open, closes_at = excluded.closes_at, updated_at = now()`,
        [billId, collectiveId, input.open, closesAt],
      );
      await this.record.append(
        em,
        collectiveId,
        input.open ? 'amendments.phase_opened' : 'amendments.phase_closed',
        {
          billId,
          closesAt: closesAt?.toISOString() ?? null,
        },
      );
      await em.flush();
      return { open: input.open, closesAt: closesAt?.toISOString() ?? null };
    });
  }
}

@CommandHandler(ProposeAmendmentCommand)
export class ProposeAmendmentHandler implements ICommandHandler<ProposeAmendmentCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: PluginSettingsService,
    private readonly queries: QueryBus,
    private readonly record: RecordService,
  ) {}

  async execute({ billId, collectiveId, authorId, input }: ProposeAmendmentCommand) {
    return this.em.fork().transactional(async (em) => {
      const settings = AmendmentsSettings.parse(
        await this.settings.enabledSettings(collectiveId, AMENDMENTS_PLUGIN_ID, em),
      );
      const rules = settings.phases.amendment;
      const [phase] = await em.execute<{ open: boolean; closes_at: Date | null }[]>(
        'select open, closes_at from amendment_phase where bill_id = ? for share',
        [billId],
      );
      if (!phase?.open || (phase.closes_at && new Date(phase.closes_at) <= new Date())) {
        throw new LiquideError(AmendmentErrorCode.PhaseClosed);
      }
      if (input.kind === 'delete' && !rules.allowDeletion) {
        throw new LiquideError(AmendmentErrorCode.DeletionDisabled, { field: 'kind' });
      }
      if (input.rationale.length < rules.minRationale) {
        throw new LiquideError(AmendmentErrorCode.RationaleTooShort, {
          field: 'rationale',
          params: { min: rules.minRationale },
        });
      }
      const latest = await this.queries.execute(new GetVersionQuery(billId, null));
      if (!latest.articles.some((article) => article.id === input.articleId)) {
        throw new LiquideError(AmendmentErrorCode.ArticleNotFound, { field: 'articleId' });
      }
      const pending = await em.count(Amendment, {
        billId,
        authorId,
        status: { $in: ['proposed', 'voting', 'contest'] },
      });
      if (pending >= rules.maxPerMember) {
        throw new LiquideError(AmendmentErrorCode.TooMany, {
          params: { count: pending, max: rules.maxPerMember },
        });
      }
      const amendment = new Amendment({
        collectiveId,
        billId,
        articleId: input.articleId,
        authorId,
        kind: input.kind,
        heading: input.heading ?? null,
        text: input.text ?? null,
        rationale: input.rationale,
        baseVersion: latest.number,
      });
      em.persist(amendment);
      await this.record.append(em, collectiveId, 'amendment.proposed', {
        amendmentId: amendment.id,
        billId,
        articleId: amendment.articleId,
        kind: amendment.kind,
        heading: amendment.heading,
        text: amendment.text,
        rationale: amendment.rationale,
        baseVersion: amendment.baseVersion,
      });
      await em.flush();
      return { id: amendment.id, status: amendment.status };
    });
  }
}

@CommandHandler(WithdrawAmendmentCommand)
export class WithdrawAmendmentHandler implements ICommandHandler<WithdrawAmendmentCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ amendmentId, memberId }: WithdrawAmendmentCommand) {
    return this.em.fork().transactional(async (em) => {
      const amendment = await lockAmendment(em, amendmentId);
      if (amendment.authorId !== memberId) {
        throw new LiquideError(AmendmentErrorCode.NotAuthor);
      }
      expectStatus(amendment, 'proposed');
      amendment.status = 'withdrawn';
      amendment.decidedAt = new Date();
      await this.record.append(em, amendment.collectiveId, 'amendment.withdrawn', { amendmentId });
      await em.flush();
      return { status: amendment.status };
    });
  }
}

@CommandHandler(PutAmendmentToVoteCommand)
export class PutAmendmentToVoteHandler implements ICommandHandler<PutAmendmentToVoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly settings: PluginSettingsService,
    private readonly record: RecordService,
  ) {}

  async execute({ amendmentId, input }: PutAmendmentToVoteCommand) {
    return this.em.fork().transactional(async (em) => {
      const amendment = await lockAmendment(em, amendmentId);
      expectStatus(amendment, 'proposed');
      const settings = AmendmentsSettings.parse(
        await this.settings.enabledSettings(amendment.collectiveId, AMENDMENTS_PLUGIN_ID, em),
      );
      const opensAt = new Date();
      const closesAt = input.closesAt
        ? new Date(input.closesAt)
        : new Date(opensAt.getTime() + settings.phases.vote.ballotHours * 3_600_000);
      // A ballot on the same bill: the bill's topic and bill-scope delegations apply, live tallies work.
      const { id: ballotId } = await this.commands.execute(
        new CreateBallotCommand(amendment.collectiveId, {
          billId: amendment.billId,
          purpose: 'amendment',
          opensAt,
          closesAt,
          ...(input.visibility ? { visibility: input.visibility } : {}),
        }),
      );
      await this.commands.execute(new OpenBallotCommand(ballotId));
      amendment.ballotId = ballotId;
      amendment.status = 'voting';
      await this.record.append(em, amendment.collectiveId, 'amendment.put_to_vote', {
        amendmentId,
        ballotId,
      });
      await em.flush();
      return { ballotId };
    });
  }
}
