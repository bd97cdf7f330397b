import type { NoticeFrequency, NoticePage } from '@liquide/engine/notices/notices.contract';
import { call } from './client';

export type {
  NoticeFrequency,
  NoticeKind,
  NoticePage,
  NoticeView,
} from '@liquide/engine/notices/notices.contract';

/** A person's e-mail choice (`GET /api/notices/preferences`). */
export interface NoticePreferences {
  readonly frequency: NoticeFrequency;
  readonly locale: 'fr' | 'en';
}

/** The topics a membership follows (every topic, or those listed). */
export interface FollowedTopics {
  readonly all: boolean;
  readonly topicIds: readonly string[];
}

const id = encodeURIComponent;

/** The notices routes (engine/src/notices/notices.controller.ts). */
export const noticesApi = {
  page: (before?: string, limit = 20) =>
    call<NoticePage>('GET', `/api/notices?limit=${limit}${before ? `&before=${id(before)}` : ''}`),
  markRead: (noticeId: string) => call<null>('POST', `/api/notices/${id(noticeId)}/read`),
  markAllRead: () => call<{ marked: number }>('POST', '/api/notices/read-all'),
  preferences: () => call<NoticePreferences>('GET', '/api/notices/preferences'),
  setPreferences: (preferences: NoticePreferences) =>
    call<NoticePreferences>('PUT', '/api/notices/preferences', { body: preferences }),
  topics: (collectiveId: string) =>
    call<FollowedTopics>('GET', `/api/collectives/${id(collectiveId)}/notices/topics`),
  setTopics: (collectiveId: string, topics: FollowedTopics) =>
    call<FollowedTopics>('PUT', `/api/collectives/${id(collectiveId)}/notices/topics`, { body: topics }),
  unsubscribe: (token: string) =>
    call<{ frequency: 'never' }>('POST', `/api/notices/unsubscribe?token=${id(token)}`),
};
