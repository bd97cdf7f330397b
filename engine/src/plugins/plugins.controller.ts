import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { AccessService } from '../access/access.service';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { CurrentAccount } from '../auth/current-account.decorator';
import { OptionalAuth } from '../auth/public.decorator';
import { boundedRecord } from '../errors/bounded-record';
import { ConfigurePluginCommand, DisablePluginCommand, ListPluginsQuery } from './commands/plugin.commands';

export const PluginParams = z.strictObject({
  collectiveId: z.uuid(),
  pluginId: z.string().min(1).max(60),
});
export class PluginParamsDto extends createZodDto(PluginParams) {}

export const CollectivePluginsParams = z.strictObject({ collectiveId: z.uuid() });
export class CollectivePluginsParamsDto extends createZodDto(CollectivePluginsParams) {}

/** `preset` (a name the plugin ships) or `settings` (`{ global, phases }`), or neither for the defaults. */
export const ConfigurePluginInput = z.strictObject({
  preset: z.string().min(1).max(60).optional(),
  settings: boundedRecord(z.string().max(64), z.unknown(), 50).optional(),
});
export class ConfigurePluginDto extends createZodDto(ConfigurePluginInput) {}

/** Organisers enable, configure and disable plugins per collective; everyone who reads the collective sees them. */
@ApiTags('plugins')
@ApiBearerAuth()
@Controller('api/collectives/:collectiveId/plugins')
export class PluginsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Get()
  @OptionalAuth()
  async list(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: CollectivePluginsParamsDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'collective.read');
    return this.queries.execute(new ListPluginsQuery(params.collectiveId));
  }

  @Put(':pluginId')
  async configure(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: PluginParamsDto,
    @Body() body: ConfigurePluginDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'collective.configure');
    return this.commands.execute(new ConfigurePluginCommand(params.collectiveId, params.pluginId, body));
  }

  @Delete(':pluginId')
  async disable(@CurrentAccount() account: AuthenticatedAccount, @Param() params: PluginParamsDto) {
    await this.access.assertCan(account, params.collectiveId, 'collective.configure');
    return this.commands.execute(new DisablePluginCommand(params.collectiveId, params.pluginId));
  }
}
