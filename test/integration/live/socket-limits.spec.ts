import { io } from 'socket.io-client';
import { request } from '../../support/api-client';
import { collectStates, connectLive, eventually, watch, type LiveClient } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective, requestId, type Collective } from '../domain/domain-fixtures';

interface Refused {
  event: string;
  code: string;
  message: string;
}

/** Every test client comes from 127.0.0.1: the per-address event limit is set high enough for all. */
const LIMITS = {
  LIVE_EVENTS_PER_SECOND: '10',
  LIVE_ADDRESS_EVENTS_PER_SECOND: '5000',
  LIVE_MAX_REFUSALS: '20',
  LIVE_MAX_WATCHES_PER_SOCKET: '2',
  LIVE_MAX_CONNECTIONS_PER_ADDRESS: '8',
  LIVE_MAX_BUFFERED_BYTES: '2048',
  LIVE_MAX_PUSHES_PER_SECOND: '20',
};

describe('Limits on socket.io clients', () => {
  let sut: TestApp;
  let c: Collective;
  const sockets: LiveClient[] = [];

  /**
   * A client; `address` makes it come from that address (the server trusts X-Forwarded-For from
   * loopback, as from a local proxy), so that the cooldown of a disconnected flooder (abuse-cooldown.spec)
   * does not fall on the other tests' clients.
   */
  async function client(language?: 'en', address?: string): Promise<LiveClient> {
    const headers = {
      ...(language ? { 'accept-language': language } : {}),
      ...(address ? { 'x-forwarded-for': address } : {}),
    };
    const socket: LiveClient =
      language || address
        ? io(sut.baseUrl, {
            path: '/socket.io',
            transports: ['websocket'],
            extraHeaders: headers,
            reconnection: false,
            forceNew: true,
          })
        : await connectLive(sut.baseUrl);
    sockets.push(socket);
    if (!socket.connected) {
      await new Promise((resolve) => socket.once('connect', () => resolve(null)));
    }
    return socket;
  }

  function closeAll(): Promise<void> {
    sockets.splice(0).forEach((socket) => socket.disconnect());
    // the server counts a connection until its close reaches it
    return new Promise((resolve) => setTimeout(resolve, 300));
  }

  async function healthy(): Promise<boolean> {
    return (await request(sut.baseUrl, 'GET', '/health')).status === 200;
  }

  function disconnected(socket: LiveClient): Promise<string> {
    return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  }

  beforeAll(async () => {
    sut = await startTestApp(LIMITS);
    const people = ['Ana', 'Ben'].map((name) => ({ name, roles: 'member' }));
    c = await createCollective(sut.baseUrl, people, { public: true, visibility: 'live' });
  });

  afterEach(() => closeAll());

  afterAll(async () => {
    await sut?.close();
  });

  it('refuses a flood of valid watches with a code, disconnects the flooder, and keeps serving the others', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const honest = await client();
    const states = collectStates(honest);
    expect(await watch(honest, ballotId)).toMatchObject({ ok: true, state: { totals: { yes: 0 } } });

    const flooder = await client(undefined, '198.51.100.1');
    const refusals: Refused[] = [];
    flooder.on('live:refused', (payload) => refusals.push(payload));
    const gone = disconnected(flooder);
    const answers: { ok: boolean; code?: string; message?: string }[] = [];
    for (let i = 0; i < 500; i += 1) {
      flooder.emit('ballot:watch', { ballotId }, (answer) => answers.push(answer));
    }
    expect(await gone).toBe('io server disconnect');
    const limited = answers.filter((answer) => answer.code === 'live.rate_limited');
    // at most the burst (twice the rate) got through; the answers in flight may be lost with the socket
    expect(answers.filter((answer) => answer.ok).length).toBeLessThanOrEqual(20);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    expect(limited[0].message).toMatch(/^Trop d’événements \(10 par seconde\) : réessayez dans \d+ s$/);
    expect(refusals.at(-1)).toMatchObject({ event: 'disconnect', code: 'live.disconnected' });

    expect(await healthy()).toBe(true);
    await c.users.Ana.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId() });
    await eventually(() => states.at(-1)?.totals.yes === 1, 10_000);
  });

  it('answers a watch of a ballot already watched from memory, with the latest figures', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const observer = await client();
    const first = await watch(observer, ballotId);
    await c.users.Ben.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: requestId() });
    const states = collectStates(observer);
    await eventually(() => states.at(-1)?.totals.no === 1, 10_000);
    const again = await watch(observer, ballotId);
    expect(again).toMatchObject({ ok: true, state: { totals: { no: 1 } } });
    expect(
      again.ok && again.state && first.ok && first.state && again.state.version > first.state.version,
    ).toBe(true);
  });

  it('answers malformed events in bulk with codes in the caller’s language, then disconnects the sender', async () => {
    const sender = await client('en', '198.51.100.2');
    const refusals: Refused[] = [];
    sender.on('live:refused', (payload) => refusals.push(payload));
    const gone = disconnected(sender);
    const raw = sender as unknown as { emit(...args: unknown[]): void };
    for (let i = 0; i < 100; i += 1) {
      raw.emit('ballot:explode', { i });
      raw.emit('ballot:watch', 'not an object');
      raw.emit('ballot:watch', { ballotId: 'x', extra: true });
    }
    expect(await gone).toBe('io server disconnect');
    expect(refusals.length).toBeGreaterThanOrEqual(5);
    expect(refusals.length).toBeLessThanOrEqual(25);
    expect(refusals[0]).toMatchObject({
      event: 'ballot:explode',
      code: 'live.unknown_event',
      message: 'Unknown or malformed event: ballot:explode',
    });
    expect(refusals.some((refusal) => refusal.code === 'common.validation_failed')).toBe(true);
    expect(refusals.at(-1)).toMatchObject({
      code: 'live.disconnected',
      message: 'Connection closed: too many refused events (20)',
    });
    expect(await healthy()).toBe(true);
  });

  it('refuses an oversize payload with a code, and closes the connection on a message past the size limit', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const sender = await client();
    const big = await sender
      .timeout(5000)
      .emitWithAck('ballot:watch', { ballotId, pad: 'x'.repeat(4000) } as unknown as { ballotId: string });
    expect(big).toMatchObject({ ok: false, code: 'live.payload_too_large' });
    expect(await watch(sender, ballotId)).toMatchObject({ ok: true });

    const gone = disconnected(sender);
    sender.emit(
      'ballot:watch',
      { ballotId, pad: 'x'.repeat(200_000) } as unknown as { ballotId: string },
      () => undefined,
    );
    expect(await gone).toBe('transport close');
    expect(await healthy()).toBe(true);
  });

  it('caps the ballots one socket watches; unwatching frees a place', async () => {
    const ballots = await Promise.all(
      [1, 2, 3].map(() => createBallot(c.admin, c.id, { visibility: 'live' })),
    );
    const observer = await client();
    expect(await watch(observer, ballots[0].ballotId)).toMatchObject({ ok: true });
    expect(await watch(observer, ballots[1].ballotId)).toMatchObject({ ok: true });
    // watching one again takes no new place
    expect(await watch(observer, ballots[1].ballotId)).toMatchObject({ ok: true });
    expect(await watch(observer, ballots[2].ballotId)).toMatchObject({
      ok: false,
      code: 'live.too_many_watches',
      message: 'Vous suivez déjà 2 scrutins sur cette connexion : cessez d’en suivre un d’abord',
    });
    await observer.timeout(5000).emitWithAck('ballot:unwatch', { ballotId: ballots[0].ballotId });
    expect(await watch(observer, ballots[2].ballotId)).toMatchObject({ ok: true });
  });

  it('caps the connections of one address, with a code; a closed one frees a place', async () => {
    await closeAll();
    for (let i = 0; i < 8; i += 1) {
      await client();
    }
    const refused = await connectLive(sut.baseUrl).then(
      (socket) => {
        sockets.push(socket);
        return null;
      },
      (error: { data?: { code?: string } }) => error,
    );
    expect(refused?.data).toMatchObject({ code: 'live.too_many_connections' });
    sockets.shift()?.disconnect();
    let admitted: LiveClient | null = null;
    for (let attempt = 0; attempt < 50 && !admitted; attempt += 1) {
      await sleep(100);
      admitted = await connectLive(sut.baseUrl).catch(() => null);
    }
    expect(admitted).not.toBeNull();
    sockets.push(admitted!);
  });

  it('drops a client that sends but does not read, before its unread answers grow past the limit', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const honest = await client();
    const states = collectStates(honest);
    await watch(honest, ballotId);
    const poller = await PollingClient.open(sut.baseUrl);
    // twenty asks without ever reading an answer: ~7 KB of acks queued for it
    await poller.send(
      Array.from({ length: 20 }, (_, i) => `2${i}["ballot:watch",{"ballotId":"${ballotId}"}]`),
    );
    let alive = true;
    const deadline = Date.now() + 10_000;
    while (alive && Date.now() < deadline) {
      await sleep(200);
      alive = await poller.alive();
    }
    expect(alive).toBe(false);
    await c.users.Ana.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: requestId() });
    await eventually(() => states.at(-1)?.totals.no === 1, 10_000);
    expect(await healthy()).toBe(true);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An engine.io long-polling client, spoken by hand so that it can stop reading. */
class PollingClient {
  private constructor(
    private readonly url: string,
    private readonly sid: string,
  ) {}

  static async open(baseUrl: string): Promise<PollingClient> {
    const base = `${baseUrl}/socket.io/?EIO=4&transport=polling`;
    const handshake = await (await fetch(base)).text();
    const { sid } = JSON.parse(handshake.slice(1)) as { sid: string };
    const client = new PollingClient(`${base}&sid=${sid}`, sid);
    await client.send(['0']);
    const joined = await (await fetch(client.url)).text();
    expect(joined).toMatch(/^40\{"sid":/);
    return client;
  }

  /** Sends socket.io packets (engine.io "message" packets, separated by the record separator). */
  async send(packets: readonly string[]): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: packets.map((packet) => `4${packet}`).join('\x1e'),
    });
    expect(response.status).toBe(200);
  }

  /** Whether the server still knows the session, asked with a pong (which reads nothing). */
  async alive(): Promise<boolean> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: '3',
    });
    await response.text();
    return response.status === 200;
  }
}
