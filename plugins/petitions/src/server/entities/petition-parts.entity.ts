import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Member } from '@liquide/engine';
import type { ThresholdEffect } from '../../contracts';
import { Petition } from './petition.entity';

/** A member supporting a draft before moderation (one per member, the author excluded). */
@Entity({ tableName: 'petition_sponsor' })
export class PetitionSponsor {
  @ManyToOne(() => Petition, { primary: true, ref: true, deleteRule: 'cascade' })
  readonly petition!: Ref<Petition>;

  @ManyToOne(() => Member, { primary: true, ref: true, deleteRule: 'cascade' })
  readonly member!: Ref<Member>;

  @Property({ type: 'timestamptz' })
  readonly sponsoredAt: Date & Opt = new Date();
}

/** A signature: one per member, withdrawable (deleted) until close; the region is the signer's at signing. */
@Entity({ tableName: 'petition_signature' })
export class PetitionSignature {
  @ManyToOne(() => Petition, { primary: true, ref: true, deleteRule: 'cascade' })
  readonly petition!: Ref<Petition>;

  @ManyToOne(() => Member, { primary: true, ref: true, deleteRule: 'cascade' })
  readonly member!: Ref<Member>;

  @Property({ type: 'text', nullable: true })
  readonly region: string | null = null;

  @Property({ type: 'timestamptz' })
  readonly signedAt: Date & Opt = new Date();
}

/** A comment or a for/against argument during deliberation. */
@Entity({ tableName: 'petition_comment' })
export class PetitionComment {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Petition, { ref: true, deleteRule: 'cascade' })
  readonly petition: Ref<Petition>;

  @ManyToOne(() => Member, { ref: true, deleteRule: 'cascade' })
  readonly member: Ref<Member>;

  @Property({ type: 'text' })
  readonly stance: 'comment' | 'for' | 'against';

  @Property({ type: 'text' })
  readonly text: string;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(petition: Ref<Petition>, member: Ref<Member>, stance: PetitionComment['stance'], text: string) {
    this.petition = petition;
    this.member = member;
    this.stance = stance;
    this.text = text;
  }
}

/** A threshold reached, with its timestamp and what its effect produced. */
@Entity({ tableName: 'petition_threshold' })
export class PetitionThresholdReached {
  @ManyToOne(() => Petition, { primary: true, ref: true, deleteRule: 'cascade' })
  readonly petition: Ref<Petition>;

  @PrimaryKey({ type: 'text' })
  readonly thresholdId: string;

  @Property({ type: 'text' })
  readonly effect: ThresholdEffect;

  /** The total when it was reached. */
  @Property({ type: 'integer' })
  readonly signatures: number;

  @Property({ type: 'timestamptz' })
  readonly reachedAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  readonly responseDueAt: Date | null;

  @Property({ type: 'uuid', nullable: true })
  ballotId: string | null = null;

  constructor(input: {
    petition: Ref<Petition>;
    thresholdId: string;
    effect: ThresholdEffect;
    signatures: number;
    reachedAt: Date;
    responseDueAt: Date | null;
  }) {
    this.petition = input.petition;
    this.thresholdId = input.thresholdId;
    this.effect = input.effect;
    this.signatures = input.signatures;
    this.reachedAt = input.reachedAt;
    this.responseDueAt = input.responseDueAt;
  }
}

export const PETITION_ENTITIES = [
  Petition,
  PetitionSponsor,
  PetitionSignature,
  PetitionComment,
  PetitionThresholdReached,
];
