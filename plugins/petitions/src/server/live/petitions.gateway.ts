import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { EventsHandler, QueryBus, type IEventHandler } from '@nestjs/cqrs';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import {
  authenticateSockets,
  joinCollectiveRoom,
  parseInput,
  socketCaller,
  socketRefusal,
  TokenService,
} from '@liquide/engine';
import {
  petitionRoom,
  PetitionWatchInput,
  type PetitionLiveState,
  type PetitionWatchAnswer,
} from '../../contracts';
import { PetitionChangedEvent } from '../commands/petition.commands';
import { PetitionAccess } from '../petition-access';
import { PetitionLiveStateQuery } from '../queries/petition.queries';

/** Pushes to one petition's room are coalesced: at most one per this many milliseconds, always the latest state. */
const PUSH_INTERVAL_MS = 100;

/**
 * The plugin's socket events on the engine's socket.io server (same path, same token rule):
 * `petition:watch` joins a petition's room and answers with its figures; `petition:signatures`
 * then carries every change (count, regional breakdown, thresholds). Several instances share rooms
 * through the engine's Redis adapter.
 */
@WebSocketGateway({ path: '/socket.io', cors: { origin: true, credentials: true }, serveClient: false })
@EventsHandler(PetitionChangedEvent)
export class PetitionsGateway implements OnGatewayInit, IEventHandler<PetitionChangedEvent>, OnModuleDestroy {
  private readonly logger = new Logger(PetitionsGateway.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();

  @WebSocketServer()
  server!: Server;

  constructor(
    private readonly tokens: TokenService,
    private readonly petitions: PetitionAccess,
    private readonly queries: QueryBus,
  ) {}

  afterInit(server: Server): void {
    authenticateSockets(server, this.tokens, this.logger);
  }

  onModuleDestroy(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
  }

  @SubscribeMessage('petition:watch')
  async watch(
    @ConnectedSocket() socket: Socket,
    @MessageBody() payload: unknown,
  ): Promise<PetitionWatchAnswer> {
    try {
      const { petitionId } = parseInput(PetitionWatchInput, payload, 'socket');
      const { collective } = await this.petitions.assertCan(
        socketCaller(socket).account,
        petitionId,
        'petitions.read',
      );
      // a collective's room: left at once if the caller's membership is deactivated
      await joinCollectiveRoom(socket, collective.id, petitionRoom(petitionId));
      const state: PetitionLiveState = await this.queries.execute(new PetitionLiveStateQuery(petitionId));
      return { ok: true, state };
    } catch (error) {
      return socketRefusal(error, socket, this.logger);
    }
  }

  @SubscribeMessage('petition:unwatch')
  async unwatch(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    try {
      const { petitionId } = parseInput(PetitionWatchInput, payload, 'socket');
      await socket.leave(petitionRoom(petitionId));
      return { ok: true };
    } catch (error) {
      return socketRefusal(error, socket, this.logger);
    }
  }

  /** A committed change: push the petition's state to its room (coalesced). */
  handle(event: PetitionChangedEvent): void {
    if (this.timers.has(event.petitionId)) {
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(event.petitionId);
      this.push(event.petitionId).catch((error: unknown) =>
        this.logger.error(`Pushing petition ${event.petitionId} failed: ${String(error)}`),
      );
    }, PUSH_INTERVAL_MS);
    timer.unref();
    this.timers.set(event.petitionId, timer);
  }

  private async push(petitionId: string): Promise<void> {
    const state: PetitionLiveState = await this.queries.execute(new PetitionLiveStateQuery(petitionId));
    this.server.to(petitionRoom(petitionId)).emit('petition:signatures', state);
  }
}
