import { EntityManager } from '@mikro-orm/postgresql';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toCsv } from '@liquide/engine';
import type { QuestionView } from '../contracts';
import { Question, QuestionAnswer, QuestionSupport } from './question.entities';

/** A bill's questions, most supported first (then oldest first); removed ones only for moderators. */
export class ListQuestionsQuery extends Query<QuestionView[]> {
  constructor(
    readonly billId: string,
    readonly callerMemberId: string | null,
    readonly withRemoved: boolean,
  ) {
    super();
  }
}

/** The collective's questions as open data (CSV, formulas neutralised; no member ids). */
export class QuestionsOpenDataQuery extends Query<string> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

async function views(
  em: EntityManager,
  questions: Question[],
  caller: string | null,
): Promise<QuestionView[]> {
  const ids = questions.map((q) => q.id);
  const answers =
    ids.length > 0
      ? await em.find(QuestionAnswer, { questionId: { $in: ids } }, { orderBy: { answeredAt: 'asc' } })
      : [];
  const mine =
    caller && ids.length > 0
      ? new Set(
          (await em.find(QuestionSupport, { questionId: { $in: ids }, memberId: caller })).map(
            (s) => s.questionId,
          ),
        )
      : new Set<string>();
  return questions.map((q) => ({
    id: q.id,
    billId: q.billId,
    askerName: q.askerName,
    text: q.status === 'removed' ? '' : q.text,
    status: q.status,
    reasonCode: q.reasonCode,
    supports: q.supports,
    supportedByMe: mine.has(q.id),
    mine: caller === q.askerId,
    askedAt: q.askedAt.toISOString(),
    answers: answers
      .filter((a) => a.questionId === q.id)
      .map((a) => ({
        id: a.id,
        deputy: a.deputyId,
        deputyName: a.deputyName,
        text: a.text,
        answeredAt: a.answeredAt.toISOString(),
      })),
  }));
}

@QueryHandler(ListQuestionsQuery)
export class ListQuestionsHandler implements IQueryHandler<ListQuestionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ billId, callerMemberId, withRemoved }: ListQuestionsQuery): Promise<QuestionView[]> {
    const em = this.em.fork();
    const questions = await em.find(
      Question,
      { billId, ...(withRemoved ? {} : { status: 'published' as const }) },
      { orderBy: { supports: 'desc', askedAt: 'asc', id: 'asc' }, limit: 500 },
    );
    return views(em, questions, callerMemberId);
  }
}

@QueryHandler(QuestionsOpenDataQuery)
export class QuestionsOpenDataHandler implements IQueryHandler<QuestionsOpenDataQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId }: QuestionsOpenDataQuery): Promise<string> {
    const em = this.em.fork();
    const questions = await em.find(
      Question,
      { collectiveId },
      { orderBy: { billId: 'asc', supports: 'desc', askedAt: 'asc' } },
    );
    const list = await views(em, questions, null);
    return toCsv([
      [
        'question_id',
        'bill_id',
        'asked_at',
        'status',
        'reason_code',
        'supports',
        'question',
        'answers',
        'answered_by',
      ],
      ...list.map((q) => [
        q.id,
        q.billId,
        q.askedAt,
        q.status,
        q.reasonCode,
        q.supports,
        q.text,
        q.answers.length,
        q.answers.map((a) => a.deputyName).join('; '),
      ]),
    ]);
  }
}
