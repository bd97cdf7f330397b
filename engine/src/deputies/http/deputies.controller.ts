import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../../access/access.service';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CurrentAccount } from '../../auth/current-account.decorator';
import { OptionalAuth } from '../../auth/public.decorator';
import { LiquideError } from '../../errors/liquide-error';
import {
  CertifyVolunteerCommand,
  FreezePoolCommand,
  ResignCommand,
  VolunteerCommand,
  WithdrawVolunteerCommand,
} from '../commands/deputies.commands';
import { DeputiesErrorCode } from '../deputies.errors';
import { MyCandidacyQuery } from '../queries/candidacy.query';
import {
  ListDeputiesQuery,
  ListSortitionsQuery,
  ListVolunteersQuery,
  MyInstructionsQuery,
} from '../queries/deputies.queries';
import { CollectiveParamDto } from '../../collectives/collectives.schemas';
import { MemberParamDto } from '../../members/members.schemas';
import { CertifyDto, FreezePoolDto, ResignDto, VolunteerDto } from './schemas';

/** Volunteers, their certification, pools, the deputies and their instructions, per collective. */
@ApiTags('deputies')
@ApiBearerAuth()
@Controller('api/collectives/:collectiveId')
export class DeputiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Post('volunteers')
  async volunteer(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: VolunteerDto,
  ) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'deputy.volunteer');
    return this.commands.execute(new VolunteerCommand(params.collectiveId, member.id, body.statement));
  }

  @Delete('volunteers/me')
  @HttpCode(204)
  async withdraw(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'deputy.volunteer');
    await this.commands.execute(new WithdrawVolunteerCommand(params.collectiveId, member.id));
  }

  /** The caller's candidacy (volunteered, certified, in a pool, seated, withdrawn) and mandates. */
  @Get('volunteers/me')
  async myCandidacy(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'deputy.volunteer');
    return this.queries.execute(new MyCandidacyQuery(params.collectiveId, member.id));
  }

  @Get('volunteers')
  async volunteers(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'sortition.manage');
    return this.queries.execute(new ListVolunteersQuery(params.collectiveId));
  }

  @Put('volunteers/:memberId/certification')
  @HttpCode(204)
  async certify(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: MemberParamDto,
    @Body() body: CertifyDto,
  ) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'deputy.certify');
    await this.commands.execute(
      new CertifyVolunteerCommand(
        params.collectiveId,
        params.memberId,
        body.certifiedOn,
        body.training,
        member.id,
      ),
    );
  }

  /** Freezes the pool of certified volunteers; answers its hash, to publish before the seed commitment. */
  @Post('sortitions')
  async freeze(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: FreezePoolDto,
  ) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'sortition.manage');
    return this.commands.execute(new FreezePoolCommand(params.collectiveId, member.id, body));
  }

  /** Every sortition of the collective with its steps and their dates, newest first. */
  @Get('sortitions')
  @OptionalAuth()
  async sortitions(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: CollectiveParamDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'collective.read');
    return this.queries.execute(new ListSortitionsQuery(params.collectiveId));
  }

  @Get('deputies')
  @OptionalAuth()
  async deputies(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: CollectiveParamDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'collective.read');
    return this.queries.execute(new ListDeputiesQuery(params.collectiveId));
  }

  /** A deputy resigns (themself, or recorded by an organiser); the next substitute is seated. */
  @Post('deputies/:memberId/resignation')
  async resign(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: MemberParamDto,
    @Body() body: ResignDto,
  ) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'collective.read');
    if (member.id !== params.memberId && !member.has('organiser')) {
      throw new LiquideError(DeputiesErrorCode.NotYourSeat);
    }
    return this.commands.execute(
      new ResignCommand(params.collectiveId, params.memberId, body.reason ?? null),
    );
  }

  /** The caller's instructions as a deputy: the latest per bill and the full history. */
  @Get('mandates/mine')
  async mine(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'mandate.read-own');
    return this.queries.execute(new MyInstructionsQuery(params.collectiveId, member.id));
  }
}
