import { MikroORM } from '@mikro-orm/postgresql';
import { ENGINE_ENTITIES, ormOptions, verifyAddressesAsOperator } from '@liquide/engine';
/** The HTTP client and the seeding shared by the benchmarks that drive a running server. */
import { Agent, request as httpRequest } from 'node:http';
import { toCsv } from '@liquide/engine/common/csv';

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export interface Reply {
  status: number;
  body: string;
}

/** A keep-alive HTTP client: at most `sockets` connections, reused. */
export class Http {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(baseUrl: string, sockets: number) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  call(method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token) {
      headers.authorization = `Bearer ${token}`;
    }
    if (payload !== undefined) {
      headers['content-type'] = typeof body === 'string' ? 'text/csv' : 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: this.url.hostname, port: this.url.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async json<T>(
    step: string,
    expected: number,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ) {
    const reply = await this.call(method, path, token, body);
    if (reply.status !== expected) {
      throw new Error(`${step}: HTTP ${reply.status} (expected ${expected}) ${reply.body.slice(0, 500)}`);
    }
    return (reply.body ? JSON.parse(reply.body) : null) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface Setup {
  ballotId: string;
  tokens: string[];
  timings: { registerS: number; registerPerS: number; importS: number; members: number };
}

/**
 * Verifies the bench's addresses as the operator does (`liquide verify-email`): straight in the
 * database, binding their memberships; the benchmarks have no mailbox to follow links from.
 */
export async function verifyAsOperator(databaseUrl: string, emails: readonly string[]): Promise<void> {
  const orm = await MikroORM.init(
    ormOptions({ url: databaseUrl, entities: ENGINE_ENTITIES, migrations: [] }),
  );
  try {
    await verifyAddressesAsOperator(orm.em.fork(), emails);
  } finally {
    await orm.close(true);
  }
}

/** Registers an account (answered 202, "link sent") and signs in; returns the access token. */
export async function registerAndSignIn(
  api: Http,
  email: string,
  password: string,
  displayName: string,
): Promise<string> {
  await api.json(`register ${email}`, 202, 'POST', '/api/auth/register', undefined, {
    email,
    password,
    displayName,
  });
  const login = await api.json<{ accessToken: string }>(
    `login ${email}`,
    200,
    'POST',
    '/api/auth/login',
    undefined,
    {
      email,
      password,
    },
  );
  return login.accessToken;
}

/** The bench's organiser (registered, verified) and its collective `bench`, created through the API. */
export async function benchCollective(
  api: Http,
  databaseUrl: string,
  settings: { visibility: string; deputies: number; public: boolean },
): Promise<{ token: string; collectiveId: string }> {
  const token = await registerAndSignIn(api, 'organiser@bench.example', 'bench-password-1', 'Organiser');
  await verifyAsOperator(databaseUrl, ['organiser@bench.example']);
  const collective = await api.json<{ id: string }>(
    'create collective',
    201,
    'POST',
    '/api/collectives',
    token,
    {
      name: 'Bench',
      slug: 'bench',
      settings,
    },
  );
  return { token, collectiveId: collective.id };
}

/** Imports members from a CSV text through the API and waits until the import is done. */
export async function importMembers(
  api: Http,
  collectiveId: string,
  token: string,
  csv: string,
): Promise<void> {
  const base = `/api/collectives/${collectiveId}/members`;
  const job = await api.json<{ importId: string }>('import', 202, 'POST', `${base}/import`, token, csv);
  for (;;) {
    const progress = await api.json<{ status: string }>(
      'import progress',
      200,
      'GET',
      `${base}/imports/${job.importId}`,
      token,
    );
    if (progress.status === 'done') {
      return;
    }
    if (progress.status !== 'running') {
      throw new Error(`import: ${JSON.stringify(progress)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function seed(
  api: Http,
  members: number,
  log: (line: string) => void,
  databaseUrl: string,
): Promise<Setup> {
  const password = 'bench-password-1';
  const { token, collectiveId } = await benchCollective(api, databaseUrl, {
    visibility: 'live',
    deputies: 5,
    public: true,
  });
  const emails = Array.from({ length: members }, (_, i) => `voter${i}@bench.example`);
  let started = performance.now();
  const csv = toCsv([
    ['email', 'display_name', 'roles'],
    ...emails.map((email, i) => [email, `Voter ${i}`, 'member']),
  ]);
  await importMembers(api, collectiveId, token, csv);
  const importS = (performance.now() - started) / 1000;
  log(`  imported ${members} members in ${importS.toFixed(2)} s; registering their accounts (argon2)…`);
  started = performance.now();
  const tokens: string[] = new Array<string>(members);
  let next = 0;
  const registerOne = async (): Promise<void> => {
    while (next < members) {
      const i = next++;
      tokens[i] = await registerAndSignIn(api, emails[i], password, `Voter ${i}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, registerOne));
  await verifyAsOperator(databaseUrl, emails);
  const registerS = (performance.now() - started) / 1000;
  log(
    `  registered ${members} accounts in ${registerS.toFixed(1)} s (${(members / registerS).toFixed(0)}/s)`,
  );
  const bill = await api.json<{ id: string }>(
    'create bill',
    201,
    'POST',
    `/api/collectives/${collectiveId}/bills`,
    token,
    {
      title: 'Bench bill',
      articles: [{ heading: 'Article 1', text: 'Benchmark.' }],
    },
  );
  const now = Date.now();
  const ballot = await api.json<{ id: string }>(
    'create ballot',
    201,
    'POST',
    `/api/collectives/${collectiveId}/ballots`,
    token,
    {
      billId: bill.id,
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    },
  );
  await api.json('open ballot', 204, 'POST', `/api/ballots/${ballot.id}/open`, token);
  return {
    ballotId: ballot.id,
    tokens,
    timings: {
      registerS: round(registerS, 2),
      registerPerS: Math.round(members / registerS),
      importS: round(importS, 2),
      members,
    },
  };
}

/**
 * Reads `--name value` numeric options (positive numbers), `--flag` switches, and `--postgres URL` into a
 * copy of `defaults`; anything else is refused with the option named.
 */
export function parseBenchOptions<O extends { postgres: string }>(
  args: readonly string[],
  defaults: O,
  numeric: Readonly<Record<string, keyof O>>,
  flags: Readonly<Record<string, keyof O>>,
): O {
  const options: Record<string, unknown> = { ...defaults };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (flags[arg]) {
      options[flags[arg] as string] = true;
    } else if (arg === '--postgres' && args[i + 1]) {
      options.postgres = args[++i].replace(/\/+$/, '');
    } else if (numeric[arg] && Number(args[i + 1]) > 0) {
      options[numeric[arg] as string] = Number(args[++i]);
    } else {
      throw new Error(`unknown or incomplete option "${arg}"`);
    }
  }
  return options as O;
}
