import type { EntityManager } from '@mikro-orm/postgresql';
import { parseScenario, tally } from '@liquide/engine/tally';

/**
 * The weight each ranking counts for, through the liquid engine's own tally core: the contest is
 * tallied as a ballot on the bill (its topic and bill-scope delegations, global ones, the
 * collective's cap) where every member who ranked "casts"; each caster's counted weight (own plus
 * delegators') is the weight of their ranking. Members who neither ranked nor delegated to
 * someone who did are absent.
 */
export async function rankingWeights(
  em: EntityManager,
  input: {
    collectiveId: string;
    billId: string;
    topicId: string | null;
    rankers: readonly string[];
    seed: string;
  },
  at: Date,
): Promise<Map<string, number>> {
  const members = await em.execute<{ id: string; weight: number; active: boolean }[]>(
    `select id, weight, active from member
        where collective_id = ? and voting_rights and 'member' = any(roles) order by id`,
    [input.collectiveId],
  );
  const delegations = await em.execute<
    {
      member_id: string;
      scope: 'global' | 'topic' | 'bill';
      target: string | null;
      trustees: string[];
      expires_at: Date | null;
    }[]
  >(
    `select member_id, scope, target, trustees, expires_at from delegation
        where collective_id = ? and (scope = 'global' or (scope = 'topic' and target = ?) or (scope = 'bill' and target = ?))
        order by member_id, scope`,
    [input.collectiveId, input.topicId, input.billId],
  );
  const [settings] = await em.execute<{ settings: { delegationCap?: number | null } }[]>(
    'select settings from collective where id = ?',
    [input.collectiveId],
  );
  const eligible = new Set(members.map((m) => m.id));
  const cap = settings?.settings.delegationCap;
  const scenario = parseScenario({
    members: members.map((m) => ({ id: m.id, weight: Number(m.weight), active: m.active })),
    bill: input.topicId ? { id: input.billId, topic: input.topicId } : { id: input.billId },
    delegations: delegations.map((d) => ({
      from: d.member_id,
      scope: d.scope,
      ...(d.scope === 'topic' && d.target ? { topic: d.target } : {}),
      to: d.trustees,
      ...(d.expires_at ? { expiresAt: new Date(d.expires_at).toISOString() } : {}),
    })),
    votes: input.rankers
      .filter((id) => eligible.has(id))
      .map((member) => ({ member, choice: 'yes' as const })),
    mandate: { deputies: 1, seed: input.seed },
    ...(cap ? { cap: { maxShare: cap } } : {}),
    at: at.toISOString(),
  });
  const result = tally(scenario);
  return new Map(Object.entries(result.voters).map(([id, voter]) => [id, voter.weight]));
}
