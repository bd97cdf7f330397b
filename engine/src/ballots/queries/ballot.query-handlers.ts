import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BallotErrorCode } from '../ballots.errors';
import { LiquideError } from '../../errors/liquide-error';
import { Member } from '../../members/member.entity';
import { LiveTally, type TallyResult } from '../../tally';
import type { MethodTallyResult } from '../../ballot-methods';
import { othersChoicesSecret } from '../ballot-secrecy';
import { Ballot } from '../ballot.entity';
import { computeBallot } from '../ballot-tally';
import { resultFigures } from '../result-figures';
import { loadBallotSnapshot } from '../scenario-builder';
import {
  GetBallotQuery,
  GetRepresentationQuery,
  GetResultQuery,
  GetResultTextQuery,
  type BallotView,
  type BoundDeputies,
  type ChainLink,
  type RepresentationView,
  type TallyView,
} from './ballot.queries';

async function findBallot(em: EntityManager, ballotId: string): Promise<Ballot> {
  const ballot = await em.findOne(Ballot, { id: ballotId });
  if (!ballot) {
    throw new LiquideError(BallotErrorCode.BallotNotFound, { field: 'ballotId' });
  }
  return ballot;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The seated deputies a ballot binds now, or the ones its result bound once closed (docs/mandates.md). */
async function boundDeputies(em: EntityManager, ballot: Ballot): Promise<BoundDeputies> {
  const closed = ballot.status === 'closed' && ballot.result;
  const rows = closed
    ? await em.execute<{ id: string; display_name: string }[]>(
        'select id, display_name from member where collective_id = ? and id = any(?::uuid[])',
        [
          ballot.collective.id,
          `{${[...new Set(((ballot.result && 'instructions' in ballot.result ? ballot.result.instructions : undefined) ?? []).map((i) => i.deputy))].filter((d) => UUID.test(d)).join(',')}}`,
        ],
      )
    : await em.execute<{ id: string; display_name: string }[]>(
        `select m.id, m.display_name from deputy_seat s join member m on m.id = s.member_id
          where s.collective_id = ? and s.status = 'seated'`,
        [ballot.collective.id],
      );
  if (rows.length === 0) {
    return { kind: 'anonymous', count: ballot.deputies, deputies: [] };
  }
  const deputies = rows
    .map((r) => ({ memberId: r.id, displayName: r.display_name }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr') || (a.memberId < b.memberId ? -1 : 1));
  return { kind: 'seated', count: deputies.length, deputies };
}

@QueryHandler(GetBallotQuery)
export class GetBallotHandler implements IQueryHandler<GetBallotQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetBallotQuery): Promise<BallotView> {
    const em = this.em.fork();
    const ballot = await findBallot(em, query.ballotId);
    const base: Omit<BallotView, 'tally'> = {
      id: ballot.id,
      collectiveId: ballot.collective.id,
      billId: ballot.bill.id,
      status: ballot.status,
      purpose: ballot.purpose,
      opensAt: ballot.opensAt.toISOString(),
      closesAt: ballot.closesAt.toISOString(),
      openedAt: ballot.openedAt?.toISOString() ?? null,
      closedAt: ballot.closedAt?.toISOString() ?? null,
      visibility: ballot.visibility,
      method: { id: ballot.method, options: ballot.methodOptions },
      mandate: {
        method: ballot.mandateMethod,
        base: ballot.mandateBase,
        deputies: ballot.deputies,
        bound: await boundDeputies(em, ballot),
      },
      seed: ballot.seed,
    };
    if (ballot.status === 'closed' && ballot.result) {
      const tally: TallyView = {
        ...resultFigures(ballot.result),
        turnout: ballot.resultStats?.turnout ?? 0,
        delegatedShare: ballot.resultStats?.delegatedShare ?? 0,
        final: true,
      };
      return { ...base, tally };
    }
    const hidden = await this.hiddenFor(em, ballot, query.viewerMemberId);
    if (hidden || ballot.status === 'draft') {
      return { ...base, tally: null, hiddenUntil: hidden ?? 'close' };
    }
    const snapshot = await loadBallotSnapshot(em, ballot.id, new Date());
    const { live, result } = computeBallot(snapshot!, { pseudonymised: false });
    const stats = live.stats();
    return {
      ...base,
      tally: {
        ...resultFigures(result),
        turnout: stats.turnout,
        delegatedShare: stats.delegatedShare,
        final: false,
      },
    };
  }

  private async hiddenFor(
    em: EntityManager,
    ballot: Ballot,
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
        const rows = await em.execute('select 1 from vote where ballot_id = ? and member_id = ?', [
          ballot.id,
          memberId,
        ]);
        return rows.length > 0 ? null : 'vote';
      }
    }
  }
}

