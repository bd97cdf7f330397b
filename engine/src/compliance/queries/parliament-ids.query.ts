import { EntityManager } from '@mikro-orm/postgresql';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

/** A deputy an organiser may map to a parliamentary identifier. */
export interface ParliamentIdLine {
  readonly memberId: string;
  readonly displayName: string;
  /** Holds a seat now (false: a past deputy still mapped or instructed). */
  readonly seated: boolean;
  readonly parliamentId: string | null;
}

/** The collective's deputies (seated now, or once instructed, or mapped) with their identifiers. */
export class ParliamentIdsQuery extends Query<{ deputies: ParliamentIdLine[] }> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

@QueryHandler(ParliamentIdsQuery)
export class ParliamentIdsHandler implements IQueryHandler<ParliamentIdsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId }: ParliamentIdsQuery): Promise<{ deputies: ParliamentIdLine[] }> {
    const rows = await this.em
      .fork()
      .execute<{ member_id: string; display_name: string; seated: boolean; parliament_id: string | null }[]>(
        `with deputies as (
         select member_id from deputy_seat where collective_id = ? and ended_at is null
         union select member_id from mandate_instruction where collective_id = ?
         union select member_id from deputy_parliament_id where collective_id = ?)
       select m.id as member_id, m.display_name,
              exists (select 1 from deputy_seat s where s.collective_id = ? and s.member_id = m.id
                      and s.ended_at is null) as seated,
              p.parliament_id
       from deputies d
       join member m on m.id = d.member_id
       left join deputy_parliament_id p on p.collective_id = ? and p.member_id = m.id
       order by 3 desc, m.display_name, m.id`,
        [collectiveId, collectiveId, collectiveId, collectiveId, collectiveId],
      );
    return {
      deputies: rows.map((row) => ({
        memberId: row.member_id,
        displayName: row.display_name,
        seated: row.seated,
        parliamentId: row.parliament_id,
      })),
    };
  }
}
