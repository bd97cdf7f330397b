import type { INestApplication } from '@nestjs/common';
import type { ApiUser } from '../../support/api-client';
import { createBallot, createCollective, importCsv, type Collective } from '../domain/domain-fixtures';

/** One HTTP route of the running app, as Express routes it (`:param` placeholders). */
export interface Route {
  readonly method: string;
  readonly path: string;
}

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every route the application answers, read from Express's router (what Nest registered), so
 * that a route left out of the OpenAPI document is not left out of the tests either.
 */
export function routesOf(app: INestApplication): Route[] {
  const instance = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const routes = new Map<string, Route>();
  for (const layer of instance.router.stack) {
    if (!layer.route) {
      continue;
    }
    for (const path of [layer.route.path].flat()) {
      for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
        const route = { method: method.toUpperCase(), path };
        routes.set(`${route.method} ${route.path}`, route);
      }
    }
  }
  return [...routes.values()];
}

/** The OpenAPI document's operations, with `{param}` rewritten as `:param`. */
export async function openApiRoutes(baseUrl: string): Promise<Route[]> {
  const doc = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{(\w+)\}/g, ':$1'),
    })),
  );
}

/** A members-only collective with one of everything a route can name. */
export interface EndpointWorld {
  readonly collective: Collective;
  readonly ids: Readonly<Record<string, string>>;
}

async function expectStatus<T>(what: string, expected: number, answer: Promise<{ status: number; body: T }>) {
  const { status, body } = await answer;
  if (status !== expected) {
    throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  }
  return body;
}

/**
 * Builds the world: a members-only collective created by `admin` (organiser and member) with a
 * member Ana, an import, a bill and an open ballot, a petition draft and a frozen sortition pool.
 */
export async function buildEndpointWorld(baseUrl: string): Promise<EndpointWorld> {
  const collective = await createCollective(baseUrl, [{ name: 'Ana', roles: 'member' }], { public: false });
  const admin: ApiUser = collective.admin;
  const c = collective.id;
  const { started } = await importCsv(admin, c, 'email,display_name,roles\nbea.world@example.org,Bea,member');
  const { billId, ballotId } = await createBallot(admin, c);
  await expectStatus(
    'enable petitions',
    200,
    admin.call('PUT', `/api/collectives/${c}/plugins/petitions`, {}),
  );
  const petition = await expectStatus<{ id: string }>(
    'draft petition',
    201,
    admin.call('POST', `/api/collectives/${c}/petitions`, {
      title: 'Pour des pistes cyclables',
      text: 'Nous demandons des pistes cyclables sûres.',
      addressee: 'Conseil municipal',
    }),
  );
  await expectStatus('volunteer', 201, admin.call('POST', `/api/collectives/${c}/volunteers`, {}));
  await expectStatus(
    'certify',
    204,
    admin.call('PUT', `/api/collectives/${c}/volunteers/${collective.adminId}/certification`, {
      certifiedOn: '2026-11-21',
      training: 'Formation',
    }),
  );
  const sortition = await expectStatus<{ id: string }>(
    'freeze pool',
    201,
    admin.call('POST', `/api/collectives/${c}/sortitions`, { seats: 1 }),
  );
  return {
    collective,
    ids: {
      collectiveId: c,
      ballotId,
      billId,
      importId: started.importId,
      memberId: collective.ids.Ana,
      role: 'observer',
      sortitionId: sortition.id,
      petitionId: petition.id,
      pluginId: 'petitions',
    },
  };
}

/** Stand-ins for parameters the world has no real value for yet (a real one is better: add it above). */
const STAND_IN: Readonly<Record<string, string>> = { ref: '1', version: '1' };

/** The route's path with the world's ids in place of its parameters. */
export function concretePath(route: Route, world: EndpointWorld): string {
  return route.path.replace(
    /:(\w+)/g,
    (_whole, name: string) => world.ids[name] ?? STAND_IN[name] ?? '00000000-0000-4000-8000-000000000000',
  );
}
