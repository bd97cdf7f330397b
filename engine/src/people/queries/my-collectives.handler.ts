import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Role } from '../../members/roles';
import { MyCollectivesQuery, type MyCollective } from './my-collectives.query';

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
        where m.account_id = ? and m.active
        order by lower(c.name), c.id
        limit 500`,
      [query.accountId],
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
