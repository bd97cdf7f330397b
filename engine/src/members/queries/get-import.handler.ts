import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LiquideError } from '../../errors/liquide-error';
import { MemberErrorCode } from '../members.errors';
import { GetImportQuery, type ImportProgress } from './get-import.query';

@QueryHandler(GetImportQuery)
export class GetImportHandler implements IQueryHandler<GetImportQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetImportQuery): Promise<ImportProgress> {
    const [row] = await this.em
      .fork()
      .execute<ImportProgress[]>(
        'select id, status, total, processed, created, updated, errors from member_import where id = ? and collective_id = ?',
        [query.importId, query.collectiveId],
      );
    if (!row) {
      throw new LiquideError(MemberErrorCode.ImportNotFound, { field: 'importId' });
    }
    return row;
  }
}
