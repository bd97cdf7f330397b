import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryBus } from '@nestjs/cqrs';
import { GetBillElectorateQuery } from '@liquide/engine';
import { parseScenario, tally } from '@liquide/engine/tally';
import type { AgendaInitiative } from './agenda.entities';

/**
 * Weighs each initiative's supporters through the engine's tally core, exactly as a vote on the issue's
 * bill: global, topic (the area's) and bill delegations, the collective's cap. Every supporter "casts";
 * a supporter's weight is their own plus that of the members whose delegation reaches them and who did
 * not support the initiative themselves. `eligible` is the whole electorate's weight (the quorum's base).
 */
export async function weighSupport(
  em: EntityManager,
  queries: QueryBus,
  billId: string,
  initiatives: readonly AgendaInitiative[],
  at: Date,
): Promise<{ eligible: number }> {
  const { electorate } = await queries.execute(new GetBillElectorateQuery(billId, at));
  const eligibleIds = new Set(electorate.members.map((m) => m.id));
  let eligible = 0;
  for (const initiative of initiatives) {
    const rows = await em.execute<{ member_id: string }[]>(
      'select member_id from agenda_support where initiative_id = ? order by member_id',
      [initiative.id],
    );
    const result = tally(
      parseScenario({
        ...electorate,
        votes: rows
          .filter((row) => eligibleIds.has(row.member_id))
          .map((row) => ({ member: row.member_id, choice: 'yes' as const })),
      }),
    );
    const { yes, no, abstain, absent } = result.totals;
    eligible = yes + no + abstain + absent;
    initiative.support = yes;
    initiative.supporters = rows.length;
  }
  if (initiatives.length === 0) {
    eligible = electorate.members.reduce((sum, m) => sum + (m.active === false ? 0 : (m.weight ?? 1)), 0);
  }
  return { eligible };
}
