import { connect, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { startTestApp, type TestApp } from '../../support/test-app';

/** A raw TCP client: what it received, when it was closed, and a way to write to it. */
interface RawClient {
  readonly socket: Socket;
  received(): string;
  /** Resolves with the milliseconds from connection to close. */
  readonly closed: Promise<number>;
}

function rawClient(host: string, port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let data = '';
    let closedAt: (ms: number) => void = () => undefined;
    const closed = new Promise<number>((done) => (closedAt = done));
    const socket = connect(port, host, () => resolve({ socket, received: () => data, closed }));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => closedAt(Date.now() - started));
    socket.once('error', reject);
  });
}

/** Writes `text` every `everyMs` until the socket closes. */
function trickle(client: RawClient, text: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (client.socket.writable) {
      client.socket.write(text);
    }
  }, everyMs);
  void client.closed.then(() => clearInterval(timer));
}

/** Waits until the client has received a whole answer (head and JSON body) and returns it. */
async function answerOf(client: RawClient): Promise<{ status: number; head: string; body: string }> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const text = client.received();
    const end = text.indexOf('\r\n\r\n');
    const length = /content-length: (\d+)/i.exec(text);
    if (end >= 0 && length && text.length >= end + 4 + Number(length[1])) {
      const body = Buffer.from(text.slice(end + 4), 'latin1').toString('utf8');
      return { status: Number(text.split(' ')[1]), head: text.slice(0, end), body };
    }
    await new Promise((done) => setTimeout(done, 20));
  }
  throw new Error(`no whole answer; received ${JSON.stringify(client.received())}`);
}

const healthRequest = (headers = '') => `GET /health HTTP/1.1\r\nHost: liquide\r\n${headers}\r\n`;

/** This machine's first non-loopback IPv4 address: peers on loopback are trusted proxies, never capped. */
function externalAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) {
        return entry.address;
      }
    }
  }
  throw new Error('this test needs a non-loopback IPv4 address on the machine');
}

describe('Slow and greedy HTTP clients cannot hold the server', () => {
  // long enough that the connections the last test holds open are not cut by the head timeout meanwhile,
  // even on a loaded machine
  const HEADERS_MS = 5000;
  const REQUEST_MS = 8000;
  const MAX = 3;
  let sut: TestApp;
  let port: number;
  let external: string;
  const clients: RawClient[] = [];

  async function open(host: string): Promise<RawClient> {
    const client = await rawClient(host, port);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    external = externalAddress();
    sut = await startTestApp(
      {
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
        HTTP_MAX_CONNECTIONS_PER_ADDRESS: String(MAX),
      },
      '0.0.0.0',
    );
    port = Number(new URL(sut.baseUrl).port);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) {
      client.socket.destroy();
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('answers 408 and closes a connection whose request head trickles in, while others are served', async () => {
    const slow = await open('127.0.0.1');
    slow.socket.write('GET /health HTTP/1.1\r\nHost: liquide\r\n');
    trickle(slow, 'X-Padding: 1\r\n', 200);
    const health = await fetch(`${sut.baseUrl}/health`);
    expect(health.status).toBe(200);
    const closedAfter = await slow.closed;
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfter).toBeGreaterThanOrEqual(HEADERS_MS - 100);
    expect(closedAfter).toBeLessThan(HEADERS_MS + 10_000);
  });

  it('answers 408 and closes a connection whose body trickles in: nothing of the request is acted on', async () => {
    const email = `slow-${Date.now()}@example.org`;
    const body = JSON.stringify({ email, password: 'correct horse battery', displayName: 'Lente' });
    const slow = await open('127.0.0.1');
    slow.socket.write(
      `POST /api/auth/register HTTP/1.1\r\nHost: liquide\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    trickle(slow, ' ', 400);
    const closedAfter = await slow.closed;
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_MS - 100);
    expect(closedAfter).toBeLessThan(REQUEST_MS + 10_000);
    const login = await fetch(`${sut.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    expect(login.status).toBe(401);
  });

  it('refuses an address its connections past the cap, in its language, and serves it again once it closes some', async () => {
    const held: RawClient[] = [];
    for (let i = 0; i < MAX; i++) {
      const client = await open(external);
      client.socket.write(healthRequest());
      expect((await answerOf(client)).status).toBe(200);
      held.push(client); // kept open (keep-alive)
    }
    const french = await open(external);
    french.socket.write(healthRequest('Accept-Language: fr-FR\r\n'));
    const refusedFr = await answerOf(french);
    expect(refusedFr.status).toBe(503);
    expect(refusedFr.head).toMatch(/retry-after: 10/i);
    expect(JSON.parse(refusedFr.body)).toEqual({
      statusCode: 503,
      code: 'security.too_many_connections',
      message: `Trop de connexions ouvertes depuis votre adresse (au plus ${MAX}) : fermez-en, puis réessayez`,
    });
    await french.closed;
    const english = await open(external);
    english.socket.write(healthRequest('Accept-Language: en-GB\r\n'));
    const refusedEn = await answerOf(english);
    expect(JSON.parse(refusedEn.body)).toMatchObject({
      code: 'security.too_many_connections',
      message: `Too many connections open from your address (at most ${MAX}): close some, then try again`,
    });
    await english.closed;

    // past twice the cap, a new connection is closed before anything is read
    for (let i = 0; i < MAX; i++) {
      await open(external);
    }
    const beyond = await open(external);
    await beyond.closed;
    expect(beyond.received()).toBe(''); // not even the 408 of the head timeout: closed before reading

    // the same machine through loopback (a proxy's address) is not counted
    const viaLoopback = await fetch(`${sut.baseUrl}/health`);
    expect(viaLoopback.status).toBe(200);

    for (const client of clients.splice(0)) {
      client.socket.destroy();
      await client.closed;
    }
    const again = await open(external);
    again.socket.write(healthRequest());
    expect((await answerOf(again)).status).toBe(200);
  });
});
