import { isMethodResult } from '../ballot-methods';
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../access/access.service';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { CurrentAccount } from '../auth/current-account.decorator';
import { OptionalAuth } from '../auth/public.decorator';
import { LiquideError } from '../errors/liquide-error';
import { RecordErrorCode } from './record-errors';
import type { RecordExportV1 } from './record-format';
import { RecordService, type ClosedBallotRecord } from './record.service';
import { toPopoloVoteEvent, toResultsCsv, type PopoloVoteEvent } from './result-formats';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longest ballot id looked up in the record (ids are UUIDs; a longer one is not found). */
const MAX_ID = 100;

/**
 * The public record of a collective and its closed ballots' results, for whoever the access policy lets
 * do `record.read` (anyone for a public collective, its members otherwise).
 */
@ApiTags('record')
@ApiParam({ name: 'collectiveId', schema: { type: 'string', format: 'uuid' } })
@OptionalAuth()
@Controller('api/collectives/:collectiveId')
export class RecordController {
  constructor(
    private readonly record: RecordService,
    private readonly access: AccessService,
  ) {}

  @Get('record')
  @ApiOperation({ summary: 'The hash-chained public record, format liquide-record/1 (docs/record.md)' })
  async exportRecord(
    @Param('collectiveId') collectiveId: string,
    @CurrentAccount() account: AuthenticatedAccount | null,
  ): Promise<RecordExportV1> {
    await this.allowRead(account, collectiveId);
    return this.record.exportRecord(collectiveId);
  }

  @Get('ballots/:ballotId/popolo')
  @ApiParam({ name: 'ballotId', schema: { type: 'string', maxLength: MAX_ID } })
  @ApiOperation({ summary: 'A closed ballot’s result as a Popolo VoteEvent' })
  async popolo(
    @Param('collectiveId') collectiveId: string,
    @Param('ballotId') ballotId: string,
    @CurrentAccount() account: AuthenticatedAccount | null,
  ): Promise<PopoloVoteEvent> {
    const ballot = await this.closedBallot(account, collectiveId, ballotId);
    const result = ballot.payload.result;
    if (isMethodResult(result)) {
      throw new LiquideError(RecordErrorCode.NotAMotion, {
        field: 'ballotId',
        params: { ballotId, method: result.method },
      });
    }
    return toPopoloVoteEvent(
      collectiveId,
      { ...ballot.payload, result },
      {
        openedAt: ballot.openedAt,
        closedAt: ballot.closedAt,
      },
    );
  }

  @Get('ballots/:ballotId/results.csv')
  @ApiParam({ name: 'ballotId', schema: { type: 'string', maxLength: MAX_ID } })
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'A closed ballot’s totals and seats as CSV: option,weight,seats' })
  async resultsCsv(
    @Param('collectiveId') collectiveId: string,
    @Param('ballotId') ballotId: string,
    @CurrentAccount() account: AuthenticatedAccount | null,
  ): Promise<string> {
    const ballot = await this.closedBallot(account, collectiveId, ballotId);
    return toResultsCsv(ballot.payload.result);
  }

  private async allowRead(account: AuthenticatedAccount | null, collectiveId: string): Promise<void> {
    if (!UUID.test(collectiveId) || !(await this.record.collectiveExists(collectiveId))) {
      throw new LiquideError(RecordErrorCode.CollectiveNotFound, {
        field: 'collectiveId',
        params: { collectiveId },
      });
    }
    await this.access.assertCan(account, collectiveId, 'record.read');
  }

  private async closedBallot(
    account: AuthenticatedAccount | null,
    collectiveId: string,
    ballotId: string,
  ): Promise<ClosedBallotRecord> {
    await this.allowRead(account, collectiveId);
    const ballot =
      ballotId.length <= MAX_ID ? await this.record.findClosedBallot(collectiveId, ballotId) : undefined;
    if (!ballot) {
      throw new LiquideError(RecordErrorCode.BallotNotFound, { field: 'ballotId', params: { ballotId } });
    }
    return ballot;
  }
}
