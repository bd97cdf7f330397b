import { registerUser, request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import type { ErrorBody } from '../domain/domain-fixtures';
import {
  buildEndpointWorld,
  concretePath,
  openApiRoutes,
  routesOf,
  type EndpointWorld,
  type Route,
} from './endpoint-world';

/**
 * Routes anyone may call without a token, and why. Everything else must answer 401 to an
 * anonymous caller on a members-only collective: a new route lands here only on purpose.
 */
const PUBLIC_BY_DESIGN: Readonly<Record<string, string>> = {
  'GET /health': 'load balancers and monitoring',
  'POST /api/auth/register': 'creating an account',
  'POST /api/auth/login': 'signing in',
  'POST /api/auth/refresh': 'the refresh token is the credential',
  'POST /api/auth/logout': 'the refresh token is the credential',
  'GET /api/auth/jwks': 'public keys of access tokens',
  'GET /.well-known/jwks.json': 'public keys of signed instructions',
  'GET /api/collectives/:collectiveId/jwks.json': 'a collective’s public instruction keys',
  'POST /api/auth/verify-email': 'the mailed link is the credential',
  'POST /api/auth/password-reset/request':
    'asking for a reset link (same answer whether or not the address has an account)',
  'POST /api/auth/password-reset': 'the mailed link is the credential',
  'GET /api/dev/mail': 'the local outbox page: development only (404 with SMTP_URL or in production)',
  'GET /api/dev/mail/messages': 'the local outbox: development only (404 with SMTP_URL or in production)',
  'POST /api/notices/unsubscribe': 'the signed link is the credential (one-click unsubscribe, RFC 8058)',
  'GET /api/invitations/:token': 'the invitation link is the credential (docs/security.md)',
  'POST /api/invitations/:token/accept': 'the invitation link is the credential (docs/security.md)',
};

/**
 * Routes that validate their query before the access check (so an anonymous call without the query
 * gets 400, which reveals nothing): still refused, but reported, see docs/reliability.md.
 */
const VALIDATES_BEFORE_ACCESS: ReadonlySet<string> = new Set(['GET /api/bills/:billId/diff']);

/** Routes any signed-in account may use without belonging to the collective, and why. */
const OPEN_TO_ANY_ACCOUNT: Readonly<Record<string, string>> = {
  'GET /api/auth/me': 'one’s own account',
  'POST /api/collectives': 'founding a collective (its creator becomes its organiser)',
  'POST /api/auth/verify-email/resend': 'a new link to one’s own address',
  'POST /api/auth/email': 'changing one’s own address',
  'GET /api/notices': 'one’s own inbox (its active memberships’ notices only)',
  'POST /api/notices/read-all': 'one’s own inbox',
  'POST /api/notices/:noticeId/read': 'one’s own notice (404 for anyone else’s)',
  'GET /api/notices/preferences': 'one’s own e-mail choice',
  'PUT /api/notices/preferences': 'one’s own e-mail choice',
  'GET /api/me/collectives': 'one’s own memberships',
};

const key = (route: Route) => `${route.method} ${route.path}`;

describe('Every HTTP route refuses anonymous callers unless public by design', () => {
  let sut: TestApp;
  let world: EndpointWorld;
  let routes: Route[];

  beforeAll(async () => {
    sut = await startTestApp();
    world = await buildEndpointWorld(sut.baseUrl);
    // the API documentation (Swagger UI, /api/docs-json) is public by design and not an endpoint
    routes = routesOf(sut.app).filter(
      (route) => /^\/(api|health|\.well-known)(\/|$)/.test(route.path) && !/^\/api\/docs/.test(route.path),
    );
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
  });

  it('finds every documented operation among the routes, and documents every API route', async () => {
    const documented = (await openApiRoutes(sut.baseUrl)).map(key).sort();
    expect(routes.map(key).sort()).toEqual(documented);
    expect(routes.length).toBeGreaterThan(60);
  });

  it('answers 401 with a code to an anonymous caller on every protected route', async () => {
    const answers = await Promise.all(
      routes.map(async (route) => {
        const answer = await request<ErrorBody>(sut.baseUrl, route.method, concretePath(route, world), {
          headers: { 'accept-language': 'en' },
        });
        return { route: key(route), status: answer.status, code: answer.body?.code };
      }),
    );
    const protectedOnes = answers.filter((answer) => !(answer.route in PUBLIC_BY_DESIGN));
    // a route naming something the world does not build yet (added by a plugin since) gets a stand-in
    // id: it must still refuse (401, or 404 / 400 for the stand-in), never answer 2xx or 5xx
    const standIn = (route: string) => [...route.matchAll(/:(\w+)/g)].some((m) => !(m[1] in world.ids));
    const leaks = protectedOnes.filter((answer) =>
      standIn(answer.route) || VALIDATES_BEFORE_ACCESS.has(answer.route)
        ? ![400, 401, 404].includes(answer.status) || !answer.code
        : answer.status !== 401 || !/^(auth\.token_missing|access\.)/.test(answer.code ?? ''),
    );
    expect(leaks).toEqual([]);
    expect(protectedOnes.length).toBeGreaterThan(50);
    // the public ones answer without a 5xx
    const publicOnes = answers.filter((answer) => answer.route in PUBLIC_BY_DESIGN);
    expect(publicOnes.map((answer) => answer.route).sort()).toEqual(Object.keys(PUBLIC_BY_DESIGN).sort());
    expect(publicOnes.filter((answer) => answer.status >= 500)).toEqual([]);
  });

  it('refuses, on every route of a members-only collective, a signed-in account that is not a member', async () => {
    const outsider = await registerUser(sut.baseUrl, 'outsider');
    const answers = await Promise.all(
      routes
        .filter((route) => !(key(route) in PUBLIC_BY_DESIGN) && !(key(route) in OPEN_TO_ANY_ACCOUNT))
        .map(async (route) => {
          const answer = await request<ErrorBody>(sut.baseUrl, route.method, concretePath(route, world), {
            token: outsider.token,
            headers: { 'accept-language': 'en' },
          });
          return { route: key(route), status: answer.status, code: answer.body?.code };
        }),
    );
    // refused as an outsider (403), or the thing named is not found (404) or the request is malformed (400)
    // before anything of the collective is read; never allowed, never a 5xx
    const leaks = answers.filter((answer) => ![400, 403, 404].includes(answer.status) || !answer.code);
    expect(leaks).toEqual([]);
    expect(answers.filter((answer) => answer.status === 403).length).toBeGreaterThan(40);
  });
});
