import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import type { Scope } from '../tally';
import { Collective } from '../collectives/collective.entity';
import { Member } from '../members/member.entity';

/**
 * A member's delegation at one scope: ranked trustees (member ids), possibly none ("no delegation
 * here", which blocks broader scopes), possibly expiring. One per member and scope key.
 */
@Entity({ tableName: 'delegation' })
@Unique({ properties: ['member', 'scopeKey'] })
export class Delegation {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @ManyToOne(() => Member, { ref: true, deleteRule: 'cascade' })
  readonly member: Ref<Member>;

  @Property({ type: 'text' })
  readonly scope: Scope;

  /** Topic id (topic scope) or bill id (bill scope); null for global. */
  @Property({ type: 'uuid', nullable: true })
  readonly target: string | null;

  /** `global`, `topic:<id>` or `bill:<id>`. */
  @Property({ type: 'text' })
  readonly scopeKey: string;

  @Property({ type: 'uuid[]' })
  trustees: string[];

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();

  constructor(input: {
    collective: Ref<Collective>;
    member: Ref<Member>;
    scope: Scope;
    target: string | null;
    trustees: string[];
    expiresAt: Date | null;
  }) {
    this.collective = input.collective;
    this.member = input.member;
    this.scope = input.scope;
    this.target = input.scope === 'global' ? null : input.target;
    this.scopeKey = input.scope === 'global' ? 'global' : `${input.scope}:${input.target}`;
    this.trustees = input.trustees;
    this.expiresAt = input.expiresAt;
  }
}
