import fc from 'fast-check';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { buildEndpointWorld, concretePath, routesOf, type EndpointWorld, type Route } from './endpoint-world';
import { hostileString, hostileValue, MALFORMED, wrongTypeFor } from './hostile-input';

/** Runs per route and per socket event: enough to hit every family of input, bounded for CI. */
const BODY_RUNS = 12;
const PATH_RUNS = 4;
const SOCKET_RUNS = 40;

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface Answer {
  status: number;
  text: string;
}

/** A 4xx whose body names a code and says something; throws (with the request) otherwise. */
function expectRefusal(answer: Answer, what: string, allowSuccess = false): void {
  if (allowSuccess && answer.status < 300) {
    return;
  }
  let body: { code?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    // not JSON: fails below
  }
  const ok =
    answer.status >= 400 &&
    answer.status < 500 &&
    typeof body.code === 'string' &&
    typeof body.message === 'string' &&
    body.message.length > 0;
  if (!ok) {
    throw new Error(`${what} → ${answer.status} ${answer.text.slice(0, 300)}`);
  }
}

/**
 * Tables that background jobs write on the clock, whatever the requests: notices made from the world's
 * earlier events, closing reminders, the day's digest and the mail they put in the outbox.
 */
const CLOCK_DRIVEN = ['notice', 'notice_ballot_reminder', 'notice_digest', 'mail_outbox'];

