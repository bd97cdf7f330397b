import { defineErrors } from '../../errors/error-catalog';

/** Refusals and outcomes of draws run as jobs (docs/sortition.md, "Draw as a job"), in French and English. */
export enum DrawJobErrorCode {
  AlreadyRunning = 'sortition.draw_running',
  JobNotFound = 'sortition.draw_job_not_found',
  JobFinished = 'sortition.draw_job_finished',
  WorkerFailed = 'sortition.draw_worker_failed',
  ProofUnverified = 'sortition.proof_unverified',
}

export const DRAW_JOB_ERRORS = defineErrors({
  [DrawJobErrorCode.AlreadyRunning]: {
    status: 409,
    fr: 'Un tirage est déjà en cours de calcul pour ce vivier (tâche {jobId}) : attendez sa fin ou annulez-le',
    en: 'A draw is already being computed for this pool (job {jobId}): wait for it or cancel it',
  },
  [DrawJobErrorCode.JobNotFound]: {
    status: 404,
    fr: 'Tâche de tirage introuvable',
    en: 'Draw job not found',
  },
  [DrawJobErrorCode.JobFinished]: {
    status: 409,
    fr: 'Cette tâche de tirage est déjà terminée (« {status} ») : il n’y a plus rien à annuler',
    en: 'This draw job has already ended ("{status}"): there is nothing left to cancel',
  },
  [DrawJobErrorCode.WorkerFailed]: {
    status: 500,
    fr: 'Le calcul du tirage a échoué ; relancez-le (le résultat sera le même)',
    en: 'The draw computation failed; start it again (the result will be the same)',
  },
  [DrawJobErrorCode.ProofUnverified]: {
    status: 500,
    fr: 'La preuve du tirage n’a pas passé sa propre vérification ({difference}) : rien n’a été publié',
    en: 'The draw’s proof failed its own verification ({difference}): nothing was published',
  },
});
