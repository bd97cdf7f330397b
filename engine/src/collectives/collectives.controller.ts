import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../access/access.service';
import { CurrentAccount } from '../auth/current-account.decorator';
import { OptionalAuth } from '../auth/public.decorator';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import {
  CreateCollectiveCommand,
  CreateTopicCommand,
  UpdateCollectiveSettingsCommand,
} from './commands/collective.commands';
import { GetCollectiveQuery } from './queries/get-collective.query';
import {
  CollectiveParamDto,
  CollectiveRefParamDto,
  CollectiveSettingsDto,
  CreateCollectiveDto,
  CreateTopicDto,
} from './collectives.schemas';

@ApiTags('collectives')
@ApiBearerAuth()
@Controller('api/collectives')
export class CollectivesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Post()
  create(@CurrentAccount() account: AuthenticatedAccount, @Body() body: CreateCollectiveDto) {
    return this.commands.execute(
      new CreateCollectiveCommand(body.name, body.slug, body.settings ?? {}, {
        accountId: account.accountId,
        email: account.email,
        displayName: account.displayName,
      }),
    );
  }

  /** A collective by its id or its slug (`GET /api/collectives/mavoix`). */
  @Get(':collectiveId')
  @OptionalAuth()
  async get(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: CollectiveRefParamDto) {
    const collectiveId = await this.access.collectiveIdOf(params.collectiveId);
    const { member } = await this.access.assertCan(account, collectiveId, 'collective.read');
    return this.queries.execute(new GetCollectiveQuery(collectiveId, member?.id ?? null));
  }

  @Patch(':collectiveId/settings')
  async configure(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: CollectiveSettingsDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'collective.configure');
    return this.commands.execute(new UpdateCollectiveSettingsCommand(params.collectiveId, body));
  }

  @Post(':collectiveId/topics')
  @HttpCode(201)
  async createTopic(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: CreateTopicDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'topic.create');
    return this.commands.execute(new CreateTopicCommand(params.collectiveId, body.slug, body.name));
  }
}
