import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { LiquideError, PluginAccessService, type AuthenticatedAccount } from '@liquide/engine';
import type { AmendmentAction } from './amendments.actions';
import { AmendmentErrorCode } from './amendments.errors';
import { billScope } from './bill-scope';

/** Authorises an amendments action on a bill, an amendment or a contest: finds its collective, asks the host. */
@Injectable()
export class AmendmentAccess {
  constructor(
    private readonly em: EntityManager,
    private readonly access: PluginAccessService,
    private readonly queries: QueryBus,
  ) {}

  async collectiveOfBill(billId: string): Promise<string> {
    return (await billScope(this.queries, billId)).collectiveId;
  }

  private async collectiveOf(table: 'amendment' | 'amendment_contest', id: string): Promise<string> {
    const [row] = await this.em
      .fork()
      .execute<{ collective_id: string }[]>(`select collective_id from ${table} where id = ?`, [id]);
    if (!row) {
      throw table === 'amendment'
        ? new LiquideError(AmendmentErrorCode.NotFound, { field: 'amendmentId' })
        : new LiquideError(AmendmentErrorCode.ContestNotFound, { field: 'contestId' });
    }
    return row.collective_id;
  }

  async onBill(account: AuthenticatedAccount | null, billId: string, action: AmendmentAction) {
    const collectiveId = await this.collectiveOfBill(billId);
    return { collectiveId, ...(await this.access.assertCan(account, collectiveId, action)) };
  }

  async memberOnBill(account: AuthenticatedAccount, billId: string, action: AmendmentAction) {
    const collectiveId = await this.collectiveOfBill(billId);
    return { collectiveId, ...(await this.access.assertMember(account, collectiveId, action)) };
  }

  async onAmendment(account: AuthenticatedAccount | null, amendmentId: string, action: AmendmentAction) {
    return this.access.assertCan(account, await this.collectiveOf('amendment', amendmentId), action);
  }

  async memberOnAmendment(account: AuthenticatedAccount, amendmentId: string, action: AmendmentAction) {
    return this.access.assertMember(account, await this.collectiveOf('amendment', amendmentId), action);
  }

  async onContest(account: AuthenticatedAccount | null, contestId: string, action: AmendmentAction) {
    return this.access.assertCan(account, await this.collectiveOf('amendment_contest', contestId), action);
  }

  async memberOnContest(account: AuthenticatedAccount, contestId: string, action: AmendmentAction) {
    return this.access.assertMember(account, await this.collectiveOf('amendment_contest', contestId), action);
  }
}
