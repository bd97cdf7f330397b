import { io } from 'socket.io-client';
import { request } from '../../support/api-client';
import { watch, type LiveClient } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective, type Collective } from '../domain/domain-fixtures';

/** Small limits so that a flood is cut fast; a 2-second cooldown, doubled at each repeat. */
const LIMITS = {
  LIVE_EVENTS_PER_SECOND: '10',
  LIVE_ADDRESS_EVENTS_PER_SECOND: '5000',
  LIVE_MAX_REFUSALS: '5',
  LIVE_ABUSE_COOLDOWN_SECONDS: '2',
};

interface ConnectRefusal {
  message: string;
  data?: { code?: string; status?: number };
}

/**
 * A client that floods the server is disconnected; it must not be able to come straight back and start again:
 * its account (signed in) or its address (anonymous) is refused new connections for a while, with a code
 * and the wait, in the client's language. Everyone else keeps connecting.
 */
describe('Cooldown after a client is disconnected for abuse', () => {
  let sut: TestApp;
  let c: Collective;
  let ballotId: string;
  const sockets: LiveClient[] = [];

  /** Connects from `address` (trusted X-Forwarded-For from loopback, as behind a local proxy). */
  async function connect(
    address: string,
    token?: string,
    language = 'fr',
  ): Promise<LiveClient | ConnectRefusal> {
    const socket: LiveClient = io(sut.baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: token ? { token } : {},
      extraHeaders: { 'x-forwarded-for': address, 'accept-language': language },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => resolve(error as ConnectRefusal));
    });
  }

  async function connected(address: string, token?: string): Promise<LiveClient> {
    const socket = await connect(address, token);
    if (!('connected' in socket)) {
      throw new Error(`refused: ${socket.message}`);
    }
    return socket;
  }

  /** Floods watches until the server disconnects the socket. */
  async function floodUntilDropped(socket: LiveClient): Promise<void> {
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < 300; i += 1) {
      socket.emit('ballot:watch', { ballotId }, () => undefined);
    }
    await gone;
  }

  beforeAll(async () => {
    sut = await startTestApp(LIMITS);
    const people = ['Ana', 'Ben'].map((name) => ({ name, roles: 'member' }));
    c = await createCollective(sut.baseUrl, people, { public: true, visibility: 'live' });
    ({ ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' }));
  });

  afterEach(() => {
    sockets.splice(0).forEach((socket) => socket.disconnect());
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('refuses an anonymous flooder’s address for a while, doubling on a repeat, and no one else', async () => {
    await floodUntilDropped(await connected('203.0.113.10'));

    const refused = await connect('203.0.113.10', undefined, 'en');
    expect('connected' in refused).toBe(false);
    expect((refused as ConnectRefusal).data).toMatchObject({ code: 'live.cooling_down', status: 429 });
    expect((refused as ConnectRefusal).message).toMatch(
      /^Connection refused after recent abuse: try again in [12] s$/,
    );
    // another address, and the server itself, are unaffected
    expect(await watch(await connected('203.0.113.11'), ballotId)).toMatchObject({ ok: true });
    expect((await request(sut.baseUrl, 'GET', '/health')).status).toBe(200);

    // once the cooldown is over the address is welcome again; a second flood costs twice as long
    const back = await eventuallyConnected('203.0.113.10', 10_000);
    await floodUntilDropped(back);
    const again = (await connect('203.0.113.10')) as ConnectRefusal;
    expect(again.data?.code).toBe('live.cooling_down');
    expect(again.message).toMatch(/^Connexion refusée après des abus récents : réessayez dans [34] s$/);
  });

  it('refuses a signed-in flooder by account, from any address, and not the others sharing its address', async () => {
    await floodUntilDropped(await connected('203.0.113.20', c.users.Ana.token));

    const elsewhere = (await connect('203.0.113.21', c.users.Ana.token)) as ConnectRefusal;
    expect(elsewhere.data?.code).toBe('live.cooling_down');
    // a neighbour behind the same address, signed in or not, still connects
    expect(await watch(await connected('203.0.113.20', c.users.Ben.token), ballotId)).toMatchObject({
      ok: true,
    });
    expect(await watch(await connected('203.0.113.20'), ballotId)).toMatchObject({ ok: true });
  });

  async function eventuallyConnected(address: string, timeoutMs: number): Promise<LiveClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const socket = await connect(address);
      if ('connected' in socket) {
        return socket;
      }
      if (Date.now() > deadline) {
        throw new Error(`still refused: ${socket.message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
});
