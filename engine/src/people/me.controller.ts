import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { CurrentAccount } from '../auth/current-account.decorator';
import { MyCollectivesQuery } from './queries/my-collectives.query';

/** The signed-in person's own places. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly queries: QueryBus) {}

  /** "My collectives": where I hold an active membership, with my roles. */
  @Get('collectives')
  collectives(@CurrentAccount() account: AuthenticatedAccount) {
    return this.queries.execute(new MyCollectivesQuery(account.accountId));
  }
}
