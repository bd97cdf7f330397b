import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { AmendmentKind, AmendmentResult, AmendmentStatus } from '../../contracts';

/** An amendment to one article of a bill: what it changes, why, and what became of it. */
@Entity({ tableName: 'amendment' })
export class Amendment {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  readonly collectiveId: string;

  @Property({ type: 'uuid' })
  readonly billId: string;

  @Property({ type: 'uuid' })
  readonly articleId: string;

  @Property({ type: 'uuid' })
  readonly authorId: string;

  @Property({ type: 'text' })
  readonly kind: AmendmentKind;

  @Property({ type: 'text', nullable: true })
  readonly heading: string | null;

  @Property({ type: 'text', nullable: true })
  readonly text: string | null;

  /** The id an inserted article gets, fixed when proposed so that it is stable once merged. */
  @Property({ type: 'uuid', nullable: true })
  readonly newArticleId: string | null;

  @Property({ type: 'text' })
  readonly rationale: string;

  /** The version of the text the amendment was written against. */
  @Property({ type: 'integer' })
  readonly baseVersion: number;

  @Property({ type: 'text' })
  status: AmendmentStatus & Opt = 'proposed';

  @Property({ type: 'uuid', nullable: true })
  ballotId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  contestId: string | null = null;

  @Property({ type: 'json', nullable: true })
  result: AmendmentResult | null = null;

  @Property({ type: 'integer', nullable: true })
  mergedVersion: number | null = null;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  constructor(input: {
    collectiveId: string;
    billId: string;
    articleId: string;
    authorId: string;
    kind: AmendmentKind;
    heading: string | null;
    text: string | null;
    rationale: string;
    baseVersion: number;
  }) {
    if (input.kind !== 'delete' && !input.text) {
      throw new Error('A replacement or an insertion needs a text');
    }
    this.collectiveId = input.collectiveId;
    this.billId = input.billId;
    this.articleId = input.articleId;
    this.authorId = input.authorId;
    this.kind = input.kind;
    this.heading = input.heading;
    this.text = input.kind === 'delete' ? null : input.text;
    this.newArticleId = input.kind === 'insert-after' ? randomUUID() : null;
    this.rationale = input.rationale;
    this.baseVersion = input.baseVersion;
  }

  /** Decides the amendment once; later calls change nothing. */
  decide(status: 'adopted' | 'rejected', result: AmendmentResult, at: Date): void {
    if (this.status === 'voting' || this.status === 'contest') {
      this.status = status;
      this.result = result;
      this.decidedAt = at;
    }
  }
}

/** A ranked contest between competing amendments on one article (and the status quo). */
@Entity({ tableName: 'amendment_contest' })
export class AmendmentContest {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  readonly collectiveId: string;

  @Property({ type: 'uuid' })
  readonly billId: string;

  @Property({ type: 'uuid' })
  readonly articleId: string;

  @Property({ type: 'text' })
  status: ('open' | 'closed') & Opt = 'open';

  /** Public seed of the tie-break, drawn at creation. */
  @Property({ type: 'text' })
  readonly seed: string;

  /** Amendment ids and `status-quo`. */
  @Property({ type: 'json' })
  readonly options: string[];

  @Property({ type: 'json', nullable: true })
  result: Record<string, unknown> | null = null;

  @Property({ type: 'text', nullable: true })
  winner: string | null = null;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  constructor(input: {
    collectiveId: string;
    billId: string;
    articleId: string;
    seed: string;
    options: string[];
  }) {
    this.collectiveId = input.collectiveId;
    this.billId = input.billId;
    this.articleId = input.articleId;
    this.seed = input.seed;
    this.options = input.options;
  }
}

export const AMENDMENT_ENTITIES = [Amendment, AmendmentContest];
