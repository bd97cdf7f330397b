import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { RecordService } from './record.service';

/** Pause between two background sealing rounds. */
export const SEAL_INTERVAL_MS = 200;

/**
 * Chains the hashes of finished events in the background, one round every {@link SEAL_INTERVAL_MS}
 * (rounds never overlap). A failed round is logged and the next one retries; nothing is lost, since
 * unsealed events simply wait in the table.
 */
@Injectable()
export class RecordSealer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RecordSealer.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly record: RecordService) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, SEAL_INTERVAL_MS);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    try {
      const sealed = await this.record.sealPending();
      if (sealed > 0) {
        this.logger.debug(`sealed ${sealed} record event(s)`);
      }
    } catch (error) {
      this.logger.error(
        `sealing the public record failed; the next round retries in ${SEAL_INTERVAL_MS} ms`,
        error instanceof Error ? error.stack : String(error),
      );
    }
  }
}
