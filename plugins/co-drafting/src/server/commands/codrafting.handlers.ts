import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import {
  GetVersionQuery,
  LiquideError,
  PluginSettingsService,
  RecordService,
  ReviseBillTextCommand,
} from '@liquide/engine';
import { permissionOf } from '../../contracts';
import { BillWorkflows } from '../bill-workflow';
import { CoDraftingErrorCode } from '../codrafting.errors';
import { CO_DRAFTING_PLUGIN_ID } from '../plugin-id';
import {
  ConfigureBillCommand,
  ContributeCommand,
  MovePhaseCommand,
  PublishCoDraftedVersionCommand,
  SupportContributionCommand,
  WriteSynthesisCommand,
} from './codrafting.commands';

async function assertArticle(queries: QueryBus, billId: string, articleId: string): Promise<void> {
  const latest = await queries.execute(new GetVersionQuery(billId, null));
  if (!latest.articles.some((a) => a.id === articleId)) {
    throw new LiquideError(CoDraftingErrorCode.ArticleNotFound, { field: 'articleId' });
  }
}

@CommandHandler(ConfigureBillCommand)
export class ConfigureBillHandler implements ICommandHandler<ConfigureBillCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: PluginSettingsService,
    private readonly record: RecordService,
  ) {}

  async execute({ billId, collectiveId, input }: ConfigureBillCommand) {
    return this.em.fork().transactional(async (em) => {
      await this.settings.assertEnabled(collectiveId, CO_DRAFTING_PLUGIN_ID, em);
      const current = input.phases[0];
      await em.execute(
        `insert into codraft_bill (bill_id, collective_id, phases, overrides, current_phase) values (?, ?, ?, ?, ?)
           on conflict (bill_id) do update set phases = excluded.phases, overrides = excluded.overrides,
             current_phase = excluded.current_phase, updated_at = now()`,
        [billId, collectiveId, JSON.stringify(input.phases), JSON.stringify(input.overrides), current],
      );
      await this.record.append(em, collectiveId, 'co-drafting.configured', {
        billId,
        phases: input.phases,
        overrides: input.overrides,
      });
      await em.flush();
      return { phases: input.phases, current };
    });
  }
}

@CommandHandler(MovePhaseCommand)
export class MovePhaseHandler implements ICommandHandler<MovePhaseCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly workflows: BillWorkflows,
    private readonly record: RecordService,
  ) {}

  async execute({ billId, phase }: MovePhaseCommand) {
    return this.em.fork().transactional(async (em) => {
      const workflow = await this.workflows.load(em, billId, true);
      if (!workflow.phases.includes(phase)) {
        throw new LiquideError(CoDraftingErrorCode.UnknownPhase, {
          field: 'phase',
          params: { phase, phases: workflow.phases.join(', ') },
        });
      }
      await em.execute('update codraft_bill set current_phase = ?, updated_at = now() where bill_id = ?', [
        phase,
        billId,
      ]);
      await this.record.append(em, workflow.collectiveId, 'co-drafting.phase_changed', {
        billId,
        from: workflow.current,
        to: phase,
      });
      await em.flush();
      return { current: phase };
    });
  }
}

