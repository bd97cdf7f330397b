import { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { Command, CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import {
  LiquideError,
  NoticeRequestedEvent,
  PluginSettingsService,
  RecordService,
  type NoticeSubject,
} from '@liquide/engine';
import type {
  AnswerQuestionInput,
  AskQuestionInput,
  ModerateQuestionInput,
  QuestionsGlobalSettings,
} from '../contracts';
import { Question, QuestionAnswer, QuestionSupport } from './question.entities';
import { QuestionErrorCode } from './questions.errors';

export const QUESTIONS_PLUGIN_ID = 'questions';

/** Who acts: a member of the collective, as the plugin host found them. */
export interface Actor {
  readonly memberId: string;
  readonly displayName: string;
}

export class AskQuestionCommand extends Command<{ id: string }> {
  constructor(
    readonly collectiveId: string,
    readonly billId: string,
    readonly asker: Actor,
    readonly input: AskQuestionInput,
  ) {
    super();
  }
}

export class SupportQuestionCommand extends Command<{ supports: number }> {
  constructor(
    readonly questionId: string,
    readonly memberId: string,
    readonly support: boolean,
  ) {
    super();
  }
}

export class AnswerQuestionCommand extends Command<{ id: string }> {
  constructor(
    readonly questionId: string,
    readonly deputy: Actor,
    readonly input: AnswerQuestionInput,
  ) {
    super();
  }
}

export class ModerateQuestionCommand extends Command<{ status: string }> {
  constructor(
    readonly questionId: string,
    readonly input: ModerateQuestionInput,
  ) {
    super();
  }
}

async function published(em: EntityManager, questionId: string): Promise<Question> {
  const question = await em.findOne(Question, { id: questionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!question) {
    throw new LiquideError(QuestionErrorCode.NotFound, { field: 'questionId' });
  }
  if (question.status === 'removed') {
    throw new LiquideError(QuestionErrorCode.Removed, { params: { reason: question.reasonCode ?? '' } });
  }
  return question;
}

function subjectOf(question: Question): NoticeSubject {
  const title = question.text.length > 80 ? `${question.text.slice(0, 79)}…` : question.text;
  return { type: 'bill', id: question.billId, billId: question.billId, title };
}

@CommandHandler(AskQuestionCommand)
export class AskQuestionHandler implements ICommandHandler<AskQuestionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: PluginSettingsService,
    private readonly record: RecordService,
  ) {}

  execute({ collectiveId, billId, asker, input }: AskQuestionCommand): Promise<{ id: string }> {
    return this.em.fork().transactional(async (em) => {
      const { global } = await this.settings.enabledSettings<{ global: QuestionsGlobalSettings }>(
        collectiveId,
        QUESTIONS_PLUGIN_ID,
        em,
      );
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [
        `questions:${billId}:${asker.memberId}`,
      ]);
      const asked = await em.count(Question, { billId, askerId: asker.memberId });
      if (asked >= global.maxPerMemberPerBill) {
        throw new LiquideError(QuestionErrorCode.TooMany, {
          field: 'text',
          params: { max: global.maxPerMemberPerBill },
        });
      }
      const question = new Question({
        collectiveId,
        billId,
        askerId: asker.memberId,
        askerName: asker.displayName,
        text: input.text,
      });
      em.persist(question);
      await this.record.append(em, collectiveId, 'questions.asked', { questionId: question.id, billId });
      await em.flush();
      return { id: question.id };
    });
  }
}

@CommandHandler(SupportQuestionCommand)
export class SupportQuestionHandler implements ICommandHandler<SupportQuestionCommand> {
  constructor(private readonly em: EntityManager) {}

  execute({ questionId, memberId, support }: SupportQuestionCommand): Promise<{ supports: number }> {
    return this.em.fork().transactional(async (em) => {
      const question = await published(em, questionId);
      if (question.askerId === memberId) {
        throw new LiquideError(QuestionErrorCode.OwnQuestion, { field: 'questionId' });
      }
      const existing = await em.findOne(QuestionSupport, { questionId, memberId });
      if (support && existing) {
        throw new LiquideError(QuestionErrorCode.AlreadySupported, { field: 'questionId' });
      }
      if (!support && !existing) {
        throw new LiquideError(QuestionErrorCode.NotSupported, { field: 'questionId' });
      }
      if (existing) {
        em.remove(existing);
      } else {
        em.persist(new QuestionSupport(questionId, memberId));
      }
      question.supports += support ? 1 : -1;
      await em.flush();
      return { supports: question.supports };
    });
  }
}

/** A deputy answers publicly; the asker gets a notice (once per answer). */
@CommandHandler(AnswerQuestionCommand)
export class AnswerQuestionHandler implements ICommandHandler<AnswerQuestionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ questionId, deputy, input }: AnswerQuestionCommand): Promise<{ id: string }> {
    const { question, answer } = await this.em.fork().transactional(async (em) => {
      const question = await published(em, questionId);
      let answer = await em.findOne(QuestionAnswer, { questionId, deputyId: deputy.memberId });
      if (answer) {
        answer.text = input.text;
        answer.answeredAt = new Date();
      } else {
        answer = new QuestionAnswer(questionId, deputy.memberId, deputy.displayName, input.text);
        em.persist(answer);
      }
      // deputies are public officers: their id is in the record, the asker's is not
      await this.record.append(em, question.collectiveId, 'questions.answered', {
        questionId,
        billId: question.billId,
        deputy: deputy.memberId,
      });
      await em.flush();
      return { question, answer };
    });
    this.events.publish(
      new NoticeRequestedEvent(
        question.collectiveId,
        [question.askerId],
        'question.answered',
        `question-answered:${answer.id}:${answer.answeredAt.getTime()}`,
        subjectOf(question),
        { name: deputy.displayName },
      ),
    );
    return { id: answer.id };
  }
}

/** An organiser removes a question with a reason code; the asker gets a notice naming it. */
@CommandHandler(ModerateQuestionCommand)
export class ModerateQuestionHandler implements ICommandHandler<ModerateQuestionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ questionId, input }: ModerateQuestionCommand): Promise<{ status: string }> {
    const question = await this.em.fork().transactional(async (em) => {
      const question = await published(em, questionId);
      question.remove(input.reasonCode, input.note ?? null);
      await this.record.append(em, question.collectiveId, 'questions.removed', {
        questionId,
        billId: question.billId,
        reasonCode: input.reasonCode,
      });
      await em.flush();
      return question;
    });
    this.events.publish(
      new NoticeRequestedEvent(
        question.collectiveId,
        [question.askerId],
        'question.removed',
        `question-removed:${question.id}`,
        subjectOf(question),
        { reason: input.reasonCode },
      ),
    );
    return { status: question.status };
  }
}
