import type { IssuePhase } from './index';

/** The server→client event the agenda pushes to the collective's members (docs/agenda.md "Live"). */
export const AGENDA_ISSUE_EVENT = 'agenda:issue';

/**
 * What changed on an issue, as everyone may read it (no member id): its phase and the initiatives'
 * public figures. The issue page applies it at once and reads the issue again for the rest (the
 * viewer's own support, suggestions' texts).
 */
export interface AgendaIssueChange {
  readonly collectiveId: string;
  readonly issueId: string;
  readonly phase: IssuePhase;
  readonly phaseEndsAt: string | null;
  readonly initiatives: readonly {
    readonly id: string;
    readonly title: string;
    readonly revision: number;
    readonly status: 'candidate' | 'admitted' | 'dropped';
    readonly support: number;
    readonly supporters: number;
    readonly suggestions: number;
  }[];
  /** When the push was prepared (ms since epoch). */
  readonly at: number;
}
