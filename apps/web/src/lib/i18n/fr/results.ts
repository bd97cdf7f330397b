/** French messages: closed ballots, their results and archive, the close confirmation, "not counted yet". */
export const results = {
  'results.title': 'Résultats',
  'results.archive': 'Scrutins clos',
  'results.archiveNone': 'Aucun scrutin clos pour le moment.',
  'results.closedAt': 'Clos le {date}',
  'results.closedEarly': 'Clos le {date}, avant la date prévue ({planned})',
  'results.turnout': 'Participation : {share}',
  'results.adopted': 'Adopté',
  'results.rejected': 'Rejeté',
  'results.tie': 'Égalité',
  'results.seats': 'Instructions aux députés : {summary}',
  'results.seatsNone': 'Aucun siège attribué',
  'results.seatPart': '{choice} {n}',
  'results.details': 'Détail du décompte',
  'results.figures': 'Résultat final de « {title} »',
  'results.amendment': 'Amendement',
  'results.amendmentVote': 'Vote sur un amendement',
  'results.amendmentVotes': 'Votes sur des amendements',
  'results.amendmentVotesOpen': 'Votes sur des amendements en cours',
  'results.billVote': 'Vote sur le texte',
  'results.final': 'Résultat final',
  'results.liveEnded': 'Le scrutin est clos : le décompte ne bouge plus.',

  'who.pending':
    'Pas encore comptée : votre mandataire n’a pas encore voté. Voici qui porterait votre voix :',
  'who.pendingChain': 'Chaîne des mandataires qui porteraient votre voix',
  'who.pendingHint':
    'Si personne dans la chaîne ne vote avant la clôture, votre voix sera perdue : votez vous-même si vous le souhaitez.',

  'closeDialog.title': 'Clore le scrutin « {title} » ?',
  'closeDialog.amendmentTitle': 'Clore le vote sur l’amendement à « {title} » ?',
  'closeDialog.body':
    'La clôture est définitive : plus personne ne pourra voter et le résultat sera calculé et publié. Cette action ne peut pas être annulée.',
  'closeDialog.confirm': 'Clore définitivement',

  'ballots.closedAt': 'Clos le {date}',
  'ballots.closesAt': 'Clôture le {date}',
  'ballots.opensOnOpen': 'Durée prévue : {days} j à partir de l’ouverture',
} as const;
