import { io } from 'socket.io-client';
import { request, registerUser, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { uniqueSlug, type ErrorBody } from '../domain/domain-fixtures';

/** Connects a socket sending `origin` as a browser would; resolves to the refusal or 'connected'. */
function connectFrom(baseUrl: string, origin: string): Promise<string> {
  const socket = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { origin },
    reconnection: false,
    forceNew: true,
  });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(`refused: ${error.message}`));
  }).finally(() => socket.disconnect());
}

describe('Security headers and CORS', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ CORS_ORIGINS: 'https://app.example.org, https://other.example.org/' });
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('sends helmet headers with a policy that allows the app’s own scripts, styles and websockets', async () => {
    const response = await fetch(`${sut.baseUrl}/health`);
    const host = new URL(sut.baseUrl).host;
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps the API docs working: every script they load comes from the server itself', async () => {
    const page = await fetch(`${sut.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1] ?? '';
      expect(src).not.toMatch(/^(https?:)?\/\//);
      const script = await fetch(new URL(src, `${sut.baseUrl}/api/docs/`));
      expect(script.status).toBe(200);
    }
    expect((await fetch(`${sut.baseUrl}/api/docs-json`)).status).toBe(200);
  });

  it('allows the configured origins and only them', async () => {
    const preflight = (origin: string) =>
      fetch(`${sut.baseUrl}/api/auth/login`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    for (const origin of ['https://app.example.org', 'https://other.example.org']) {
      const allowed = await preflight(origin);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    }
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets sockets connect from the page’s own origin and the configured ones, not from others', async () => {
    expect(await connectFrom(sut.baseUrl, sut.baseUrl)).toBe('connected');
    expect(await connectFrom(sut.baseUrl, 'https://app.example.org')).toBe('connected');
    expect(await connectFrom(sut.baseUrl, 'https://evil.example')).toMatch(/^refused/);
  });
});

describe('CORS by default: same origin only', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('sends no CORS header to another origin, and refuses its sockets', async () => {
    const response = await fetch(`${sut.baseUrl}/health`, { headers: { origin: 'https://app.example.org' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await connectFrom(sut.baseUrl, 'https://app.example.org')).toMatch(/^refused/);
    expect(await connectFrom(sut.baseUrl, sut.baseUrl)).toBe('connected');
  });
});

describe('Rate limits', () => {
  let sut: TestApp;
  let busy: ApiUser;
  let other: ApiUser;

  beforeAll(async () => {
    sut = await startTestApp({ RATE_LIMIT_AUTH: '6', RATE_LIMIT_WRITES: '3', RATE_LIMIT_WINDOW: '60' });
    // four of the six sign-in attempts this address has per minute (each user registers, then signs in;
    // following the verification link is an anonymous write, counted apart)
    busy = await registerUser(sut.baseUrl, 'busy');
    other = await registerUser(sut.baseUrl, 'other');
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('limits sign-ins, registrations and refreshes per IP address, with a 429 in French and English', async () => {
    const login = (language: string) =>
      request<ErrorBody>(sut.baseUrl, 'POST', '/api/auth/login', {
        body: { email: busy.email, password: 'wrong password!' },
        headers: { 'accept-language': language },
      });
    expect((await login('fr')).status).toBe(401);
    expect((await login('fr')).status).toBe(401);
    const refusedFr = await login('fr');
    expect(refusedFr.status).toBe(429);
    expect(refusedFr.body).toEqual({
      statusCode: 429,
      code: 'security.rate_limited',
      message: expect.stringMatching(/^Trop de requêtes \(6 par 60 s\) : réessayez dans \d+ s$/),
    });
    const refusedEn = await login('en');
    expect(refusedEn.body.message).toMatch(/^Too many requests \(6 per 60 s\): try again in \d+ s$/);
    const refresh = await fetch(`${sut.baseUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: 'x'.repeat(40) }),
    });
    expect(refresh.status).toBe(429);
    expect(Number(refresh.headers.get('retry-after'))).toBeGreaterThan(0);
    const register = await request(sut.baseUrl, 'POST', '/api/auth/register', {
      body: { email: 'late@example.org', password: 'correct horse battery', displayName: 'Late' },
    });
    expect(register.status).toBe(429);
    // reading is not limited, nor is the use of the API with a token already held
    expect((await busy.call('GET', '/api/auth/me')).status).toBe(200);
  });

  it('limits writes per account: one account is held back, another from the same address is not', async () => {
    const create = (user: ApiUser) =>
      user.call<{ id: string }>('POST', '/api/collectives', { name: 'Limites', slug: uniqueSlug('rl') });
    const created = await create(busy);
    expect(created.status).toBe(201);
    const settings = () =>
      busy.call<ErrorBody>('PATCH', `/api/collectives/${created.body.id}/settings`, {
        timezone: 'Europe/Paris',
      });
    expect((await settings()).status).toBe(200);
    expect((await settings()).status).toBe(200);
    const refused = await settings();
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('security.rate_limited');
    // reads go on; the other account's writes are counted apart
    expect((await busy.call('GET', `/api/collectives/${created.body.id}`)).status).toBe(200);
    expect((await create(other)).status).toBe(201);
  });
});
