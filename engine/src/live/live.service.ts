import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { othersChoicesSecret } from '../ballots/ballot-secrecy';
import { EventBus } from '@nestjs/cqrs';
import { Ballot } from '../ballots/ballot.entity';
import { resultFigures, resultWithoutVoters } from '../ballots/result-figures';
import { endMembership, joinCollectiveRoom, rememberCollectiveRoom } from './collective-rooms';
import { LIQUIDE_CONFIG } from '../config/config.module';
import { runInBackground } from '../logging/background';
import type { LiquideConfig } from '../config/liquide-config';
import { DelegateVotedEvent } from './delegate-voted.event';
import { notifyTrustees } from './trustee-notices';
import { FANOUT_SLICE, inSlices, pushInterval, SerialPerKey } from './live-fanout';
import { bufferedBytes, dropSocket, type LiveServer, type LiveSocket } from './live-socket';
import type { LiveMessage } from './live-message';
import { LiveTallyRegistry } from './live-tally.registry';
import { MembershipReloads } from './membership-reloads';
import { rooms, type ServerToClientEvents, type TallyState, type WatchAnswer } from './live.contract';
import { activeMembershipIds } from '../members/membership';

/** Everything one instance does to keep its observers' screens moving. */
@Injectable()
export class LiveService implements OnModuleDestroy {
  private readonly logger = new Logger(LiveService.name);
  private server: LiveServer | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastPush = new Map<string, number>();
  /**
   * CPU time the last fan-out of each ballot took (ms, summed over its slices): CPU rather than wall time,
   * so that a machine busy with other processes does not make the pushes sparser.
   */
  private readonly fanoutMs = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly maxBufferedBytes: number;
  private readonly sweeper: NodeJS.Timeout;
  /** A ballot's pushes and its close, one at a time. */
  private readonly serial = new SerialPerKey();
  private readonly membershipReloads: MembershipReloads;
  /** Ballots whose final state this instance sent (the latest 10,000): a second announcement sends nothing. */
  private readonly finalsSent = new Set<string>();

  constructor(
    private readonly registry: LiveTallyRegistry,
    private readonly em: EntityManager,
    private readonly events: EventBus,
    @Inject(LIQUIDE_CONFIG) config: LiquideConfig,
  ) {
    this.intervalMs = 1000 / config.live.maxPushesPerSecond;
    this.maxBufferedBytes = config.live.limits.maxBufferedBytes;
    this.sweeper = setInterval(() => this.sweepSlowConsumers(), 500);
    this.sweeper.unref();
    this.membershipReloads = new MembershipReloads(registry, (id) => this.changed(id), this.logger);
  }

  attach(server: LiveServer): void {
    this.server = server;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
  }

  /** Sends a personal event to each member's own sockets, on every instance. */
  toMembers<E extends keyof ServerToClientEvents>(
    memberIds: readonly string[],
    event: E,
    ...payload: Parameters<ServerToClientEvents[E]>
  ): void {
    if (this.server && memberIds.length > 0) {
      this.server.to(memberIds.map(rooms.member)).emit(event, ...payload);
    }
  }

  /** The account's active memberships (bound to it, see members/membership.ts). */
  memberIdsOf(accountId: string): Promise<string[]> {
    return activeMembershipIds(this.em.fork(), accountId);
  }

  /** Joins the ballot's rooms as its visibility allows and answers with the current state first. */
  async watch(socket: LiveSocket, ballotId: string, memberId: string | null): Promise<WatchAnswer> {
    const em = this.em.fork();
    const ballot = await em.findOneOrFail(Ballot, { id: ballotId }, { exclude: ['result'] });
    // the tally room may be joined later (after-vote), by the server: remembered now, left together
    rememberCollectiveRoom(socket, ballot.collective.id, rooms.tally(ballotId));
    await joinCollectiveRoom(socket, ballot.collective.id, rooms.watch(ballotId));
    const figures = ballot.status === 'closed' ? await resultWithoutVoters(em, ballotId) : null;
    if (figures) {
      return { ok: true, state: finalState(ballot, figures, Number.MAX_SAFE_INTEGER) };
    }
    if (ballot.status !== 'open') {
      return { ok: true, state: null, hiddenUntil: 'close' };
    }
    const hidden = await this.hiddenFor(ballot, memberId);
    if (hidden) {
      return { ok: true, state: null, hiddenUntil: hidden };
    }
    await socket.join(rooms.tally(ballotId));
    const entry = await this.registry.get(ballotId);
    return { ok: true, state: entry ? this.registry.state(entry) : null };
  }

  /**
   * The answer to a second watch of a ballot: the first answer, with the figures refreshed from
   * memory when the socket sees them. No database read, no tally computed.
   */
  rewatch(socket: LiveSocket, ballotId: string, first: WatchAnswer): WatchAnswer {
    if (!first.ok || !socket.rooms.has(rooms.tally(ballotId))) {
      return first;
    }
    const state = this.registry.peekState(ballotId) ?? first.state;
    if (state) {
      socket.data.sent.set(ballotId, Math.max(state.version, socket.data.sent.get(ballotId) ?? 0));
    }
    return { ok: true, state };
  }

