import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { LiquideError, RecordService, recordProof } from '@liquide/engine';
import { IssueChangedEvent, IssuePhaseChangedEvent, SupportInitiativeCommand } from './agenda.commands';
import { AgendaErrorCode } from './agenda.errors';
import { expectPhase, findInitiative, IssueMachine, lockIssue } from './issue-state';

/**
 * Support and its withdrawal (admission, discussion, verification). Every change recounts the issue's
 * weighted support; in admission, the first initiative reaching the quorum admits the issue at once.
 */
@CommandHandler(SupportInitiativeCommand)
export class SupportInitiativeHandler implements ICommandHandler<SupportInitiativeCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ initiativeId, memberId, support }: SupportInitiativeCommand) {
    const outcome = await this.em.fork().transactional(async (em) => {
      const initiative = await findInitiative(em, initiativeId);
      const issue = await lockIssue(em, initiative.issueId);
      expectPhase(issue, 'admission', 'discussion', 'verification');
      const phase = issue.phase;
      const changed = support
        ? await em.execute(
            `insert into agenda_support (initiative_id, member_id) values (?, ?)
             on conflict do nothing returning 1 as ok`,
            [initiativeId, memberId],
          )
        : await em.execute(
            'delete from agenda_support where initiative_id = ? and member_id = ? returning 1 as ok',
            [initiativeId, memberId],
          );
      if (changed.length === 0) {
        throw new LiquideError(support ? AgendaErrorCode.AlreadySupported : AgendaErrorCode.NotSupported);
      }
      const machine = new IssueMachine(em, this.queries, this.record);
      const now = new Date();
      if (issue.phase === 'admission') {
        await machine.checkAdmission(issue, now);
      } else {
        await machine.recount(issue, now);
      }
      const counted = await findInitiative(em, initiativeId);
      await this.record.append(
        em,
        issue.collectiveId,
        support ? 'agenda.supported' : 'agenda.support_withdrawn',
        {
          issueId: issue.id,
          initiativeId,
          proof: await recordProof(em, issue.collectiveId, ['agenda.support', initiativeId, memberId]),
          supporters: counted.supporters,
          support: counted.support,
        },
      );
      await em.flush();
      return { issue, counted, moved: issue.phase !== phase };
    });
    if (outcome.moved) {
      this.events.publish(
        new IssuePhaseChangedEvent(outcome.issue.collectiveId, outcome.issue.id, outcome.issue.phase),
      );
    } else {
      this.events.publish(new IssueChangedEvent(outcome.issue.collectiveId, outcome.issue.id));
    }
    return {
      supporters: outcome.counted.supporters,
      support: outcome.counted.support,
      phase: outcome.issue.phase,
    };
  }
}
