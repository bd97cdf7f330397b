import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import {
  applyChanges,
  GetVersionQuery,
  ListVersionsQuery,
  PluginSettingsService,
  RecordService,
  ReviseBillTextCommand,
  TextChangeError,
  type ArticleChange,
  type TextBody,
} from '@liquide/engine';
import { AmendmentsSettings, isAdopted } from '../../contracts';
import { Amendment } from '../entities/amendment.entity';
import { AMENDMENTS_PLUGIN_ID } from '../plugin-id';
import { MergeAdoptedAmendmentsCommand, ResolveClosedBallotCommand } from './amendment.commands';

/** First key of the per-bill advisory lock that serialises merges. */
const MERGE_LOCK = 1_095_583_316;

/** The text change an amendment makes. */
export function changeOf(amendment: Amendment): ArticleChange {
  switch (amendment.kind) {
    case 'replace':
      return {
        op: 'replace',
        articleId: amendment.articleId,
        ...(amendment.heading !== null ? { heading: amendment.heading } : {}),
        text: amendment.text!,
      };
    case 'insert-after':
      return {
        op: 'insert-after',
        articleId: amendment.articleId,
        heading: amendment.heading ?? '',
        text: amendment.text!,
        newArticleId: amendment.newArticleId!,
      };
    case 'delete':
      return { op: 'delete', articleId: amendment.articleId };
  }
}

/**
 * Orders adopted amendments as the merge applies them: by the position of their article in the
 * latest text, then by proposal time. Amendments whose article is gone sort last (they lapse).
 */
export function mergeOrder(amendments: readonly Amendment[], latest: TextBody): Amendment[] {
  const position = new Map(latest.articles.map((a, i) => [a.id, i]));
  return [...amendments].sort(
    (a, b) =>
      (position.get(a.articleId) ?? Infinity) - (position.get(b.articleId) ?? Infinity) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Plans a merge: applies each amendment in merge order to the text so far; one that no longer
 * applies (its article was deleted by an earlier one or since) lapses. Pure.
 */
export function planMerge(
  amendments: readonly Amendment[],
  latest: TextBody,
): { apply: Amendment[]; lapsed: Amendment[]; changes: ArticleChange[] } {
  let text = latest;
  const apply: Amendment[] = [];
  const lapsed: Amendment[] = [];
  const changes: ArticleChange[] = [];
  for (const amendment of mergeOrder(amendments, latest)) {
    const change = changeOf(amendment);
    try {
      text = applyChanges(text, [change]);
      apply.push(amendment);
      changes.push(change);
    } catch (error) {
      if (!(error instanceof TextChangeError)) {
        throw error;
      }
      lapsed.push(amendment);
    }
  }
  return { apply, lapsed, changes };
}

@CommandHandler(MergeAdoptedAmendmentsCommand)
export class MergeAdoptedAmendmentsHandler implements ICommandHandler<MergeAdoptedAmendmentsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly record: RecordService,
  ) {}

  async execute({ billId }: MergeAdoptedAmendmentsCommand) {
    return this.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [MERGE_LOCK, billId]);
      const pending = await em.find(Amendment, { billId, status: 'adopted', mergedVersion: null });
      if (pending.length === 0) {
        return { number: null, merged: [], lapsed: [] };
      }
      // Recovery: a version already names these amendments (a merge committed, its marks did not).
      const { versions } = await this.queries.execute(new ListVersionsQuery(billId));
      const mergedIn = new Map<string, number>();
      for (const version of versions) {
        if (version.reason.kind === 'amendment' && version.reason.ref) {
          version.reason.ref.split(',').forEach((id) => mergedIn.set(id, version.number));
        }
      }
      const todo = pending.filter((a) => {
        const number = mergedIn.get(a.id);
        if (number !== undefined) {
          a.mergedVersion = number;
        }
        return number === undefined;
      });
      const latest = await this.queries.execute(new GetVersionQuery(billId, null));
      const plan = planMerge(todo, latest);
      for (const amendment of plan.lapsed) {
        amendment.status = 'lapsed';
        amendment.result = { by: 'merge', reason: 'article-gone' };
        await this.record.append(em, amendment.collectiveId, 'amendment.lapsed', {
          amendmentId: amendment.id,
        });
      }
      let number: number | null = null;
      if (plan.apply.length > 0) {
        const authors = new Set(plan.apply.map((a) => a.authorId));
        ({ number } = await this.commands.execute(
          new ReviseBillTextCommand(billId, {
            authorId: authors.size === 1 ? plan.apply[0].authorId : null,
            reason: { kind: 'amendment', ref: plan.apply.map((a) => a.id).join(',') },
            changes: plan.changes,
          }),
        ));
        for (const amendment of plan.apply) {
          amendment.mergedVersion = number;
        }
      }
      await em.flush();
      return { number, merged: plan.apply.map((a) => a.id), lapsed: plan.lapsed.map((a) => a.id) };
    });
  }
}

