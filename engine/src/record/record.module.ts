import { Module } from '@nestjs/common';
import { PublicCollectivesOnlyAccess, RECORD_ACCESS } from './record-access';
import { RecordController } from './record.controller';
import { RecordSealer } from './record-sealer';
import { RecordService } from './record.service';

/**
 * The public record: `RecordService.append` for writers, the background sealer, and the export routes.
 * Read access is asked of the provider bound to {@link RECORD_ACCESS}.
 */
@Module({
  controllers: [RecordController],
  providers: [RecordService, RecordSealer, { provide: RECORD_ACCESS, useClass: PublicCollectivesOnlyAccess }],
  exports: [RecordService],
})
export class RecordModule {}
