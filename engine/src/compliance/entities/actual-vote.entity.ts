import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Collective } from '../../collectives/collective.entity';
import { Member } from '../../members/member.entity';
import type { ActualVoteChoice, VoteSource } from '../compliance-rules';

/** What a deputy did in parliament on a ballot they were instructed for (one per ballot and deputy). */
@Entity({ tableName: 'deputy_actual_vote' })
@Unique({ properties: ['ballotId', 'member'] })
export class ActualVote {
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
  vote: ActualVoteChoice;

  @Property({ type: 'text' })
  source: VoteSource;

  /** Day of the vote in parliament (`YYYY-MM-DD`). */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  votedOn: string | null;

  /** The official roll call (e.g. the scrutin's page on assemblee-nationale.fr). */
  @Property({ type: 'text', nullable: true })
  rollCallUrl: string | null;

  /** The deputy's public explanation. */
  @Property({ type: 'text', nullable: true })
  explanation: string | null;

  @Property({ type: 'timestamptz' })
  recordedAt: Date & Opt = new Date();

  /** The organiser (member id) who confirmed or imported it. */
  @Property({ type: 'uuid', nullable: true })
  checkedBy: string | null = null;

  constructor(input: {
    collective: Ref<Collective>;
    ballotId: string;
    billId: string;
    member: Ref<Member>;
    vote: ActualVoteChoice;
    source: VoteSource;
    votedOn: string | null;
    rollCallUrl: string | null;
    explanation: string | null;
  }) {
    this.collective = input.collective;
    this.ballotId = input.ballotId;
    this.billId = input.billId;
    this.member = input.member;
    this.vote = input.vote;
    this.source = input.source;
    this.votedOn = input.votedOn;
    this.rollCallUrl = input.rollCallUrl;
    this.explanation = input.explanation;
  }
}

/** A deputy's identifier in parliament (Assemblée nationale: `PA…`), for roll-call imports. */
@Entity({ tableName: 'deputy_parliament_id' })
@Unique({ properties: ['collective', 'member'] })
@Unique({ properties: ['collective', 'parliamentId'] })
export class ParliamentId {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @ManyToOne(() => Member, { ref: true, deleteRule: 'cascade' })
  readonly member: Ref<Member>;

  @Property({ type: 'text' })
  parliamentId: string;

  constructor(collective: Ref<Collective>, member: Ref<Member>, parliamentId: string) {
    this.collective = collective;
    this.member = member;
    this.parliamentId = parliamentId;
  }
}

/** A consequence applied to a deputy once (`notice`, `recall`, `substitute`). */
@Entity({ tableName: 'compliance_consequence' })
@Unique({ properties: ['collective', 'member', 'kind'] })
export class ComplianceConsequence {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @ManyToOne(() => Member, { ref: true, deleteRule: 'cascade' })
  readonly member: Ref<Member>;

  @Property({ type: 'text' })
  readonly kind: string;

  @Property({ type: 'integer' })
  readonly deviations: number;

  /** The recall ballot opened, when the consequence is `recall`. */
  @Property({ type: 'uuid', nullable: true })
  ballotId: string | null = null;

  @Property({ type: 'timestamptz' })
  readonly appliedAt: Date & Opt = new Date();

  constructor(collective: Ref<Collective>, member: Ref<Member>, kind: string, deviations: number) {
    this.collective = collective;
    this.member = member;
    this.kind = kind;
    this.deviations = deviations;
  }
}

/** Consequences a collective chose (`compliance_setting.settings`, see ConsequenceSettings). */
@Entity({ tableName: 'compliance_setting' })
export class ComplianceSetting {
  @PrimaryKey({ type: 'uuid' })
  readonly collectiveId: string;

  @Property({ type: 'jsonb' })
  settings: unknown;

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();

  constructor(collectiveId: string, settings: unknown) {
    this.collectiveId = collectiveId;
    this.settings = settings;
  }
}

export const COMPLIANCE_ENTITIES = [ActualVote, ParliamentId, ComplianceConsequence, ComplianceSetting];
