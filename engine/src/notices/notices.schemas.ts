import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { NOTICE_FREQUENCIES } from './notices.contract';

export const NoticePageInput = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.uuid().optional(),
});
export class NoticePageDto extends createZodDto(NoticePageInput) {}

export const NoticeParamInput = z.strictObject({ noticeId: z.uuid() });
export class NoticeParamDto extends createZodDto(NoticeParamInput) {}

export const NoticePreferencesInput = z.strictObject({
  frequency: z.enum(NOTICE_FREQUENCIES),
  locale: z.enum(['fr', 'en']),
});
export class NoticePreferencesDto extends createZodDto(NoticePreferencesInput) {}

export const FollowedTopicsInput = z
  .strictObject({
    all: z.boolean(),
    topicIds: z.array(z.uuid()).max(500).default([]),
  })
  .refine((value) => !value.all || value.topicIds.length === 0, {
    path: ['topicIds'],
    message: '!vide quand tous les thèmes sont suivis — empty when every topic is followed',
  });
export class FollowedTopicsDto extends createZodDto(FollowedTopicsInput) {}

/** The one-click link's query; the RFC 8058 body (`List-Unsubscribe=One-Click`) is not needed. */
export const UnsubscribeInput = z.strictObject({ token: z.string().min(20).max(4096) });
export class UnsubscribeDto extends createZodDto(UnsubscribeInput) {}
