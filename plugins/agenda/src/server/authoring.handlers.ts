import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { CreateBillCommand, LiquideError, PluginSettingsService, RecordService } from '@liquide/engine';
import { sha256Hex } from '@liquide/engine/tally';
import { AgendaPolicy } from '../contracts';
import {
  AddInitiativeCommand,
  AGENDA_PLUGIN_ID,
  CreateAreaCommand,
  CreateIssueCommand,
  IssueChangedEvent,
  RateSuggestionCommand,
  ReviseInitiativeCommand,
  SuggestCommand,
} from './agenda.commands';
import { AgendaArea, AgendaInitiative, AgendaIssue, AgendaSuggestion } from './agenda.entities';
import { AgendaErrorCode } from './agenda.errors';
import { expectPhase, expectTextsOpen, findInitiative, lockIssue } from './issue-state';

const textHash = (text: string) => sha256Hex(text);

/** Keeps the initiative's text as it is now as its current version (after the initiative row is flushed). */
async function keepVersion(em: EntityManager, initiative: AgendaInitiative): Promise<void> {
  await em.execute(
    `insert into agenda_initiative_version (initiative_id, revision, title, text, created_at) values (?, ?, ?, ?, ?)`,
    [initiative.id, initiative.revision, initiative.title, initiative.text, initiative.updatedAt],
  );
}

@CommandHandler(CreateAreaCommand)
export class CreateAreaHandler implements ICommandHandler<CreateAreaCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ collectiveId, input }: CreateAreaCommand) {
    return this.em.fork().transactional(async (em) => {
      const topicId = input.topicId ?? null;
      if (topicId) {
        const found = await em.execute('select 1 from topic where id = ? and collective_id = ?', [
          topicId,
          collectiveId,
        ]);
        if (found.length === 0) {
          throw new LiquideError(AgendaErrorCode.TopicNotFound, { field: 'topicId' });
        }
      }
      const area = new AgendaArea({ collectiveId, name: input.name, topicId });
      em.persist(area);
      await this.record.append(em, collectiveId, 'agenda.area_created', {
        areaId: area.id,
        name: area.name,
        topicId,
      });
      await em.flush();
      return { id: area.id };
    });
  }
}

@CommandHandler(CreateIssueCommand)
export class CreateIssueHandler implements ICommandHandler<CreateIssueCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly settings: PluginSettingsService,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ areaId, memberId, input }: CreateIssueCommand) {
    const area = await this.em.fork().findOne(AgendaArea, { id: areaId });
    if (!area) {
      throw new LiquideError(AgendaErrorCode.AreaNotFound, { field: 'areaId' });
    }
    const policy = AgendaPolicy.parse(
      await this.settings.enabledSettings(area.collectiveId, AGENDA_PLUGIN_ID),
    );
    // The engine bill the issue is decided on: its electorate weighs support, its ballot is the vote.
    const bill = await this.commands.execute(
      new CreateBillCommand(area.collectiveId, {
        title: input.title,
        summary: '',
        topicId: area.topicId,
        articles: [{ heading: input.initiative.title, text: input.initiative.text }],
      }),
    );
    const created = await this.em.fork().transactional(async (em) => {
      const now = new Date();
      const issue = new AgendaIssue({
        collectiveId: area.collectiveId,
        areaId,
        billId: bill.id,
        title: input.title,
        policy,
        now,
      });
      const initiative = new AgendaInitiative({ issueId: issue.id, authorId: memberId, ...input.initiative });
      await em.persist(issue).flush(); // no ORM relation: the issue row first, for the foreign key
      em.persist(initiative);
      await this.record.append(em, area.collectiveId, 'agenda.issue_created', {
        issueId: issue.id,
        areaId,
        billId: bill.id,
        title: issue.title,
        policy,
        admissionEndsAt: issue.phaseEndsAt?.toISOString() ?? null,
      });
      await this.record.append(em, area.collectiveId, 'agenda.initiative_created', {
        issueId: issue.id,
        initiativeId: initiative.id,
        title: initiative.title,
        textHash: textHash(initiative.text),
      });
      await em.flush();
      await keepVersion(em, initiative);
      return { id: issue.id, initiativeId: initiative.id };
    });
    this.events.publish(new IssueChangedEvent(area.collectiveId, created.id));
    return created;
  }
}

