import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { MEMBER_JOINED_SQL } from '../membership-binding';
import type { Role } from '../roles';
import {
  ListMembersQuery,
  type DirectoryEntry,
  type MemberName,
  type MemberPage,
} from './list-members.query';

interface Row {
  id: string;
  display_name: string;
  email: string;
  roles: Role[];
  active: boolean;
  voting_rights: boolean;
  weight: number;
  joined: boolean;
  invitation_status: 'pending' | 'accepted' | 'revoked' | null;
  invitation_sent_at: Date | null;
  invitation_expires_at: Date | null;
  invitation_expired: boolean | null;
  total: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of a collective's members, ordered by name then id, with the total over all pages
 * (one statement: a window count). Members see active members' names only.
 */
@QueryHandler(ListMembersQuery)
export class ListMembersHandler implements IQueryHandler<ListMembersQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListMembersQuery): Promise<MemberPage<DirectoryEntry> | MemberPage<MemberName>> {
    const { filters, full } = query;
    const where = ['m.collective_id = ?'];
    const values: unknown[] = [query.collectiveId];
    if (filters.search) {
      const pattern = `%${escapeLike(filters.search)}%`;
      where.push(full ? '(m.display_name ilike ? or m.email ilike ?)' : 'm.display_name ilike ?');
      values.push(...(full ? [pattern, pattern] : [pattern]));
    }
    if (!full) {
      where.push('m.active');
    } else {
      if (filters.role) {
        where.push('? = any(m.roles)');
        values.push(filters.role);
      }
      if (filters.active !== undefined) {
        where.push(filters.active ? 'm.active' : 'not m.active');
      }
      if (filters.votingRights !== undefined) {
        where.push(filters.votingRights ? 'm.voting_rights' : 'not m.voting_rights');
      }
      if (filters.joined !== undefined) {
        where.push(filters.joined ? MEMBER_JOINED_SQL : `not ${MEMBER_JOINED_SQL}`);
      }
    }
    const rows = await this.em.fork().execute<Row[]>(
      `select m.id, m.display_name, m.email, m.roles, m.active, m.voting_rights, m.weight,
              ${MEMBER_JOINED_SQL} as joined,
              i.status as invitation_status, i.sent_at as invitation_sent_at, i.expires_at as invitation_expires_at,
              i.expires_at < now() as invitation_expired,
              count(*) over () as total
         from member m
         left join invitation i on i.member_id = m.id
        where ${where.join(' and ')}
        order by lower(m.display_name), m.id
        limit ? offset ?`,
      [...values, filters.size, (filters.page - 1) * filters.size],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(where, values, filters);
    const page = { total, page: filters.page, size: filters.size };
    if (!full) {
      return { ...page, items: rows.map((row) => ({ id: row.id, displayName: row.display_name })) };
    }
    return { ...page, items: rows.map(toEntry) };
  }

  /** The total when the page asked is past the end (no row carries the window count). */
  private async count(where: string[], values: unknown[], filters: ListMembersQuery['filters']) {
    if (filters.page === 1) {
      return 0;
    }
    const [row] = await this.em
      .fork()
      .execute<{ total: string }[]>(
        `select count(*) as total from member m where ${where.join(' and ')}`,
        values,
      );
    return Number(row?.total ?? 0);
  }
}

function toEntry(row: Row): DirectoryEntry {
  const expired = row.invitation_status === 'pending' && row.invitation_expired === true;
  return {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles,
    active: row.active,
    votingRights: row.voting_rights,
    weight: Number(row.weight),
    joined: row.joined,
    invitation:
      row.invitation_status && row.invitation_sent_at && row.invitation_expires_at
        ? {
            status: expired ? 'expired' : row.invitation_status,
            sentAt: new Date(row.invitation_sent_at).toISOString(),
            expiresAt: new Date(row.invitation_expires_at).toISOString(),
          }
        : null,
  };
}
