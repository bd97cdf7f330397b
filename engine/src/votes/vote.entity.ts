import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import type { Choice } from '../tally';
import { Ballot } from '../ballots/ballot.entity';
import { Member } from '../members/member.entity';

/** A member's direct vote on a ballot; one per member and ballot, changeable until close. */
@Entity({ tableName: 'vote' })
@Unique({ properties: ['ballot', 'member'] })
export class Vote {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Ballot, { ref: true, deleteRule: 'cascade' })
  readonly ballot: Ref<Ballot>;

  @ManyToOne(() => Member, { ref: true, deleteRule: 'cascade' })
  readonly member: Ref<Member>;

  @Property({ type: 'text' })
  choice: Choice;

  @Property({ type: 'timestamptz' })
  castAt: Date & Opt = new Date();

  constructor(ballot: Ref<Ballot>, member: Ref<Member>, choice: Choice) {
    this.ballot = ballot;
    this.member = member;
    this.choice = choice;
  }
}
