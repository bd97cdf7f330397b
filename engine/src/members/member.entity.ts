import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Account } from '../auth/account.entity';
import { Collective } from '../collectives/collective.entity';

import { type Role } from './roles';

export { ROLES, type Role } from './roles';

/**
 * A person's membership of a collective. `email` is the address the organiser gave; the membership
 * belongs to the account in `account`, bound only once that account verified the address (see
 * `membership.ts`), never by a bare address match.
 */
@Entity({ tableName: 'member' })
@Unique({ properties: ['collective', 'email'] })
export class Member {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @Property({ type: 'text' })
  readonly email: string;

  @Property({ type: 'text' })
  displayName: string;

  /** The verified account holding this membership; null until one is bound. */
  @ManyToOne(() => Account, { ref: true, nullable: true, deleteRule: 'set null' })
  account: Ref<Account> | null = null;

  @Property({ type: 'text[]' })
  roles: Role[];

  @Property({ type: 'boolean' })
  votingRights: boolean & Opt = true;

  @Property({ type: 'double' })
  weight: number & Opt = 1;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  /** Attributes used by sortition quotas and petitions: region, and any the organiser defines. */
  @Property({ type: 'json' })
  attributes: Record<string, string> & Opt = {};

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(collective: Ref<Collective>, email: string, displayName: string, roles: Role[] = ['member']) {
    this.collective = collective;
    this.email = email.trim().toLowerCase();
    this.displayName = displayName.trim() || this.email;
    this.roles = [...new Set(roles)];
  }

  has(role: Role): boolean {
    return this.roles.includes(role);
  }
}
