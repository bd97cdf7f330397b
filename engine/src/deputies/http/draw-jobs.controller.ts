import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Logger,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EntityManager } from '@mikro-orm/postgresql';
import { AccessService } from '../../access/access.service';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CurrentAccount } from '../../auth/current-account.decorator';
import { pickLanguage } from '../../errors/error-catalog';
import { renderError } from '../../errors/http-exception.filter';
import { LiquideError } from '../../errors/liquide-error';
import { GetSortitionQuery } from '../queries/deputies.queries';
import { CancelDrawCommand, StartDrawCommand } from '../jobs/draw-job.commands';
import type { DrawJobView } from '../jobs/draw-job.contract';
import { drawJobs, viewOf, type DrawJobRow } from '../jobs/draw-job.store';
import { DrawJobErrorCode } from '../jobs/draw-jobs.errors';
import { DrawDto, DrawJobParamDto, SortitionParamDto } from './schemas';

/**
 * A sortition's draw as a job (docs/sortition.md, "Draw as a job"): start it (202 and where to read it),
 * read it, cancel it. Organisers only (`sortition.manage`, active membership).
 */
@ApiTags('deputies')
@ApiBearerAuth()
@Controller('api/sortitions/:sortitionId')
export class DrawJobsController {
  private readonly logger = new Logger(DrawJobsController.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
    private readonly em: EntityManager,
  ) {}

  private async organiser(account: AuthenticatedAccount, sortitionId: string): Promise<string> {
    const view = await this.queries.execute(new GetSortitionQuery(sortitionId));
    const { member } = await this.access.assertCan(account, view.collectiveId, 'sortition.manage');
    return member?.id ?? '';
  }

  /** Reveals the seed and queues the draw: 202 with the job, `Location` where to follow it. */
  @Post('draw')
  @HttpCode(HttpStatus.ACCEPTED)
  async start(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: SortitionParamDto,
    @Body() body: DrawDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DrawJobView> {
    const memberId = await this.organiser(account, params.sortitionId);
    const job = await this.commands.execute(new StartDrawCommand(params.sortitionId, memberId, body));
    response.setHeader('Location', `/api/sortitions/${params.sortitionId}/draw-jobs/${job.id}`);
    return job;
  }

  /** The newest draw job of the sortition (the page resumes with it), or 404 when none was started. */
  @Get('draw-job')
  async latest(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: SortitionParamDto,
    @Headers('accept-language') language: string | undefined,
  ): Promise<DrawJobView> {
    await this.organiser(account, params.sortitionId);
    return this.found(await drawJobs.latest(this.em.fork(), params.sortitionId), language);
  }

  @Get('draw-jobs/:jobId')
  async get(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: DrawJobParamDto,
    @Headers('accept-language') language: string | undefined,
  ): Promise<DrawJobView> {
    await this.organiser(account, params.sortitionId);
    return this.found(await drawJobs.byId(this.em.fork(), params.sortitionId, params.jobId), language);
  }

  /** Stops the computation; the sortition stays committed and can be drawn again. */
  @Post('draw-jobs/:jobId/cancel')
  @HttpCode(HttpStatus.OK)
  async cancel(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: DrawJobParamDto,
  ): Promise<DrawJobView> {
    const memberId = await this.organiser(account, params.sortitionId);
    return this.commands.execute(new CancelDrawCommand(params.sortitionId, params.jobId, memberId));
  }

  /** The view, a failed job's error told in the reader's language. */
  private found(row: DrawJobRow | null, language: string | undefined): DrawJobView {
    if (!row) {
      throw new LiquideError(DrawJobErrorCode.JobNotFound, { field: 'jobId' });
    }
    const view = viewOf(row);
    if (!row.error) {
      return view;
    }
    const { code, field, params } = row.error;
    const body = renderError(new LiquideError(code, { field, params }), pickLanguage(language), this.logger);
    return { ...view, error: { code, ...(field ? { field } : {}), message: body.message } };
  }
}
