import type { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { CommandBus, ICommand } from '@nestjs/cqrs';
import { LiquideError } from '../errors/liquide-error';
import { runInBackground } from '../logging/background';

/**
 * Runs, every `intervalMs`, the command due for each item whose time has come (a ballot to close, a
 * petition to open or close). Safe with several instances: the commands lock their item and refuse
 * (with a LiquideError, ignored here) what already moved on. One round at a time; other failures are
 * logged, never thrown away silently.
 */
export abstract class DueScheduler<Item> implements OnApplicationBootstrap, OnModuleDestroy {
  protected abstract readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    protected readonly commands: CommandBus,
    private readonly intervalMs = 1000,
  ) {}

  /** The items due now, oldest first, a bounded number at a time. */
  protected abstract findDue(): Promise<Item[]>;
  /** The command that moves one due item on. */
  protected abstract commandFor(item: Item): ICommand;
  /** How the item is named in a log line. */
  protected abstract label(item: Item): string;

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => runInBackground(this.logger, 'Scheduler round', () => this.runDue()),
      this.intervalMs,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One round: moves every due item on; returns how many moved. */
  async runDue(): Promise<number> {
    if (this.running) {
      return 0;
    }
    this.running = true;
    let moved = 0;
    try {
      for (const item of await this.findDue()) {
        try {
          await this.commands.execute(this.commandFor(item));
          moved += 1;
        } catch (error) {
          if (!(error instanceof LiquideError)) {
            this.logger.error(`Moving ${this.label(item)} on failed: ${String(error)}`);
          }
        }
      }
    } catch (error) {
      this.logger.error(`Looking for due work failed: ${String(error)}`);
    } finally {
      this.running = false;
    }
    return moved;
  }
}
