import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { pickLanguage } from '../errors/error-catalog';
import { renderError } from '../errors/http-exception.filter';
import { LiquideError } from '../errors/liquide-error';
import { isLoopback } from './client-address';
import { SecurityErrorCode } from './security.errors';

/** How long an HTTP client may take, and how many connections one address may hold (docs/security.md). */
export interface HttpConnectionLimits {
  /** An idle keep-alive connection is kept this long for the client's next request. */
  readonly keepAliveTimeoutMs: number;
  /** The whole head of a request (request line and headers) must arrive within this time. */
  readonly headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this time. */
  readonly requestTimeoutMs: number;
  /** Open connections per peer address (loopback peers, trusted proxies, are not counted). */
  readonly maxConnectionsPerAddress: number;
}

/** Seconds a refused client is told to wait (`Retry-After`). */
const RETRY_AFTER_SECONDS = 10;

/**
 * Bounds what one client can hold of the HTTP server: a request's head must come within
 * `headersTimeoutMs` and the whole request within `requestTimeoutMs` (Node answers 408 and closes), an
 * idle connection is closed after `keepAliveTimeoutMs`, and one address holds at most
 * `maxConnectionsPerAddress` connections: past it, a request is answered 503 `security.too_many_connections`
 * (in the caller's language) and its connection closed; past twice as many, a new connection is closed
 * before anything is read. Loopback peers are a proxy on this machine (the server trusts it to name its
 * clients): their connections are not counted, the proxy limits its own clients.
 *
 * Returns the middleware that answers the refused requests; install it first.
 */
export function limitHttpConnections(
  server: Server,
  limits: HttpConnectionLimits,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  const max = limits.maxConnectionsPerAddress;
  const open = new Map<string, number>();
  const refused = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined || isLoopback(address)) {
      return;
    }
    const count = (open.get(address) ?? 0) + 1;
    if (count > max * 2) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) {
        open.set(address, left);
      } else {
        open.delete(address);
      }
    });
    if (count > max) {
      refused.add(socket);
    }
  });
  const logger = new Logger('HttpConnections');
  return (req, res, next) => {
    if (!refused.has(req.socket)) {
      next();
      return;
    }
    const error = new LiquideError(SecurityErrorCode.TooManyConnections, { params: { max } });
    const body = renderError(error, pickLanguage(req.headers['accept-language']), logger);
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    res.writeHead(body.statusCode, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': bytes.length,
      'retry-after': String(RETRY_AFTER_SECONDS),
      connection: 'close',
    });
    res.end(bytes);
  };
}
