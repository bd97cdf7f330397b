import { z } from 'zod';
import type { ResultFigures } from '../ballots/result-figures';
import type { DrawJobView } from '../deputies/jobs/draw-job.contract';
import type { NoticeView } from '../notices/notices.contract';
import type { Choice, Seats, Totals } from '../tally';

/** The state of a ballot's tally as observers see it. Versions only grow within one connection. */
export interface TallyState {
  readonly ballotId: string;
  readonly status: 'open' | 'closed';
  readonly version: number;
  readonly totals: Totals;
  /** Seats as apportioned if the ballot closed now (final after close). */
  readonly seats: Seats | null;
  /** On a method ballot: the weight cast and the method's outcome (totals then count only `absent`). */
  readonly method?: ResultFigures['method'];
  readonly turnout: number;
  readonly delegatedShare: number;
  readonly final: boolean;
  /** When the newest change included was committed (ms since epoch), for latency measurements. */
  readonly changedAt: number;
  /** When the oldest change first shown by this state was committed (equals changedAt when only one). */
  readonly oldestChangeAt: number;
}

export interface Person {
  readonly memberId: string;
  readonly displayName: string;
}

/** Events the server sends; one map shared by the server and the web client. */
export interface ServerToClientEvents {
  'tally:state': (state: TallyState) => void;
  'ballot:closed': (payload: {
    ballotId: string;
    totals: Totals;
    seats: Seats | null;
    resultHash: string;
  }) => void;
  /**
   * To a delegator: the voter who carries their vote voted. Only on `live` ballots: on a ballot whose
   * choices are secret until the close, nobody is told (see `othersChoicesSecret`).
   */
  'delegate:voted': (payload: { ballotId: string; voter: Person; choice: Choice }) => void;
  /**
   * An event refused by the limits (docs/live.md) when it carried no ack to answer; `event` is
   * `disconnect` when the socket is about to be closed for collecting too many refusals.
   */
  'live:refused': (payload: {
    event: string;
    ok: false;
    code: string;
    message: string;
    field?: string;
  }) => void;
  /** To a trustee: someone set or revoked a delegation naming them. */
  'delegation:changed': (payload: {
    collectiveId: string;
    from: Person;
    change: 'set' | 'revoked';
    scope: 'global' | 'topic' | 'bill';
    target: string | null;
    rank: number | null;
  }) => void;
  /** To a member: a notice was stored in their inbox (see docs/notices.md). */
  'notice:new': (notice: NoticeView) => void;
  /**
   * To a member's sockets: their membership of the collective stopped giving them anything (it was
   * deactivated); the sockets have left every room of that collective.
   */
  'membership:ended': (payload: { collectiveId: string; reason: 'deactivated' }) => void;
  /**
   * To a collective's organisers: a draw job's state changed (queued, progress at most twice a second,
   * done, failed, cancelled). See docs/sortition.md, "Draw as a job".
   */
  'sortition:job': (job: DrawJobView) => void;
}

/** What a client may ask; payloads are validated with the schemas below. */
export interface ClientToServerEvents {
  'ballot:watch': (payload: WatchInput, ack: (answer: WatchAnswer) => void) => void;
  'ballot:unwatch': (payload: WatchInput, ack: (answer: { ok: true }) => void) => void;
}

export const WatchInput = z.strictObject({ ballotId: z.uuid() });
export type WatchInput = z.infer<typeof WatchInput>;

export type WatchAnswer =
  | { readonly ok: true; readonly state: TallyState | null; readonly hiddenUntil?: 'vote' | 'close' }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly field?: string };

/** Room names. */
export const rooms = {
  /** Everyone allowed to follow the ballot: status changes, closing. */
  watch: (ballotId: string) => `watch:${ballotId}`,
  /** Those allowed to see the live figures under the ballot's visibility policy. */
  tally: (ballotId: string) => `tally:${ballotId}`,
  /** One member's own sockets, for personal events. */
  member: (memberId: string) => `member:${memberId}`,
} as const;
