import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { MemberErrorCode } from '../members.errors';
import { MembershipFiguresChangedEvent } from '../members.events';
import { LiquideError } from '../../errors/liquide-error';
import { recordProof } from '../../record/record-proof';
import { describeFailure, runInBackground } from '../../logging/background';
import { RecordService } from '../../record/record.service';
import { parseMembersCsv, type MemberRow } from '../csv-members';
import { verifiedAccountSql } from '../membership';
import { ImportMembersCommand, type ImportStarted } from './member.commands';

const BATCH = 1000;

/**
 * Validates every row at once (refused rows are reported with their line), then upserts the valid
 * ones in batches, each its own transaction, updating the import's progress after each batch.
 * Re-importing the same file is harmless: rows are matched by e-mail address.
 */
@CommandHandler(ImportMembersCommand)
export class ImportMembersHandler implements ICommandHandler<ImportMembersCommand> {
  private readonly logger = new Logger(ImportMembersHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute(command: ImportMembersCommand): Promise<ImportStarted> {
    const { rows, errors } = parseMembersCsv(command.csv, command.language);
    if (rows.length === 0 && errors.length === 0) {
      throw new LiquideError(MemberErrorCode.ImportEmpty, { field: 'csv' });
    }
    const importId = randomUUID();
    await this.em
      .fork()
      .execute(
        `insert into member_import (id, collective_id, status, total, errors) values (?, ?, 'running', ?, ?)`,
        [importId, command.collectiveId, rows.length + errors.length, JSON.stringify(errors)],
      );
    runInBackground(this.logger, `Import ${importId}`, () =>
      this.run(importId, command.collectiveId, rows, errors.length),
    );
    return { importId, total: rows.length + errors.length, rejected: errors };
  }

  private async run(
    importId: string,
    collectiveId: string,
    rows: MemberRow[],
    rejected: number,
  ): Promise<void> {
    let created = 0;
    let updated = 0;
    try {
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH);
        const counts = await this.em.fork().transactional(async (em) => {
          const result = await em.execute<{ inserted: boolean }[]>(
            `insert into member (id, collective_id, email, display_name, roles, weight, voting_rights, active, attributes, account_id)
             select gen_random_uuid(), ?, r.email, r.display_name, r.roles, r.weight, r.voting_rights, r.active, r.attributes,
                    ${verifiedAccountSql('r.email', '?::uuid')}
               from jsonb_to_recordset(?::jsonb) as r(email text, display_name text, roles text[], weight double precision,
                                                   voting_rights boolean, active boolean, attributes jsonb)
             on conflict (collective_id, email) do update set display_name = excluded.display_name,
               roles = excluded.roles, weight = excluded.weight, voting_rights = excluded.voting_rights,
               active = excluded.active, attributes = excluded.attributes,
               account_id = coalesce(member.account_id, excluded.account_id)
             returning (xmax = 0) as inserted`,
            [collectiveId, collectiveId, JSON.stringify(batch.map(toRecord))],
          );
          const inserted = result.filter((row) => row.inserted).length;
          await this.record.append(em, collectiveId, 'member.imported', {
            importId,
            rows: batch.length,
            created: inserted,
            proof: await recordProof(em, collectiveId, ['import', importId, batch.map((row) => row.email)]),
          });
          await em.execute(
            'update member_import set processed = processed + ?, created = created + ?, updated = updated + ? where id = ?',
            [batch.length, inserted, batch.length - inserted, importId],
          );
          return { inserted, total: batch.length };
        });
        created += counts.inserted;
        updated += counts.total - counts.inserted;
      }
      await this.em
        .fork()
        .execute(
          "update member_import set status = 'done', processed = processed + ?, finished_at = now() where id = ?",
          [rejected, importId],
        );
      this.logger.log(`Import ${importId}: ${created} created, ${updated} updated, ${rejected} rejected`);
    } catch (error) {
      this.logger.error(`Import ${importId} failed: ${describeFailure(error)}`);
      await this.em
        .fork()
        .execute("update member_import set status = 'failed', finished_at = now() where id = ?", [importId])
        .catch(() => undefined);
    } finally {
      // the batches committed before a failure count too
      if (created + updated > 0) {
        this.events.publish(new MembershipFiguresChangedEvent(collectiveId));
      }
    }
  }
}

function toRecord(row: MemberRow): Record<string, unknown> {
  return {
    email: row.email,
    display_name: row.displayName,
    roles: row.roles,
    weight: row.weight,
    voting_rights: row.votingRights,
    active: row.active,
    attributes: row.attributes,
  };
}
