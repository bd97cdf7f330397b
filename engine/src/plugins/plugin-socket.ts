import type { Logger } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import type { TokenService } from '../auth/token.service';
import { pickLanguage, type Language } from '../errors/error-catalog';
import { renderError } from '../errors/http-exception.filter';

/** What the engine's socket middleware leaves on `socket.data` (shared by every gateway on `/socket.io`). */
export interface PluginSocketData {
  account?: AuthenticatedAccount | null;
  language?: Language;
}

/** The refusal a plugin's socket event acknowledges with (same shape as the engine's `WatchAnswer`). */
export interface SocketRefusal {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/**
 * Authenticates sockets for a plugin gateway sharing the engine's server (`path: '/socket.io'`):
 * the same rule as the engine's gateway (the access token in `auth.token`, anonymous without one,
 * refused when bad). Idempotent: a socket the engine's middleware already authenticated is let through.
 */
export function authenticateSockets(server: Server, tokens: TokenService, logger: Logger): void {
  server.use((socket: Socket, next) => {
    const data = socket.data as PluginSocketData;
    data.language ??= pickLanguage(socket.handshake.headers['accept-language']);
    if (data.account !== undefined) {
      next();
      return;
    }
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : undefined;
    if (!token) {
      data.account = null;
      next();
      return;
    }
    tokens.verifyAccessToken(token).then(
      (account) => {
        data.account = account;
        next();
      },
      (error: unknown) => {
        const body = renderError(error, data.language ?? 'fr', logger);
        next(Object.assign(new Error(body.message), { data: { code: body.code, status: body.statusCode } }));
      },
    );
  });
}

/** The caller of a socket event, as the middleware found them. */
export function socketCaller(socket: Socket): { account: AuthenticatedAccount | null; language: Language } {
  const data = socket.data as PluginSocketData;
  return { account: data.account ?? null, language: data.language ?? 'fr' };
}

/** Renders any error as an acknowledgement, in the socket's language. */
export function socketRefusal(error: unknown, socket: Socket, logger: Logger): SocketRefusal {
  const body = renderError(error, socketCaller(socket).language, logger);
  return { ok: false, code: body.code, message: body.message, ...(body.field ? { field: body.field } : {}) };
}
