import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Collective } from '../collectives/collective.entity';
import { Topic } from '../collectives/topic.entity';

/** One article of a bill's text, with a stable id. */
export interface Article {
  readonly id: string;
  readonly heading: string;
  readonly text: string;
}

export type BillStatus = 'draft' | 'published' | 'archived';

/** A bill the members decide on: title, summary and its text as ordered articles. */
@Entity({ tableName: 'bill' })
export class Bill {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @ManyToOne(() => Topic, { ref: true, nullable: true })
  topic: Ref<Topic> | null;

  @Property({ type: 'text' })
  title: string;

  @Property({ type: 'text' })
  summary: string;

  @Property({ type: 'json' })
  articles: Article[];

  @Property({ type: 'text' })
  status: BillStatus & Opt = 'published';

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(input: {
    collective: Ref<Collective>;
    topic: Ref<Topic> | null;
    title: string;
    summary: string;
    articles: Article[];
  }) {
    this.collective = input.collective;
    this.topic = input.topic;
    this.title = input.title;
    this.summary = input.summary;
    this.articles = input.articles;
  }
}
