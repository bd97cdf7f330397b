import type { drawJobs as fr } from '../fr/draw-jobs';

/** The draw as a job: its progress, cancel and outcome on the organiser's sortition page. */
export const drawJobs: Record<keyof typeof fr, string> = {
  'drawJob.title': 'Computing the draw',
  'drawJob.titleEnded': 'The draw’s computation',
  'drawJob.status.queued': 'Waiting for a worker…',
  'drawJob.status.running': 'Computing',
  'drawJob.status.done': 'Draw finished and published',
  'drawJob.status.failed': 'The computation failed',
  'drawJob.status.cancelled': 'Computation cancelled: the draw can be started again',
  'drawJob.phase.queued': 'queued',
  'drawJob.phase.starting': 'starting',
  'drawJob.phase.feasibility': 'checking the quotas',
  'drawJob.phase.coverage': 'first panels',
  'drawJob.phase.level': 'LEXIMIN level {level}',
  'drawJob.phase.distribution': 'distribution computed ({level} levels)',
  'drawJob.phase.publishing': 'publishing',
  'drawJob.phaseLabel': 'Step',
  'drawJob.groups': 'Groups fixed',
  'drawJob.groupsValue': '{fixed} of {groups}',
  'drawJob.bound': 'Minimum probability of the open groups (bound)',
  'drawJob.elapsed': 'Elapsed',
  'drawJob.seconds': '{seconds} s',
  'drawJob.attempts': 'Attempts',
  'drawJob.progressLabel': 'Progress of the draw computation',
  'drawJob.progressText': '{fixed} of {groups} groups fixed',
  'drawJob.proofHash': 'Proof hash',
  'drawJob.cancel': 'Cancel the computation',
  'drawJob.cancelTitle': 'Cancel the draw computation?',
  'drawJob.cancelBody':
    'The computation stops; nothing is published. The draw stays ready: you can start it again with the same public value, and the result will be the same.',
  'drawJob.keepRunning': 'The computation goes on on the server even if you leave this page.',
};
