import type { deputies as fr } from '../fr/deputies';

/** The volunteer → sortition → deputy journey: candidacy, certification, the draw's steps, instructions. */
export const deputies: Record<keyof typeof fr, string> = {
  'confirm.cancel': 'Cancel',

  'candidacy.title': 'My deputy candidacy',
  'candidacy.intro':
    'Deputies are volunteers, trained and certified, then drawn by lot; they vote as the members instruct them.',
  'candidacy.state': 'Where my candidacy stands:',
  'candidacy.status.none': 'You are not a candidate.',
  'candidacy.status.volunteered': 'Volunteer since {date}: waiting for certification.',
  'candidacy.status.certified': 'Certified: you will be in the next pool.',
  'candidacy.status.in_pool': 'In the pool frozen on {date}: waiting for the draw.',
  'candidacy.status.seated': 'Drawn by lot: sitting deputy since {date}.',
  'candidacy.status.withdrawn': 'Candidacy withdrawn on {date}.',
  'candidacy.certification': 'Certified on {date} — training: {training}',
  'candidacy.statement': 'Your statement (optional)',
  'candidacy.volunteer': 'Volunteer',
  'candidacy.volunteerAgain': 'Volunteer again',
  'candidacy.withdraw': 'Withdraw my candidacy',
  'candidacy.withdrawTitle': 'Withdraw your candidacy?',
  'candidacy.withdrawBody': 'You will not be in the next pools. You may volunteer again later.',

  'mandates.title': 'Terms of office, current and past',
  'mandates.none': 'No mandate yet.',
  'mandates.start': 'Start',
  'mandates.end': 'End',
  'mandates.state': 'State',
  'mandates.seat.seated': 'sitting',
  'mandates.seat.resigned': 'resigned',
  'mandates.seat.ended': 'ended (new draw)',

  'instruction.bill': 'Read the bill',
  'instruction.ballot': 'See the ballot and its result',
  'instruction.download': 'Download the signed instruction (.jws)',
  'instruction.verifyHint': 'To verify it offline, against the collective’s public keys:',

  'draw.current': 'Sortition under way',
  'draw.resume':
    'The server keeps the sortition’s state: you can leave this page and come back later (for instance after Friday’s public draw).',
  'draw.steps': 'Steps of the sortition',
  'draw.step.pool_frozen': 'Pool frozen',
  'draw.step.seed_committed': 'Seed committed',
  'draw.step.public_value_entered': 'Public value entered',
  'draw.step.drawn': 'Drawn',
  'draw.stepDone': 'done on {date}',
  'draw.stepPending': 'to do',
  'draw.past': 'Last sortition',
  'draw.poolSize': '{count} volunteer(s) in the pool',
  'draw.certifiedWith': 'certified on {date} — {training}',
  'draw.certifyLegend': 'Certify {name}',
  'draw.certifiedOn': 'Certification date',
  'draw.training': 'Training completed (name, description)',
  'draw.freezeTitle': 'Freeze the pool?',
  'draw.freezeBody':
    'Today’s certified volunteers will make up this sortition’s pool; it cannot change afterwards.',
  'draw.commitTitle': 'Commit to the seed?',
  'draw.commitBody':
    'The commitment and the public value’s source "{source}" will be published and cannot be changed.',
  'draw.drawTitle': 'Draw by lot?',
  'draw.drawBody':
    'The draw with the public value "{value}" is final: the sitting deputies give way to the drawn panel.',
  'draw.certifyTitle': 'Certify {name}?',
  'draw.certifyBody':
    'The certification of {date} (training: {training}) will be written to the public record.',
  'draw.endMandate': 'End the mandate',
  'draw.endMandateNamed': 'End the mandate of {name}',
  'draw.endTitle': 'End the mandate of {name}?',
  'draw.endBody': 'The mandate ends today and the next substitute takes the seat. This is final.',
};
