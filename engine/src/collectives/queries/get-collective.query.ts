import { Query } from '@nestjs/cqrs';

export interface CollectiveView {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly settings: Record<string, unknown>;
  readonly topics: readonly { id: string; slug: string; name: string }[];
  /** The caller's own membership, when they have one. */
  readonly me: { memberId: string; roles: readonly string[]; votingRights: boolean } | null;
}

export class GetCollectiveQuery extends Query<CollectiveView> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string | null,
  ) {
    super();
  }
}
