import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { LiquideError } from '@liquide/engine';
import { ClosePetitionCommand, OpenSignaturesCommand } from './commands/petition.commands';

/**
 * Ends deliberations and collection windows when their time comes. Safe with several instances:
 * both commands lock the petition and do nothing when it already moved on.
 */
@Injectable()
export class PetitionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PetitionScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runDue(), 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Opens signatures after due deliberations and closes due windows; returns how many moved. */
  async runDue(): Promise<number> {
    if (this.running) {
      return 0;
    }
    this.running = true;
    let moved = 0;
    try {
      const due = await this.em.fork().execute<{ id: string; status: string }[]>(
        `select id, status from petition
         where (status = 'open' and closes_at <= now()) or (status = 'deliberation' and deliberation_ends_at <= now())
         order by coalesce(closes_at, deliberation_ends_at) limit 50`,
      );
      for (const { id, status } of due) {
        try {
          await this.commands.execute(
            status === 'open' ? new ClosePetitionCommand(id, true) : new OpenSignaturesCommand(id, true),
          );
          moved += 1;
        } catch (error) {
          if (!(error instanceof LiquideError)) {
            this.logger.error(`Moving petition ${id} on failed: ${String(error)}`);
          }
        }
      }
    } catch (error) {
      this.logger.error(`Looking for due petitions failed: ${String(error)}`);
    } finally {
      this.running = false;
    }
    return moved;
  }
}
