import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Collective, Member } from '@liquide/engine';
import type { PetitionSettings, PetitionStatus, RejectionReason } from '../../contracts';

/** A petition: its text, its state, its rules (settings when drafted) and its running counts. */
@Entity({ tableName: 'petition' })
@Index({ properties: ['collective', 'status'] })
export class Petition {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @ManyToOne(() => Member, { ref: true })
  readonly author: Ref<Member>;

  @Property({ type: 'text' })
  title: string;

  @Property({ type: 'text' })
  text: string;

  @Property({ type: 'text' })
  addressee: string;

  @Property({ type: 'uuid', nullable: true })
  billId: string | null;

  @Property({ type: 'text' })
  status: PetitionStatus & Opt = 'draft';

  @Property({ type: 'json' })
  readonly rules: PetitionSettings;

  @Property({ type: 'text', nullable: true })
  rejectReason: RejectionReason | null = null;

  @Property({ type: 'text', nullable: true })
  rejectNote: string | null = null;

  @Property({ type: 'integer' })
  sponsorCount: number & Opt = 0;

  @Property({ type: 'integer' })
  signatureCount: number & Opt = 0;

  @Property({ type: 'json' })
  regionCounts: Record<string, number> & Opt = {};

  @Property({ type: 'integer' })
  version: number & Opt = 0;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deliberationEndsAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  openedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  closesAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  answerDueAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  answerText: string | null = null;

  @Property({ type: 'text', nullable: true })
  answerBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;

  constructor(input: {
    collective: Ref<Collective>;
    author: Ref<Member>;
    title: string;
    text: string;
    addressee: string;
    billId: string | null;
    rules: PetitionSettings;
  }) {
    if (input.title.trim().length === 0 || input.text.trim().length === 0) {
      throw new Error('A petition needs a title and a text');
    }
    this.collective = input.collective;
    this.author = input.author;
    this.title = input.title;
    this.text = input.text;
    this.addressee = input.addressee;
    this.billId = input.billId;
    this.rules = input.rules;
    this.status = input.rules.phases.sponsorship.sponsorsRequired === 0 ? 'sponsored' : 'draft';
  }
}
