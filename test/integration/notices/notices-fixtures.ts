import { registerUnverifiedUser, request, type ApiUser } from '../../support/api-client';
import type { SmtpTestServer } from '../../support/smtp-test-server';
import { importCsv, memberIdOf, uniqueSlug, waitFor, type Collective } from '../domain/domain-fixtures';

/**
 * Registers an account and verifies its address by the link mailed to the test SMTP server (with
 * SMTP_URL set there is no local outbox to read it from).
 */
export async function registerThroughSmtp(
  baseUrl: string,
  smtp: SmtpTestServer,
  name: string,
): Promise<ApiUser> {
  const user = await registerUnverifiedUser(baseUrl, name);
  const mail = await smtp.waitFor((m) => m.to === user.email && /#\/verify-email\//.test(m.text), 30_000);
  const token = /#\/verify-email\/([\w-]+)/.exec(mail.text)![1];
  const verified = await request(baseUrl, 'POST', '/api/auth/verify-email', { body: { token } });
  if (verified.status !== 200) {
    throw new Error(`verify-email failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  }
  return user;
}

/** A collective of verified accounts (created through SMTP), each person imported with role `member`. */
export async function smtpCollective(
  baseUrl: string,
  smtp: SmtpTestServer,
  names: readonly string[],
  settings: Record<string, unknown>,
): Promise<Collective> {
  const admin = await registerThroughSmtp(baseUrl, smtp, 'admin');
  const created = await admin.call<{ id: string }>('POST', '/api/collectives', {
    name: 'Collectif de test',
    slug: uniqueSlug('c'),
    settings,
  });
  const id = created.body.id;
  const users: Record<string, ApiUser> = {};
  for (const name of names) {
    users[name] = await registerThroughSmtp(baseUrl, smtp, name);
  }
  const csv = [
    'email,display_name,roles',
    ...names.map((name) => `${users[name].email},${name},member`),
  ].join('\n');
  const { progress } = await importCsv(admin, id, csv);
  if (progress.status !== 'done' || progress.errors.length > 0) {
    throw new Error(`import did not finish cleanly: ${JSON.stringify(progress)}`);
  }
  const ids: Record<string, string> = {};
  for (const name of names) {
    ids[name] = await memberIdOf(users[name], id);
  }
  return { id, admin, adminId: await memberIdOf(admin, id), users, ids };
}

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
