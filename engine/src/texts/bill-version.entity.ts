import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import type { Article } from '../bills/bill.entity';
import type { TextArticle, TextBody, TextSection, VersionReason, VersionReasonKind } from './text.types';

/** One version of a bill's text; written once, never changed. Numbers start at 1 and have no gaps. */
@Entity({ tableName: 'bill_version' })
@Unique({ properties: ['billId', 'number'] })
export class BillVersion {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  readonly billId: string;

  @Property({ type: 'uuid' })
  readonly collectiveId: string;

  @Property({ type: 'integer' })
  readonly number: number;

  @Property({ type: 'json' })
  readonly sections: TextSection[];

  @Property({ type: 'json' })
  readonly articles: TextArticle[];

  @Property({ type: 'uuid', nullable: true })
  readonly authorId: string | null;

  @Property({ type: 'text' })
  readonly reasonKind: VersionReasonKind;

  @Property({ type: 'text', nullable: true })
  readonly reasonRef: string | null;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(input: {
    billId: string;
    collectiveId: string;
    number: number;
    body: TextBody;
    authorId: string | null;
    reason: VersionReason;
  }) {
    if (!Number.isInteger(input.number) || input.number < 1) {
      throw new Error('A version number is a positive integer');
    }
    if (input.body.articles.length === 0) {
      throw new Error('A version has at least one article');
    }
    this.billId = input.billId;
    this.collectiveId = input.collectiveId;
    this.number = input.number;
    this.sections = [...input.body.sections];
    this.articles = [...input.body.articles];
    this.authorId = input.authorId;
    this.reasonKind = input.reason.kind;
    this.reasonRef = input.reason.ref;
  }

  /** The first version of a new bill: its articles as created, outside any section. */
  static initial(bill: {
    id: string;
    collective: { id: string };
    articles: readonly Article[];
    createdAt: Date;
  }): BillVersion {
    const version = new BillVersion({
      billId: bill.id,
      collectiveId: bill.collective.id,
      number: 1,
      body: { sections: [], articles: bill.articles.map((a) => ({ ...a, sectionId: null })) },
      authorId: null,
      reason: { kind: 'initial', ref: null },
    });
    return Object.assign(version, { createdAt: bill.createdAt });
  }

  get body(): TextBody {
    return { sections: this.sections, articles: this.articles };
  }

  get reason(): VersionReason {
    return { kind: this.reasonKind, ref: this.reasonRef };
  }
}