  /** Applies a domain event: tallies, pushes, and the personal events of its origin instance. */
  async handle(message: LiveMessage, fromThisInstance: boolean): Promise<void> {
    switch (message.type) {
      case 'vote': {
        const changed = this.registry.apply({
          kind: 'vote',
          ballotId: message.ballotId,
          memberId: message.memberId,
          choice: message.choice,
          at: message.at,
        });
        changed.forEach((id) => this.schedule(id));
        if (message.choice) {
          await this.afterVote(message.ballotId, message.memberId, message.choice, fromThisInstance);
        }
        return;
      }
      case 'delegation': {
        const changed = this.registry.apply({
          kind: 'delegation',
          collectiveId: message.collectiveId,
          memberId: message.memberId,
          scope: message.scope,
          target: message.target,
          trustees: message.trustees,
          previousTrustees: message.previousTrustees,
          expiresAt: message.expiresAt,
          at: message.at,
        });
        changed.forEach((id) => this.schedule(id));
        if (fromThisInstance) {
          if (this.server) {
            await notifyTrustees(this.server, this.em, message);
          }
        }
        return;
      }
      case 'closed':
        await this.closed(message.ballotId);
        return;
      case 'members-changed':
        this.membershipReloads.changed(message.collectiveId);
        return;
      case 'membership-ended':
        if (this.server) {
          await endMembership(this.server, message.collectiveId, message.memberId, 'deactivated');
        }
        return;
    }
  }

  /** A ballot's tally changed outside the announcements (reloaded): its observers get a push. */
  changed(ballotId: string): void {
    this.schedule(ballotId);
  }

