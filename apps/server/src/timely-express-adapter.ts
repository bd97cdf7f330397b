import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { HttpConnectionLimits } from '@liquide/engine';
import { ExpressAdapter } from '@nestjs/platform-express';

/**
 * Node checks the head and request timeouts of every connection on a timer (30 s by default, so a slow
 * client held a connection for up to 30 s past its limit). Nest's Express adapter creates the server
 * without options; this one creates it with the timer it is given. Plain HTTP only (TLS ends at a proxy).
 */
export class TimelyExpressAdapter extends ExpressAdapter {
  constructor(private readonly checkingIntervalMs: number) {
    super();
  }

  override initHttpServer(): void {
    this.httpServer = createServer(
      { connectionsCheckingInterval: this.checkingIntervalMs },
      this.getInstance<(req: IncomingMessage, res: ServerResponse) => void>(),
    );
  }
}

/** Interval of Node's timeout checks for these limits: a tenth of the shortest, between 0.1 and 5 s. */
export function checkingIntervalFor(limits: HttpConnectionLimits): number {
  return Math.min(5000, Math.max(100, Math.floor(limits.headersTimeoutMs / 10)));
}
