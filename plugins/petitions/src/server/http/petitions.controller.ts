import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CurrentAccount,
  OptionalAuth,
  PluginAccessService,
  type AuthenticatedAccount,
} from '@liquide/engine';
import {
  AnswerPetitionCommand,
  CommentPetitionCommand,
  DraftPetitionCommand,
  ModeratePetitionCommand,
  OpenSignaturesCommand,
  SignPetitionCommand,
  SponsorPetitionCommand,
  SubmitPetitionCommand,
  WithdrawSignatureCommand,
} from '../commands/petition.commands';
import { openDataCsv } from '../open-data-csv';
import { PetitionAccess } from '../petition-access';
import {
  GetPetitionQuery,
  ListCommentsQuery,
  ListPetitionsQuery,
  PetitionOpenDataQuery,
} from '../queries/petition.queries';
import {
  AnswerDto,
  CommentDto,
  DraftPetitionDto,
  ModeratePetitionDto,
  PetitionCollectiveParamDto,
  PetitionParamDto,
} from './petitions.dtos';

/** The petitions API: controllers parse input, authorise through the plugin host, and execute. */
@ApiTags('petitions')
@ApiBearerAuth()
@Controller('api')
export class PetitionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: PluginAccessService,
    private readonly petitions: PetitionAccess,
  ) {}

  @Post('collectives/:collectiveId/petitions')
  async draft(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: PetitionCollectiveParamDto,
    @Body() body: DraftPetitionDto,
  ) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'petitions.draft');
    return this.commands.execute(new DraftPetitionCommand(params.collectiveId, member.id, body));
  }

  @Get('collectives/:collectiveId/petitions')
  @OptionalAuth()
  async list(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: PetitionCollectiveParamDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'petitions.read');
    return this.queries.execute(new ListPetitionsQuery(params.collectiveId));
  }

  @Get('petitions/:petitionId')
  @OptionalAuth()
  async get(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: PetitionParamDto) {
    const { member } = await this.petitions.assertCan(account, params.petitionId, 'petitions.read');
    return this.queries.execute(new GetPetitionQuery(params.petitionId, member?.active ? member.id : null));
  }

  @Post('petitions/:petitionId/sponsors')
  async sponsor(@CurrentAccount() account: AuthenticatedAccount, @Param() params: PetitionParamDto) {
    const { member } = await this.petitions.assertMember(account, params.petitionId, 'petitions.sponsor');
    return this.commands.execute(new SponsorPetitionCommand(params.petitionId, member.id));
  }

  @Post('petitions/:petitionId/submit')
  @HttpCode(200)
  async submit(@CurrentAccount() account: AuthenticatedAccount, @Param() params: PetitionParamDto) {
    const { member } = await this.petitions.assertMember(account, params.petitionId, 'petitions.draft');
    return this.commands.execute(new SubmitPetitionCommand(params.petitionId, member.id));
  }

  @Post('petitions/:petitionId/moderation')
  @HttpCode(200)
  async moderate(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: PetitionParamDto,
    @Body() body: ModeratePetitionDto,
  ) {
    await this.petitions.assertCan(account, params.petitionId, 'petitions.moderate');
    return this.commands.execute(new ModeratePetitionCommand(params.petitionId, body));
  }

  /** Ends deliberation early and opens signatures. */
  @Post('petitions/:petitionId/open')
  @HttpCode(200)
  async open(@CurrentAccount() account: AuthenticatedAccount, @Param() params: PetitionParamDto) {
    await this.petitions.assertCan(account, params.petitionId, 'petitions.moderate');
    return this.commands.execute(new OpenSignaturesCommand(params.petitionId));
  }

  @Get('petitions/:petitionId/comments')
  @OptionalAuth()
  async comments(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: PetitionParamDto) {
    await this.petitions.assertCan(account, params.petitionId, 'petitions.read');
    return this.queries.execute(new ListCommentsQuery(params.petitionId));
  }

  @Post('petitions/:petitionId/comments')
  async comment(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: PetitionParamDto,
    @Body() body: CommentDto,
  ) {
    const { member } = await this.petitions.assertMember(account, params.petitionId, 'petitions.deliberate');
    return this.commands.execute(new CommentPetitionCommand(params.petitionId, member.id, body));
  }

  @Put('petitions/:petitionId/signature')
  async sign(@CurrentAccount() account: AuthenticatedAccount, @Param() params: PetitionParamDto) {
    const { member } = await this.petitions.assertMember(account, params.petitionId, 'petitions.sign');
    return this.commands.execute(new SignPetitionCommand(params.petitionId, member.id));
  }

  @Delete('petitions/:petitionId/signature')
  async withdraw(@CurrentAccount() account: AuthenticatedAccount, @Param() params: PetitionParamDto) {
    const { member } = await this.petitions.assertMember(account, params.petitionId, 'petitions.sign');
    return this.commands.execute(new WithdrawSignatureCommand(params.petitionId, member.id));
  }

  @Post('petitions/:petitionId/answer')
  @HttpCode(200)
  async answer(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: PetitionParamDto,
    @Body() body: AnswerDto,
  ) {
    await this.petitions.assertCan(account, params.petitionId, 'petitions.answer');
    return this.commands.execute(new AnswerPetitionCommand(params.petitionId, body));
  }

  @Get('petitions/:petitionId/open-data.json')
  @OptionalAuth()
  async openData(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: PetitionParamDto) {
    await this.petitions.assertCan(account, params.petitionId, 'petitions.read');
    return this.queries.execute(new PetitionOpenDataQuery(params.petitionId));
  }

  @Get('petitions/:petitionId/open-data.csv')
  @OptionalAuth()
  @Header('content-type', 'text/csv; charset=utf-8')
  async openDataCsv(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: PetitionParamDto,
  ) {
    await this.petitions.assertCan(account, params.petitionId, 'petitions.read');
    return openDataCsv(await this.queries.execute(new PetitionOpenDataQuery(params.petitionId)));
  }
}
