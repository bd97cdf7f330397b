import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { ReviseBillTextHandler } from './commands/revise-bill-text.handler';
import { TextsController } from './http/texts.controller';
import { DiffVersionsHandler, GetVersionHandler, ListVersionsHandler } from './queries/text.query-handlers';
import './texts.errors';

/** Versioned texts of bills: history, diffs, exports, and the revision command plugins use. */
@Module({
  imports: [RecordModule],
  controllers: [TextsController],
  providers: [ReviseBillTextHandler, ListVersionsHandler, GetVersionHandler, DiffVersionsHandler],
})
export class TextsModule {}