  private schedule(ballotId: string): void {
    if (this.timers.has(ballotId) || !this.server) {
      return;
    }
    // the pause between pushes grows with what a push costs, so that fanning out takes at most a share of
    // the server's time (FANOUT_DUTY) however many observers watch: the votes and every other request
    // keep the rest
    const interval = pushInterval(this.intervalMs, this.fanoutMs.get(ballotId) ?? 0);
    const wait = Math.max(0, (this.lastPush.get(ballotId) ?? 0) + interval - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(ballotId);
      runInBackground(this.logger, `Live push of ${ballotId}`, () => this.push(ballotId));
    }, wait);
    timer.unref();
    this.timers.set(ballotId, timer);
  }

  /** Sends the ballot's newest state to its tally room, in slices (see {@link FANOUT_SLICE}). */
  private push(ballotId: string): Promise<void> {
    return this.serial.run(ballotId, async () => {
      const entry = await this.registry.get(ballotId);
      const server = this.server;
      if (!entry || !server) {
        return;
      }
      this.lastPush.set(ballotId, Date.now());
      const room = rooms.tally(ballotId);
      const state = this.registry.takeState(entry);
      const members = [...(server.sockets.adapter.rooms.get(room) ?? [])];
      let spent = 0;
      await inSlices(members, FANOUT_SLICE, (slice) => {
        const started = process.cpuUsage();
        const ready = slice.filter((id) => this.keepsUp(id, room, ballotId, state.version));
        if (ready.length > 0) {
          // each socket is in the room named by its id: one encoding per slice
          server.local.to(ready).emit('tally:state', state);
        }
        const used = process.cpuUsage(started);
        spent += (used.user + used.system) / 1000;
      });
      this.fanoutMs.set(ballotId, spent);
    });
  }

  /**
   * Whether a socket still in the tally room gets this push. Past the buffer limit it is dropped;
   * past a quarter of it, it skips this push and is owed the latest state, sent once it has caught
   * up (coalesced: one state per ballot, however many pushes it missed).
   */
  private keepsUp(id: string, room: string, ballotId: string, version: number): boolean {
    const socket = this.server!.sockets.sockets.get(id);
    if (!socket || !socket.rooms.has(room) || (socket.data.sent.get(ballotId) ?? 0) >= version) {
      return false;
    }
    const bytes = bufferedBytes(socket);
    if (bytes > this.maxBufferedBytes) {
      this.drop(socket, bytes);
      return false;
    }
    if (bytes > this.maxBufferedBytes / 4) {
      socket.data.owed.add(ballotId);
      return false;
    }
    socket.data.sent.set(ballotId, version);
    return true;
  }

  /** Drops sockets past the buffer limit (whatever filled it) and pays what caught-up ones are owed. */
  private sweepSlowConsumers(): void {
    for (const socket of this.server?.sockets.sockets.values() ?? []) {
      const bytes = bufferedBytes(socket);
      if (bytes > this.maxBufferedBytes) {
        this.drop(socket, bytes);
        continue;
      }
      const owed = socket.data.owed;
      if (!owed || owed.size === 0 || bytes > this.maxBufferedBytes / 4) {
        continue;
      }
      for (const ballotId of owed) {
        const state = socket.rooms.has(rooms.tally(ballotId)) ? this.registry.peekState(ballotId) : null;
        if (state && (socket.data.sent.get(ballotId) ?? 0) < state.version) {
          socket.data.sent.set(ballotId, state.version);
          socket.emit('tally:state', state);
        }
      }
      owed.clear();
    }
  }

  private drop(socket: LiveSocket, bytes: number): void {
    this.logger.warn(`Socket ${socket.id} dropped: ${bytes} bytes unread (limit ${this.maxBufferedBytes})`);
    dropSocket(socket);
  }

  private async afterVote(
    ballotId: string,
    memberId: string,
    choice: 'yes' | 'no' | 'abstain' | { readonly ballot: unknown },
    origin: boolean,
  ) {
    const server = this.server;
    if (!server) {
      return;
    }
    const entry = await this.registry.get(ballotId);
    if (!entry) {
      return;
    }
    if (entry.visibility === 'after-vote') {
      server.local.in(rooms.member(memberId)).socketsJoin(rooms.tally(ballotId));
      this.schedule(ballotId);
    }
    // secret ballot: delegators learn how their vote was carried after the close, not before
    // a method ballot's ballot is no choice to tell in one word: its delegators see it in the tally
    if (
      !origin ||
      typeof choice !== 'string' ||
      othersChoicesSecret({ visibility: entry.visibility, status: 'open' })
    ) {
      return;
    }
    try {
      const delegators = this.registry.carriedBy(entry, memberId);
      if (delegators.length === 0) {
        return;
      }
      const [voter] = await this.em
        .fork()
        .execute<{ display_name: string }[]>('select display_name from member where id = ?', [memberId]);
      const payload = { ballotId, voter: { memberId, displayName: voter?.display_name ?? '' }, choice };
      server.to(delegators.map(rooms.member)).emit('delegate:voted', payload);
      this.events.publish(new DelegateVotedEvent(entry.collectiveId, ballotId, memberId, choice, delegators));
    } catch (error) {
      this.logger.error(`Telling delegators of ${memberId} failed: ${String(error)}`);
    }
  }

  /** After the pushes already under way: the final state and `ballot:closed` to every watcher. */
  private closed(ballotId: string): Promise<void> {
    clearTimeout(this.timers.get(ballotId));
    this.timers.delete(ballotId);
    return this.serial.run(ballotId, () => this.sendFinal(ballotId));
  }

  private async sendFinal(ballotId: string): Promise<void> {
    if (this.finalsSent.has(ballotId)) {
      // announced twice (the reconciler found the close first, then its announcement came): once is enough
      return;
    }
    const entry = await this.registry.get(ballotId).catch(() => null);
    this.registry.drop(ballotId);
    this.fanoutMs.delete(ballotId);
    this.lastPush.delete(ballotId);
    const server = this.server;
    if (!server) {
      return;
    }
    const em = this.em.fork();
    const ballot = await em.findOne(Ballot, { id: ballotId }, { exclude: ['result'] });
    const figures = ballot ? await resultWithoutVoters(em, ballotId) : null;
    if (!ballot || !figures || !ballot.resultHash) {
      return;
    }
    const state = finalState(ballot, figures, (entry?.version ?? 0) + 1);
    this.finalsSent.add(ballotId);
    if (this.finalsSent.size > 10_000) {
      this.finalsSent.delete(this.finalsSent.values().next().value!);
    }
    const room = rooms.watch(ballotId);
    server.local.to(room).emit('tally:state', state);
    server.local.to(room).emit('ballot:closed', {
      ballotId,
      totals: state.totals,
      seats: state.seats,
      resultHash: ballot.resultHash,
    });
  }

  private async hiddenFor(
    ballot: Pick<Ballot, 'id' | 'visibility'>,
    memberId: string | null,
  ): Promise<'vote' | 'close' | null> {
    switch (ballot.visibility) {
      case 'live':
        return null;
      case 'after-close':
        return 'close';
      case 'after-vote': {
        if (!memberId) {
          return 'vote';
        }
        const rows = await this.em
          .fork()
          .execute('select 1 from vote where ballot_id = ? and member_id = ?', [ballot.id, memberId]);
        return rows.length > 0 ? null : 'vote';
      }
    }
  }
}

function finalState(
  ballot: Pick<Ballot, 'id' | 'resultStats' | 'closedAt'>,
  result: Parameters<typeof resultFigures>[0],
  version: number,
): TallyState {
  const figures = resultFigures(result);
  return {
    ballotId: ballot.id,
    status: 'closed',
    version,
    ...figures,
    turnout: ballot.resultStats?.turnout ?? 0,
    delegatedShare: ballot.resultStats?.delegatedShare ?? 0,
    final: true,
    changedAt: ballot.closedAt?.getTime() ?? Date.now(),
    oldestChangeAt: ballot.closedAt?.getTime() ?? Date.now(),
  };
}
