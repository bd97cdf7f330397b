import { defineErrors } from '../errors/error-catalog';

/** Refusals of the quota and household rules of a LEXIMIN sortition, in French and English. */
export enum SortitionQuotasErrorCode {
  QuotasConflict = 'sortition.quotas_conflict',
  HouseholdAttributeUnused = 'sortition.household_attribute_missing',
}

export const SORTITION_QUOTAS_ERRORS = defineErrors({
  [SortitionQuotasErrorCode.QuotasConflict]: {
    status: 422,
    fr: 'Ces quotas ne peuvent pas être respectés ensemble (en retirer un seul suffit) : {quotas}',
    en: 'These quotas cannot all be met together (dropping any one of them is enough): {quotas}',
  },
  [SortitionQuotasErrorCode.HouseholdAttributeUnused]: {
    status: 422,
    fr: 'Aucun volontaire n’a l’attribut de foyer « {household} »',
    en: 'No volunteer has the household attribute "{household}"',
  },
});
