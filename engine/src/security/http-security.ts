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

/** Hosts whose content security policy is kept ready (an instance answers to one or a few names). */
const MAX_CACHED_HOSTS = 32;

/** The content security policy for pages served under `host` (see {@link applyHttpSecurity}). */
function contentSecurityPolicy(host: string | undefined): ReturnType<typeof helmet.contentSecurityPolicy> {
  return helmet.contentSecurityPolicy({
    useDefaults: true,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'", host ? `ws://${host} wss://${host}` : "'self'"],
      'object-src': ["'none'"],
      'frame-ancestors': ["'none'"],
      // served over plain HTTP on a LAN or behind a TLS proxy alike: never rewrite URLs
      'upgrade-insecure-requests': null,
    },
  });
}

/**
 * Security headers and CORS on the HTTP server. The content security policy lets the page load
 * only its own scripts, styles (inline styles too: Svelte and Swagger UI set some), images and
 * fonts, and connect only to itself, over HTTP(S) and websockets. The policy names the request's host
 * (for websockets), so it is built once per host and kept (a policy with a per-request part was
 * rebuilt and validated by helmet on every request: 2 % of the server's time under the live bench).
 */
export function applyHttpSecurity(app: INestApplication, config: LiquideConfig): void {
  const otherHeaders = helmet({ contentSecurityPolicy: false });
  const policies = new Map<string, ReturnType<typeof contentSecurityPolicy>>();
  const policyFor = (host: string | undefined): ReturnType<typeof contentSecurityPolicy> => {
    const key = host ?? '';
    let policy = policies.get(key);
    if (!policy) {
      policy = contentSecurityPolicy(host);
      if (policies.size < MAX_CACHED_HOSTS) {
        policies.set(key, policy);
      }
    }
    return policy;
  };
  app.use((req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    otherHeaders(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      policyFor(requestHost(req))(req, res, next);
    });
  });
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
