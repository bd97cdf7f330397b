import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { AgendaPolicy, IssuePhase } from '../contracts';

/** An area (LiquidFeedback's topic area): where issues are raised; may map to an engine topic. */
@Entity({ tableName: 'agenda_area' })
export class AgendaArea {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  readonly collectiveId: string;

  @Property({ type: 'text' })
  name: string;

  /** The engine topic whose delegations apply to the area's issues (else global delegations only). */
  @Property({ type: 'uuid', nullable: true })
  readonly topicId: string | null;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(input: { collectiveId: string; name: string; topicId: string | null }) {
    this.collectiveId = input.collectiveId;
    this.name = input.name;
    this.topicId = input.topicId;
  }
}

/** A phase and when it started: the issue's public timeline. */
export interface PhaseStep {
  readonly phase: IssuePhase;
  readonly at: string;
}

/** An issue: competing initiatives moving through the phases under the policy snapshot at creation. */
@Entity({ tableName: 'agenda_issue' })
export class AgendaIssue {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  readonly collectiveId: string;

  @Property({ type: 'uuid' })
  readonly areaId: string;

  /** The engine bill the issue is decided on (its electorate, delegations and ballot). */
  @Property({ type: 'uuid' })
  readonly billId: string;

  @Property({ type: 'text' })
  readonly title: string;

  @Property({ type: 'text' })
  phase: IssuePhase & Opt = 'admission';

  @Property({ type: 'json' })
  readonly policy: AgendaPolicy;

  /** When the current phase ends (the scheduler's due time); null once closed or cancelled. */
  @Property({ type: 'timestamptz', nullable: true })
  phaseEndsAt: Date | null;

  @Property({ type: 'json' })
  timeline: PhaseStep[] & Opt = [];

  @Property({ type: 'uuid', nullable: true })
  ballotId: string | null = null;

  /** The winning option (an initiative id or `status-quo`) once closed. */
  @Property({ type: 'text', nullable: true })
  winner: string | null = null;

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(input: {
    collectiveId: string;
    areaId: string;
    billId: string;
    title: string;
    policy: AgendaPolicy;
    now: Date;
  }) {
    this.collectiveId = input.collectiveId;
    this.areaId = input.areaId;
    this.billId = input.billId;
    this.title = input.title;
    this.policy = input.policy;
    this.phaseEndsAt = new Date(input.now.getTime() + input.policy.phases.admission.timeLimitSeconds * 1000);
    this.timeline = [{ phase: 'admission', at: input.now.toISOString() }];
  }
}

export type InitiativeStatus = 'candidate' | 'admitted' | 'dropped';

/** An initiative: one answer to the issue, revisable until verification. */
@Entity({ tableName: 'agenda_initiative' })
export class AgendaInitiative {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  readonly issueId: string;

  @Property({ type: 'uuid' })
  readonly authorId: string;

  @Property({ type: 'text' })
  title: string;

  @Property({ type: 'text' })
  text: string;

  @Property({ type: 'integer' })
  revision: number & Opt = 1;

  @Property({ type: 'text' })
  status: InitiativeStatus & Opt = 'candidate';

  /** Weighted support at the last count (own weight plus delegators', see docs/agenda.md). */
  @Property({ type: 'double' })
  support: number & Opt = 0;

  @Property({ type: 'integer' })
  supporters: number & Opt = 0;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();

  constructor(input: { issueId: string; authorId: string; title: string; text: string }) {
    this.issueId = input.issueId;
    this.authorId = input.authorId;
    this.title = input.title;
    this.text = input.text;
  }
}

/** A suggestion to an initiative's authors, rated by members during discussion. */
@Entity({ tableName: 'agenda_suggestion' })
export class AgendaSuggestion {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  readonly initiativeId: string;

  @Property({ type: 'uuid' })
  readonly authorId: string;

  @Property({ type: 'text' })
  readonly text: string;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(input: { initiativeId: string; authorId: string; text: string }) {
    this.initiativeId = input.initiativeId;
    this.authorId = input.authorId;
    this.text = input.text;
  }
}

export const AGENDA_ENTITIES = [AgendaArea, AgendaIssue, AgendaInitiative, AgendaSuggestion];
