import type { results as fr } from '../fr/results';

/** English messages: closed ballots, their results and archive, the close confirmation, "not counted yet". */
export const results: Record<keyof typeof fr, string> = {
  'results.title': 'Results',
  'results.archive': 'Closed ballots',
  'results.archiveNone': 'No closed ballot yet.',
  'results.closedAt': 'Closed on {date}',
  'results.closedEarly': 'Closed on {date}, before its scheduled end ({planned})',
  'results.turnout': 'Turnout: {share}',
  'results.adopted': 'Adopted',
  'results.rejected': 'Rejected',
  'results.tie': 'Tie',
  'results.seats': 'Instructions to deputies: {summary}',
  'results.seatsNone': 'No seat allotted',
  'results.seatPart': '{choice} {n}',
  'results.details': 'Tally details',
  'results.figures': 'Final result of “{title}”',
  'results.amendment': 'Amendment',
  'results.amendmentVote': 'Vote on an amendment',
  'results.amendmentVotes': 'Votes on amendments',
  'results.amendmentVotesOpen': 'Votes on amendments in progress',
  'results.billVote': 'Vote on the bill',
  'results.final': 'Final result',
  'results.liveEnded': 'The ballot is closed: the tally no longer moves.',

  'who.pending': 'Not counted yet: your trustee has not voted yet. Here is who would carry your vote:',
  'who.pendingChain': 'Chain of trustees who would carry your vote',
  'who.pendingHint':
    'If nobody in the chain votes before the close, your vote will be lost: vote yourself if you wish.',

  'closeDialog.title': 'Close the ballot “{title}”?',
  'closeDialog.amendmentTitle': 'Close the vote on the amendment to “{title}”?',
  'closeDialog.body':
    'Closing is final: nobody can vote any more and the result is computed and published. This cannot be undone.',
  'closeDialog.confirm': 'Close for good',

  'ballots.closedAt': 'Closed on {date}',
  'ballots.closesAt': 'Closes on {date}',
  'ballots.opensOnOpen': 'Planned length: {days} d from the opening',
};
