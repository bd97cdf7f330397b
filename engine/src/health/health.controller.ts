import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { DatabaseMonitor, type DatabaseState } from '../database/database-monitor';
import { CommonErrorCode } from '../errors/common-errors';
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors/database-errors';

/** What `GET /health` answers: 200 when everything is up, 503 saying what is not. */
export interface HealthReport {
  readonly status: 'ok' | 'error';
  /** `unreachable`: refused or dropped connections; `timeout`: no answer within the watchdog's bound. */
  readonly database: DatabaseState;
  /** Round trip of the check, in milliseconds. */
  readonly databaseLatencyMs: number;
  /** How long ago that check finished, in milliseconds (the watchdog checks every quarter second). */
  readonly databaseCheckedMsAgo: number;
  /** Present when not ok: the error code a request would get now. */
  readonly code?: string;
  readonly uptimeSeconds: number;
}

/**
 * Liveness and database state, for operators and load balancers. The database state is the
 * watchdog's (its own connection, never the pool, a short bound, a check every quarter second): the
 * answer never waits on the database, and comes within a second whatever the database does. The
 * driver's reason goes to the log, not to this public answer (it names hosts and ports).
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly monitor: DatabaseMonitor) {}

  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const database = await this.monitor.report();
    const uptimeSeconds = Math.round(process.uptime());
    if (database.state === 'up') {
      response.status(HttpStatus.OK);
      return {
        status: 'ok',
        database: 'up',
        databaseLatencyMs: database.latencyMs,
        databaseCheckedMsAgo: database.ageMs,
        uptimeSeconds,
      };
    }
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return {
      status: 'error',
      database: database.state,
      databaseLatencyMs: database.latencyMs,
      databaseCheckedMsAgo: database.ageMs,
      code: CommonErrorCode.DatabaseUnavailable,
      uptimeSeconds,
    };
  }
}
