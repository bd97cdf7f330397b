import { Query } from '@nestjs/cqrs';
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

/** The collectives where this account holds an active (bound) membership, by name. */
export class MyCollectivesQuery extends Query<MyCollective[]> {
  constructor(readonly accountId: string) {
    super();
  }
}
