import { Injectable, Logger } from '@nestjs/common';
import { CommandBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ApplyBindingEffectCommand, ThresholdReachedEvent } from './petition.commands';

/**
 * Runs a reached threshold's effect after its commit. `binding` opens a ballot through the engine's
 * command bus; `response-required` and `debate` are tracked on the petition (deadline, timestamp).
 * Failures are logged (no exception filter sees them); the effect is idempotent.
 */
@Injectable()
@EventsHandler(ThresholdReachedEvent)
export class ThresholdEffectsHandler implements IEventHandler<ThresholdReachedEvent> {
  private readonly logger = new Logger(ThresholdEffectsHandler.name);

  constructor(private readonly commands: CommandBus) {}

  handle(event: ThresholdReachedEvent): void {
    if (event.effect !== 'binding') {
      return;
    }
    this.commands
      .execute(new ApplyBindingEffectCommand(event.petitionId, event.thresholdId))
      .catch((error: unknown) => {
        this.logger.error(
          `Binding effect of threshold ${event.thresholdId} on petition ${event.petitionId} failed: ${
            error instanceof Error ? (error.stack ?? error.message) : String(error)
          }`,
        );
      });
  }
}