@CommandHandler(ResolveClosedBallotCommand)
export class ResolveClosedBallotHandler implements ICommandHandler<ResolveClosedBallotCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly settings: PluginSettingsService,
    private readonly record: RecordService,
  ) {}

  async execute({ ballotId }: ResolveClosedBallotCommand): Promise<void> {
    const billToMerge = await this.em.fork().transactional(async (em) => {
      const [ballot] = await em.execute<
        { bill_id: string; collective_id: string; status: string; result: { totals: Totals } | null }[]
      >('select bill_id, collective_id, status, result from ballot where id = ?', [ballotId]);
      if (!ballot || ballot.status !== 'closed' || !ballot.result) {
        return null;
      }
      const state = await this.settings.state(ballot.collective_id, AMENDMENTS_PLUGIN_ID, em);
      const settings = AmendmentsSettings.parse(state.settings);
      const totals = ballot.result.totals;
      const amendment = await em.findOne(Amendment, { ballotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (amendment) {
        if (amendment.status !== 'voting') {
          return amendment.status === 'adopted' && amendment.mergedVersion === null ? amendment.billId : null;
        }
        const adopted = isAdopted(settings.global.adoption, totals);
        amendment.decide(adopted ? 'adopted' : 'rejected', { by: 'ballot', totals }, new Date());
        await this.record.append(
          em,
          amendment.collectiveId,
          adopted ? 'amendment.adopted' : 'amendment.rejected',
          {
            amendmentId: amendment.id,
            ballotId,
            totals,
          },
        );
        await em.flush();
        return adopted ? amendment.billId : null;
      }
      // The bill's own ballot: it decides the text as it stands (the latest version) when it closes.
      const used = await em.execute('select 1 from amendment_phase where bill_id = ?', [ballot.bill_id]);
      if (!state.enabled || used.length === 0) {
        return null;
      }
      const latest = await this.queries.execute(new GetVersionQuery(ballot.bill_id, null));
      const adopted = isAdopted(settings.global.adoption, totals);
      const inserted = await em.execute(
        `insert into amendment_bill_decision (ballot_id, bill_id, version_number, adopted) values (?, ?, ?, ?)
           on conflict do nothing returning 1 as ok`,
        [ballotId, ballot.bill_id, latest.number, adopted],
      );
      if (inserted.length > 0) {
        await em.execute('update amendment_phase set open = false, updated_at = now() where bill_id = ?', [
          ballot.bill_id,
        ]);
        await this.record.append(em, ballot.collective_id, 'amendments.bill_decided', {
          billId: ballot.bill_id,
          ballotId,
          version: latest.number,
          adopted,
        });
        await em.flush();
      }
      return null;
    });
    if (billToMerge) {
      await this.commands.execute(new MergeAdoptedAmendmentsCommand(billToMerge));
    }
  }
}

interface Totals {
  yes: number;
  no: number;
  abstain: number;
  absent: number;
}
