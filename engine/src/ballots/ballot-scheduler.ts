import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DueScheduler } from '../common/due-scheduler';
import { CloseBallotCommand } from './commands/ballot.commands';

/** Closes ballots at `closesAt`. Safe with several instances: closing is locked and idempotent. */
@Injectable()
export class BallotScheduler extends DueScheduler<{ id: string }> {
  protected readonly logger = new Logger(BallotScheduler.name);

  constructor(
    private readonly em: EntityManager,
    commands: CommandBus,
  ) {
    super(commands);
  }

  protected findDue(): Promise<{ id: string }[]> {
    return this.em
      .fork()
      .execute<{ id: string }[]>(
        "select id from ballot where status = 'open' and closes_at <= now() order by closes_at limit 20",
      );
  }

  protected commandFor({ id }: { id: string }): CloseBallotCommand {
    return new CloseBallotCommand(id, true);
  }

  protected label({ id }: { id: string }): string {
    return `ballot ${id}`;
  }
}
