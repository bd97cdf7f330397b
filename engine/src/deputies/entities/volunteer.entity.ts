import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Collective } from '../../collectives/collective.entity';
import { Member } from '../../members/member.entity';

/** A member who volunteers to be drawn as a deputy; eligible once certified and until withdrawn. */
@Entity({ tableName: 'deputy_volunteer' })
@Unique({ properties: ['collective', 'member'] })
export class Volunteer {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @ManyToOne(() => Member, { ref: true, deleteRule: 'cascade' })
  readonly member: Ref<Member>;

  @Property({ type: 'text' })
  statement: string;

  @Property({ type: 'timestamptz' })
  volunteeredAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null = null;

  /** Day the training was passed (YYYY-MM-DD), as the organiser certifies it. */
  @Property({ type: 'date', nullable: true })
  certifiedOn: string | null = null;

  /** Member id of the organiser who recorded the certification. */
  @Property({ type: 'uuid', nullable: true })
  certifiedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  training: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  certificationRecordedAt: Date | null = null;

  constructor(collective: Ref<Collective>, member: Ref<Member>, statement = '') {
    this.collective = collective;
    this.member = member;
    this.statement = statement.trim();
  }

  /** Only certified volunteers who have not withdrawn enter a pool. */
  get eligible(): boolean {
    return this.certifiedOn !== null && this.withdrawnAt === null;
  }

  certify(on: string, by: string, training: string): void {
    this.certifiedOn = on;
    this.certifiedBy = by;
    this.training = training.trim();
    this.certificationRecordedAt = new Date();
  }
}
