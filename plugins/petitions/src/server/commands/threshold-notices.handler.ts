import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { EventBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { NoticeRequestedEvent } from '@liquide/engine';
import { ThresholdReachedEvent } from './petition.commands';

/**
 * When a threshold is reached (committed), asks the engine's notices, through the event bus, to tell
 * every signer: one notice per signer and threshold (`petition-threshold:<petition>:<threshold>`), so a
 * replayed event stores nothing twice. Failures are logged.
 */
@Injectable()
@EventsHandler(ThresholdReachedEvent)
export class ThresholdNoticesHandler implements IEventHandler<ThresholdReachedEvent> {
  private readonly logger = new Logger(ThresholdNoticesHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly events: EventBus,
  ) {}

  handle(event: ThresholdReachedEvent): void {
    this.request(event).catch((error: unknown) =>
      this.logger.error(
        `Notices of threshold ${event.thresholdId} on petition ${event.petitionId} failed: ${
          error instanceof Error ? (error.stack ?? error.message) : String(error)
        }`,
      ),
    );
  }

  private async request(event: ThresholdReachedEvent): Promise<void> {
    const em = this.em.fork();
    const [petition] = await em.execute<{ title: string; signatures: number }[]>(
      `select p.title, t.signatures from petition p
         join petition_threshold t on t.petition_id = p.id and t.threshold_id = ?
        where p.id = ?`,
      [event.thresholdId, event.petitionId],
    );
    if (!petition) {
      return;
    }
    const signers = await em.execute<{ member_id: string }[]>(
      'select member_id from petition_signature where petition_id = ?',
      [event.petitionId],
    );
    this.events.publish(
      new NoticeRequestedEvent(
        event.collectiveId,
        signers.map((row) => row.member_id),
        'petition.threshold',
        `petition-threshold:${event.petitionId}:${event.thresholdId}`,
        { type: 'petition', id: event.petitionId, billId: null, title: petition.title },
        { signatures: Number(petition.signatures) },
      ),
    );
  }
}
