import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Collective } from '../../collectives/collective.entity';
import { Member } from '../../members/member.entity';
import { Sortition } from './sortition.entity';

/** `seated`: in office; `resigned`: left, replaced by a substitute; `ended`: a later panel took over. */
export type SeatStatus = 'seated' | 'resigned' | 'ended';

/** A deputy's term on a drawn panel; rows are never deleted, so the history is kept. */
@Entity({ tableName: 'deputy_seat' })
export class DeputySeat {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @ManyToOne(() => Sortition, { ref: true, deleteRule: 'cascade' })
  readonly sortition: Ref<Sortition>;

  @ManyToOne(() => Member, { ref: true, deleteRule: 'cascade' })
  readonly member: Ref<Member>;

  @Property({ type: 'text' })
  status: SeatStatus & Opt = 'seated';

  @Property({ type: 'timestamptz' })
  readonly seatedAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  endedAt: Date | null = null;

  /** The seat this one took over after a resignation. */
  @Property({ type: 'uuid', nullable: true })
  readonly replaces: string | null = null;

  /** False when no substitute could keep every quota and the first one was seated anyway. */
  @Property({ type: 'boolean' })
  readonly quotasMet: boolean & Opt = true;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  constructor(
    collective: Ref<Collective>,
    sortition: Ref<Sortition>,
    member: Ref<Member>,
    replaces: string | null = null,
    quotasMet = true,
  ) {
    this.collective = collective;
    this.sortition = sortition;
    this.member = member;
    this.replaces = replaces;
    this.quotasMet = quotasMet;
  }

  end(status: 'resigned' | 'ended', reason: string | null, at = new Date()): void {
    this.status = status;
    this.endedAt = at;
    this.reason = reason;
  }
}
