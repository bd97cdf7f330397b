import type { ApiUser } from '../../support/api-client';
import { waitFor } from '../domain/domain-fixtures';

/** A notice as `GET /api/notices` lists it. */
export interface NoticeBody {
  id: string;
  collectiveId: string;
  kind: string;
  subject: { type: string; id: string; billId: string | null; title: string };
  params: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}

export interface NoticePageBody {
  items: NoticeBody[];
  unread: number;
  next: string | null;
}

/** Every notice of the user's inbox (all pages). */
export async function inbox(user: ApiUser): Promise<NoticePageBody & { all: NoticeBody[] }> {
  const first = await user.call<NoticePageBody>('GET', '/api/notices?limit=100');
  if (first.status !== 200) {
    throw new Error(`inbox failed: ${first.status} ${JSON.stringify(first.body)}`);
  }
  return { ...first.body, all: first.body.items };
}

/** The user's notices of one kind. */
export async function noticesOf(user: ApiUser, kind: string): Promise<NoticeBody[]> {
  return (await inbox(user)).all.filter((notice) => notice.kind === kind);
}

/** Waits until the user holds `count` notices of `kind`; answers them. */
export async function waitForNotices(
  user: ApiUser,
  kind: string,
  count = 1,
  timeoutMs = 20_000,
): Promise<NoticeBody[]> {
  let found: NoticeBody[] = [];
  await waitFor(async () => {
    found = await noticesOf(user, kind);
    return found.length >= count;
  }, timeoutMs);
  return found;
}

/** Creates a bill with this title (optionally on a topic) and a ballot on it, opened unless told. */
export async function billAndBallot(
  organiser: ApiUser,
  collectiveId: string,
  title: string,
  options: { topicId?: string; visibility?: string; closesInMs?: number; open?: boolean } = {},
): Promise<{ billId: string; ballotId: string }> {
  const bill = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/bills`, {
    title,
    topicId: options.topicId ?? null,
    articles: [{ heading: 'Article 1', text: 'Texte.' }],
  });
  if (bill.status !== 201) {
    throw new Error(`create bill failed: ${bill.status} ${JSON.stringify(bill.body)}`);
  }
  const now = Date.now();
  const ballot = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/ballots`, {
    billId: bill.body.id,
    opensAt: new Date(now - 1000).toISOString(),
    closesAt: new Date(now + (options.closesInMs ?? 3 * 86_400_000)).toISOString(),
    ...(options.visibility ? { visibility: options.visibility } : {}),
  });
  if (ballot.status !== 201) {
    throw new Error(`create ballot failed: ${ballot.status} ${JSON.stringify(ballot.body)}`);
  }
  if (options.open !== false) {
    const opened = await organiser.call('POST', `/api/ballots/${ballot.body.id}/open`);
    if (opened.status !== 204) {
      throw new Error(`open ballot failed: ${opened.status} ${JSON.stringify(opened.body)}`);
    }
  }
  return { billId: bill.body.id, ballotId: ballot.body.id };
}
