import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';

export interface HealthReport {
  readonly status: 'ok' | 'error';
  readonly database: 'up' | 'down';
  readonly uptimeSeconds: number;
}

/** Liveness and database state, for operators and load balancers. */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly em: EntityManager) {}

  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const database = await this.em
      .getConnection()
      .execute('select 1')
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
    const status = database === 'up' ? 'ok' : 'error';
    response.status(status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status, database, uptimeSeconds: Math.round(process.uptime()) };
  }
}
