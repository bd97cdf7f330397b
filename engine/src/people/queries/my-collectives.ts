import { EntityManager } from '@mikro-orm/postgresql';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Role } from '../../members/roles';

/** A collective where the caller holds an active membership. */
export interface MyCollective {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly public: boolean;
  readonly memberId: string;
  readonly roles: Role[];
  readonly votingRights: boolean;
}

/** The collectives where this account holds an active membership, by name. */
export class MyCollectivesQuery extends Query<MyCollective[]> {
  constructor(readonly email: string) {
    super();
  }
}

@QueryHandler(MyCollectivesQuery)
export class MyCollectivesHandler implements IQueryHandler<MyCollectivesQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: MyCollectivesQuery): Promise<MyCollective[]> {
    const rows = await this.em.fork().execute<
      {
        id: string;
        name: string;
        slug: string;
        public: boolean;
        member_id: string;
        roles: Role[];
        voting_rights: boolean;
      }[]
    >(
      `select c.id, c.name, c.slug, coalesce((c.settings->>'public')::boolean, false) as public,
              m.id as member_id, m.roles, m.voting_rights
         from member m join collective c on c.id = m.collective_id
        where m.email = ? and m.active
        order by lower(c.name), c.id
        limit 500`,
      [query.email.toLowerCase()],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      slug: row.slug,
      public: row.public,
      memberId: row.member_id,
      roles: row.roles,
      votingRights: row.voting_rights,
    }));
  }
}