@CommandHandler(ContributeCommand)
export class ContributeHandler implements ICommandHandler<ContributeCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly workflows: BillWorkflows,
    private readonly queries: QueryBus,
  ) {}

  async execute({ billId, memberId, input }: ContributeCommand) {
    return this.em.fork().transactional(async (em) => {
      const workflow = await this.workflows.allowing(em, billId, permissionOf(input.kind));
      const max = workflow.settings.global.maxContributionLength;
      if (input.text.length > max) {
        throw new LiquideError(CoDraftingErrorCode.TooLong, { field: 'text', params: { max } });
      }
      await assertArticle(this.queries, billId, input.articleId);
      const id = randomUUID();
      await em.execute(
        `insert into codraft_contribution (id, bill_id, article_id, author_id, kind, heading, text, phase)
           values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          billId,
          input.articleId,
          memberId,
          input.kind,
          input.heading ?? null,
          input.text,
          workflow.current,
        ],
      );
      return { id };
    });
  }
}

@CommandHandler(SupportContributionCommand)
export class SupportContributionHandler implements ICommandHandler<SupportContributionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly workflows: BillWorkflows,
  ) {}

  async execute({ contributionId, memberId, support }: SupportContributionCommand) {
    return this.em.fork().transactional(async (em) => {
      const [row] = await em.execute<{ bill_id: string }[]>(
        'select bill_id from codraft_contribution where id = ? for update',
        [contributionId],
      );
      if (!row) {
        throw new LiquideError(CoDraftingErrorCode.ContributionNotFound, { field: 'contributionId' });
      }
      await this.workflows.allowing(em, row.bill_id, 'support');
      const changed = support
        ? await em.execute(
            'insert into codraft_support (contribution_id, member_id) values (?, ?) on conflict do nothing returning 1 as ok',
            [contributionId, memberId],
          )
        : await em.execute(
            'delete from codraft_support where contribution_id = ? and member_id = ? returning 1 as ok',
            [contributionId, memberId],
          );
      if (changed.length === 0) {
        throw new LiquideError(
          support ? CoDraftingErrorCode.AlreadySupported : CoDraftingErrorCode.NotSupported,
        );
      }
      const [counted] = await em.execute<{ supports: number }[]>(
        `update codraft_contribution set supports = supports + ? where id = ? returning supports`,
        [support ? 1 : -1, contributionId],
      );
      return { supports: counted.supports };
    });
  }
}

@CommandHandler(WriteSynthesisCommand)
export class WriteSynthesisHandler implements ICommandHandler<WriteSynthesisCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly workflows: BillWorkflows,
    private readonly queries: QueryBus,
    private readonly record: RecordService,
  ) {}

  async execute({ billId, memberId, input }: WriteSynthesisCommand) {
    return this.em.fork().transactional(async (em) => {
      const workflow = await this.workflows.allowing(em, billId, 'synthesise');
      await assertArticle(this.queries, billId, input.articleId);
      const ids = [...new Set(input.contributionIds)];
      const found = await em.execute<{ id: string }[]>(
        'select id from codraft_contribution where bill_id = ? and article_id = ? and id = any(?::uuid[])',
        [billId, input.articleId, `{${ids.join(',')}}`],
      );
      if (found.length !== ids.length) {
        const known = new Set(found.map((f) => f.id));
        throw new LiquideError(CoDraftingErrorCode.BadLink, {
          field: 'contributionIds',
          params: { ids: ids.filter((id) => !known.has(id)).join(', ') },
        });
      }
      const id = randomUUID();
      await em.execute(
        `insert into codraft_synthesis (id, bill_id, article_id, author_id, text, contribution_ids)
           values (?, ?, ?, ?, ?, ?::uuid[])`,
        [id, billId, input.articleId, memberId, input.text, `{${ids.join(',')}}`],
      );
      await this.record.append(em, workflow.collectiveId, 'co-drafting.synthesis_written', {
        billId,
        synthesisId: id,
        articleId: input.articleId,
        text: input.text,
        contributionIds: ids,
      });
      await em.flush();
      return { id };
    });
  }
}

@CommandHandler(PublishCoDraftedVersionCommand)
export class PublishCoDraftedVersionHandler implements ICommandHandler<PublishCoDraftedVersionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly workflows: BillWorkflows,
    private readonly commands: CommandBus,
  ) {}

  async execute({ billId, memberId, input }: PublishCoDraftedVersionCommand) {
    return this.em.fork().transactional(async (em) => {
      await this.workflows.allowing(em, billId, 'publish');
      const ids = [...new Set(input.synthesisIds)];
      if (ids.length > 0) {
        const found = await em.execute<{ id: string }[]>(
          'select id from codraft_synthesis where bill_id = ? and id = any(?::uuid[]) for update',
          [billId, `{${ids.join(',')}}`],
        );
        if (found.length !== ids.length) {
          throw new LiquideError(CoDraftingErrorCode.BadLink, {
            field: 'synthesisIds',
            params: { ids: ids.join(', ') },
          });
        }
      }
      const { number } = await this.commands.execute(
        new ReviseBillTextCommand(billId, {
          authorId: memberId,
          reason:
            ids.length > 0
              ? { kind: 'synthesis', ref: ids.join(',') }
              : { kind: 'edit', ref: input.note ?? null },
          changes: input.articles.map((a) => ({
            op: 'replace' as const,
            articleId: a.articleId,
            text: a.text,
            ...(a.heading !== undefined ? { heading: a.heading } : {}),
          })),
        }),
      );
      if (ids.length > 0) {
        await em.execute('update codraft_synthesis set version_number = ? where id = any(?::uuid[])', [
          number,
          `{${ids.join(',')}}`,
        ]);
      }
      return { number };
    });
  }
}
