import { defineErrors } from '../errors/error-catalog';

/** Refusals about bills, in French and English. */
export enum BillErrorCode {
  BillNotFound = 'bill.not_found',
}

export const BILL_ERRORS = defineErrors({
  [BillErrorCode.BillNotFound]: { status: 404, fr: 'Projet de loi introuvable', en: 'Bill not found' },
});
