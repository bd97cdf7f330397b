import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { LiquideConfig } from '../config/liquide-config';

/** Host headers that may be echoed into a header value (no separators, no spaces). */
const SAFE_HOST = /^[\w.-]+(:\d{1,5})?$|^\[[\da-f:.]+\](:\d{1,5})?$/i;

function requestHost(req: IncomingMessage): string | undefined {
  const forwarded = req.headers['x-forwarded-host'];
  const host =
    (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() ?? req.headers.host;
  return host && SAFE_HOST.test(host) ? host : undefined;
}

/**
 * Whether a browser on `origin` may call the API: its own origin (the web client and the API docs
 * are served by the same server) or one listed in CORS_ORIGINS. Requests without an Origin header
 * (command line, servers, socket.io clients outside a browser) are not cross-origin.
 */
export function originAllowed(
  origin: string | undefined,
  req: IncomingMessage,
  allowed: readonly string[],
): boolean {
  if (!origin) {
    return true;
  }
  const normalized = origin.replace(/\/+$/, '');
  if (allowed.includes(normalized)) {
    return true;
  }
  const host = requestHost(req);
  return host !== undefined && (normalized === `http://${host}` || normalized === `https://${host}`);
}

/**
 * Security headers and CORS on the HTTP server. The content security policy lets the page load
 * only its own scripts, styles (inline styles too: Svelte and Swagger UI set some), images and
 * fonts, and connect only to itself, over HTTP(S) and websockets.
 */
export function applyHttpSecurity(app: INestApplication, config: LiquideConfig): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': [
            "'self'",
            (req: IncomingMessage, _res: ServerResponse) => {
              const host = requestHost(req);
              return host ? `ws://${host} wss://${host}` : "'self'";
            },
          ],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          // served over plain HTTP on a LAN or behind a TLS proxy alike: never rewrite URLs
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  const allowed = config.security.corsOrigins;
  app.enableCors({
    origin: allowed.length > 0 ? [...allowed] : false,
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'accept-language'],
    exposedHeaders: ['retry-after'],
    maxAge: 600,
  });
}
