export * from './mail.contract';
export { MailModule } from './mail.module';
export { messageIdFor } from './message-id';
export { PgMailOutbox } from './mail-outbox.service';
