import { LiquideError } from '../../errors/liquide-error';
import { DeputiesErrorCode } from '../deputies.errors';
import { SortitionQuotasErrorCode } from '../sortition-quotas.errors';
import { SortitionError } from '../sortition/quotas';

const CODES = {
  pool_too_small: DeputiesErrorCode.PoolTooSmall,
  quota_infeasible: DeputiesErrorCode.QuotaInfeasible,
  duplicate_quota: DeputiesErrorCode.DuplicateQuota,
  quotas_conflict: SortitionQuotasErrorCode.QuotasConflict,
} as const;

/** Runs sortition core code, turning its refusals into a 4xx `LiquideError` (field `quotas` or `seats`). */
export async function asLiquideError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SortitionError) {
      throw new LiquideError(CODES[error.kind], {
        field: error.kind === 'pool_too_small' ? 'seats' : 'quotas',
        params: error.params,
      });
    }
    throw error;
  }
}
