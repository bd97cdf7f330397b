import type { EntityManager } from '@mikro-orm/postgresql';
import { BillErrorCode } from '../bills/bills.errors';
import { LiquideError } from '../errors/liquide-error';
import { BillVersion } from './bill-version.entity';
import { TextErrorCode } from './texts.errors';

/** The latest version of a bill, or a 404 `bill.not_found` when it has none. */
export async function latestVersion(em: EntityManager, billId: string): Promise<BillVersion> {
  const version = await em.findOne(BillVersion, { billId }, { orderBy: { number: 'desc' } });
  if (!version) {
    throw new LiquideError(BillErrorCode.BillNotFound, { field: 'billId' });
  }
  return version;
}

/** One version of a bill, or a 404 `text.version_not_found`. */
export async function versionOf(em: EntityManager, billId: string, number: number): Promise<BillVersion> {
  const version = await em.findOne(BillVersion, { billId, number });
  if (!version) {
    throw new LiquideError(TextErrorCode.VersionNotFound, { field: 'number', params: { number } });
  }
  return version;
}
