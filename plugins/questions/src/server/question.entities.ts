import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { QuestionStatus, RemovalReason } from '../contracts';

/** A member's question to the deputies on a bill. */
@Entity({ tableName: 'question' })
export class Question {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  readonly collectiveId: string;

  @Property({ type: 'uuid' })
  readonly billId: string;

  @Property({ type: 'uuid' })
  readonly askerId: string;

  @Property({ type: 'text' })
  readonly askerName: string;

  @Property({ type: 'text' })
  readonly text: string;

  @Property({ type: 'text' })
  status: QuestionStatus & Opt = 'published';

  @Property({ type: 'text', nullable: true })
  reasonCode: RemovalReason | null = null;

  @Property({ type: 'text', nullable: true })
  moderationNote: string | null = null;

  @Property({ type: 'integer' })
  supports: number & Opt = 0;

  @Property({ type: 'timestamptz' })
  readonly askedAt: Date & Opt = new Date();

  constructor(input: {
    collectiveId: string;
    billId: string;
    askerId: string;
    askerName: string;
    text: string;
  }) {
    this.collectiveId = input.collectiveId;
    this.billId = input.billId;
    this.askerId = input.askerId;
    this.askerName = input.askerName;
    this.text = input.text;
  }

  remove(reasonCode: RemovalReason, note: string | null): void {
    this.status = 'removed';
    this.reasonCode = reasonCode;
    this.moderationNote = note;
  }
}

/** One member's support of a question (one per member). */
@Entity({ tableName: 'question_support' })
export class QuestionSupport {
  @PrimaryKey({ type: 'uuid' })
  readonly questionId: string;

  @PrimaryKey({ type: 'uuid' })
  readonly memberId: string;

  @Property({ type: 'timestamptz' })
  readonly supportedAt: Date & Opt = new Date();

  constructor(questionId: string, memberId: string) {
    this.questionId = questionId;
    this.memberId = memberId;
  }
}

/** A deputy's public answer (one per deputy and question; answering again replaces the text). */
@Entity({ tableName: 'question_answer' })
export class QuestionAnswer {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  readonly questionId: string;

  @Property({ type: 'uuid' })
  readonly deputyId: string;

  @Property({ type: 'text' })
  readonly deputyName: string;

  @Property({ type: 'text' })
  text: string;

  @Property({ type: 'timestamptz' })
  answeredAt: Date & Opt = new Date();

  constructor(questionId: string, deputyId: string, deputyName: string, text: string) {
    this.questionId = questionId;
    this.deputyId = deputyId;
    this.deputyName = deputyName;
    this.text = text;
  }
}

export const QUESTION_ENTITIES = [Question, QuestionSupport, QuestionAnswer];