/** A closed ballot's stored result text, hash and closing time; refused while the ballot is not closed. */
async function readResultText(em: EntityManager, ballotId: string) {
  const ballot = await findBallot(em, ballotId);
  const [row] = await em.execute<{ result_text: string | null }[]>(
    'select result_text from ballot where id = ?',
    [ballot.id],
  );
  const resultText = row?.result_text;
  if (ballot.status !== 'closed' || !resultText || !ballot.resultHash || !ballot.closedAt) {
    throw new LiquideError(BallotErrorCode.BallotWrongStatus, {
      params: { status: ballot.status, expected: 'closed' },
    });
  }
  return { resultText, resultHash: ballot.resultHash, closedAt: ballot.closedAt.toISOString() };
}

@QueryHandler(GetResultTextQuery)
export class GetResultTextHandler implements IQueryHandler<GetResultTextQuery> {
  constructor(private readonly em: EntityManager) {}

  execute(query: GetResultTextQuery) {
    return readResultText(this.em.fork(), query.ballotId);
  }
}

@QueryHandler(GetResultQuery)
export class GetResultHandler implements IQueryHandler<GetResultQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetResultQuery) {
    const { resultText, resultHash, closedAt } = await readResultText(this.em.fork(), query.ballotId);
    const result = JSON.parse(resultText) as TallyResult | MethodTallyResult;
    return { result, resultHash, closedAt };
  }
}

@QueryHandler(GetRepresentationQuery)
export class GetRepresentationHandler implements IQueryHandler<GetRepresentationQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetRepresentationQuery): Promise<RepresentationView> {
    const em = this.em.fork();
    const ballot = await findBallot(em, query.ballotId);
    const at = ballot.status === 'closed' && ballot.closedAt ? ballot.closedAt : new Date();
    const snapshot = await loadBallotSnapshot(em, ballot.id, at);
    const representation = new LiveTally(snapshot!.scenario).representation(query.memberId);
    // on a method ballot every voter stands as `yes` in the core: show the ballot instead
    const ballots = snapshot!.method?.ballots;
    if (representation.status === 'votes' && ballots) {
      return { status: 'votes', ballot: ballots.get(query.memberId) };
    }
    if (representation.status !== 'represented' && representation.status !== 'lost') {
      return representation;
    }
    if (othersChoicesSecret(ballot)) {
      // the chain would tell who voted (its end) and who did not (its links, or a lost chain)
      return { status: 'delegated', hiddenUntil: 'close' };
    }
    const ids = [
      ...representation.chain,
      ...(representation.status === 'represented' ? [representation.voter] : []),
    ];
    const members = await em.find(Member, { id: { $in: ids } }, { fields: ['id', 'displayName'] });
    const names = new Map(members.map((m) => [m.id, m.displayName]));
    const link = (id: string): ChainLink => ({ memberId: id, displayName: names.get(id) ?? id });
    if (
      representation.status === 'lost' &&
      representation.reason === 'dead-end' &&
      ballot.status !== 'closed'
    ) {
      // nobody along the chain has voted yet: not lost while the ballot is open
      return { status: 'pending', chain: representation.chain.map(link) };
    }
    if (representation.status === 'lost') {
      return { status: 'lost', reason: representation.reason, chain: representation.chain.map(link) };
    }
    return {
      status: 'represented',
      chain: representation.chain.map(link),
      voter: link(representation.voter),
      ...(ballots ? { ballot: ballots.get(representation.voter) } : { choice: representation.choice }),
      ...(representation.excess ? { excess: representation.excess } : {}),
    };
  }
}
