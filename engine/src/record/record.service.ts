import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { canonicalJson } from './canonical-json';
import { RecordEvent } from './record-event.entity';
import {
  BALLOT_CLOSED,
  BALLOT_OPENED,
  GENESIS_HASH,
  RECORD_FORMAT,
  type ClosedBallotPayload,
  type RecordEventV1,
  type RecordExportV1,
} from './record-format';
import { computeEventHash, eventHashTextOfPayloadText } from './record-hash';
import { sha256HexInSlices } from './large-text-hash';

/** First key of the sealer's per-collective advisory lock (the second is `hashtext(collective_id)`). */
export const SEAL_LOCK_NAMESPACE = 1_380_271_430;

/** Rows sealed per transaction, so one sealing never holds the lock for long. */
const SEAL_BATCH = 2000;

/** A closed ballot as the record holds it, with the moments the record knows. */
export interface ClosedBallotRecord {
  readonly payload: ClosedBallotPayload;
  readonly position: number;
  readonly closedAt: string;
  readonly openedAt: string | undefined;
}

interface UnsealedRow {
  id: string;
  type: string;
  /** Null when the payload is stored as text (`payload_text`) or held by this instance. */
  payload: unknown;
  /** The payload's canonical JSON text, when stored so (`appendCanonical`) and not held by this instance. */
  payload_text: string | null;
  occurred_at: string;
}

interface SealedRow {
  position: string;
  type: string;
  payload: unknown;
  occurred_at: string;
  prev_hash: string;
  hash: string;
}

/**
 * The sealing horizon: the oldest transaction of this database still running, or else the next one to
 * start. A row whose writer is older has committed, and no row of an older writer can still appear.
 * Transactions of other databases on the same server (another application, another test file) write
 * no record row and do not hold it back, as `pg_snapshot_xmin` would (docs/record.md).
 */
const SEAL_HORIZON = `select coalesce(
    (select min(running) from pg_snapshot_xip(snap) as running
      where running::xid in (select backend_xid from pg_stat_activity
                             where datname = current_database() and backend_xid is not null)),
    pg_snapshot_xmax(snap))::text as horizon
  from pg_current_snapshot() as snap`;

/** Rows whose writing transaction is older than the horizon, given as the query's parameter. */
const FINISHED_WRITER = `writer_xid < ?::xid8`;

/**
 * An event's payload as written: `payload_text` (canonical JSON, `appendCanonical`) parsed by PostgreSQL, else
 * `payload`. Parsed into `jsonb` as the payload of other events is, so exports are the same as ever.
 */
const PAYLOAD = `coalesce(payload_text::jsonb, payload) as payload`;

/** `occurred_at` as the exact ISO 8601 text that is hashed and exported (UTC, milliseconds). */
const OCCURRED_AT = `to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at`;

/**
 * The public record: writers `append` inside their own transaction (an insert, no lock);
 * the sealer chains the hashes afterwards (`sealNow`, `sealPending`); readers get sealed events only.
 */
@Injectable()
export class RecordService {
  /**
   * Canonical JSON of the payloads appended with {@link appendCanonical} and not sealed yet, by event id: this
   * instance's sealer hashes that text instead of reading the payload back (a closed ballot's runs to 100 MiB).
   */
  private readonly payloadTexts = new Map<string, string>();

  constructor(private readonly em: EntityManager) {}

  /**
   * Adds an event to the caller's unit of work: it is inserted by the caller's flush and committed (or
   * rolled back) with the caller's transaction (e.g. the end of `em.transactional`); nothing is locked. Sealed later, usually within 200 ms of the commit.
   * @param type past-tense dotted name, e.g. `vote.cast`
   * @param payload plain JSON (checked here, so a bad payload fails its writer, never the sealer)
   */
  // eslint-disable-next-line @typescript-eslint/require-await -- async so that a bad payload is a rejection
  async append(
    em: EntityManager,
    collectiveId: string,
    type: string,
    payload: unknown,
    occurredAt: Date = new Date(),
  ): Promise<RecordEvent> {
    canonicalJson(payload);
    const event = new RecordEvent(collectiveId, type, payload, occurredAt);
    em.persist(event);
    return event;
  }

  /**
   * {@link append} for a large payload given as its canonical JSON text (`canonicalJson(payload)`): inserted at
   * once on the caller's transaction as a bound parameter (no ORM entity, no escaping into the SQL text) into
   * `payload_text`, as text (PostgreSQL does not parse it: a closed ballot's runs to 150 MB), and kept in
   * memory for the sealer until sealed. Returns the event id; if the caller's transaction does not commit,
   * it must call {@link forgetPayloadText} with it.
   * @param lookup the payload's small top-level fields that queries look events up by (e.g. `ballotId`),
   *   stored as the row's `payload` jsonb; readers of the record get the whole payload, never this
   */
  async appendCanonical(
    em: EntityManager,
    collectiveId: string,
    type: string,
    payloadText: string,
    lookup: Readonly<Record<string, string>>,
    occurredAt: Date = new Date(),
  ): Promise<string> {
    const context = em.getTransactionContext<{
      raw(sql: string, bindings: unknown[]): Promise<{ rows: { id: string }[] }>;
    }>();
    if (!context) {
      throw new Error('appendCanonical runs inside a transaction');
    }
    const { rows } = await context.raw(
      `insert into record_event (collective_id, type, payload, payload_text, occurred_at)
       values (?, ?, ?::jsonb, ?, ?) returning id`,
      [collectiveId, type, canonicalJson(lookup), payloadText, occurredAt],
    );
    const id = String(rows[0].id);
    this.payloadTexts.set(id, payloadText);
    return id;
  }