@CommandHandler(AddInitiativeCommand)
export class AddInitiativeHandler implements ICommandHandler<AddInitiativeCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ issueId, memberId, input }: AddInitiativeCommand) {
    const { id, collectiveId } = await this.em.fork().transactional(async (em) => {
      const issue = await lockIssue(em, issueId);
      expectPhase(issue, 'admission', 'discussion');
      const initiative = new AgendaInitiative({ issueId, authorId: memberId, ...input });
      em.persist(initiative);
      await this.record.append(em, issue.collectiveId, 'agenda.initiative_created', {
        issueId,
        initiativeId: initiative.id,
        title: initiative.title,
        textHash: textHash(initiative.text),
      });
      await em.flush();
      await keepVersion(em, initiative);
      return { id: initiative.id, collectiveId: issue.collectiveId };
    });
    this.events.publish(new IssueChangedEvent(collectiveId, issueId));
    return { id };
  }
}

@CommandHandler(ReviseInitiativeCommand)
export class ReviseInitiativeHandler implements ICommandHandler<ReviseInitiativeCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ initiativeId, memberId, input }: ReviseInitiativeCommand) {
    const { revision, issue } = await this.em.fork().transactional(async (em) => {
      const found = await findInitiative(em, initiativeId);
      const issue = await lockIssue(em, found.issueId);
      expectTextsOpen(issue);
      if (found.authorId !== memberId) {
        throw new LiquideError(AgendaErrorCode.NotAuthor);
      }
      found.title = input.title ?? found.title;
      found.text = input.text;
      found.revision += 1;
      found.updatedAt = new Date();
      await this.record.append(em, issue.collectiveId, 'agenda.initiative_revised', {
        issueId: issue.id,
        initiativeId,
        revision: found.revision,
        title: found.title,
        textHash: textHash(found.text),
      });
      await em.flush();
      await keepVersion(em, found);
      return { revision: found.revision, issue };
    });
    this.events.publish(new IssueChangedEvent(issue.collectiveId, issue.id));
    return { revision };
  }
}

@CommandHandler(SuggestCommand)
export class SuggestHandler implements ICommandHandler<SuggestCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventBus,
  ) {}

  async execute({ initiativeId, memberId, input }: SuggestCommand) {
    const { id, issue } = await this.em.fork().transactional(async (em) => {
      const initiative = await findInitiative(em, initiativeId);
      const locked = await lockIssue(em, initiative.issueId);
      expectPhase(locked, 'admission', 'discussion');
      const suggestion = new AgendaSuggestion({ initiativeId, authorId: memberId, text: input.text });
      await em.persist(suggestion).flush();
      return { id: suggestion.id, issue: locked };
    });
    this.events.publish(new IssueChangedEvent(issue.collectiveId, issue.id));
    return { id };
  }
}

@CommandHandler(RateSuggestionCommand)
export class RateSuggestionHandler implements ICommandHandler<RateSuggestionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventBus,
  ) {}

  async execute({ suggestionId, memberId, input }: RateSuggestionCommand) {
    const { ratings, issue } = await this.em.fork().transactional(async (em) => {
      const suggestion = await em.findOne(AgendaSuggestion, { id: suggestionId });
      if (!suggestion) {
        throw new LiquideError(AgendaErrorCode.SuggestionNotFound, { field: 'suggestionId' });
      }
      const initiative = await findInitiative(em, suggestion.initiativeId);
      const locked = await lockIssue(em, initiative.issueId);
      expectPhase(locked, 'admission', 'discussion');
      await em.execute(
        `insert into agenda_suggestion_rating (suggestion_id, member_id, degree, fulfilled) values (?, ?, ?, ?)
         on conflict (suggestion_id, member_id) do update set degree = excluded.degree, fulfilled = excluded.fulfilled`,
        [suggestionId, memberId, input.degree, input.fulfilled],
      );
      const [row] = await em.execute<{ n: string }[]>(
        'select count(*) as n from agenda_suggestion_rating where suggestion_id = ?',
        [suggestionId],
      );
      return { ratings: Number(row.n), issue: locked };
    });
    this.events.publish(new IssueChangedEvent(issue.collectiveId, issue.id));
    return { ratings };
  }
}
