import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  CurrentAccount,
  LiquideError,
  OptionalAuth,
  PluginAccessService,
  type AuthenticatedAccount,
} from '@liquide/engine';
import {
  CreateAreaInput,
  CreateIssueInput,
  InitiativeInput,
  RatingInput,
  ReviseInput,
  SuggestionInput,
} from '../contracts';
import {
  AddInitiativeCommand,
  CreateAreaCommand,
  CreateIssueCommand,
  RateSuggestionCommand,
  ReviseInitiativeCommand,
  SuggestCommand,
  SupportInitiativeCommand,
} from './agenda.commands';
import type { AgendaAction } from './agenda.actions';
import { AgendaErrorCode } from './agenda.errors';
import { GetIssueQuery, ListAgendaQuery } from './agenda.queries';

class AreaDto extends createZodDto(CreateAreaInput) {}
class IssueDto extends createZodDto(CreateIssueInput) {}
class InitiativeDto extends createZodDto(InitiativeInput) {}
class ReviseDto extends createZodDto(ReviseInput) {}
class SuggestionDto extends createZodDto(SuggestionInput) {}
class RatingDto extends createZodDto(RatingInput) {}
class CollectiveParamDto extends createZodDto(z.strictObject({ collectiveId: z.uuid() })) {}
class AreaParamDto extends createZodDto(z.strictObject({ areaId: z.uuid() })) {}
class IssueParamDto extends createZodDto(z.strictObject({ issueId: z.uuid() })) {}
class InitiativeParamDto extends createZodDto(z.strictObject({ initiativeId: z.uuid() })) {}
class SuggestionParamDto extends createZodDto(z.strictObject({ suggestionId: z.uuid() })) {}

/** Where each kind of row finds its collective (the plugin's own tables). */
const COLLECTIVE_OF = {
  areaId: ['select collective_id from agenda_area where id = ?', AgendaErrorCode.AreaNotFound],
  issueId: ['select collective_id from agenda_issue where id = ?', AgendaErrorCode.IssueNotFound],
  initiativeId: [
    `select s.collective_id from agenda_initiative i join agenda_issue s on s.id = i.issue_id where i.id = ?`,
    AgendaErrorCode.InitiativeNotFound,
  ],
  suggestionId: [
    `select s.collective_id from agenda_suggestion g join agenda_initiative i on i.id = g.initiative_id
       join agenda_issue s on s.id = i.issue_id where g.id = ?`,
    AgendaErrorCode.SuggestionNotFound,
  ],
} as const;

/** The agenda API: controllers parse, authorise through the plugin host, and execute. */
@ApiTags('agenda')
@ApiBearerAuth()
@Controller('api')
export class AgendaController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: PluginAccessService,
    private readonly em: EntityManager,
  ) {}

  private async collectiveOf(kind: keyof typeof COLLECTIVE_OF, id: string): Promise<string> {
    const [sql, code] = COLLECTIVE_OF[kind];
    const [row] = await this.em.fork().execute<{ collective_id: string }[]>(sql, [id]);
    if (!row) {
      throw new LiquideError(code, { field: kind });
    }
    return row.collective_id;
  }

  private async member(
    account: AuthenticatedAccount,
    kind: keyof typeof COLLECTIVE_OF,
    id: string,
    action: AgendaAction,
  ) {
    return (await this.access.assertMember(account, await this.collectiveOf(kind, id), action)).member;
  }

  @Get('collectives/:collectiveId/agenda')
  @OptionalAuth()
  async list(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: CollectiveParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'agenda.read');
    return this.queries.execute(new ListAgendaQuery(params.collectiveId));
  }

  @Post('collectives/:collectiveId/agenda/areas')
  async createArea(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: AreaDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'agenda.areas');
    return this.commands.execute(new CreateAreaCommand(params.collectiveId, body));
  }

  @Post('agenda/areas/:areaId/issues')
  async createIssue(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: AreaParamDto,
    @Body() body: IssueDto,
  ) {
    const member = await this.member(account, 'areaId', params.areaId, 'agenda.initiate');
    return this.commands.execute(new CreateIssueCommand(params.areaId, member.id, body));
  }

  @Get('agenda/issues/:issueId')
  @OptionalAuth()
  async issue(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: IssueParamDto) {
    const collectiveId = await this.collectiveOf('issueId', params.issueId);
    const { member } = await this.access.assertCan(account, collectiveId, 'agenda.read');
    return this.queries.execute(new GetIssueQuery(params.issueId, member?.active ? member.id : null));
  }

  @Post('agenda/issues/:issueId/initiatives')
  async addInitiative(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: IssueParamDto,
    @Body() body: InitiativeDto,
  ) {
    const member = await this.member(account, 'issueId', params.issueId, 'agenda.initiate');
    return this.commands.execute(new AddInitiativeCommand(params.issueId, member.id, body));
  }

  @Put('agenda/initiatives/:initiativeId/text')
  async revise(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: InitiativeParamDto,
    @Body() body: ReviseDto,
  ) {
    const member = await this.member(account, 'initiativeId', params.initiativeId, 'agenda.initiate');
    return this.commands.execute(new ReviseInitiativeCommand(params.initiativeId, member.id, body));
  }

  @Put('agenda/initiatives/:initiativeId/support')
  async support(@CurrentAccount() account: AuthenticatedAccount, @Param() params: InitiativeParamDto) {
    const member = await this.member(account, 'initiativeId', params.initiativeId, 'agenda.support');
    return this.commands.execute(new SupportInitiativeCommand(params.initiativeId, member.id, true));
  }

  @Delete('agenda/initiatives/:initiativeId/support')
  async unsupport(@CurrentAccount() account: AuthenticatedAccount, @Param() params: InitiativeParamDto) {
    const member = await this.member(account, 'initiativeId', params.initiativeId, 'agenda.support');
    return this.commands.execute(new SupportInitiativeCommand(params.initiativeId, member.id, false));
  }

  @Post('agenda/initiatives/:initiativeId/suggestions')
  async suggest(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: InitiativeParamDto,
    @Body() body: SuggestionDto,
  ) {
    const member = await this.member(account, 'initiativeId', params.initiativeId, 'agenda.suggest');
    return this.commands.execute(new SuggestCommand(params.initiativeId, member.id, body));
  }

  @Put('agenda/suggestions/:suggestionId/rating')
  @HttpCode(200)
  async rate(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: SuggestionParamDto,
    @Body() body: RatingDto,
  ) {
    const member = await this.member(account, 'suggestionId', params.suggestionId, 'agenda.suggest');
    return this.commands.execute(new RateSuggestionCommand(params.suggestionId, member.id, body));
  }
}
