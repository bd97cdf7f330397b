import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Public } from '../auth/public.decorator';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { CommonErrorCode } from '../errors/common-errors';
import { LiquideError } from '../errors/liquide-error';

const DevMailQuery = z.object({
  to: z.string().trim().toLowerCase().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
class DevMailQueryDto extends createZodDto(DevMailQuery) {}

/** A message of the local outbox, as the development page lists it. */
export interface DevMailView {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly dedupeKey: string;
  readonly messageId: string;
  readonly status: string;
  readonly createdAt: string;
}

interface Row {
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  dedupe_key: string;
  message_id: string;
  status: string;
  created_at: Date;
}

/**
 * The local outbox, for developers and tests: only when SMTP_URL is unset and NODE_ENV is not
 * production (otherwise every route answers 404, as if it did not exist). It plays the mailbox of
 * every address, which is why it must never exist where real people have accounts.
 */
@ApiTags('development')
@Public()
@Controller('api/dev/mail')
export class MailDevController {
  constructor(
    private readonly em: EntityManager,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  /** Newest first, optionally for one recipient. */
  @Get('messages')
  @Header('Cache-Control', 'no-store')
  async messages(@Query() query: DevMailQueryDto): Promise<DevMailView[]> {
    this.assertEnabled();
    const rows = await this.em.fork().execute<Row[]>(
      `select recipient, subject, text_body, html_body, dedupe_key, message_id, status, created_at
         from mail_outbox where (?::text is null or recipient = ?) order by id desc limit ?`,
      [query.to ?? null, query.to ?? null, query.limit],
    );
    return rows.map((row) => ({
      to: row.recipient,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      dedupeKey: row.dedupe_key,
      messageId: row.message_id,
      status: row.status,
      createdAt: new Date(row.created_at).toISOString(),
    }));
  }

  /** The same list as a readable page, with the links clickable. */
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@Query() query: DevMailQueryDto): Promise<string> {
    const messages = await this.messages(query);
    const items = messages
      .map(
        (m) =>
          `<article><h2>${escapeHtml(m.subject)}</h2><p><b>To:</b> ${escapeHtml(m.to)} · ${escapeHtml(m.createdAt)} · ${escapeHtml(m.status)}</p>` +
          `<pre>${linkify(escapeHtml(m.text))}</pre></article>`,
      )
      .join('\n');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local outbox</title></head>
<body><h1>Local outbox (development only: SMTP_URL is unset)</h1>${items || '<p>No message yet.</p>'}</body></html>`;
  }

  private assertEnabled(): void {
    if (this.config.mail.smtpUrl || this.config.env === 'production') {
      throw new LiquideError(CommonErrorCode.RouteNotFound);
    }
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
