import type { QuestionView, RemovalReason } from '@liquide/plugin-questions/contracts';
import { call } from './client';

export type { QuestionView, RemovalReason } from '@liquide/plugin-questions/contracts';
export { REMOVAL_REASONS } from '@liquide/plugin-questions/contracts';

const id = encodeURIComponent;

/** The questions-to-deputies plugin. */
export const questionsApi = {
  list: (billId: string) => call<QuestionView[]>('GET', `/api/bills/${id(billId)}/questions`),
  ask: (billId: string, text: string) =>
    call<{ id: string }>('POST', `/api/bills/${id(billId)}/questions`, { body: { text } }),
  support: (questionId: string) => call<unknown>('POST', `/api/questions/${id(questionId)}/support`),
  unsupport: (questionId: string) => call<unknown>('DELETE', `/api/questions/${id(questionId)}/support`),
  answer: (questionId: string, text: string) =>
    call<unknown>('POST', `/api/questions/${id(questionId)}/answers`, { body: { text } }),
  remove: (questionId: string, reasonCode: RemovalReason) =>
    call<unknown>('POST', `/api/questions/${id(questionId)}/moderation`, { body: { reasonCode } }),
};
