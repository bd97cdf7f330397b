import { Query } from '@nestjs/cqrs';
import type { Role } from '../roles';
import type { MemberListInput } from '../members.schemas';

/** One entry of the organisers' directory. */
export interface DirectoryEntry {
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: Role[];
  readonly active: boolean;
  readonly votingRights: boolean;
  readonly weight: number;
  /** The membership is bound to an account (its holder signed in with the address). */
  readonly joined: boolean;
  /** The latest invitation, if any was sent. */
  readonly invitation: {
    readonly status: 'pending' | 'accepted' | 'revoked' | 'expired';
    readonly sentAt: string;
    readonly expiresAt: string;
  } | null;
}

/** What members see of each other: a name to pick as a trustee. */
export interface MemberName {
  readonly id: string;
  readonly displayName: string;
}

export interface MemberPage<T> {
  readonly items: T[];
  /** Entries matching the filters, over all pages. */
  readonly total: number;
  readonly page: number;
  readonly size: number;
}

/** A page of the directory: `full` for organisers (every field, every filter), names of active members otherwise. */
export class ListMembersQuery extends Query<MemberPage<DirectoryEntry> | MemberPage<MemberName>> {
  constructor(
    readonly collectiveId: string,
    readonly filters: MemberListInput,
    readonly full: boolean,
  ) {
    super();
  }
}