/** Row count and content hash of every table a request could change: equal before and after means nothing changed. */
async function snapshot(db: Client): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and not (table_name = any($1)) order by 1`,
    [CLOCK_DRIVEN],
  );
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const row = await db.query<{ n: string; h: string }>(
      `select count(*) n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) h from "${name}" t`,
    );
    result[name] = `${row.rows[0].n} rows, ${row.rows[0].h}`;
  }
  return result;
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as raw bytes
  }
}

/** JSON types a schema accepts (undefined: any). */
function typesOf(
  schema: JsonSchema | undefined,
  resolve: (s: JsonSchema) => JsonSchema,
): Set<string> | undefined {
  if (!schema) {
    return undefined;
  }
  const s = resolve(schema);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    const all = variants.map((v) => typesOf(v, resolve));
    return all.some((t) => t === undefined) ? undefined : new Set(all.flatMap((t) => [...t!]));
  }
  return s.type === undefined ? undefined : new Set([s.type].flat());
}

describe('Fuzzing: hostile input on every endpoint and socket event', () => {
  let sut: TestApp;
  let world: EndpointWorld;
  let db: Client;
  let routes: Route[];
  let operations: Record<string, Record<string, Operation>>;
  let components: Record<string, JsonSchema>;
  let before: Record<string, string>;
  let token: string;

  const send = async (method: string, path: string, contentType?: string, body?: string): Promise<Answer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'accept-language': 'en' };
    if (contentType) {
      headers['content-type'] = contentType;
    }
    const response = await fetch(`${sut.baseUrl}${path}`, { method, headers, body });
    return { status: response.status, text: await response.text() };
  };

  const resolve = (schema: JsonSchema): JsonSchema =>
    schema.$ref ? resolve(components[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema;

  const bodySchema = (route: Route): JsonSchema | undefined => {
    const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
    const operation = operations[openApiPath]?.[route.method.toLowerCase()];
    const schema = operation?.requestBody?.content?.['application/json']?.schema;
    return schema ? resolve(schema) : undefined;
  };

  /** Bodies that break the schema for sure: not an object, or every declared field of a wrong type. */
  const invalidBody = (schema: JsonSchema): fc.Arbitrary<unknown> => {
    const notObject = fc.oneof(
      hostileString,
      fc.integer(),
      fc.constant(null),
      fc.array(hostileValue, { maxLength: 4 }),
    );
    const fields = Object.entries(schema.properties ?? {});
    if (fields.length === 0) {
      return notObject;
    }
    const wrong = fc.record(
      Object.fromEntries(
        fields.map(([name, field]) => {
          const accepted = typesOf(field, resolve);
          const type = ['string', 'number', 'integer', 'boolean', 'array', 'object'].find((t) =>
            accepted?.has(t),
          );
          return [name, accepted === undefined ? fc.constant([[[{ '\u0000': 1 }]]]) : wrongTypeFor(type)];
        }),
      ),
    );
    const withExtras = fc
      .tuple(
        wrong,
        fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin'), hostileValue),
      )
      .map(([object, extras]) => ({ ...extras, ...object }));
    return fc.oneof(notObject, wrong, withExtras);
  };

  beforeAll(async () => {
    // every hostile payload must get its coded answer here; the socket limits that would drop such a
    // client are tested in live/socket-limits.spec.ts
    sut = await startTestApp({
      LIVE_EVENTS_PER_SECOND: '100000',
      LIVE_ADDRESS_EVENTS_PER_SECOND: '100000',
      LIVE_MAX_REFUSALS: '1000000',
    });
    world = await buildEndpointWorld(sut.baseUrl);
    token = world.collective.admin.token;
    db = new Client({ connectionString: sut.db.url });
    await db.connect();
    const doc = (await (await fetch(`${sut.baseUrl}/api/docs-json`)).json()) as {
      paths: typeof operations;
      components?: { schemas?: Record<string, JsonSchema> };
    };
    operations = doc.paths;
    components = doc.components?.schemas ?? {};
    routes = routesOf(sut.app).filter(
      (r) => /^\/(api|\.well-known)\//.test(r.path) && !r.path.startsWith('/api/docs'),
    );
    // reads that create something on first use (keys) do it now, before the snapshot
    for (const route of routes.filter((r) => r.method === 'GET')) {
      await send('GET', concretePath(route, world));
    }
    before = await snapshot(db);
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await sut?.close();
  });

  it('refuses invalid and hostile JSON bodies on every route that takes one, and changes nothing', async () => {
    const withBody = routes.filter((route) => bodySchema(route) !== undefined);
    expect(withBody.length).toBeGreaterThan(20);
    for (const route of withBody) {
      const path = concretePath(route, world);
      await fc.assert(
        fc.asyncProperty(invalidBody(bodySchema(route)!), async (body) => {
          const text = JSON.stringify(body);
          expectRefusal(
            await send(route.method, path, 'application/json', text),
            `${route.method} ${path} ${text.slice(0, 200)}`,
          );
        }),
        { numRuns: BODY_RUNS },
      );
    }
    expect(await snapshot(db)).toEqual(before);
  }, 120_000);

  it('refuses strings PostgreSQL cannot store (NUL, half surrogate pairs) in any field, body or query', async () => {
    const unstorable = fc
      .tuple(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('\u0000', '\uD800', '\uDFFF'),
        fc.string({ maxLength: 20 }),
      )
      .map(([a, bad, b]) => `${a}${bad}${b}`);
    const withBody = routes.filter((route) => bodySchema(route) !== undefined);
    for (const route of withBody) {
      const path = concretePath(route, world);
      const fields = Object.keys(bodySchema(route)!.properties ?? { text: {} });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), unstorable, async (field, value) => {
          const text = JSON.stringify({ [field]: value });
          const answer = await send(route.method, path, 'application/json', text);
          expectRefusal(answer, `${route.method} ${path} ${text}`);
          expect(JSON.parse(answer.text)).toMatchObject({ code: 'common.invalid_characters', field });
        }),
        { numRuns: 3 },
      );
    }
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const answer = await send('GET', `${concretePath(route, world)}?search=a%00b`);
      expectRefusal(answer, `GET ${route.path}?search=a%00b`, true);
    }
    expect(await snapshot(db)).toEqual(before);
  }, 120_000);

  it('refuses malformed JSON, wrong content types, deep nesting and huge bodies on every write route', async () => {
    const writes = routes.filter(
      (route) =>
        route.method !== 'GET' && (bodySchema(route) !== undefined || route.path.endsWith('/import')),
    );
    for (const route of writes) {
      const path = concretePath(route, world);
      for (const { contentType, body } of MALFORMED) {
        if (route.path.endsWith('/import') && contentType === 'text/csv') {
          continue; // a CSV import is accepted and reports each bad line: that is its design
        }
        expectRefusal(
          await send(route.method, path, contentType, body),
          `${route.method} ${path} as ${contentType}: ${body.slice(0, 80)}`,
        );
      }
    }
    expect(await snapshot(db)).toEqual(before);
  }, 120_000);

  it('refuses hostile path parameters on every route, reads included', async () => {
    const withParams = routes.filter((route) => route.path.includes(':'));
    for (const route of withParams) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...names),
          // an empty segment would make another route of it (`/versions/` is `/versions`)
          hostileString.filter((s) => s.length > 0 && s.length < 2_000),
          async (name, hostile) => {
            const path = route.path.replace(/:(\w+)/g, (_w, n: string) =>
              n === name ? encodeSegment(hostile) : world.ids[n],
            );
            // a collective's public instruction keys: an empty set for an unknown id, by design
            const publicKeys = route.path.endsWith('/jwks.json');
            expectRefusal(
              await send(route.method, path),
              `${route.method} ${path.slice(0, 200)}`,
              publicKeys,
            );
          },
        ),
        { numRuns: PATH_RUNS },
      );
    }
    expect(await snapshot(db)).toEqual(before);
  }, 120_000);

  it('never fails on hostile query strings', async () => {
    for (const route of routes.filter((r) => r.method === 'GET')) {
      await fc.assert(
        fc.asyncProperty(
          hostileString.filter((s) => s.length < 2_000),
          async (hostile) => {
            const q = encodeSegment(hostile);
            const path = `${concretePath(route, world)}?search=${q}&limit=${q}&offset=-1&__proto__[roles]=organiser&search=x`;
            expectRefusal(await send('GET', path), `GET ${path.slice(0, 200)}`, true);
          },
        ),
        { numRuns: 2 },
      );
    }
    expect(await snapshot(db)).toEqual(before);
  }, 120_000);

  it('answers every hostile socket payload with ok: false, a code and a message, and stays connected', async () => {
    const socket: Socket = io(sut.baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((done, fail) => {
      socket.once('connect', () => done());
      socket.once('connect_error', fail);
    });
    try {
      const small = hostileValue.filter((v) => JSON.stringify(v).length < 100_000);
      const payload = fc.oneof(
        small,
        fc.record({ ballotId: small }),
        fc.record({ petitionId: small }),
        fc.record({ ballotId: hostileString.filter((s) => s.length < 100_000), __proto__: small }),
      );
      for (const event of ['ballot:watch', 'ballot:unwatch', 'petition:watch', 'petition:unwatch']) {
        await fc.assert(
          fc.asyncProperty(payload, async (value) => {
            const answer = (await socket.timeout(5_000).emitWithAck(event, value)) as {
              ok?: boolean;
              code?: unknown;
              message?: unknown;
            };
            const what = `${event} ${JSON.stringify(value)?.slice(0, 200)}`;
            // leaving a room one is not in (any well-formed id) is fine: nothing to refuse
            if (event.endsWith(':unwatch') && answer?.ok === true) {
              return;
            }
            if (
              answer?.ok !== false ||
              typeof answer.code !== 'string' ||
              typeof answer.message !== 'string'
            ) {
              throw new Error(`${what} → ${JSON.stringify(answer)}`);
            }
          }),
          { numRuns: SOCKET_RUNS },
        );
      }
      expect(socket.connected).toBe(true);
      const valid = (await socket
        .timeout(5_000)
        .emitWithAck('ballot:watch', { ballotId: world.ids.ballotId })) as {
        ok: boolean;
      };
      expect(valid.ok).toBe(true);
    } finally {
      socket.disconnect();
    }
    expect(await snapshot(db)).toEqual(before);
  }, 120_000);
});
