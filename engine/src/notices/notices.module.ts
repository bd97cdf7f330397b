import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LiveModule } from '../live/live.module';
import { ClosingReminderScheduler, RemindUnrepresentedHandler } from './closing-reminder';
import { MailNoticesHandler, NoticeMailScheduler } from './notice-mailer';
import { NoticeCommandHandlers, NoticeQueryHandlers } from './notices.handlers';
import { NoticePreferencesService } from './notice-preferences';
import { NoticeProjector } from './notice-projector';
import { NoticeStore } from './notice.store';
import { NoticesController } from './notices.controller';
import { UnsubscribeTokens } from './unsubscribe-token';
import './notices.errors';

/**
 * Notices that reach people when the app is closed: stored per membership, pushed live, listed over
 * HTTP and mailed at once, in a daily digest or never, with a one-click signed unsubscribe.
 * See docs/notices.md.
 */
@Module({
  imports: [AuthModule, LiveModule],
  controllers: [NoticesController],
  providers: [
    NoticeStore,
    NoticePreferencesService,
    UnsubscribeTokens,
    NoticeProjector,
    RemindUnrepresentedHandler,
    ClosingReminderScheduler,
    MailNoticesHandler,
    NoticeMailScheduler,
    ...NoticeCommandHandlers,
    ...NoticeQueryHandlers,
  ],
})
export class NoticesModule {}
