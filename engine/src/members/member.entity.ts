import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Collective } from '../collectives/collective.entity';

import { type Role } from './roles';

export { ROLES, type Role } from './roles';

/** A person's membership of a collective; matched to an account by e-mail address. */
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
