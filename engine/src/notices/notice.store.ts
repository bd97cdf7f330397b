import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { uuidArray } from '../database/pg-array';
import type {
  NoticeFrequency,
  NoticeKind,
  NoticePage,
  NoticeParams,
  NoticeSubject,
  NoticeView,
} from './notices.contract';

/** What one insert stores: a cause for recipients chosen by id or by an SQL condition. */
export interface NoticeDraft {
  readonly collectiveId: string;
  readonly kind: NoticeKind;
  readonly cause: string;
  readonly subject: NoticeSubject;
  readonly params: NoticeParams;
}

/** A stored notice, as inserted: who receives it. */
export interface StoredNotice {
  readonly id: string;
  readonly memberId: string;
}

interface NoticeRow {
  id: string;
  collective_id: string;
  collective_name: string;
  kind: NoticeKind;
  subject_type: NoticeSubject['type'];
  subject_id: string;
  bill_id: string | null;
  title: string;
  params: NoticeParams;
  created_at: Date;
  read_at: Date | null;
}

/**
 * The account's memberships: bound to it (members/membership.ts, never matched by e-mail address) and
 * active (a deactivated membership's notices disappear at once).
 */
const MY_MEMBERS = 'select id from member where account_id = ? and active';

/** Default choice of a person who never chose. */
export const DEFAULT_FREQUENCY: NoticeFrequency = 'daily';

/**
 * Notices in PostgreSQL with plain SQL: inserts fan out to thousands of members in one statement and
 * `on conflict do nothing` on (member, cause) makes every cause store once, whatever the retries.
 */
@Injectable()
export class NoticeStore {
  constructor(private readonly em: EntityManager) {}

  /** Stores the notice for these members (active members of the collective only); answers the new rows. */
  async insertFor(draft: NoticeDraft, memberIds: readonly string[]): Promise<StoredNotice[]> {
    if (memberIds.length === 0) {
      return [];
    }
    return this.insertWhere(draft, 'm.id = any(?::uuid[])', [uuidArray([...new Set(memberIds)])]);
  }

  /**
   * Stores the notice for the collective's active members matching `condition` (SQL on `member m`,
   * with its own bindings); answers the new rows.
   */
  async insertWhere(
    draft: NoticeDraft,
    condition: string,
    bindings: readonly unknown[],
  ): Promise<StoredNotice[]> {
    const rows = await this.em.fork().execute<{ id: string; member_id: string }[]>(
      `insert into notice (member_id, collective_id, kind, cause, subject_type, subject_id, bill_id, title, params)
       select m.id, m.collective_id, ?, ?, ?, ?, ?, ?, ?::jsonb
         from member m
        where m.collective_id = ? and m.active and (${condition})
       on conflict (member_id, cause) do nothing
       returning id, member_id`,
      [
        draft.kind,
        draft.cause,
        draft.subject.type,
        draft.subject.id,
        draft.subject.billId,
        draft.subject.title,
        JSON.stringify(draft.params),
        draft.collectiveId,
        ...bindings,
      ],
    );
    return rows.map((row) => ({ id: row.id, memberId: row.member_id }));
  }

  /** The stored notices with these ids, as the inbox shows them. */
  async views(ids: readonly string[]): Promise<(NoticeView & { memberId: string })[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.em
      .fork()
      .execute<(NoticeRow & { member_id: string })[]>(
        `${SELECT_VIEW} where n.id = any(?::uuid[]) order by n.created_at, n.id`,
        [uuidArray(ids)],
      );
    return rows.map((row) => ({ ...view(row), memberId: row.member_id }));
  }

  /** One page of an account's inbox (all its active memberships), newest first. */
  async page(accountId: string, limit: number, before: string | null): Promise<NoticePage> {
    const em = this.em.fork();
    const cursor = before
      ? 'and (n.created_at, n.id) < (select created_at, id from notice where id = ?)'
      : '';
    const rows = await em.execute<(NoticeRow & { member_id: string })[]>(
      `${SELECT_VIEW} where n.member_id in (${MY_MEMBERS}) ${cursor}
        order by n.created_at desc, n.id desc limit ?`,
      [accountId, ...(before ? [before] : []), limit + 1],
    );
    const [{ unread }] = await em.execute<{ unread: string }[]>(
      `select count(*) as unread from notice where member_id in (${MY_MEMBERS}) and read_at is null`,
      [accountId],
    );
    const items = rows.slice(0, limit).map(view);
    return {
      items,
      unread: Number(unread),
      next: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null,
    };
  }

  /** Marks one notice of the account read; false when the account holds no such notice. */
  async markRead(accountId: string, noticeId: string): Promise<boolean> {
    const rows = await this.em.fork().execute(
      `update notice set read_at = coalesce(read_at, now())
          where id = ? and member_id in (${MY_MEMBERS}) returning 1 as ok`,
      [noticeId, accountId],
    );
    return rows.length > 0;
  }

  /** Marks every notice of the account read; answers how many changed. */
  async markAllRead(accountId: string): Promise<number> {
    const rows = await this.em.fork().execute(
      `update notice set read_at = now()
          where member_id in (${MY_MEMBERS}) and read_at is null returning 1 as ok`,
      [accountId],
    );
    return rows.length;
  }
}

const SELECT_VIEW = `select n.id, n.member_id, n.collective_id, c.name as collective_name, n.kind, n.subject_type,
       n.subject_id, n.bill_id, n.title, n.params, n.created_at, n.read_at
  from notice n join collective c on c.id = n.collective_id`;

function view(row: NoticeRow): NoticeView {
  return {
    id: row.id,
    collectiveId: row.collective_id,
    collectiveName: row.collective_name,
    kind: row.kind,
    subject: { type: row.subject_type, id: row.subject_id, billId: row.bill_id, title: row.title },
    params: row.params,
    createdAt: new Date(row.created_at).toISOString(),
    read: row.read_at !== null,
  };
}
