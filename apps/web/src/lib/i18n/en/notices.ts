import type { notices as fr } from '../fr/notices';

/** English messages: notices. */
export const notices: Record<keyof typeof fr, string> = {
  'notices.title': 'Notifications',
  'notices.none': 'No notification yet.',
  'notices.unread': 'Unread',
  'notices.markRead': 'Mark as read',
  'notices.markAllRead': 'Mark all as read',
  'notices.more': 'Show older ones',
  'notices.unreadCount': '{n} unread',
  'notices.kind.ballotOpened': 'Voting is open on “{title}” ({collective}).',
  'notices.kind.delegateVoted': '{name} voted for you on “{title}”: {choice}.',
  'notices.kind.delegateVotedHidden':
    '{name} voted for you on “{title}”; the choice stays secret until the close.',
  'notices.kind.delegationReceived': '{name} entrusts their vote to you ({scope}).',
  'notices.kind.closingUnrepresented':
    'Voting on “{title}” ends on {when} and nobody carries your vote: vote or delegate.',
  'notices.kind.instructionIssued': 'Your signed voting instruction on “{title}” is issued: {choice}.',
  'notices.kind.petitionThreshold': 'A petition you signed reached {n} signatures.',
  'notices.myDelegations': 'My delegations',

  'notices.prefs.title': 'Notifications by e-mail',
  'notices.prefs.frequency': 'How often',
  'notices.prefs.immediate': 'For every notification',
  'notices.prefs.daily': 'One digest a day',
  'notices.prefs.never': 'Never',
  'notices.prefs.language': 'Language of the e-mails',
  'notices.prefs.save': 'Save my preferences',
  'notices.prefs.saved': 'Preferences saved.',

  'notices.topics.title': 'Followed topics',
  'notices.topics.hint': 'You are told when voting opens on a topic you follow.',
  'notices.topics.all': 'Every topic',
  'notices.topics.some': 'Only the ticked topics',
  'notices.topics.save': 'Save followed topics',
  'notices.topics.saved': 'Followed topics saved.',

  'unsubscribe.title': 'Unsubscribe',
  'unsubscribe.working': 'Unsubscribing…',
  'unsubscribe.done':
    'Done: you will no longer receive notifications by e-mail. You can change your mind in your notifications.',
  'unsubscribe.missing': 'This link holds no unsubscribe token.',
} as const;
