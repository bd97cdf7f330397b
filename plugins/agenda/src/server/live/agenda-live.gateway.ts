import { EntityManager } from '@mikro-orm/postgresql';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { rooms } from '@liquide/engine';
import { AGENDA_ISSUE_EVENT, type AgendaIssueChange } from '../../contracts';
import { IssueChangedEvent, IssuePhaseChangedEvent } from '../agenda.commands';
import { AgendaIssue } from '../agenda.entities';
import { initiativesOf } from '../issue-state';

/** Changes of one issue within this many milliseconds make one push, with the latest figures. */
export const AGENDA_PUSH_INTERVAL_MS = 250;
/** Member rooms named per emit: a collective of many thousands is told in slices. */
const ROOMS_PER_EMIT = 500;

/**
 * Pushes `agenda:issue` to the sockets of the collective's active members (each member's own room,
 * joined by the engine at connection, left at once when the membership is deactivated) whenever an
 * issue changes. Nothing is asked of the client: no client→server event, so nothing to limit but the
 * coalescing here. Several instances share rooms through the engine's Redis adapter.
 */
@WebSocketGateway({ path: '/socket.io', cors: { origin: true, credentials: true }, serveClient: false })
@EventsHandler(IssueChangedEvent, IssuePhaseChangedEvent)
export class AgendaLiveGateway
  implements IEventHandler<IssueChangedEvent | IssuePhaseChangedEvent>, OnModuleDestroy
{
  private readonly logger = new Logger(AgendaLiveGateway.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();

  @WebSocketServer()
  server!: Server;

  constructor(private readonly em: EntityManager) {}

  onModuleDestroy(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  handle(event: IssueChangedEvent | IssuePhaseChangedEvent): void {
    if (this.timers.has(event.issueId)) {
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(event.issueId);
      this.push(event.collectiveId, event.issueId).catch((error: unknown) =>
        this.logger.error(`Pushing agenda issue ${event.issueId} failed: ${String(error)}`),
      );
    }, AGENDA_PUSH_INTERVAL_MS);
    timer.unref();
    this.timers.set(event.issueId, timer);
  }

  private async push(collectiveId: string, issueId: string): Promise<void> {
    const em = this.em.fork();
    const issue = await em.findOne(AgendaIssue, { id: issueId });
    if (!issue || !this.server) {
      return;
    }
    const initiatives = await initiativesOf(em, issueId);
    const counts = await em.execute<{ initiative_id: string; n: string }[]>(
      `select g.initiative_id, count(*) as n from agenda_suggestion g join agenda_initiative i
         on i.id = g.initiative_id where i.issue_id = ? group by g.initiative_id`,
      [issueId],
    );
    const suggestions = new Map(counts.map((row) => [row.initiative_id, Number(row.n)]));
    const change: AgendaIssueChange = {
      collectiveId,
      issueId,
      phase: issue.phase,
      phaseEndsAt: issue.phaseEndsAt?.toISOString() ?? null,
      initiatives: initiatives.map((i) => ({
        id: i.id,
        title: i.title,
        revision: i.revision,
        status: i.status,
        support: i.support,
        supporters: i.supporters,
        suggestions: suggestions.get(i.id) ?? 0,
      })),
      at: Date.now(),
    };
    const members = await em.execute<{ id: string }[]>(
      'select id from member where collective_id = ? and active',
      [collectiveId],
    );
    const memberRooms = members.map((row) => rooms.member(row.id));
    for (let start = 0; start < memberRooms.length; start += ROOMS_PER_EMIT) {
      this.server.to(memberRooms.slice(start, start + ROOMS_PER_EMIT)).emit(AGENDA_ISSUE_EVENT, change);
    }
  }
}
