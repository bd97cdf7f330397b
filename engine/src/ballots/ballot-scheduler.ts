import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { LiquideError } from '../errors/liquide-error';
import { CloseBallotCommand } from './commands/ballot.commands';

/** Closes ballots at `closesAt`. Safe with several instances: closing is locked and idempotent. */
@Injectable()
export class BallotScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BallotScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.closeDue(), 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Closes every open ballot whose time has come; returns how many it closed. */
  async closeDue(): Promise<number> {
    if (this.running) {
      return 0;
    }
    this.running = true;
    let closed = 0;
    try {
      const due = await this.em
        .fork()
        .execute<{ id: string }[]>(
          "select id from ballot where status = 'open' and closes_at <= now() order by closes_at limit 20",
        );
      for (const { id } of due) {
        try {
          await this.commands.execute(new CloseBallotCommand(id, true));
          closed += 1;
        } catch (error) {
          if (!(error instanceof LiquideError)) {
            this.logger.error(`Closing ballot ${id} failed: ${String(error)}`);
          }
        }
      }
    } catch (error) {
      this.logger.error(`Looking for due ballots failed: ${String(error)}`);
    } finally {
      this.running = false;
    }
    return closed;
  }
}
