import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { InstructionsIssuedEvent } from '../deputies/mandates/instructions-issued.event';
import { BallotOpenedEvent } from '../ballots/ballots.events';
import { DelegationSetEvent } from '../delegations/delegations.events';
import { DelegateVotedEvent } from '../live/delegate-voted.event';
import { LiveService } from '../live/live.service';
import { NoticeStore, type NoticeDraft } from './notice.store';
import { NoticeRequestedEvent, type NoticeParams } from './notices.contract';

type Handled =
  | BallotOpenedEvent
  | DelegateVotedEvent
  | DelegationSetEvent
  | InstructionsIssuedEvent
  | NoticeRequestedEvent;

interface BallotRow {
  bill_id: string;
  topic_id: string | null;
  title: string;
  visibility: 'live' | 'after-vote' | 'after-close';
}

/**
 * Turns committed events into stored notices, then pushes each new notice live (`notice:new`) to its
 * recipient's sockets. Runs outside the request; idempotent (one notice per member and cause);
 * failures are logged, never thrown.
 */
@Injectable()
@EventsHandler(
  BallotOpenedEvent,
  DelegateVotedEvent,
  DelegationSetEvent,
  InstructionsIssuedEvent,
  NoticeRequestedEvent,
)
export class NoticeProjector implements IEventHandler<Handled> {
  private readonly logger = new Logger(NoticeProjector.name);

  constructor(
    private readonly em: EntityManager,
    private readonly store: NoticeStore,
    private readonly live: LiveService,
  ) {}

  handle(event: Handled): void {
    this.project(event).catch((error: unknown) =>
      this.logger.error(
        `Notices for ${event.constructor.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
    );
  }

  /** Stores the notices an event makes and pushes them; answers how many were new. */
  async project(event: Handled): Promise<number> {
    const stored = await this.storeFor(event);
    if (stored.length > 0) {
      for (const notice of await this.store.views(stored)) {
        const { memberId, ...view } = notice;
        this.live.toMembers([memberId], 'notice:new', view);
      }
    }
    return stored.length;
  }

  private async storeFor(event: Handled): Promise<string[]> {
    if (event instanceof NoticeRequestedEvent) {
      const { collectiveId, kind, cause, subject, params } = event;
      return ids(await this.store.insertFor({ collectiveId, kind, cause, subject, params }, event.memberIds));
    }
    if (event instanceof BallotOpenedEvent) {
      const ballot = await this.ballot(event.ballotId);
      if (!ballot) {
        return [];
      }
      // Members who follow every topic (no row, or a null list), or the bill's topic.
      const follows = `not exists (select 1 from notice_topic_follow f
          where f.member_id = m.id and f.topic_ids is not null and not (?::uuid = any(f.topic_ids)))`;
      return ids(
        await this.store.insertWhere(
          this.draft(
            event.collectiveId,
            'ballot.opened',
            `ballot-opened:${event.ballotId}`,
            event.ballotId,
            ballot,
          ),
          `'member' = any(m.roles) and ${follows}`,
          [ballot.topic_id],
        ),
      );
    }
    if (event instanceof DelegateVotedEvent) {
      const ballot = await this.ballot(event.ballotId);
      if (!ballot) {
        return [];
      }
      const params: NoticeParams = {
        name: await this.displayName(event.voterId),
        // A hidden tally must stay hidden: the choice is only told while the tally is public.
        ...(ballot.visibility === 'live' ? { choice: event.choice } : {}),
      };
      const draft = this.draft(
        event.collectiveId,
        'delegate.voted',
        `delegate-voted:${event.ballotId}:${event.voterId}`,
        event.ballotId,
        ballot,
        params,
      );
      return ids(await this.store.insertFor(draft, event.delegatorIds));
    }
    if (event instanceof DelegationSetEvent) {
      const added = event.trustees.filter((id) => !event.previousTrustees.includes(id));
      if (added.length === 0) {
        return [];
      }
      const subject = await this.delegationSubject(event);
      const draft: NoticeDraft = {
        collectiveId: event.collectiveId,
        kind: 'delegation.received',
        cause: `delegated:${event.memberId}:${event.scope}:${event.target ?? '*'}`,
        subject,
        params: { name: await this.displayName(event.memberId), scope: event.scope },
      };
      return ids(await this.store.insertFor(draft, added));
    }
    const ballot = await this.ballot(event.ballotId);
    if (!ballot) {
      return [];
    }
    const stored: string[] = [];
    for (const deputy of event.deputies) {
      const draft = this.draft(
        event.collectiveId,
        'instruction.issued',
        `instruction:${event.ballotId}`,
        event.ballotId,
        ballot,
        { choice: deputy.choice },
      );
      stored.push(...ids(await this.store.insertFor(draft, [deputy.memberId])));
    }
    return stored;
  }

  private draft(
    collectiveId: string,
    kind: NoticeDraft['kind'],
    cause: string,
    ballotId: string,
    ballot: BallotRow,
    params: NoticeParams = {},
  ): NoticeDraft {
    return {
      collectiveId,
      kind,
      cause,
      subject: { type: 'ballot', id: ballotId, billId: ballot.bill_id, title: ballot.title },
      params,
    };
  }

  private async ballot(ballotId: string): Promise<BallotRow | null> {
    const [row] = await this.em.fork().execute<BallotRow[]>(
      `select b.bill_id, bill.topic_id, bill.title, b.visibility
           from ballot b join bill on bill.id = b.bill_id where b.id = ?`,
      [ballotId],
    );
    return row ?? null;
  }

  private async displayName(memberId: string): Promise<string> {
    const [row] = await this.em
      .fork()
      .execute<{ display_name: string }[]>('select display_name from member where id = ?', [memberId]);
    return row?.display_name ?? '';
  }

  /** A delegation links to the collective (the trustee's delegations page), naming its bill or topic. */
  private async delegationSubject(event: DelegationSetEvent): Promise<NoticeDraft['subject']> {
    const base = { type: 'collective' as const, id: event.collectiveId };
    if (event.scope === 'bill' && event.target) {
      const [bill] = await this.em
        .fork()
        .execute<{ title: string }[]>('select title from bill where id = ?', [event.target]);
      return { ...base, billId: event.target, title: bill?.title ?? '' };
    }
    if (event.scope === 'topic' && event.target) {
      const [topic] = await this.em
        .fork()
        .execute<{ name: string }[]>('select name from topic where id = ?', [event.target]);
      return { ...base, billId: null, title: topic?.name ?? '' };
    }
    return { ...base, billId: null, title: '' };
  }
}

function ids(stored: readonly { id: string }[]): string[] {
  return stored.map((notice) => notice.id);
}
