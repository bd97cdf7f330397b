/** French messages: notices (inbox, e-mail choice, followed topics, unsubscribe). */
export const notices = {
  'notices.title': 'Notifications',
  'notices.none': 'Aucune notification pour le moment.',
  'notices.unread': 'Non lue',
  'notices.markRead': 'Marquer comme lue',
  'notices.markAllRead': 'Tout marquer comme lu',
  'notices.more': 'Afficher les plus anciennes',
  'notices.unreadCount': '{n} non lue(s)',
  'notices.kind.ballotOpened': 'Le vote est ouvert sur « {title} » ({collective}).',
  'notices.kind.delegateVoted': '{name} a voté pour vous sur « {title} » : {choice}.',
  'notices.kind.delegateVotedHidden':
    '{name} a voté pour vous sur « {title} » ; son choix reste secret jusqu’à la clôture.',
  'notices.kind.delegationReceived': '{name} vous confie sa voix ({scope}).',
  'notices.kind.closingUnrepresented':
    'Le vote sur « {title} » se termine le {when} et personne ne porte votre voix : votez ou déléguez.',
  'notices.kind.instructionIssued': 'Votre instruction de vote signée sur « {title} » est émise : {choice}.',
  'notices.kind.petitionThreshold': 'Une pétition que vous avez signée a atteint {n} signatures.',
  'notices.myDelegations': 'Mes délégations',

  'notices.prefs.title': 'Notifications par e-mail',
  'notices.prefs.frequency': 'Fréquence',
  'notices.prefs.immediate': 'À chaque notification',
  'notices.prefs.daily': 'Un récapitulatif par jour',
  'notices.prefs.never': 'Jamais',
  'notices.prefs.language': 'Langue des e-mails',
  'notices.prefs.save': 'Enregistrer mes préférences',
  'notices.prefs.saved': 'Préférences enregistrées.',

  'notices.topics.title': 'Thèmes suivis',
  'notices.topics.hint': 'Vous êtes prévenu·e quand un vote s’ouvre sur un thème que vous suivez.',
  'notices.topics.all': 'Tous les thèmes',
  'notices.topics.some': 'Seulement les thèmes cochés',
  'notices.topics.save': 'Enregistrer les thèmes suivis',
  'notices.topics.saved': 'Thèmes suivis enregistrés.',

  'unsubscribe.title': 'Désabonnement',
  'unsubscribe.working': 'Désabonnement en cours…',
  'unsubscribe.done':
    'C’est fait : vous ne recevrez plus de notifications par e-mail. Vous pouvez changer d’avis dans vos notifications.',
  'unsubscribe.missing': 'Ce lien ne contient pas de jeton de désabonnement.',
} as const;
