import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { Collective } from '../collectives/collective.entity';
import { LiquideError } from '../errors/liquide-error';
import { RecordErrorCode } from './record-errors';

/**
 * Who may read a collective's record. The application's authorisation policy (`AccessService`) fits this
 * interface; it must throw a LiquideError (404 for an unknown collective, 401/403 for a refusal).
 */
export interface RecordAccess {
  assertCan(
    account: AuthenticatedAccount | null,
    collectiveId: string,
    action: 'record.read',
  ): Promise<unknown>;
}

/** Injection token of the {@link RecordAccess} the record controller asks. */
export const RECORD_ACCESS = Symbol('RECORD_ACCESS');

/**
 * The fallback policy until the application's one is bound to {@link RECORD_ACCESS}: public collectives'
 * records are open to anyone, members-only ones to nobody (never wider than the real policy).
 */
@Injectable()
export class PublicCollectivesOnlyAccess implements RecordAccess {
  constructor(private readonly em: EntityManager) {}

  async assertCan(_account: AuthenticatedAccount | null, collectiveId: string): Promise<void> {
    const collective = await this.em.fork().findOne(Collective, { id: collectiveId });
    if (!collective) {
      throw new LiquideError(RecordErrorCode.CollectiveNotFound, {
        field: 'collectiveId',
        params: { collectiveId },
      });
    }
    if (!collective.settings.public) {
      throw new LiquideError(RecordErrorCode.ReadRefused);
    }
  }
}
