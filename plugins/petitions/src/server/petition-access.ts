import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { LiquideError, PluginAccessService, type AuthenticatedAccount } from '@liquide/engine';
import type { PetitionAction } from './petitions.actions';
import { PetitionErrorCode } from './petitions.errors';

/** Authorises a petitions action on a petition: finds its collective, then asks the plugin host. */
@Injectable()
export class PetitionAccess {
  constructor(
    private readonly em: EntityManager,
    private readonly access: PluginAccessService,
  ) {}

  async collectiveOf(petitionId: string): Promise<string> {
    const [row] = await this.em
      .fork()
      .execute<{ collective_id: string }[]>('select collective_id from petition where id = ?', [petitionId]);
    if (!row) {
      throw new LiquideError(PetitionErrorCode.NotFound, { field: 'petitionId' });
    }
    return row.collective_id;
  }

  async assertCan(account: AuthenticatedAccount | null, petitionId: string, action: PetitionAction) {
    return this.access.assertCan(account, await this.collectiveOf(petitionId), action);
  }

  async assertMember(account: AuthenticatedAccount, petitionId: string, action: PetitionAction) {
    return this.access.assertMember(account, await this.collectiveOf(petitionId), action);
  }
}
