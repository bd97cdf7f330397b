import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Collective } from '../../collectives/collective.entity';
import { Member } from '../../members/member.entity';
import type { SeatChoice } from '../../tally';

/** The signed instruction a deputy received for one closed ballot (one per deputy and ballot). */
@Entity({ tableName: 'mandate_instruction' })
@Unique({ properties: ['ballotId', 'member'] })
export class MandateInstruction {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @Property({ type: 'uuid' })
  readonly ballotId: string;

  @Property({ type: 'uuid' })
  readonly billId: string;

  @ManyToOne(() => Member, { ref: true, deleteRule: 'cascade' })
  readonly member: Ref<Member>;

  @Property({ type: 'text' })
  readonly choice: SeatChoice;

  @Property({ type: 'text' })
  readonly kid: string;

  /** Compact JWS (ES256) of the `liquide-mandate/1` payload. */
  @Property({ type: 'text' })
  readonly jws: string;

  @Property({ type: 'timestamptz' })
  readonly issuedAt: Date;

  constructor(input: {
    collective: Ref<Collective>;
    ballotId: string;
    billId: string;
    member: Ref<Member>;
    choice: SeatChoice;
    kid: string;
    jws: string;
    issuedAt: Date;
  }) {
    this.collective = input.collective;
    this.ballotId = input.ballotId;
    this.billId = input.billId;
    this.member = input.member;
    this.choice = input.choice;
    this.kid = input.kid;
    this.jws = input.jws;
    this.issuedAt = input.issuedAt;
  }
}
