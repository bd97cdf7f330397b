import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus, EventBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { CreateBallotCommand, OpenBallotCommand } from '../ballots/commands/ballot.commands';
import { CreateBillCommand } from '../bills/commands/create-bill.command';
import { Collective } from '../collectives/collective.entity';
import { ResignCommand } from '../deputies/commands/deputies.commands';
import { Member } from '../members/member.entity';
import { NoticeRequestedEvent } from '../notices/notices.contract';
import { RecordService } from '../record/record.service';
import { ActualVoteWriter } from './actual-vote-writer';
import { ActualVotesRecordedEvent, CONSEQUENCE_APPLIED } from './compliance-events';
import { ConsequenceSettings } from './compliance.schemas';
import { ComplianceConsequence, ComplianceSetting } from './entities/actual-vote.entity';

export const CONSEQUENCE_KINDS = ['notice', 'recall', 'substitute'] as const;
export type ConsequenceKind = (typeof CONSEQUENCE_KINDS)[number];
/** Record event: the collective changed its consequence settings. */
export const CONSEQUENCES_CONFIGURED = 'compliance.consequences_configured';

/** Days a recall ballot stays open. */
const RECALL_DAYS = 7;

/** Reads and writes a collective's consequence settings (defaults: everything off). */
@Injectable()
export class ConsequenceSettingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async get(collectiveId: string, em: EntityManager = this.em.fork()): Promise<ConsequenceSettings> {
    const row = await em.findOne(ComplianceSetting, { collectiveId });
    return ConsequenceSettings.parse(row?.settings ?? {});
  }

  async set(collectiveId: string, settings: ConsequenceSettings): Promise<ConsequenceSettings> {
    await this.em.fork().transactional(async (em) => {
      const row = await em.findOne(ComplianceSetting, { collectiveId });
      if (row) {
        row.settings = settings;
        row.updatedAt = new Date();
      } else {
        em.persist(new ComplianceSetting(collectiveId, settings));
      }
      await this.record.append(em, collectiveId, CONSEQUENCES_CONFIGURED, settings);
    });
    return settings;
  }
}

interface Due {
  readonly kind: ConsequenceKind;
  readonly deviations: number;
  readonly row: ComplianceConsequence;
}

/**
 * After actual votes are recorded, applies the consequences the collective enabled to each deputy whose
 * deviations reached the threshold: once per deputy and kind (a row, unique, claimed under the compliance
 * lock, with a `compliance.consequence_applied` record event in the same transaction), then — after the
 * commit — the effect: a notice to every member, a recall ballot opened through the engine's commands, or
 * the deputy's seat handed to the next substitute. Runs outside the request; failures are logged.
 */
@EventsHandler(ActualVotesRecordedEvent)
export class ApplyConsequencesHandler implements IEventHandler<ActualVotesRecordedEvent> {
  private readonly logger = new Logger('ComplianceConsequences');

  constructor(
    private readonly em: EntityManager,
    private readonly writer: ActualVoteWriter,
    private readonly settings: ConsequenceSettingsService,
    private readonly record: RecordService,
    private readonly commands: CommandBus,
    private readonly events: EventBus,
  ) {}

  handle(event: ActualVotesRecordedEvent): void {
    void this.apply(event).catch((error: unknown) =>
      this.logger.error(
        `Consequences for ballot ${event.ballotId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
    );
  }

  /** Applies what is due; returns the consequences applied now. */
  async apply(event: ActualVotesRecordedEvent): Promise<{ deputy: string; kind: ConsequenceKind }[]> {
    const applied: { deputy: string; kind: ConsequenceKind }[] = [];
    for (const deputy of new Set(event.deputies)) {
      const due = await this.claim(event.collectiveId, deputy);
      for (const item of due) {
        await this.effect(event.collectiveId, deputy, item);
        applied.push({ deputy, kind: item.kind });
      }
    }
    return applied;
  }

  private claim(collectiveId: string, deputy: string): Promise<Due[]> {
    return this.em.fork().transactional(async (em) => {
      const settings = await this.settings.get(collectiveId, em);
      const enabled = CONSEQUENCE_KINDS.filter((kind) => settings[kind].enabled);
      if (enabled.length === 0) {
        return [];
      }
      await this.writer.lock(em, collectiveId);
      const deviations = (await this.writer.ledger(em, collectiveId)).figures(deputy).deviated;
      const done = new Set(
        (await em.find(ComplianceConsequence, { collective: collectiveId, member: deputy })).map(
          (c) => c.kind,
        ),
      );
      const due: Due[] = [];
      for (const kind of enabled) {
        if (done.has(kind) || deviations < settings[kind].afterDeviations) {
          continue;
        }
        const row = new ComplianceConsequence(
          em.getReference(Collective, collectiveId, { wrapped: true }),
          em.getReference(Member, deputy, { wrapped: true }),
          kind,
          deviations,
        );
        em.persist(row);
        await this.record.append(em, collectiveId, CONSEQUENCE_APPLIED, {
          deputy,
          kind,
          deviations,
          threshold: settings[kind].afterDeviations,
        });
        due.push({ kind, deviations, row });
      }
      await em.flush();
      return due;
    });
  }

  private async effect(collectiveId: string, deputy: string, due: Due): Promise<void> {
    const em = this.em.fork();
    const member = await em.findOneOrFail(Member, { id: deputy });
    switch (due.kind) {
      case 'notice': {
        const members = await em.find(Member, { collective: collectiveId, active: true }, { fields: ['id'] });
        this.events.publish(
          new NoticeRequestedEvent(
            collectiveId,
            members.map((m) => m.id).filter((id) => id !== deputy),
            'deputy.deviations',
            `deputy-deviations:${deputy}`,
            { type: 'collective', id: collectiveId, billId: null, title: member.displayName },
            { name: member.displayName, deviations: due.deviations, memberId: deputy },
          ),
        );
        return;
      }
      case 'recall': {
        const bill = await this.commands.execute(
          new CreateBillCommand(collectiveId, {
            title: `Révocation de ${member.displayName} — Recall of ${member.displayName}`,
            summary: `${due.deviations} consignes non suivies — ${due.deviations} instructions not followed`,
            topicId: null,
            articles: [
              {
                heading: 'Article 1',
                text: `Le mandat de ${member.displayName} prend fin ; un suppléant lui succède. — ${member.displayName}'s mandate ends; a substitute takes the seat.`,
              },
            ],
          }),
        );
        const now = Date.now();
        const ballot = await this.commands.execute(
          new CreateBallotCommand(collectiveId, {
            billId: bill.id,
            opensAt: new Date(now),
            closesAt: new Date(now + RECALL_DAYS * 86_400_000),
          }),
        );
        await this.commands.execute(new OpenBallotCommand(ballot.id));
        await em.nativeUpdate(ComplianceConsequence, { id: due.row.id }, { ballotId: ballot.id });
        return;
      }
      case 'substitute':
        await this.commands.execute(
          new ResignCommand(
            collectiveId,
            deputy,
            `${due.deviations} consignes non suivies — instructions not followed`,
          ),
        );
        return;
    }
  }
}
