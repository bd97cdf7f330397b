import { defineErrors } from '../errors/error-catalog';
import { LiquideError } from '../errors/liquide-error';
import type { RollCallProblem } from './roll-call/roll-call';

/** Refusals of the compliance feature (actual votes, roll calls, consequences), in French and English. */
export enum ComplianceErrorCode {
  NotInstructed = 'compliance.not_instructed',
  NoInstructions = 'compliance.no_instructions',
  VoteNotFound = 'compliance.vote_not_found',
  AlreadyChecked = 'compliance.already_checked',
  RollCallRefused = 'compliance.roll_call_refused',
  UnknownDeputy = 'compliance.unknown_deputy',
  DuplicateParliamentId = 'compliance.duplicate_parliament_id',
}

const NNBSP = '\u202f';

export const COMPLIANCE_ERRORS = defineErrors({
  [ComplianceErrorCode.NotInstructed]: {
    status: 403,
    fr: 'Ce député n’a reçu aucune consigne pour ce scrutin',
    en: 'This deputy received no instruction for this ballot',
  },
  [ComplianceErrorCode.NoInstructions]: {
    status: 409,
    fr: 'Aucune consigne n’a été émise pour ce scrutin',
    en: 'No instruction was issued for this ballot',
  },
  [ComplianceErrorCode.VoteNotFound]: {
    status: 404,
    fr: 'Aucun vote déclaré par ce député sur ce scrutin',
    en: 'This deputy declared no vote on this ballot',
  },
  [ComplianceErrorCode.AlreadyChecked]: {
    status: 409,
    fr: `Ce vote a déjà été vérifié par un organisateur${NNBSP}: seule l’explication peut encore changer`,
    en: 'This vote was already checked by an organiser: only the explanation may still change',
  },
  [ComplianceErrorCode.RollCallRefused]: {
    status: 422,
    fr: `Rien n’a été importé${NNBSP}: {count} ligne(s) en erreur`,
    en: 'Nothing was imported: {count} row(s) in error',
  },
  [ComplianceErrorCode.UnknownDeputy]: {
    status: 400,
    fr: 'Le membre {memberId} n’est pas député de ce collectif',
    en: 'Member {memberId} is not a deputy of this collective',
  },
  [ComplianceErrorCode.DuplicateParliamentId]: {
    status: 400,
    fr: 'L’identifiant parlementaire {parliamentId} est donné à deux députés',
    en: 'Parliamentary identifier {parliamentId} is given to two deputies',
  },
});

/** An import refused as a whole, with one problem per row (nothing was written). */
export class RollCallRefusedError extends LiquideError {
  constructor(readonly problems: readonly RollCallProblem[]) {
    super(ComplianceErrorCode.RollCallRefused, { field: 'content', params: { count: problems.length } });
  }
}
