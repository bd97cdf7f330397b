import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Collective } from './collective.entity';

/** A subject area of a collective (health, housing…), the scope of topic delegations. */
@Entity({ tableName: 'topic' })
@Unique({ properties: ['collective', 'slug'] })
export class Topic {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @Property({ type: 'text' })
  readonly slug: string;

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(collective: Ref<Collective>, slug: string, name: string) {
    this.collective = collective;
    this.slug = slug;
    this.name = name;
  }
}
