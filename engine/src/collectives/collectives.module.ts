import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { CollectivesController } from './collectives.controller';
import {
  CreateCollectiveHandler,
  CreateTopicHandler,
  UpdateCollectiveSettingsHandler,
} from './commands/collective.handlers';
import { GetCollectiveHandler } from './queries/get-collective.handler';

export const CollectiveCommandHandlers = [
  CreateCollectiveHandler,
  UpdateCollectiveSettingsHandler,
  CreateTopicHandler,
];
export const CollectiveQueryHandlers = [GetCollectiveHandler];

/** Collectives and their topics: creation, settings, reading; their API. */
@Module({
  imports: [RecordModule],
  controllers: [CollectivesController],
  providers: [...CollectiveCommandHandlers, ...CollectiveQueryHandlers],
})
export class CollectivesModule {}
