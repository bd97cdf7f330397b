import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  CurrentAccount,
  GetBillScopeQuery,
  LiquideError,
  OptionalAuth,
  PluginAccessService,
  type AuthenticatedAccount,
  type BillScope,
} from '@liquide/engine';
import { EntityManager } from '@mikro-orm/postgresql';
import { AnswerQuestionInput, AskQuestionInput, ModerateQuestionInput } from '../contracts';
import {
  AnswerQuestionCommand,
  AskQuestionCommand,
  ModerateQuestionCommand,
  SupportQuestionCommand,
} from './questions.commands';
import { ListQuestionsQuery, QuestionsOpenDataQuery } from './questions.queries';
import { QuestionErrorCode } from './questions.errors';
import type { QuestionAction } from './questions.actions';

class AskDto extends createZodDto(AskQuestionInput) {}
class AnswerQuestionDto extends createZodDto(AnswerQuestionInput) {}
class ModerateDto extends createZodDto(ModerateQuestionInput) {}
class BillParamDto extends createZodDto(z.strictObject({ billId: z.uuid() })) {}
class QuestionParamDto extends createZodDto(z.strictObject({ questionId: z.uuid() })) {}
class CollectiveParamDto extends createZodDto(z.strictObject({ collectiveId: z.uuid() })) {}

/** Questions to deputies: controllers parse, authorise through the plugin host, and execute. */
@ApiTags('questions')
@ApiBearerAuth()
@Controller('api')
export class QuestionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: PluginAccessService,
    private readonly em: EntityManager,
  ) {}

  private bill(billId: string): Promise<BillScope> {
    return this.queries.execute(new GetBillScopeQuery(billId));
  }

  private async onQuestion(account: AuthenticatedAccount, questionId: string, action: QuestionAction) {
    const [row] = await this.em
      .fork()
      .execute<{ collective_id: string }[]>('select collective_id from question where id = ?', [questionId]);
    if (!row) {
      throw new LiquideError(QuestionErrorCode.NotFound, { field: 'questionId' });
    }
    return this.access.assertMember(account, row.collective_id, action);
  }

  @Get('bills/:billId/questions')
  @OptionalAuth()
  async list(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: BillParamDto) {
    const scope = await this.bill(params.billId);
    const { member } = await this.access.assertCan(account, scope.collectiveId, 'questions.read');
    const moderator = member?.roles.includes('organiser') ?? false;
    return this.queries.execute(new ListQuestionsQuery(params.billId, member?.id ?? null, moderator));
  }

  @Post('bills/:billId/questions')
  async ask(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BillParamDto,
    @Body() body: AskDto,
  ) {
    const scope = await this.bill(params.billId);
    const { member } = await this.access.assertMember(account, scope.collectiveId, 'questions.ask');
    return this.commands.execute(
      new AskQuestionCommand(
        scope.collectiveId,
        params.billId,
        { memberId: member.id, displayName: member.displayName },
        body,
      ),
    );
  }

  @Post('questions/:questionId/support')
  @HttpCode(200)
  async support(@CurrentAccount() account: AuthenticatedAccount, @Param() params: QuestionParamDto) {
    const { member } = await this.onQuestion(account, params.questionId, 'questions.support');
    return this.commands.execute(new SupportQuestionCommand(params.questionId, member.id, true));
  }

  @Delete('questions/:questionId/support')
  async unsupport(@CurrentAccount() account: AuthenticatedAccount, @Param() params: QuestionParamDto) {
    const { member } = await this.onQuestion(account, params.questionId, 'questions.support');
    return this.commands.execute(new SupportQuestionCommand(params.questionId, member.id, false));
  }

  @Post('questions/:questionId/answers')
  async answer(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: QuestionParamDto,
    @Body() body: AnswerQuestionDto,
  ) {
    const { member } = await this.onQuestion(account, params.questionId, 'questions.answer');
    return this.commands.execute(
      new AnswerQuestionCommand(
        params.questionId,
        { memberId: member.id, displayName: member.displayName },
        body,
      ),
    );
  }

  @Post('questions/:questionId/moderation')
  @HttpCode(200)
  async moderate(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: QuestionParamDto,
    @Body() body: ModerateDto,
  ) {
    await this.onQuestion(account, params.questionId, 'questions.moderate');
    return this.commands.execute(new ModerateQuestionCommand(params.questionId, body));
  }

  @Get('collectives/:collectiveId/questions/open-data.csv')
  @OptionalAuth()
  @Header('content-type', 'text/csv; charset=utf-8')
  async openData(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: CollectiveParamDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'questions.read');
    return this.queries.execute(new QuestionsOpenDataQuery(params.collectiveId));
  }
}
