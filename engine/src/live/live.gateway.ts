import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { AccessService } from '../access/access.service';
import { TokenService } from '../auth/token.service';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { pickLanguage } from '../errors/error-catalog';
import { renderError } from '../errors/http-exception.filter';
import { parseInput } from '../errors/validation';
import { LiquideError } from '../errors/liquide-error';
import { clientAddress } from '../security/client-address';
import { originAllowed } from '../security/http-security';
import { LiveLimiter } from './live-limiter';
import type { LiveServer, LiveSocket } from './live-socket';
import { LiveService } from './live.service';
import { LiveErrorCode } from './live.errors';
import { rooms, WatchInput, type WatchAnswer } from './live.contract';

export type { LiveServer, LiveSocket, SocketData } from './live-socket';

type Refusal = Extract<WatchAnswer, { ok: false }>;

/**
 * socket.io entry point. Authenticates on connect with the API's access token (`auth.token`);
 * without a token the socket is anonymous and may only follow public collectives' ballots.
 * Every connection and every event passes the {@link LiveLimiter} before any work is done.
 */
@WebSocketGateway({
  path: '/socket.io',
  cors: { origin: true, credentials: true },
  serveClient: false,
  // an engine.io connection that never joins is closed after 10 s (socket.io's default: 45 s)
  connectTimeout: 10_000,
})
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer()
  server!: LiveServer;

  constructor(
    private readonly tokens: TokenService,
    private readonly access: AccessService,
    private readonly live: LiveService,
    private readonly limiter: LiveLimiter,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  afterInit(server: LiveServer): void {
    this.live.attach(server);
    const hardCap = this.limiter.limits.maxConnectionsPerAddress * 2;
    // browsers send Origin on websocket upgrades too, and CORS does not cover them: same origin or
    // CORS_ORIGINS. Far past its connection cap, an address is refused before any handshake.
    server.engine.opts.allowRequest = (req, callback) =>
      callback(
        null,
        originAllowed(req.headers.origin, req, this.config.security.corsOrigins) &&
          this.limiter.connectionsFrom(clientAddress(req)) < hardCap,
      );
    server.engine.on('connection', (conn: LiveSocket['conn']) => {
      const address = clientAddress(conn.request);
      this.limiter.opened(address);
      conn.once('close', () => this.limiter.closed(address));
    });
    server.use((socket, next) => {
      socket.data.language = pickLanguage(socket.handshake.headers['accept-language']);
      const address = clientAddress(socket.request);
      const token = handshakeToken(socket);
      // an anonymous client cooling down after abuse is refused before any work; a signed-in one is known
      // by its account, once its token is checked (from memory, for a token seen before)
      socket.data.abuseKeys = token ? [] : [`address:${address}`];
      const allowance = this.limiter.coolingDown(socket.data.abuseKeys) ?? this.limiter.admit(address);
      if (allowance instanceof LiquideError) {
        this.refuseConnection(socket, allowance, next);
        return;
      }
      socket.data.allowance = allowance;
      socket.data.watching = new Map();
      socket.data.owed = new Set();
      socket.data.sent = new Map();
      socket.use((packet, nextEvent) => this.screen(socket, packet, nextEvent));
      this.authenticate(socket, token, next);
    });
  }

  private refuseConnection(socket: LiveSocket, error: unknown, next: (error?: Error) => void): void {
    next(this.connectError(error, socket));
    // the refusal is queued before the close, which sends it first
    setImmediate(() => socket.conn.close());
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const account = socket.data.account;
    if (!account) {
      return;
    }
    try {
      const memberIds = await this.live.memberIdsOf(account.accountId);
      await socket.join(memberIds.map(rooms.member));
    } catch (error) {
      // nothing catches a failed connection handler: without this, a database fault here is an
      // unhandled rejection that ends the process. The client is let go and reconnects later.
      const body = renderError(error, socket.data.language, this.logger);
      this.logger.warn(`socket ${socket.id} let go on connection: ${body.code}`);
      socket.disconnect(true);
    }
  }

  /**
   * Joins the ballot's rooms and answers with its state. A ballot the socket already watches (or
   * is being answered about) costs nothing: the answer given, refreshed from memory.
   */
  @SubscribeMessage('ballot:watch')
  async watch(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<WatchAnswer> {
    try {
      const { ballotId } = parseInput(WatchInput, payload, 'socket');
      const known = socket.data.watching.get(ballotId);
      if (known) {
        return this.live.rewatch(socket, ballotId, await known);
      }
      const max = this.limiter.limits.maxWatchesPerSocket;
      if (socket.data.watching.size >= max) {
        throw new LiquideError(LiveErrorCode.TooManyWatches, { params: { max } });
      }
      const answer = this.firstWatch(socket, ballotId);
      socket.data.watching.set(ballotId, answer);
      const result = await answer;
      if (result.ok && result.state) {
        socket.data.sent.set(ballotId, Math.max(result.state.version, socket.data.sent.get(ballotId) ?? 0));
      }
      // a refusal is not remembered: the next watch asks again (rights may have changed)
      if (!result.ok && socket.data.watching.get(ballotId) === answer) {
        socket.data.watching.delete(ballotId);
      }
      return result;
    } catch (error) {
      return this.refusal(error, socket);
    }
  }

  @SubscribeMessage('ballot:unwatch')
  async unwatch(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<{ ok: true } | WatchAnswer> {
    try {
      const { ballotId } = parseInput(WatchInput, payload, 'socket');
      socket.data.watching.delete(ballotId);
      socket.data.owed.delete(ballotId);
      socket.data.sent.delete(ballotId);
      await socket.leave(rooms.watch(ballotId));
      await socket.leave(rooms.tally(ballotId));
      return { ok: true };
    } catch (error) {
      return this.refusal(error, socket);
    }
  }

  private async firstWatch(socket: LiveSocket, ballotId: string): Promise<WatchAnswer> {
    try {
      const { member } = await this.access.assertCanOnBallot(socket.data.account, ballotId, 'ballot.read');
      return await this.live.watch(socket, ballotId, member?.id ?? null);
    } catch (error) {
      return this.refusal(error, socket);
    }
  }

  /** Lets an event through the limits, or answers it with the refusal (and drops abusers). */
  private screen(socket: LiveSocket, packet: unknown[], next: (error?: Error) => void): void {
    if (!socket.connected) {
      // the rest of a flood already read when its sender was disconnected: dropped without a word
      return;
    }
    const problem = this.limiter.check(socket.data.allowance, packet);
    if (!problem) {
      next();
      return;
    }
    const answer = this.refusal(problem, socket);
    const ack = packet.at(-1);
    if (typeof ack === 'function') {
      (ack as (answer: Refusal) => void)(answer);
    } else {
      socket.emit('live:refused', { event: String(packet[0]).slice(0, 40), ...answer });
    }
    if (!this.limiter.refused(socket.data.allowance)) {
      const max = this.limiter.limits.maxRefusals;
      const gone = this.refusal(new LiquideError(LiveErrorCode.Disconnected, { params: { max } }), socket);
      socket.emit('live:refused', { event: 'disconnect', ...gone });
      this.limiter.abused(socket.data.abuseKeys);
      socket.disconnect(true);
    }
  }

  private authenticate(socket: LiveSocket, token: string | undefined, next: (error?: Error) => void): void {
    if (!token) {
      socket.data.account = null;
      next();
      return;
    }
    this.tokens.verifyAccessToken(token).then(
      (account) => {
        socket.data.abuseKeys = [`account:${account.accountId}`];
        const cooling = this.limiter.coolingDown(socket.data.abuseKeys);
        if (cooling) {
          this.refuseConnection(socket, cooling, next);
          return;
        }
        socket.data.account = account;
        next();
      },
      (error: unknown) => next(this.connectError(error, socket)),
    );
  }

  private connectError(error: unknown, socket: LiveSocket): Error {
    const body = renderError(error, socket.data.language, this.logger);
    return Object.assign(new Error(body.message), { data: { code: body.code, status: body.statusCode } });
  }

  private refusal(error: unknown, socket: LiveSocket): Refusal {
    const body = renderError(error, socket.data.language, this.logger);
    const field = body.field ?? body.errors?.[0]?.field;
    return { ok: false, code: body.code, message: body.message, ...(field ? { field } : {}) };
  }
}

/** The access token a client handed over in its handshake (`auth.token`), if any. */
function handshakeToken(socket: LiveSocket): string | undefined {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  return typeof auth?.token === 'string' ? auth.token : undefined;
}
