import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { Ballot } from '../ballots/ballot.entity';
import { Collective } from '../collectives/collective.entity';
import { BallotErrorCode } from '../ballots/ballots.errors';
import { BillErrorCode } from '../bills/bills.errors';
import { LiquideError } from '../errors/liquide-error';
import { Member, type Role } from '../members/member.entity';
import { assertNotUnverified, findMembership } from '../members/membership';
import { AccessErrorCode } from './access.errors';
import { isAllowed, POLICY, type Action } from './policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an allowed caller is in the collective. */
export interface Access {
  readonly collective: Collective;
  /**
   * The caller's active membership, or null for anonymous callers, accounts without one and
   * deactivated members: a deactivated membership grants nothing, not even acting as oneself.
   */
  readonly member: Member | null;
}

/** Enforces the policy matrix; every controller asks it before executing a command or query. */
@Injectable()
export class AccessService {
  constructor(private readonly em: EntityManager) {}

  async assertCan(
    account: AuthenticatedAccount | null,
    collectiveId: string,
    action: Action,
  ): Promise<Access> {
    const em = this.em.fork();
    const collective = await em.findOne(Collective, { id: collectiveId });
    if (!collective) {
      throw new LiquideError(AccessErrorCode.CollectiveNotFound, { field: 'collectiveId' });
    }
    const found = account ? await findMembership(em, account.accountId, collective.id) : null;
    // a deactivated membership grants nothing: no role, and no acting as oneself
    const member = found?.active ? found : null;
    const roles: readonly Role[] = member?.roles ?? [];
    if (isAllowed(action, roles, collective.settings.public)) {
      return { collective, member };
    }
    if (!account) {
      throw new LiquideError(AccessErrorCode.LoginRequired, { params: { action } });
    }
    if (found && !found.active) {
      throw new LiquideError(AccessErrorCode.MembershipDeactivated, { params: { action } });
    }
    if (!member) {
      await assertNotUnverified(em, account.accountId);
    }
    throw new LiquideError(AccessErrorCode.Forbidden, {
      params: { action, roles: POLICY[action].roles.join(', ') },
    });
  }

  /**
   * The id of the collective a reference names: its id, or its slug (`mavoix`) — the same
   * collective, opened by the address people remember. Unknown: 404 `access.collective_not_found`.
   */
  async collectiveIdOf(ref: string): Promise<string> {
    if (UUID.test(ref)) {
      return ref;
    }
    const [row] = await this.em
      .fork()
      .execute<{ id: string }[]>('select id from collective where slug = ?', [ref.toLowerCase()]);
    if (!row) {
      throw new LiquideError(AccessErrorCode.CollectiveNotFound, { field: 'collectiveId' });
    }
    return row.id;
  }

  /** `assertCan` on the collective a ballot belongs to. */
  async assertCanOnBallot(
    account: AuthenticatedAccount | null,
    ballotId: string,
    action: Action,
  ): Promise<Access & { ballot: Ballot }> {
    const ballot = await this.em.fork().findOne(Ballot, { id: ballotId });
    if (!ballot) {
      throw new LiquideError(BallotErrorCode.BallotNotFound, { field: 'ballotId' });
    }
    return { ...(await this.assertCan(account, ballot.collective.id, action)), ballot };
  }

  /** `assertCan` on the collective a bill belongs to (checked before anything of the bill is read). */
  async assertCanOnBill(
    account: AuthenticatedAccount | null,
    billId: string,
    action: Action,
  ): Promise<Access> {
    const [row] = await this.em
      .fork()
      .execute<{ collective_id: string }[]>('select collective_id from bill where id = ?', [billId]);
    if (!row) {
      throw new LiquideError(BillErrorCode.BillNotFound, { field: 'billId' });
    }
    return this.assertCan(account, row.collective_id, action);
  }

  /** Like `assertCan`, for actions done as oneself: the caller must hold an active membership. */
  async assertMember(
    account: AuthenticatedAccount,
    collectiveId: string,
    action: Action,
  ): Promise<Access & { member: Member }> {
    const access = await this.assertCan(account, collectiveId, action);
    if (!access.member) {
      const em = this.em.fork();
      if ((await findMembership(em, account.accountId, collectiveId))?.active === false) {
        throw new LiquideError(AccessErrorCode.MembershipDeactivated, { params: { action } });
      }
      await assertNotUnverified(em, account.accountId);
      throw new LiquideError(AccessErrorCode.Forbidden, {
        params: { action, roles: POLICY[action].roles.join(', ') },
      });
    }
    return { ...access, member: access.member };
  }
}
