import type { QueryBus } from '@nestjs/cqrs';
import { GetBillElectorateQuery } from '@liquide/engine';
import { parseScenario, tally } from '@liquide/engine/tally';

/**
 * The weight each ranking counts for, through the liquid engine's own tally core: the contest is
 * tallied as a ballot on the bill (its topic and bill-scope delegations, global ones, the
 * collective's cap — the electorate the engine gives for the bill) where every member who ranked
 * "casts"; each caster's counted weight (own plus delegators') is the weight of their ranking.
 * Members who neither ranked nor delegated to someone who did are absent.
 */
export async function rankingWeights(
  queries: QueryBus,
  input: { billId: string; rankers: readonly string[]; seed: string },
  at: Date,
): Promise<Map<string, number>> {
  const { electorate } = await queries.execute(new GetBillElectorateQuery(input.billId, at));
  const eligible = new Set(electorate.members.map((m) => m.id));
  const scenario = parseScenario({
    ...electorate,
    votes: input.rankers
      .filter((id) => eligible.has(id))
      .map((member) => ({ member, choice: 'yes' as const })),
    mandate: { deputies: 1, seed: input.seed },
  });
  const result = tally(scenario);
  return new Map(Object.entries(result.voters).map(([id, voter]) => [id, voter.weight]));
}
