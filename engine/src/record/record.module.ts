import { Module } from '@nestjs/common';
import { RecordController } from './record.controller';
import { RecordSealer } from './record-sealer';
import { RecordService } from './record.service';

/**
 * The public record: `RecordService.append` for writers, the background sealer, and the export routes.
 * Read access is decided by the global `AccessService` (action `record.read`).
 */
@Module({
  controllers: [RecordController],
  providers: [RecordService, RecordSealer],
  exports: [RecordService],
})
export class RecordModule {}
