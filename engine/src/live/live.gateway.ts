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
import type { Server, Socket } from 'socket.io';
import { AccessService } from '../access/access.service';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { TokenService } from '../auth/token.service';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { originAllowed } from '../security/http-security';
import { pickLanguage } from '../errors/error-catalog';
import { renderError } from '../errors/http-exception.filter';
import { InputValidationError, parseInput } from '../errors/validation';
import type { CollectiveRoomsData } from './collective-rooms';
import { LiveService } from './live.service';
import {
  rooms,
  WatchInput,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type WatchAnswer,
} from './live.contract';

export interface SocketData extends CollectiveRoomsData {
  account: AuthenticatedAccount | null;
  language: 'fr' | 'en';
}

export type LiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/**
 * socket.io entry point. Authenticates on connect with the API's access token (`auth.token`);
 * without a token the socket is anonymous and may only follow public collectives' ballots.
 */
@WebSocketGateway({ path: '/socket.io', cors: { origin: true, credentials: true }, serveClient: false })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer()
  server!: LiveServer;

  constructor(
    private readonly tokens: TokenService,
    private readonly access: AccessService,
    private readonly live: LiveService,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  afterInit(server: LiveServer): void {
    this.live.attach(server);
    // browsers send Origin on websocket upgrades too, and CORS does not cover them: same origin or CORS_ORIGINS
    server.engine.opts.allowRequest = (req, callback) =>
      callback(null, originAllowed(req.headers.origin, req, this.config.security.corsOrigins));
    server.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const token = typeof auth?.token === 'string' ? auth.token : undefined;
      socket.data.language = pickLanguage(socket.handshake.headers['accept-language']);
      if (!token) {
        socket.data.account = null;
        next();
        return;
      }
      this.tokens.verifyAccessToken(token).then(
        (account) => {
          socket.data.account = account;
          next();
        },
        (error: unknown) => {
          const body = renderError(error, socket.data.language, this.logger);
          next(
            Object.assign(new Error(body.message), { data: { code: body.code, status: body.statusCode } }),
          );
        },
      );
    });
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

  @SubscribeMessage('ballot:watch')
  async watch(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<WatchAnswer> {
    try {
      const { ballotId } = parseInput(WatchInput, payload, 'socket');
      const { member } = await this.access.assertCanOnBallot(socket.data.account, ballotId, 'ballot.read');
      return await this.live.watch(socket, ballotId, member?.id ?? null);
    } catch (error) {
      const body = renderError(error, socket.data.language, this.logger);
      return {
        ok: false,
        code: body.code,
        message: body.message,
        ...(body.field ? { field: body.field } : {}),
      };
    }
  }

  @SubscribeMessage('ballot:unwatch')
  async unwatch(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<{ ok: true } | WatchAnswer> {
    try {
      const { ballotId } = parseInput(WatchInput, payload, 'socket');
      await socket.leave(rooms.watch(ballotId));
      await socket.leave(rooms.tally(ballotId));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof InputValidationError)) {
        throw error;
      }
      const body = renderError(error, socket.data.language, this.logger);
      return { ok: false, code: body.code, message: body.message };
    }
  }
}
