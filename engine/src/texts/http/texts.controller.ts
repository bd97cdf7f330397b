import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessService } from '../../access/access.service';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CurrentAccount } from '../../auth/current-account.decorator';
import { OptionalAuth } from '../../auth/public.decorator';
import { BillParamDto } from '../../bills/bills.schemas';
import { ReviseBillTextCommand } from '../commands/revise-bill-text.command';
import { DiffVersionsQuery, GetVersionQuery, ListVersionsQuery } from '../queries/text.queries';
import { toAkomaNtoso, toMarkdown } from '../text-export';
import { DiffQueryDto, EditTextDto, VersionFormatQueryDto, VersionParamsDto } from './texts.schemas';

/** The history of a bill's text: versions, diffs, exports (JSON, Markdown, Akoma Ntoso), and edits. */
@ApiTags('texts')
@ApiBearerAuth()
@Controller('api/bills/:billId')
export class TextsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Get('versions')
  @OptionalAuth()
  async list(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: BillParamDto) {
    await this.access.assertCanOnBill(account, params.billId, 'bill.read');
    return this.queries.execute(new ListVersionsQuery(params.billId));
  }

  /** `versions/3`, `versions/latest.md`, `versions/2.akn.xml`, or `versions/2?format=akn`. */
  @Get('versions/:ref')
  @OptionalAuth()
  async get(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: VersionParamsDto,
    @Query() query: VersionFormatQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.access.assertCanOnBill(account, params.billId, 'bill.read');
    const [number, suffix] = params.ref.split(/\.(.*)/s);
    const version = await this.queries.execute(
      new GetVersionQuery(params.billId, number === 'latest' ? null : Number(number)),
    );
    const format = suffix ?? query.format ?? 'json';
    if (format === 'md' || format === 'markdown') {
      res.type('text/markdown; charset=utf-8');
      return toMarkdown(version);
    }
    if (format === 'akn' || format === 'xml' || format === 'akn.xml') {
      res.type('application/akn+xml; charset=utf-8');
      return toAkomaNtoso(version);
    }
    return version;
  }

  @Get('diff')
  @OptionalAuth()
  async diff(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: BillParamDto,
    @Query() query: DiffQueryDto,
  ) {
    await this.access.assertCanOnBill(account, params.billId, 'bill.read');
    return this.queries.execute(new DiffVersionsQuery(params.billId, query.from, query.to));
  }

  /** An organiser's edit: a whole new text, recorded with reason `edit`. */
  @Post('versions')
  async edit(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BillParamDto,
    @Body() body: EditTextDto,
  ) {
    const { member } = await this.access.assertCanOnBill(account, params.billId, 'bill.create');
    const { number } = await this.commands.execute(
      new ReviseBillTextCommand(params.billId, {
        authorId: member?.id ?? null,
        reason: { kind: 'edit', ref: body.note ?? null },
        body: { sections: body.sections, articles: body.articles },
        ...(body.baseVersion !== undefined ? { baseVersion: body.baseVersion } : {}),
      }),
    );
    return { number };
  }
}
