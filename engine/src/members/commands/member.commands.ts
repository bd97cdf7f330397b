import { Command } from '@nestjs/cqrs';
import type { Language } from '../../errors/error-catalog';
import type { RowError } from '../csv-members';
import type { Role } from '../roles';

export interface ImportStarted {
  readonly importId: string;
  readonly total: number;
  readonly rejected: readonly RowError[];
}

/** Import (create or update) members from CSV; progress is read with the import's id. */
export class ImportMembersCommand extends Command<ImportStarted> {
  constructor(
    readonly collectiveId: string,
    readonly csv: string,
    readonly language: Language,
  ) {
    super();
  }
}

/** Grant or revoke one role of a member. */
export class ChangeRoleCommand extends Command<{ roles: Role[] }> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly role: Role,
    readonly grant: boolean,
  ) {
    super();
  }
}

/** Change a member's voting rights, weight, activity or attributes. */
export class UpdateMemberCommand extends Command<void> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly changes: {
      readonly votingRights?: boolean;
      readonly weight?: number;
      readonly active?: boolean;
      readonly attributes?: Record<string, string>;
      readonly displayName?: string;
    },
  ) {
    super();
  }
}
