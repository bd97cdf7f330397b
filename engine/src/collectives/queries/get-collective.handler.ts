import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Member } from '../../members/member.entity';
import { Collective } from '../collective.entity';
import { Topic } from '../topic.entity';
import { GetCollectiveQuery, type CollectiveView } from './get-collective.query';

@QueryHandler(GetCollectiveQuery)
export class GetCollectiveHandler implements IQueryHandler<GetCollectiveQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetCollectiveQuery): Promise<CollectiveView> {
    const em = this.em.fork();
    const collective = await em.findOneOrFail(Collective, { id: query.collectiveId });
    const topics = await em.find(Topic, { collective: collective.id }, { orderBy: { name: 'asc' } });
    const me = query.memberId ? await em.findOne(Member, { id: query.memberId }) : null;
    return {
      id: collective.id,
      name: collective.name,
      slug: collective.slug,
      settings: { ...collective.settings },
      topics: topics.map((t) => ({ id: t.id, slug: t.slug, name: t.name })),
      me: me ? { memberId: me.id, roles: me.roles, votingRights: me.votingRights } : null,
    };
  }
}
