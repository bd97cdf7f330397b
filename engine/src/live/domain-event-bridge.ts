import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { createClient } from 'redis';
import { closeRedis } from '../common/redis-close';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { BallotClosedEvent } from '../ballots/ballots.events';
import { DelegationRevokedEvent, DelegationSetEvent } from '../delegations/delegations.events';
import { VoteCastEvent, VoteWithdrawnEvent } from '../votes/votes.events';
import { runInBackground } from '../logging/background';
import { MemberDeactivatedEvent, MembershipFiguresChangedEvent } from '../members/members.events';
import { MemberJoinedEvent } from '../people/people.events';
import type { LiveMessage } from './live-message';
import { LiveService } from './live.service';

export const DOMAIN_EVENTS_CHANNEL = 'liquide:domain-events';

type DomainEvent =
  | VoteCastEvent
  | VoteWithdrawnEvent
  | DelegationSetEvent
  | DelegationRevokedEvent
  | BallotClosedEvent
  | MemberDeactivatedEvent
  | MembershipFiguresChangedEvent
  | MemberJoinedEvent;

/**
 * Turns committed domain events into live messages for this instance and, with REDIS_URL set,
 * publishes them on a Redis channel so that every other instance applies them too.
 */
@Injectable()
@EventsHandler(
  VoteCastEvent,
  VoteWithdrawnEvent,
  DelegationSetEvent,
  DelegationRevokedEvent,
  BallotClosedEvent,
  MemberDeactivatedEvent,
  MembershipFiguresChangedEvent,
  MemberJoinedEvent,
)
export class DomainEventBridge implements IEventHandler<DomainEvent>, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DomainEventBridge.name);
  private readonly instance = randomUUID();
  private publisher: ReturnType<typeof createClient> | undefined;
  private subscriber: ReturnType<typeof createClient> | undefined;

  constructor(
    private readonly live: LiveService,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.redis.url;
    if (!url) {
      return;
    }
    this.publisher = createClient({ url });
    this.subscriber = this.publisher.duplicate();
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: unknown) => this.logger.error(`Redis: ${String(error)}`));
    }
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(DOMAIN_EVENTS_CHANNEL, (raw) => {
      runInBackground(this.logger, 'Applying a live message from another instance', async () => {
        const message = JSON.parse(raw) as LiveMessage;
        if (message.origin !== this.instance) {
          await this.live.handle(message, false);
        }
      });
    });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.subscriber, this.publisher].map((client) => closeRedis(client)));
  }

  handle(event: DomainEvent): void {
    const message = this.toMessage(event);
    this.live.handle(message, true).catch((error: unknown) => this.fail(error));
    this.publisher
      ?.publish(DOMAIN_EVENTS_CHANNEL, JSON.stringify(message))
      .catch((error: unknown) => this.fail(error));
  }

  private toMessage(event: DomainEvent): LiveMessage {
    const base = { origin: this.instance, at: Date.now() };
    if (event instanceof VoteCastEvent || event instanceof VoteWithdrawnEvent) {
      return {
        ...base,
        type: 'vote',
        collectiveId: event.collectiveId,
        ballotId: event.ballotId,
        memberId: event.memberId,
        choice: event instanceof VoteCastEvent ? event.choice : null,
      };
    }
    if (event instanceof DelegationSetEvent) {
      return {
        ...base,
        type: 'delegation',
        collectiveId: event.collectiveId,
        memberId: event.memberId,
        scope: event.scope,
        target: event.target,
        trustees: event.trustees,
        previousTrustees: event.previousTrustees,
        expiresAt: event.expiresAt?.toISOString() ?? null,
      };
    }
    if (event instanceof MembershipFiguresChangedEvent || event instanceof MemberJoinedEvent) {
      return { ...base, type: 'members-changed', collectiveId: event.collectiveId };
    }
    if (event instanceof MemberDeactivatedEvent) {
      return {
        ...base,
        type: 'membership-ended',
        collectiveId: event.collectiveId,
        memberId: event.memberId,
      };
    }
    if (event instanceof DelegationRevokedEvent) {
      return {
        ...base,
        type: 'delegation',
        collectiveId: event.collectiveId,
        memberId: event.memberId,
        scope: event.scope,
        target: event.target,
        trustees: null,
        previousTrustees: event.previousTrustees,
        expiresAt: null,
      };
    }
    return {
      ...base,
      type: 'closed',
      collectiveId: event.collectiveId,
      ballotId: event.ballotId,
      resultHash: event.resultHash,
    };
  }

  private fail(error: unknown): void {
    this.logger.error(
      `Live update failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}