  /** Drops the text kept by {@link appendCanonical} for an event whose transaction did not commit. */
  forgetPayloadText(id: string): void {
    this.payloadTexts.delete(id);
  }

  /** Seals every finished event of one collective; returns how many were sealed. */
  async sealNow(collectiveId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.sealBatch(collectiveId);
      total += sealed;
      if (sealed < SEAL_BATCH) {
        return total;
      }
    }
  }

  /** Seals every finished event of every collective (the background sealer's round). */
  async sealPending(): Promise<number> {
    const connection = this.em.fork().getConnection();
    const [{ horizon }] = await connection.execute<{ horizon: string }[]>(SEAL_HORIZON);
    const rows = await connection.execute<{ collective_id: string }[]>(
      `select distinct collective_id from record_event where hash is null and ${FINISHED_WRITER}`,
      [horizon],
    );
    let total = 0;
    for (const row of rows) {
      total += await this.sealNow(row.collective_id);
    }
    return total;
  }

  private async sealBatch(collectiveId: string): Promise<number> {
    return this.em.fork().transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?, hashtext(?))', [SEAL_LOCK_NAMESPACE, collectiveId]);
      // the horizon is taken before the rows are read, in an earlier statement: a writer that starts
      // in between is newer than it, and one that ends in between has committed rows the read sees
      const [{ horizon }] = await tx.execute<{ horizon: string }[]>(SEAL_HORIZON);
      // payloads this instance holds as text are not read back (ids are digits: safe in the SQL text); one
      // stored as text is hashed from that text, not parsed
      const held = [...this.payloadTexts.keys()];
      const heldNot = held.length > 0 ? `id not in (${held.join(',')})` : 'true';
      const ready = await tx.execute<UnsealedRow[]>(
        `select id, type, case when ${heldNot} and payload_text is null then payload end as payload,
                case when ${heldNot} then payload_text end as payload_text, ${OCCURRED_AT} from record_event
         where collective_id = ? and hash is null and ${FINISHED_WRITER}
         order by id limit ?`,
        [collectiveId, horizon, SEAL_BATCH],
      );
      if (ready.length === 0) {
        return 0;
      }
      const [last] = await tx.execute<{ position: string; hash: string }[]>(
        `select position, hash from record_event
         where collective_id = ? and position is not null order by position desc limit 1`,
        [collectiveId],
      );
      let position = last ? Number(last.position) : 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const seals: { id: string; position: number; prev_hash: string; hash: string }[] = [];
      for (const row of ready) {
        position += 1;
        const event = { position, collectiveId, type: row.type, occurredAt: row.occurred_at, prevHash };
        const text = this.payloadTexts.get(String(row.id)) ?? row.payload_text ?? undefined;
        const hash =
          text === undefined
            ? computeEventHash({ ...event, payload: row.payload })
            : await sha256HexInSlices(eventHashTextOfPayloadText(event, text));
        this.payloadTexts.delete(String(row.id));
        seals.push({ id: row.id, position, prev_hash: prevHash, hash });
        prevHash = hash;
      }
      await tx.execute(
        `update record_event as r set position = v.position, prev_hash = v.prev_hash, hash = v.hash
         from jsonb_to_recordset(?::jsonb) as v(id bigint, position bigint, prev_hash text, hash text)
         where r.id = v.id and r.hash is null`,
        [JSON.stringify(seals)],
      );
      return seals.length;
    });
  }

  /** Whether a collective with this id exists (the id must be a UUID). */
  async collectiveExists(collectiveId: string): Promise<boolean> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<unknown[]>('select 1 from collective where id = ?', [collectiveId]);
    return rows.length > 0;
  }

  /** The collective's record, format `liquide-record/1`, after sealing what can be sealed. */
  async exportRecord(collectiveId: string): Promise<RecordExportV1> {
    await this.sealNow(collectiveId);
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<SealedRow[]>(
        `select position, type, ${PAYLOAD}, ${OCCURRED_AT}, prev_hash, hash from record_event
         where collective_id = ? and position is not null order by position`,
        [collectiveId],
      );
    const events: RecordEventV1[] = rows.map((row) => ({
      position: Number(row.position),
      type: row.type,
      payload: row.payload,
      occurredAt: row.occurred_at,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
    const ballots = events
      .filter((event) => event.type === BALLOT_CLOSED)
      .map((event) => event.payload as ClosedBallotPayload);
    return { format: RECORD_FORMAT, collectiveId, exportedAt: new Date().toISOString(), events, ballots };
  }

  /** A sealed `ballot.closed` event and, when recorded, when the ballot opened; undefined if none. */
  async findClosedBallot(collectiveId: string, ballotId: string): Promise<ClosedBallotRecord | undefined> {
    await this.sealNow(collectiveId);
    const connection = this.em.fork().getConnection();
    const [closed] = await connection.execute<SealedRow[]>(
      `select position, type, ${PAYLOAD}, ${OCCURRED_AT}, prev_hash, hash from record_event
       where collective_id = ? and type = ? and payload->>'ballotId' = ? and position is not null
       order by position desc limit 1`,
      [collectiveId, BALLOT_CLOSED, ballotId],
    );
    if (!closed) {
      return undefined;
    }
    const [opened] = await connection.execute<{ occurred_at: string }[]>(
      `select ${OCCURRED_AT} from record_event
       where collective_id = ? and type = ? and payload->>'ballotId' = ? and position is not null
       order by position limit 1`,
      [collectiveId, BALLOT_OPENED, ballotId],
    );
    return {
      payload: closed.payload as ClosedBallotPayload,
      position: Number(closed.position),
      closedAt: (closed.payload as ClosedBallotPayload).closedAt ?? closed.occurred_at,
      openedAt: opened?.occurred_at,
    };
  }
}
