import { EntityManager } from '@mikro-orm/postgresql';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Choice } from '../../tally';

/** The caller's own direct vote. */
export class GetMyVoteQuery extends Query<{ choice: Choice; castAt: string } | null> {
  constructor(
    readonly ballotId: string,
    readonly memberId: string,
  ) {
    super();
  }
}

@QueryHandler(GetMyVoteQuery)
export class GetMyVoteHandler implements IQueryHandler<GetMyVoteQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetMyVoteQuery) {
    const [row] = await this.em
      .fork()
      .execute<{ choice: Choice; cast_at: Date }[]>(
        'select choice, cast_at from vote where ballot_id = ? and member_id = ?',
        [query.ballotId, query.memberId],
      );
    return row ? { choice: row.choice, castAt: new Date(row.cast_at).toISOString() } : null;
  }
}
