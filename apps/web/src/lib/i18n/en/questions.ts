import type { questions as fr } from '../fr/questions';

/** Questions to deputies (plugin): asking, supporting, answering, moderating. */
export const questions: Record<keyof typeof fr, string> = {
  'questions.title': 'Questions to deputies',
  'questions.intro': 'Ask the deputies a question on this bill; the most supported come first.',
  'questions.none': 'No question yet.',
  'questions.ask': 'Your question',
  'questions.askSubmit': 'Ask the question',
  'questions.supports': '{n} supporter(s)',
  'questions.support': 'Support',
  'questions.unsupport': 'Withdraw my support',
  'questions.askedBy': 'Asked by {name}',
  'questions.answerLabel': 'Your public answer',
  'questions.answerSubmit': 'Answer',
  'questions.answeredBy': 'Answer from {name}:',
  'questions.remove': 'Remove the question',
  'questions.reason': 'Reason',
  'questions.removed': 'Question removed by moderation (reason: {reason})',
  'questions.reason.duplicate': 'duplicate',
  'questions.reason.off-topic': 'off topic',
  'questions.reason.offensive': 'offensive',
  'questions.reason.defamatory': 'defamatory',
  'questions.reason.personal-data': 'personal data',
  'questions.reason.other': 'other',
  'questions.notice.answered': '{name} answered your question “{title}”.',
  'questions.notice.removed': 'Your question “{title}” was removed (reason: {reason}).',
} as const;
