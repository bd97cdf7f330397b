import { Client } from 'pg';
import { registerUnverifiedUser, request, type ApiUser } from '../../support/api-client';
import {
  linkIn,
  startSmtpTestServer,
  type ReceivedMail,
  type SmtpTestServer,
} from '../../support/smtp-test-server';
import { PUBLIC_URL } from '../identity/identity-kit';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createBallot,
  createCollective,
  importCsv,
  requestId,
  type Collective,
  type ErrorBody,
} from '../domain/domain-fixtures';
import { registerViaSmtp } from './people-fixtures';

interface Accepted {
  collectiveId: string;
  memberId: string;
  tokens: { accessToken: string } | null;
}

let counter = 0;
function address(name: string): string {
  counter += 1;
  return `${name}.${process.pid}.${counter}.${Date.now().toString(36)}@example.org`;
}

/** The token of the invitation link a message carries (checked in both bodies). */
function linkToken(mail: ReceivedMail): string {
  const link = linkIn(mail, `${PUBLIC_URL}/#/invitation/`);
  expect(mail.html).toContain(link);
  return link.slice(link.lastIndexOf('/') + 1);
}

describe('Invitations: invite → e-mail → follow the link → joined → vote; takeovers fail', () => {
  let smtp: SmtpTestServer;
  let sut: TestApp;
  let c: Collective;
  let ballotId: string;

  async function sql(text: string, values: unknown[] = []) {
    const client = new Client({ connectionString: sut.db.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }

  /** Imports these addresses, invites them, and returns each one's member id and link token. */
  async function invite(emails: string[], language = 'fr') {
    await importCsv(
      c.admin,
      c.id,
      ['email,display_name,roles', ...emails.map((e) => `${e},${e.split('.')[0]},member`)].join('\n'),
    );
    const sent = await c.admin.call<{ sent: number }>(
      'POST',
      `/api/collectives/${c.id}/invitations`,
      { notJoined: true },
      { 'accept-language': language },
    );
    expect(sent.status).toBe(200);
    expect(sent.body.sent).toBeGreaterThanOrEqual(emails.length);
    const out: Record<string, { memberId: string; token: string; mail: ReceivedMail }> = {};
    for (const email of emails) {
      const mail = await smtp.waitFor((m) => m.to === email, 20_000);
      const [row] = await sql('select id from member where collective_id = $1 and email = $2', [c.id, email]);
      out[email] = { memberId: String(row.id), token: linkToken(mail), mail };
    }
    return out;
  }

  const accept = (token: string, body: Record<string, unknown> = {}, who?: ApiUser, language = 'fr') =>
    request<Accepted & ErrorBody>(sut.baseUrl, 'POST', `/api/invitations/${token}/accept`, {
      body,
      token: who?.token,
      headers: { 'accept-language': language },
    });

  async function boundTo(email: string): Promise<number> {
    const rows = await sql('select count(*)::int as n from account where email = $1', [email]);
    return Number(rows[0].n);
  }

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    sut = await startTestApp({
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      MAIL_FROM: 'Liquide <no-reply@vote.example.org>',
    });
    c = await createCollective(
      sut.baseUrl,
      [],
      { public: false, visibility: 'live' },
      undefined,
      registerViaSmtp(smtp),
    );
    ({ ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' }));
  });

  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  it('sends a French invitation (text and HTML); following it creates the account, joins, and the newcomer votes', async () => {
    const email = address('nina');
    const { [email]: invited } = await invite([email]);
    expect(invited.mail.subject).toBe('Invitation à rejoindre « Collectif de test » sur Liquide');
    expect(invited.mail.text).toContain('Bonjour nina');
    expect(invited.mail.html).toContain('Rejoindre le collectif');

    const view = await request<{
      collective: { id: string };
      email: string;
      status: string;
      accountExists: boolean;
    }>(sut.baseUrl, 'GET', `/api/invitations/${invited.token}`);
    expect(view.body).toMatchObject({
      collective: { id: c.id },
      email,
      status: 'pending',
      accountExists: false,
    });

    const missing = await accept(invited.token, { displayName: 'Nina' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'invitation.account_needed', field: 'password' });

    const joined = await accept(invited.token, { displayName: 'Nina', password: 'correct horse battery' });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ collectiveId: c.id, memberId: invited.memberId });
    const token = joined.body.tokens!.accessToken;
    const vote = await request(sut.baseUrl, 'PUT', `/api/ballots/${ballotId}/vote`, {
      token,
      body: { choice: 'yes', requestId: requestId() },
    });
    expect(vote.status).toBe(200);
    const mine = await request<{ id: string }[]>(sut.baseUrl, 'GET', '/api/me/collectives', { token });
    expect(mine.body.map((x) => x.id)).toEqual([c.id]);

    // replayed: refused, nothing more bound
    const replay = await accept(invited.token, { displayName: 'Eve', password: 'another password 1' });
    expect(replay.status).toBe(410);
    expect(replay.body.code).toBe('invitation.used');
    expect(await boundTo(email)).toBe(1);
  });

  it('sends in English on request; a tampered link is refused in English and binds nothing', async () => {
    const email = address('otto');
    const { [email]: invited } = await invite([email], 'en');
    expect(invited.mail.subject).toBe('You are invited to join "Collectif de test" on Liquide');
    expect(invited.mail.text).toContain('It works once and expires on');
    const last = invited.token.at(-1) === 'A' ? 'B' : 'A';
    const tampered = invited.token.slice(0, -1) + last;
    const refused = await accept(
      tampered,
      { displayName: 'Otto', password: 'correct horse battery' },
      undefined,
      'en',
    );
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'invitation.invalid', field: 'token' });
    expect(refused.body.message).toMatch(/not valid/);
    const garbage = await accept('not a token!', {});
    expect(garbage.status).toBe(400);
    expect(await boundTo(email)).toBe(0);
  });

  it('refuses a revoked and an expired link, and lists both as not joined', async () => {
    const [revokedEmail, expiredEmail] = [address('rita'), address('xavier')];
    const links = await invite([revokedEmail, expiredEmail]);
    const revoke = await c.admin.call(
      'DELETE',
      `/api/collectives/${c.id}/invitations/${links[revokedEmail].memberId}`,
    );
    expect(revoke.status).toBe(204);
    const revoked = await accept(links[revokedEmail].token, {
      displayName: 'Rita',
      password: 'correct horse battery',
    });
    expect(revoked.status).toBe(410);
    expect(revoked.body.code).toBe('invitation.revoked');

    await sql("update invitation set expires_at = now() - interval '1 minute' where member_id = $1", [
      links[expiredEmail].memberId,
    ]);
    const expired = await accept(links[expiredEmail].token, {
      displayName: 'Xavier',
      password: 'correct horse battery',
    });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('invitation.expired');
    expect(await boundTo(revokedEmail)).toBe(0);
    expect(await boundTo(expiredEmail)).toBe(0);

    const notJoined = await c.admin.call<{
      items: { email: string; invitation: { status: string } | null }[];
    }>('GET', `/api/collectives/${c.id}/members?joined=false&size=100`);
    const status = Object.fromEntries(notJoined.body.items.map((m) => [m.email, m.invitation?.status]));
    expect(status[revokedEmail]).toBe('revoked');
    expect(status[expiredEmail]).toBe('expired');
  });

  it('resends with a new link: the old one stops working, the new one joins', async () => {
    const email = address('paul');
    const { [email]: first } = await invite([email]);
    const resent = await c.admin.call<{ sent: number }>(
      'POST',
      `/api/collectives/${c.id}/invitations/${first.memberId}/resend`,
    );
    expect(resent.body.sent).toBe(1);
    const second = await smtp.waitFor((m) => m.to === email && linkToken(m) !== first.token, 20_000);
    const old = await accept(first.token, { displayName: 'Paul', password: 'correct horse battery' });
    expect(old.status).toBe(404);
    const pending = await c.admin.call<{ items: { memberId: string; sendCount: number }[] }>(
      'GET',
      `/api/collectives/${c.id}/invitations`,
    );
    expect(pending.body.items.find((i) => i.memberId === first.memberId)?.sendCount).toBe(2);
    const joined = await accept(linkToken(second), {
      displayName: 'Paul',
      password: 'correct horse battery',
    });
    expect(joined.status).toBe(200);
    const after = await c.admin.call<{ items: { memberId: string }[] }>(
      'GET',
      `/api/collectives/${c.id}/invitations`,
    );
    expect(after.body.items.map((i) => i.memberId)).not.toContain(first.memberId);
  });

  it('refuses to bind while signed in as someone else; the invited person then joins with their own account', async () => {
    const email = address('lea');
    const { [email]: invited } = await invite([email]);
    const intruder = await registerViaSmtp(smtp)(sut.baseUrl, 'intruder');
    const refused = await accept(invited.token, {}, intruder);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invitation.wrong_account');
    const intruderView = await intruder.call<{ me: unknown }>('GET', `/api/collectives/${c.id}`);
    expect(intruderView.status).toBe(403);

    // an account already holds the address: sign in first, then follow the link
    // registered with the invited address, not verified yet: holds nothing
    const lea = await registerUnverifiedUser(sut.baseUrl, 'Léa', email);
    expect((await lea.call('GET', `/api/collectives/${c.id}`)).status).not.toBe(200);
    const anonymous = await accept(invited.token, { displayName: 'X', password: 'correct horse battery' });
    expect(anonymous.status).toBe(409);
    expect(anonymous.body.code).toBe('invitation.sign_in');
    const signedIn = await request<Accepted>(
      sut.baseUrl,
      'POST',
      `/api/invitations/${invited.token}/accept`,
      {
        token: lea.token,
        body: {},
      },
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ memberId: invited.memberId, tokens: null });
    const vote = await lea.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'no',
      requestId: requestId(),
    });
    expect(vote.status).toBe(200);
  });

  it('adds one member by hand and invites them; only active organisers may invite', async () => {
    const email = address('hugo');
    const added = await c.admin.call<{ id: string; invited: boolean }>(
      'POST',
      `/api/collectives/${c.id}/members`,
      { email, displayName: 'Hugo', locale: 'en' },
    );
    expect(added.status).toBe(201);
    expect(added.body.invited).toBe(true);
    const mail = await smtp.waitFor((m) => m.to === email, 20_000);
    expect(mail.subject).toContain('You are invited');
    const twice = await c.admin.call<ErrorBody>('POST', `/api/collectives/${c.id}/members`, {
      email,
      displayName: 'Hugo',
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'member.exists', field: 'email' });

    const member = await registerViaSmtp(smtp)(sut.baseUrl, 'member');
    await importCsv(c.admin, c.id, `email,display_name,roles\n${member.email},Member,member`);
    const byMember = await member.call<ErrorBody>('POST', `/api/collectives/${c.id}/invitations`, {
      notJoined: true,
    });
    expect(byMember.status).toBe(403);
    const bad = await c.admin.call<ErrorBody>('POST', `/api/collectives/${c.id}/invitations`, {});
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0].field).toBe('memberIds');
  });
});
