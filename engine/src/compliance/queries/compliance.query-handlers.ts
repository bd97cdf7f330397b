import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LiquideError } from '../../errors/liquide-error';
import { DeputiesErrorCode } from '../../deputies/deputies.errors';
import {
  ACTUAL_VOTES,
  complianceOf,
  complianceRate,
  countCompliance,
  type ActualVoteChoice,
  type InstructedChoice,
  type VoteSource,
} from '../compliance-rules';
import { toPopoloDeputyVoteEvent } from '../popolo';
import {
  BillComplianceQuery,
  CollectiveComplianceQuery,
  DeputyComplianceQuery,
  PopoloActualVotesQuery,
  type BillComplianceView,
  type CollectiveComplianceView,
  type ComplianceLine,
  type DeputyComplianceView,
  type Figures,
} from './compliance.queries';

interface LineRow {
  ballot_id: string;
  bill_id: string;
  bill_title: string;
  member_id: string;
  display_name: string;
  choice: InstructedChoice;
  issued_at: Date;
  vote: ActualVoteChoice | null;
  source: VoteSource | null;
  voted_on: string | null;
  roll_call_url: string | null;
  explanation: string | null;
  recorded_at: Date | null;
}

/** Instructions with their actual votes, filtered by `where` on `i` (mandate_instruction), newest first. */
async function loadLines(em: EntityManager, where: string, params: unknown[]): Promise<ComplianceLine[]> {
  const rows = await em.execute<LineRow[]>(
    `select i.ballot_id, i.bill_id, b.title as bill_title, i.member_id, m.display_name, i.choice, i.issued_at,
            v.vote, v.source, to_char(v.voted_on, 'YYYY-MM-DD') as voted_on, v.roll_call_url, v.explanation,
            v.recorded_at
     from mandate_instruction i
     join bill b on b.id = i.bill_id
     join member m on m.id = i.member_id
     left join deputy_actual_vote v on v.ballot_id = i.ballot_id and v.member_id = i.member_id
     where ${where}
     order by i.issued_at desc, i.ballot_id, m.display_name, i.member_id`,
    params,
  );
  return rows.map((row) => {
    const actual =
      row.vote && row.source
        ? {
            vote: row.vote,
            source: row.source,
            votedOn: row.voted_on,
            rollCallUrl: row.roll_call_url,
            explanation: row.explanation,
            recordedAt: new Date(row.recorded_at ?? row.issued_at).toISOString(),
          }
        : null;
    return {
      ballotId: row.ballot_id,
      billId: row.bill_id,
      billTitle: row.bill_title,
      memberId: row.member_id,
      displayName: row.display_name,
      instructed: row.choice,
      issuedAt: new Date(row.issued_at).toISOString(),
      actual,
      compliance: complianceOf(row.choice, actual ?? undefined),
    };
  });
}

function figures(lines: readonly ComplianceLine[]): Figures {
  const counts = countCompliance(lines.map((line) => line.compliance));
  return { counts, rate: complianceRate(counts) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

@QueryHandler(DeputyComplianceQuery)
export class DeputyComplianceHandler implements IQueryHandler<DeputyComplianceQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId, memberId, ownPage }: DeputyComplianceQuery): Promise<DeputyComplianceView> {
    const em = this.em.fork();
    const seats = await em.execute<
      { seated_at: Date; ended_at: Date | null; status: string; display_name: string }[]
    >(
      `select s.seated_at, s.ended_at, s.status, m.display_name from deputy_seat s join member m on m.id = s.member_id
       where s.collective_id = ? and s.member_id = ? order by s.seated_at desc`,
      [collectiveId, memberId],
    );
    const lines = await loadLines(em, 'i.collective_id = ? and i.member_id = ?', [collectiveId, memberId]);
    const [self] = ownPage
      ? await em.execute<{ display_name: string }[]>('select display_name from member where id = ?', [
          memberId,
        ])
      : [];
    const displayName = seats[0]?.display_name ?? lines[0]?.displayName ?? self?.display_name;
    if (displayName === undefined) {
      throw new LiquideError(DeputiesErrorCode.NotSeated, { field: 'memberId' });
    }
    const [mapped] = await em.execute<{ parliament_id: string }[]>(
      'select parliament_id from deputy_parliament_id where collective_id = ? and member_id = ?',
      [collectiveId, memberId],
    );
    return {
      memberId,
      displayName,
      parliamentId: mapped?.parliament_id ?? null,
      seats: seats.map((s) => ({
        seatedAt: new Date(s.seated_at).toISOString(),
        endedAt: s.ended_at ? new Date(s.ended_at).toISOString() : null,
        status: s.status,
      })),
      ...figures(lines),
      lines,
    };
  }
}

@QueryHandler(BillComplianceQuery)
export class BillComplianceHandler implements IQueryHandler<BillComplianceQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ billId }: BillComplianceQuery): Promise<BillComplianceView> {
    const lines = await loadLines(this.em.fork(), 'i.bill_id = ?', [billId]);
    return {
      billId,
      ballots: [...groupBy(lines, (line) => line.ballotId)].map(([ballotId, ballotLines]) => {
        const instructed = { yes: 0, no: 0, abstain: 0 };
        const actual = { yes: 0, no: 0, abstain: 0, absent: 0, pending: 0 };
        for (const line of ballotLines) {
          instructed[line.instructed] += 1;
          const settled = line.compliance === 'pending' ? undefined : line.actual?.vote;
          actual[settled && ACTUAL_VOTES.includes(settled) ? settled : 'pending'] += 1;
        }
        return { ballotId, lines: ballotLines, instructed, actual };
      }),
    };
  }
}

@QueryHandler(CollectiveComplianceQuery)
export class CollectiveComplianceHandler implements IQueryHandler<CollectiveComplianceQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId }: CollectiveComplianceQuery): Promise<CollectiveComplianceView> {
    const lines = await loadLines(this.em.fork(), 'i.collective_id = ?', [collectiveId]);
    const deputies = [...groupBy(lines, (line) => line.memberId)]
      .map(([memberId, own]) => ({ memberId, displayName: own[0].displayName, ...figures(own) }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.memberId.localeCompare(b.memberId));
    return { ...figures(lines), deputies };
  }
}

@QueryHandler(PopoloActualVotesQuery)
export class PopoloActualVotesHandler implements IQueryHandler<PopoloActualVotesQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId }: PopoloActualVotesQuery) {
    const lines = await loadLines(this.em.fork(), 'i.collective_id = ?', [collectiveId]);
    return {
      vote_events: [...groupBy(lines, (line) => line.ballotId)].map(([ballotId, own]) =>
        toPopoloDeputyVoteEvent(collectiveId, ballotId, own),
      ),
    };
  }
}
