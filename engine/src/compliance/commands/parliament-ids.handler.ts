import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Collective } from '../../collectives/collective.entity';
import { LiquideError } from '../../errors/liquide-error';
import { Member } from '../../members/member.entity';
import { ComplianceErrorCode } from '../compliance.errors';
import { ParliamentId } from '../entities/actual-vote.entity';
import { SetParliamentIdsCommand } from './compliance.commands';

/**
 * Sets deputies' parliamentary identifiers (replacing a deputy's previous one). Only members who are or
 * were deputies (a seat, or an instruction) may be mapped; one identifier per deputy and per collective.
 */
@CommandHandler(SetParliamentIdsCommand)
export class SetParliamentIdsHandler implements ICommandHandler<SetParliamentIdsCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId, input }: SetParliamentIdsCommand): Promise<{ mappings: number }> {
    const seen = new Set<string>();
    for (const { parliamentId } of input.mappings) {
      if (seen.has(parliamentId)) {
        throw new LiquideError(ComplianceErrorCode.DuplicateParliamentId, {
          field: 'mappings',
          params: { parliamentId },
        });
      }
      seen.add(parliamentId);
    }
    return this.em.fork().transactional(async (em) => {
      const ids = input.mappings.map((m) => m.memberId);
      const deputies = new Set(
        (
          await em.execute<{ member_id: string }[]>(
            `select member_id from deputy_seat where collective_id = ? and member_id = any(?::uuid[])
             union select member_id from mandate_instruction where collective_id = ? and member_id = any(?::uuid[])`,
            [collectiveId, `{${ids.join(',')}}`, collectiveId, `{${ids.join(',')}}`],
          )
        ).map((r) => r.member_id),
      );
      const stranger = ids.find((id) => !deputies.has(id));
      if (stranger) {
        throw new LiquideError(ComplianceErrorCode.UnknownDeputy, {
          field: 'mappings',
          params: { memberId: stranger },
        });
      }
      const existing = await em.find(ParliamentId, { collective: collectiveId });
      const byMember = new Map(existing.map((m) => [m.member.id, m]));
      // free the identifiers being moved first, so that swaps do not trip the unique key
      for (const row of existing) {
        const wanted = input.mappings.find((m) => m.memberId === row.member.id);
        const taken = input.mappings.some(
          (m) => m.parliamentId === row.parliamentId && m.memberId !== row.member.id,
        );
        if ((wanted && wanted.parliamentId !== row.parliamentId) || taken) {
          em.remove(row);
          byMember.delete(row.member.id);
        }
      }
      await em.flush();
      for (const { memberId, parliamentId } of input.mappings) {
        if (!byMember.has(memberId)) {
          em.persist(
            new ParliamentId(
              em.getReference(Collective, collectiveId, { wrapped: true }),
              em.getReference(Member, memberId, { wrapped: true }),
              parliamentId,
            ),
          );
        }
      }
      await em.flush();
      return { mappings: input.mappings.length };
    });
  }
}
