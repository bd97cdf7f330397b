import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessErrorCode } from '../access/access.errors';
import type { Access } from '../access/access.service';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { Collective } from '../collectives/collective.entity';
import { LiquideError } from '../errors/liquide-error';
import { Member, type Role } from '../members/member.entity';
import { assertNotUnverified, findMembership } from '../members/membership';
import type { PluginActionRule } from './plugin-definition';
import { PluginRegistry } from './plugin-registry';
import { PluginSettingsService } from './plugin-settings.service';

/** The decision for one caller, with the same semantics as the engine's `isAllowed`. */
export function isAllowedByRule(
  rule: PluginActionRule,
  roles: readonly Role[],
  collectiveIsPublic: boolean,
): boolean {
  if (rule.anyoneIfPublic && collectiveIsPublic) {
    return true;
  }
  return rule.roles.some((role) => roles.includes(role));
}

/**
 * The one place plugin actions are authorised: the action's declared roles (401/403 like the
 * engine's policy), then the plugin must be enabled in the collective (409 `plugin.disabled`).
 */
@Injectable()
export class PluginAccessService {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: PluginRegistry,
    private readonly settings: PluginSettingsService,
  ) {}

  async assertCan(
    account: AuthenticatedAccount | null,
    collectiveId: string,
    action: string,
  ): Promise<Access> {
    const { plugin, rule } = this.registry.action(action);
    const em = this.em.fork();
    const collective = await em.findOne(Collective, { id: collectiveId });
    if (!collective) {
      throw new LiquideError(AccessErrorCode.CollectiveNotFound, { field: 'collectiveId' });
    }
    const found = account ? await findMembership(em, account.accountId, collective.id) : null;
    // a deactivated membership grants nothing: no role, and no acting as oneself
    const member = found?.active ? found : null;
    const roles: readonly Role[] = member?.roles ?? [];
    if (!isAllowedByRule(rule, roles, collective.settings.public)) {
      if (!account) {
        throw new LiquideError(AccessErrorCode.LoginRequired, { params: { action } });
      }
      if (!member) {
        await assertNotUnverified(em, account.accountId);
      }
      throw new LiquideError(AccessErrorCode.Forbidden, { params: { action, roles: rule.roles.join(', ') } });
    }
    await this.settings.assertEnabled(collectiveId, plugin.id, em);
    return { collective, member };
  }

  /** Like `assertCan`, for acts done as oneself: the caller must hold an active membership. */
  async assertMember(
    account: AuthenticatedAccount,
    collectiveId: string,
    action: string,
  ): Promise<Access & { member: Member }> {
    const access = await this.assertCan(account, collectiveId, action);
    if (!access.member) {
      await assertNotUnverified(this.em.fork(), account.accountId);
      const { rule } = this.registry.action(action);
      throw new LiquideError(AccessErrorCode.Forbidden, { params: { action, roles: rule.roles.join(', ') } });
    }
    return { ...access, member: access.member };
  }
}
