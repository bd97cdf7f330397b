import { BigIntType, Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * One event of a collective's public record. Written once by {@link RecordService.append} inside the
 * writer's transaction; `position`, `prevHash` and `hash` are filled once, later, by the sealer.
 * The database refuses every other change (trigger `record_event_guard`). `writer_xid` is not mapped:
 * PostgreSQL fills it with the writing transaction's id.
 */
@Entity({ tableName: 'record_event' })
export class RecordEvent {
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  readonly id!: string & Opt;

  @Property({ type: 'uuid' })
  readonly collectiveId: string;

  @Property({ type: 'text' })
  readonly type: string;

  @Property({ type: 'json' })
  readonly payload: unknown;

  @Property({ type: 'timestamptz' })
  readonly occurredAt: Date;

  @Property({ type: new BigIntType('number'), nullable: true })
  readonly position: (number & Opt) | null = null;

  @Property({ type: 'text', nullable: true })
  readonly prevHash: (string & Opt) | null = null;

  @Property({ type: 'text', nullable: true })
  readonly hash: (string & Opt) | null = null;

  constructor(collectiveId: string, type: string, payload: unknown, occurredAt: Date = new Date()) {
    if (!/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/.test(type)) {
      throw new Error(`Record event type "${type}" must look like "vote.cast" (lowercase, dotted)`);
    }
    this.collectiveId = collectiveId;
    this.type = type;
    this.payload = payload;
    // Milliseconds only, so the occurredAt that is hashed is exactly the one stored.
    this.occurredAt = new Date(Math.floor(occurredAt.getTime()));
  }
}
