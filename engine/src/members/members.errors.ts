import { defineErrors } from '../errors/error-catalog';

/** Refusals about memberships and member imports, in French and English. */
export enum MemberErrorCode {
  MemberNotFound = 'member.not_found',
  LastOrganiser = 'member.last_organiser',
  ImportNotFound = 'member.import_not_found',
  ImportEmpty = 'member.import_empty',
  CsvMalformed = 'member.csv_malformed',
}

export const MEMBER_ERRORS = defineErrors({
  [MemberErrorCode.MemberNotFound]: { status: 404, fr: 'Membre introuvable', en: 'Member not found' },
  [MemberErrorCode.LastOrganiser]: {
    status: 409,
    fr: 'Le collectif doit garder au moins un organisateur',
    en: 'The collective must keep at least one organiser',
  },
  [MemberErrorCode.ImportNotFound]: { status: 404, fr: 'Import introuvable', en: 'Import not found' },
  [MemberErrorCode.CsvMalformed]: {
    status: 400,
    fr: 'Le fichier CSV est mal formé : {reason}',
    en: 'The CSV file is malformed: {reason}',
  },
  [MemberErrorCode.ImportEmpty]: {
    status: 400,
    fr: 'Le fichier CSV ne contient aucune ligne de membre',
    en: 'The CSV file holds no member row',
  },
});
