import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Delegation } from '../delegation.entity';
import { toDelegationView } from '../delegation.view';
import { DelegationsToMeQuery, MyDelegationsQuery } from './delegation.queries';

@QueryHandler(MyDelegationsQuery)
export class MyDelegationsHandler implements IQueryHandler<MyDelegationsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: MyDelegationsQuery) {
    const delegations = await this.em
      .fork()
      .find(Delegation, { member: query.memberId }, { orderBy: { scopeKey: 'asc' } });
    return delegations.map(toDelegationView);
  }
}

@QueryHandler(DelegationsToMeQuery)
export class DelegationsToMeHandler implements IQueryHandler<DelegationsToMeQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: DelegationsToMeQuery) {
    const em = this.em.fork();
    const delegations = await em.find(
      Delegation,
      { trustees: { $contains: [query.memberId] } },
      { populate: ['member'], orderBy: { updatedAt: 'desc' } },
    );
    return delegations.map((d) => ({
      ...toDelegationView(d),
      from: { memberId: d.member.id, displayName: d.member.getEntity().displayName },
      rank: d.trustees.indexOf(query.memberId) + 1,
    }));
  }
}
