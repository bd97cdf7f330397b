import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Collective } from '../../collectives/collective.entity';
import { recordProof } from '../../record/record-proof';
import { LiquideError } from '../../errors/liquide-error';
import { Member } from '../../members/member.entity';
import { verifiedAccountSql } from '../../members/membership';
import { RecordService } from '../../record/record.service';
import { PeopleErrorCode } from '../people.errors';
import {
  AddMemberCommand,
  GetInvitationQuery,
  ListPendingInvitationsQuery,
  RevokeInvitationCommand,
  SendInvitationsCommand,
  type InvitationsSent,
  type InvitationView,
  type PendingInvitation,
} from './invitation.commands';
import { InvitationSender } from './invitation-sender';
import { hashInvitationToken, INVITATION_MAX_SENDS } from './invitation-token';

/** Members invited by one "invite everyone who has not joined" call. */
const NOT_JOINED_PER_CALL = 1000;

@CommandHandler(SendInvitationsCommand)
export class SendInvitationsHandler implements ICommandHandler<SendInvitationsCommand> {
  constructor(private readonly sender: InvitationSender) {}

  async execute(command: SendInvitationsCommand): Promise<InvitationsSent> {
    if ('notJoined' in command.target) {
      // bounded work per request: the caller repeats while `remaining` > 0
      const ids = await this.sender.uninvited(command.collectiveId);
      const result = await this.sender.send(
        command.collectiveId,
        ids.slice(0, NOT_JOINED_PER_CALL),
        command.locale,
        true,
      );
      return { ...result, remaining: Math.max(0, ids.length - NOT_JOINED_PER_CALL) };
    }
    const ids = [...new Set(command.target.memberIds)];
    const result = await this.sender.send(command.collectiveId, ids, command.locale, false);
    if (ids.length === 1 && result.skipped.length === 1) {
      // one member asked for by name: say why nothing was sent
      const [{ reason }] = result.skipped;
      switch (reason) {
        case 'joined':
          throw new LiquideError(PeopleErrorCode.InvitationJoined, { field: 'memberIds' });
        case 'send_limit':
          throw new LiquideError(PeopleErrorCode.InvitationSendLimit, {
            params: { count: INVITATION_MAX_SENDS },
          });
        case 'not_found':
        case 'inactive':
        case 'pending':
          break;
      }
    }
    return result;
  }
}

@CommandHandler(RevokeInvitationCommand)
export class RevokeInvitationHandler implements ICommandHandler<RevokeInvitationCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute(command: RevokeInvitationCommand): Promise<void> {
    const rows = await this.em
      .fork()
      .execute<{ id: string }[]>(
        "update invitation set status = 'revoked' where collective_id = ? and member_id = ? and status = 'pending' returning id",
        [command.collectiveId, command.memberId],
      );
    if (rows.length === 0) {
      throw new LiquideError(PeopleErrorCode.InvitationNotFound, { field: 'memberId' });
    }
  }
}

/** Adds one member (a `member.added` record event: a proof, never the address), then invites them. */
@CommandHandler(AddMemberCommand)
export class AddMemberHandler implements ICommandHandler<AddMemberCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly sender: InvitationSender,
  ) {}

  async execute(command: AddMemberCommand): Promise<{ id: string; invited: boolean }> {
    const { input } = command;
    let member: Member;
    try {
      member = await this.em.fork().transactional(async (em) => {
        const created = new Member(
          em.getReference(Collective, command.collectiveId, { wrapped: true }),
          input.email,
          input.displayName,
          [...input.roles],
        );
        created.votingRights = input.votingRights;
        em.persist(created);
        await em.flush();
        // an account that already proved this address holds the membership at once
        await em.execute(
          `update member set account_id = ${verifiedAccountSql('member.email', 'member.collective_id')} where id = ?`,
          [created.id],
        );
        await this.record.append(em, command.collectiveId, 'member.added', {
          proof: await recordProof(em, command.collectiveId, ['added', created.id]),
        });
        return created;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new LiquideError(PeopleErrorCode.MemberExists, { field: 'email' });
      }
      throw error;
    }
    if (!input.invite) {
      return { id: member.id, invited: false };
    }
    const { sent } = await this.sender.send(
      command.collectiveId,
      [member.id],
      input.locale ?? command.locale,
      false,
    );
    return { id: member.id, invited: sent === 1 };
  }
}

interface InvitationRow {
  status: 'pending' | 'accepted' | 'revoked';
  expires_at: Date;
  email: string;
  display_name: string;
  collective_id: string;
  name: string;
  slug: string;
  account_exists: boolean;
}

@QueryHandler(GetInvitationQuery)
export class GetInvitationHandler implements IQueryHandler<GetInvitationQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetInvitationQuery): Promise<InvitationView> {
    const [row] = await this.em.fork().execute<InvitationRow[]>(
      `select i.status, i.expires_at, i.email, m.display_name, c.id as collective_id, c.name, c.slug,
              exists (select 1 from account a where a.email = i.email) as account_exists
         from invitation i join member m on m.id = i.member_id join collective c on c.id = i.collective_id
        where i.token_hash = ?`,
      [hashInvitationToken(query.token)],
    );
    if (!row) {
      throw new LiquideError(PeopleErrorCode.InvitationInvalid, { field: 'token' });
    }
    const expired = row.status === 'pending' && new Date(row.expires_at) < new Date();
    return {
      collective: { id: row.collective_id, name: row.name, slug: row.slug },
      displayName: row.display_name,
      email: row.email,
      status: expired ? 'expired' : row.status,
      expiresAt: new Date(row.expires_at).toISOString(),
      accountExists: row.account_exists,
    };
  }
}

@QueryHandler(ListPendingInvitationsQuery)
export class ListPendingInvitationsHandler implements IQueryHandler<ListPendingInvitationsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListPendingInvitationsQuery) {
    const rows = await this.em.fork().execute<
      {
        member_id: string;
        display_name: string;
        email: string;
        sent_at: Date;
        expires_at: Date;
        send_count: number;
        total: string;
      }[]
    >(
      `select i.member_id, m.display_name, m.email, i.sent_at, i.expires_at, i.send_count, count(*) over () as total
         from invitation i join member m on m.id = i.member_id
        where i.collective_id = ? and i.status = 'pending'
        order by i.sent_at desc, i.id
        limit ? offset ?`,
      [query.collectiveId, query.size, (query.page - 1) * query.size],
    );
    const items: PendingInvitation[] = rows.map((row) => ({
      memberId: row.member_id,
      displayName: row.display_name,
      email: row.email,
      sentAt: new Date(row.sent_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
      expired: new Date(row.expires_at) < new Date(),
      sendCount: row.send_count,
    }));
    return { items, total: rows.length > 0 ? Number(rows[0].total) : 0, page: query.page, size: query.size };
  }
}
