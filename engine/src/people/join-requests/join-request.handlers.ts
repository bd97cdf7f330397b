import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import {
  CommandHandler,
  EventBus,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { LIQUIDE_CONFIG } from '../../config/config.module';
import type { LiquideConfig } from '../../config/liquide-config';
import { recordProof } from '../../record/record-proof';
import { LiquideError } from '../../errors/liquide-error';
import { MailOutbox, type MailLocale } from '../../mail/mail.contract';
import { verifiedAccountSql } from '../../members/membership';
import { RecordService } from '../../record/record.service';
import { PeopleErrorCode } from '../people.errors';
import { MemberJoinedEvent } from '../people.events';
import {
  DecideJoinRequestCommand,
  ListJoinRequestsQuery,
  MyJoinRequestQuery,
  RequestToJoinCommand,
  type JoinRequestView,
  type PendingJoinRequest,
} from './join-request.commands';
import { joinDecisionMail } from './join-request-mail';

interface Row {
  id: string;
  status: 'pending' | 'approved' | 'refused';
  message: string;
  created_at: Date;
  decided_at: Date | null;
}

function toView(row: Row): JoinRequestView {
  return {
    id: row.id,
    status: row.status,
    message: row.message,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  };
}

const COLUMNS = 'id, status, message, created_at, decided_at';

@CommandHandler(RequestToJoinCommand)
export class RequestToJoinHandler implements ICommandHandler<RequestToJoinCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute(command: RequestToJoinCommand): Promise<JoinRequestView> {
    const em = this.em.fork();
    const [collective] = await em.execute<{ public: boolean }[]>(
      "select (settings->>'public')::boolean as public from collective where id = ?",
      [command.collectiveId],
    );
    if (!collective?.public) {
      throw new LiquideError(PeopleErrorCode.JoinNotPublic);
    }
    const members = await em.execute(
      'select 1 from member where collective_id = ? and (email = ? or account_id = ?)',
      [command.collectiveId, command.account.email.toLowerCase(), command.account.accountId],
    );
    if (members.length > 0) {
      throw new LiquideError(PeopleErrorCode.JoinAlreadyMember);
    }
    try {
      const [row] = await em.execute<Row[]>(
        `insert into join_request (id, collective_id, account_id, message, locale) values (?, ?, ?, ?, ?)
         returning ${COLUMNS}`,
        [randomUUID(), command.collectiveId, command.account.accountId, command.message, command.locale],
      );
      return toView(row);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new LiquideError(PeopleErrorCode.JoinPending);
      }
      throw error;
    }
  }
}

interface Pending {
  id: string;
  account_id: string;
  email: string;
  display_name: string;
  locale: MailLocale;
  name: string;
  slug: string;
}

/**
 * Approving creates the membership for the requester's address (bound as soon as their account
 * is allowed to bind: see docs/security.md) with a `member.joined` record event; refusing only
 * closes the request. Either way the requester gets an e-mail.
 */
@CommandHandler(DecideJoinRequestCommand)
export class DecideJoinRequestHandler implements ICommandHandler<DecideJoinRequestCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly outbox: MailOutbox,
    private readonly events: EventBus,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  async execute(command: DecideJoinRequestCommand) {
    const status = command.approve ? ('approved' as const) : ('refused' as const);
    const { request, memberId } = await this.em
      .fork()
      .transactional(async (em) => {
        const [found] = await em.execute<Pending[]>(
          `select r.id, r.account_id, a.email, a.display_name, r.locale, c.name, c.slug
             from join_request r join account a on a.id = r.account_id join collective c on c.id = r.collective_id
            where r.id = ? and r.collective_id = ? and r.status = 'pending' for update of r`,
          [command.requestId, command.collectiveId],
        );
        if (!found) {
          throw new LiquideError(PeopleErrorCode.JoinRequestNotFound, { field: 'requestId' });
        }
        await em.execute(
          'update join_request set status = ?, decided_at = now(), decided_by = ? where id = ?',
          [status, command.deciderMemberId, found.id],
        );
        if (!command.approve) {
          return { request: found, memberId: null };
        }
        const [member] = await em.execute<{ id: string }[]>(
          `insert into member (id, collective_id, email, display_name, roles, account_id)
           values (?, ?, ?, ?, '{member}', ${verifiedAccountSql('?', '?::uuid')})
           returning id`,
          [
            randomUUID(),
            command.collectiveId,
            found.email,
            found.display_name,
            found.email,
            command.collectiveId,
          ],
        );
        await this.record.append(em, command.collectiveId, 'member.joined', {
          proof: await recordProof(em, command.collectiveId, ['joined', member.id]),
        });
        return { request: found, memberId: member.id };
      })
      .catch((error: unknown) => {
        if (error instanceof UniqueConstraintViolationException) {
          throw new LiquideError(PeopleErrorCode.MemberExists, { field: 'requestId' });
        }
        throw error;
      });
    await this.outbox.enqueue(
      joinDecisionMail({
        requestId: request.id,
        to: request.email,
        locale: request.locale,
        displayName: request.display_name,
        collectiveName: request.name,
        approved: command.approve,
        link: `${this.config.publicUrl}/#/c/${command.collectiveId}`,
      }),
    );
    if (memberId) {
      this.events.publish(new MemberJoinedEvent(command.collectiveId, memberId));
    }
    return { status, memberId };
  }
}

@QueryHandler(ListJoinRequestsQuery)
export class ListJoinRequestsHandler implements IQueryHandler<ListJoinRequestsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListJoinRequestsQuery): Promise<{ items: PendingJoinRequest[]; total: number }> {
    const rows = await this.em
      .fork()
      .execute<(Row & { email: string; display_name: string; total: string })[]>(
        `select r.id, r.status, r.message, r.created_at, r.decided_at, a.email, a.display_name,
              count(*) over () as total
         from join_request r join account a on a.id = r.account_id
        where r.collective_id = ? and r.status = 'pending'
        order by r.created_at, r.id limit 100`,
        [query.collectiveId],
      );
    return {
      items: rows.map((row) => ({ ...toView(row), email: row.email, displayName: row.display_name })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }
}

@QueryHandler(MyJoinRequestQuery)
export class MyJoinRequestHandler implements IQueryHandler<MyJoinRequestQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: MyJoinRequestQuery): Promise<JoinRequestView | null> {
    const [row] = await this.em
      .fork()
      .execute<Row[]>(
        `select ${COLUMNS} from join_request where collective_id = ? and account_id = ? order by created_at desc limit 1`,
        [query.collectiveId, query.accountId],
      );
    return row ? toView(row) : null;
  }
}
