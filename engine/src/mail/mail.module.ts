import { Global, Module } from '@nestjs/common';
import { MailDevController } from './mail-dev.controller';
import { MailOutbox } from './mail.contract';
import { PgMailOutbox } from './mail-outbox.service';
import { MailSender } from './mail-sender';

/**
 * E-mail: the durable outbox (`MailOutbox`, injectable everywhere — engine features and plugins) and
 * the sender that delivers it over SMTP, or to the local outbox when SMTP_URL is unset.
 */
@Global()
@Module({
  controllers: [MailDevController],
  providers: [PgMailOutbox, { provide: MailOutbox, useExisting: PgMailOutbox }, MailSender],
  exports: [MailOutbox],
})
export class MailModule {}
