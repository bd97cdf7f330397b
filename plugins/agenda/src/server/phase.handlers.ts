import { EntityManager } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import {
  CommandBus,
  CommandHandler,
  EventBus,
  EventsHandler,
  QueryBus,
  type ICommandHandler,
  type IEventHandler,
} from '@nestjs/cqrs';
import {
  BallotClosedEvent,
  CreateBallotCommand,
  GetResultQuery,
  OpenBallotCommand,
  RecordService,
  runInBackground,
} from '@liquide/engine';
import { decisionOf, STATUS_QUO, type PreferenceResult } from '../contracts';
import { AdvanceIssueCommand, IssuePhaseChangedEvent } from './agenda.commands';
import type { AgendaIssue } from './agenda.entities';
import { initiativesOf, IssueMachine, lockIssue, expectPhase } from './issue-state';

@CommandHandler(AdvanceIssueCommand)
export class AdvanceIssueHandler implements ICommandHandler<AdvanceIssueCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ issueId, onlyIfDue }: AdvanceIssueCommand) {
    const now = new Date();
    const { issue, moved } = await this.em.fork().transactional(async (em) => {
      const found = await lockIssue(em, issueId);
      expectPhase(found, 'admission', 'discussion', 'verification', 'voting');
      const before = found.phase;
      const machine = new IssueMachine(em, this.queries, this.record);
      if (found.phase === 'voting') {
        if (found.ballotId) {
          await this.close(em, machine, found, now);
        } else {
          await this.openVote(em, found, now);
        }
      } else if (!onlyIfDue || !found.phaseEndsAt || found.phaseEndsAt <= now) {
        if (found.phase === 'admission') {
          await machine.checkAdmission(found, now);
        } else if (found.phase === 'discussion') {
          const { initiatives, eligible } = await machine.recount(found, now);
          await machine.moveTo(found, 'verification', now, initiatives, { eligible });
        } else if (await machine.endVerification(found, now)) {
          await this.openVote(em, found, now);
        }
      }
      await em.flush();
      return { issue: found, moved: found.phase !== before };
    });
    if (moved) {
      this.events.publish(new IssuePhaseChangedEvent(issue.collectiveId, issue.id, issue.phase));
    }
    return { phase: issue.phase };
  }

  /** Opens the engine's preference ballot among the admitted initiatives and the status quo. */
  private async openVote(em: EntityManager, issue: AgendaIssue, now: Date): Promise<void> {
    const admitted = (await initiativesOf(em, issue.id)).filter((i) => i.status === 'admitted');
    const options = [STATUS_QUO, ...admitted.map((i) => i.id)];
    const closesAt = new Date(now.getTime() + issue.policy.phases.voting.durationSeconds * 1000);
    const { id: ballotId } = await this.commands.execute(
      new CreateBallotCommand(issue.collectiveId, {
        billId: issue.billId,
        opensAt: now,
        closesAt,
        visibility: 'live',
        method: 'preference',
        methodOptions: { options, statusQuo: STATUS_QUO } as { options: string[] },
      }),
    );
    const opened = await this.commands.execute(new OpenBallotCommand(ballotId));
    issue.ballotId = ballotId;
    issue.phaseEndsAt = new Date(opened.closesAt);
    await this.record.append(em, issue.collectiveId, 'agenda.vote_opened', {
      issueId: issue.id,
      ballotId,
      options,
      closesAt: opened.closesAt,
    });
  }

  /** Closes the issue with its ballot's result; a 409 from the engine while the ballot is still open. */
  private async close(em: EntityManager, machine: IssueMachine, issue: AgendaIssue, now: Date) {
    const { result, resultHash } = await this.queries.execute(new GetResultQuery(issue.ballotId!));
    const { winner, order } = decisionOf(result as PreferenceResult);
    issue.winner = winner;
    await machine.moveTo(issue, 'closed', now, await initiativesOf(em, issue.id), {
      ballotId: issue.ballotId,
      resultHash,
      order,
      winner,
    });
  }
}

/** Closes an issue as soon as its ballot closes (the scheduler catches up on any event missed). */
@EventsHandler(BallotClosedEvent)
export class BallotClosedHandler implements IEventHandler<BallotClosedEvent> {
  private readonly logger = new Logger(BallotClosedHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
  ) {}

  handle(event: BallotClosedEvent): void {
    runInBackground(this.logger, 'Closing an agenda issue', async () => {
      const rows = await this.em
        .fork()
        .execute<{ id: string }[]>(`select id from agenda_issue where ballot_id = ? and phase = 'voting'`, [
          event.ballotId,
        ]);
      for (const row of rows) {
        await this.commands.execute(new AdvanceIssueCommand(row.id));
      }
    });
  }
}
