import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DueScheduler } from '@liquide/engine';
import { AdvanceIssueCommand } from './agenda.commands';

/**
 * Durable phase changes: the due time of each issue's phase is stored (`agenda_issue.phase_ends_at`), so a
 * restarted server catches up at its first round. An issue in voting is due when its ballot should have
 * closed, or at once when its ballot was never opened (a crash between the two steps). Safe with several
 * instances: the command locks the issue and does nothing when it already moved on.
 */
@Injectable()
export class AgendaScheduler extends DueScheduler<{ id: string }> {
  protected readonly logger = new Logger(AgendaScheduler.name);

  constructor(
    private readonly em: EntityManager,
    commands: CommandBus,
  ) {
    super(commands);
  }

  protected findDue(): Promise<{ id: string }[]> {
    return this.em.fork().execute<{ id: string }[]>(
      `select id from agenda_issue
         where phase_ends_at <= now() or (phase = 'voting' and ballot_id is null)
         order by phase_ends_at limit 50`,
    );
  }

  protected commandFor({ id }: { id: string }): AdvanceIssueCommand {
    return new AdvanceIssueCommand(id, true);
  }

  protected label({ id }: { id: string }): string {
    return `agenda issue ${id}`;
  }
}
