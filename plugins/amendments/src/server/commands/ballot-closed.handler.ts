import { Injectable, Logger } from '@nestjs/common';
import { CommandBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { BallotClosedEvent } from '@liquide/engine';
import { ResolveClosedBallotCommand } from './amendment.commands';

/**
 * When any ballot closes: an amendment's ballot decides it (and merges it when adopted); the bill's
 * own ballot records which version it decided. Runs after the close's commit, in its own
 * transactions; idempotent; failures are logged (no exception filter sees them).
 */
@Injectable()
@EventsHandler(BallotClosedEvent)
export class AmendmentBallotClosedHandler implements IEventHandler<BallotClosedEvent> {
  private readonly logger = new Logger(AmendmentBallotClosedHandler.name);

  constructor(private readonly commands: CommandBus) {}

  handle(event: BallotClosedEvent): void {
    this.commands.execute(new ResolveClosedBallotCommand(event.ballotId)).catch((error: unknown) => {
      this.logger.error(
        `Amendments: resolving closed ballot ${event.ballotId} failed: ${
          error instanceof Error ? (error.stack ?? error.message) : String(error)
        }`,
      );
    });
  }
}
