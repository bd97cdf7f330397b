import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { uuidArray } from '../database/pg-array';
import { LiquideError } from '../errors/liquide-error';
import type { MailLocale } from '../mail/mail.contract';
import { DEFAULT_FREQUENCY } from './notice.store';
import type { NoticeFrequency } from './notices.contract';
import { NoticeErrorCode } from './notices.errors';

/** A person's e-mail choice, kept per address (so it holds across their collectives). */
export interface NoticePreferences {
  readonly frequency: NoticeFrequency;
  readonly locale: MailLocale;
}

/** The topics one membership follows: every topic, or only those listed. */
export interface FollowedTopics {
  readonly all: boolean;
  readonly topicIds: readonly string[];
}

/** Reads and writes e-mail choices and followed topics. */
@Injectable()
export class NoticePreferencesService {
  constructor(private readonly em: EntityManager) {}

  async get(email: string): Promise<NoticePreferences> {
    const [row] = await this.em
      .fork()
      .execute<{ frequency: NoticeFrequency; locale: MailLocale }[]>(
        'select frequency, locale from notice_preference where email = ?',
        [email],
      );
    return row ?? { frequency: DEFAULT_FREQUENCY, locale: 'fr' };
  }

  async set(email: string, preferences: NoticePreferences): Promise<NoticePreferences> {
    await this.em.fork().execute(
      `insert into notice_preference (email, frequency, locale) values (?, ?, ?)
       on conflict (email) do update set frequency = excluded.frequency, locale = excluded.locale, updated_at = now()`,
      [email, preferences.frequency, preferences.locale],
    );
    return preferences;
  }

  /** One-click unsubscribe: no more notice e-mails to this address (its language is kept). */
  async unsubscribe(email: string): Promise<void> {
    await this.em.fork().execute(
      `insert into notice_preference (email, frequency, locale) values (?, 'never', 'fr')
       on conflict (email) do update set frequency = 'never', updated_at = now()`,
      [email],
    );
  }

  async topics(memberId: string): Promise<FollowedTopics> {
    const [row] = await this.em
      .fork()
      .execute<{ topic_ids: string[] | null }[]>(
        'select topic_ids from notice_topic_follow where member_id = ?',
        [memberId],
      );
    return row?.topic_ids ? { all: false, topicIds: row.topic_ids } : { all: true, topicIds: [] };
  }

  /** Sets the followed topics; every listed topic must belong to the collective (400 otherwise). */
  async setTopics(memberId: string, collectiveId: string, topics: FollowedTopics): Promise<FollowedTopics> {
    const em = this.em.fork();
    const wanted = [...new Set(topics.topicIds)];
    if (!topics.all && wanted.length > 0) {
      const known = await em.execute<{ id: string }[]>(
        'select id from topic where collective_id = ? and id = any(?::uuid[])',
        [collectiveId, uuidArray(wanted)],
      );
      const knownIds = new Set(known.map((row) => row.id));
      const stranger = wanted.find((id) => !knownIds.has(id));
      if (stranger) {
        throw new LiquideError(NoticeErrorCode.TopicNotInCollective, {
          field: 'topicIds',
          params: { topicId: stranger },
        });
      }
    }
    await em.execute(
      `insert into notice_topic_follow (member_id, topic_ids) values (?, ?::uuid[])
       on conflict (member_id) do update set topic_ids = excluded.topic_ids`,
      [memberId, topics.all ? null : uuidArray(wanted)],
    );
    return topics.all ? { all: true, topicIds: [] } : { all: false, topicIds: wanted };
  }
}
