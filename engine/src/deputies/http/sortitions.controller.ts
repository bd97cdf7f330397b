import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../../access/access.service';
import type { Action } from '../../access/policy';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CurrentAccount } from '../../auth/current-account.decorator';
import { OptionalAuth } from '../../auth/public.decorator';
import { LiquideError } from '../../errors/liquide-error';
import { CommitSeedCommand } from '../commands/deputies.commands';
import { DeputiesErrorCode } from '../deputies.errors';
import { GetSortitionQuery, type SortitionView } from '../queries/deputies.queries';
import { CommitSeedDto, SortitionParamDto } from './schemas';

/** One sortition: its public state, the seed commitment and the proof (the draw: {@link DrawJobsController}). */
@ApiTags('deputies')
@ApiBearerAuth()
@Controller('api/sortitions/:sortitionId')
export class SortitionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  private async allowed(account: AuthenticatedAccount | null, sortitionId: string, action: Action) {
    const view = await this.queries.execute(new GetSortitionQuery(sortitionId));
    await this.access.assertCan(account, view.collectiveId, action);
    return view;
  }

  @Get()
  @OptionalAuth()
  get(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: SortitionParamDto) {
    return this.allowed(account, params.sortitionId, 'collective.read');
  }

  /** The proof alone (format liquide-sortition-proof/1), for `liquide verify-sortition`. */
  @Get('proof')
  @OptionalAuth()
  async proof(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: SortitionParamDto) {
    const view: SortitionView = await this.allowed(account, params.sortitionId, 'collective.read');
    if (!view.proof) {
      throw new LiquideError(DeputiesErrorCode.SortitionWrongStatus, {
        params: { status: view.status, expected: 'drawn' },
      });
    }
    return view.proof;
  }

  @Post('commitment')
  async commit(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: SortitionParamDto,
    @Body() body: CommitSeedDto,
  ) {
    await this.allowed(account, params.sortitionId, 'sortition.manage');
    return this.commands.execute(new CommitSeedCommand(params.sortitionId, body));
  }
}
