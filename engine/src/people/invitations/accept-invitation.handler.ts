import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { Account, normaliseEmail } from '../../auth/account.entity';
import { hashPassword } from '../../auth/passwords';
import { TokenService } from '../../auth/token.service';
import { recordProof } from '../../record/record-proof';
import { LiquideError } from '../../errors/liquide-error';
import { bindVerifiedAddress } from '../../members/membership';
import { RecordService } from '../../record/record.service';
import { PeopleErrorCode } from '../people.errors';
import { MemberJoinedEvent } from '../people.events';
import { AcceptInvitationCommand, type InvitationAccepted } from './invitation.commands';
import { hashInvitationToken } from './invitation-token';

interface Locked {
  id: string;
  collective_id: string;
  member_id: string;
  email: string;
  status: 'pending' | 'accepted' | 'revoked';
  expires_at: Date;
  slug: string;
}

/**
 * Following an invitation link proves the invited address: the membership binds to the account
 * that follows it — the caller's, if signed in with that very address, or one created now with it.
 * The invitation row is locked for the whole transaction, so a replayed link (even at the same
 * instant) finds it used; every refusal leaves everything as it was.
 */
@CommandHandler(AcceptInvitationCommand)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitationCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly tokens: TokenService,
    private readonly events: EventBus,
  ) {}

  async execute(command: AcceptInvitationCommand): Promise<InvitationAccepted> {
    const { caller, input } = command;
    // hashed before the transaction: argon2 takes a while and must not hold the row lock
    const passwordHash = !caller && input.password ? await hashPassword(input.password) : null;
    let created: Account | null = null;
    const joined = await this.em
      .fork()
      .transactional(async (em) => {
        const [row] = await em.execute<Locked[]>(
          `select i.id, i.collective_id, i.member_id, i.email, i.status, i.expires_at, c.slug
             from invitation i join collective c on c.id = i.collective_id
            where i.token_hash = ? for update of i`,
          [hashInvitationToken(command.token)],
        );
        assertUsable(row);
        let accountId: string;
        if (caller) {
          if (normaliseEmail(caller.email) !== row.email) {
            throw new LiquideError(PeopleErrorCode.InvitationWrongAccount);
          }
          accountId = caller.accountId;
          // following the link proves the signed-in account's address too
          await em.execute(
            'update account set email_verified_at = coalesce(email_verified_at, now()) where id = ?',
            [accountId],
          );
        } else {
          if ((await em.count(Account, { email: row.email })) > 0) {
            throw new LiquideError(PeopleErrorCode.InvitationSignIn);
          }
          if (!passwordHash || !input.displayName) {
            throw new LiquideError(PeopleErrorCode.InvitationAccountNeeded, {
              field: input.displayName ? 'password' : 'displayName',
            });
          }
          created = new Account({ email: row.email, displayName: input.displayName, passwordHash });
          // the link was sent to this address: following it proves it
          created.emailVerifiedAt = new Date();
          em.persist(created);
          await em.flush();
          accountId = created.id;
        }
        // the address is proven now: the invited membership (and any other waiting for it) binds
        await bindVerifiedAddress(em, accountId, row.email);
        await em.execute(
          "update invitation set status = 'accepted', accepted_at = now(), account_id = ? where id = ?",
          [accountId, row.id],
        );
        await this.record.append(em, row.collective_id, 'member.joined', {
          proof: await recordProof(em, row.collective_id, ['joined', row.member_id]),
        });
        return row;
      })
      .catch((error: unknown) => {
        if (error instanceof UniqueConstraintViolationException) {
          // someone registered the address a moment ago
          throw new LiquideError(PeopleErrorCode.InvitationSignIn);
        }
        throw error;
      });
    this.events.publish(new MemberJoinedEvent(joined.collective_id, joined.member_id));
    return {
      collectiveId: joined.collective_id,
      slug: joined.slug,
      memberId: joined.member_id,
      tokens: created ? await this.tokens.issue(created) : null,
    };
  }
}

function assertUsable(row: Locked | undefined): asserts row is Locked {
  if (!row) {
    throw new LiquideError(PeopleErrorCode.InvitationInvalid, { field: 'token' });
  }
  switch (row.status) {
    case 'accepted':
      throw new LiquideError(PeopleErrorCode.InvitationUsed, { field: 'token' });
    case 'revoked':
      throw new LiquideError(PeopleErrorCode.InvitationRevoked, { field: 'token' });
    case 'pending':
      if (new Date(row.expires_at) < new Date()) {
        throw new LiquideError(PeopleErrorCode.InvitationExpired, {
          field: 'token',
          params: { expiresAt: new Date(row.expires_at).toISOString() },
        });
      }
  }
}
