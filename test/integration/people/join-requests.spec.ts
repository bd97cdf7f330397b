import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective, requestId, type ErrorBody } from '../domain/domain-fixtures';
import { registerViaSmtp } from './people-fixtures';
import { registerUnverifiedUser } from '../../support/api-client';
import { PUBLIC_URL, verifyBySmtp } from '../identity/identity-kit';

interface JoinRequest {
  id: string;
  status: string;
  email?: string;
}

describe('Requests to join a public collective, decided by an organiser', () => {
  let smtp: SmtpTestServer;
  let sut: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    sut = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL });
  });

  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  it('approves a request: the requester is told by e-mail, becomes a member and votes', async () => {
    const c = await createCollective(
      sut.baseUrl,
      [{ name: 'Ana', roles: 'member' }],
      { public: true, visibility: 'live' },
      undefined,
      registerViaSmtp(smtp),
    );
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const zoe = await registerViaSmtp(smtp)(sut.baseUrl, 'zoe');
    const before = await zoe.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId(),
    });
    expect(before.status).toBe(403);

    const asked = await zoe.call<JoinRequest>('POST', `/api/collectives/${c.id}/join-requests`, {
      message: 'Habitante du quartier',
    });
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('pending');
    const again = await zoe.call<ErrorBody>('POST', `/api/collectives/${c.id}/join-requests`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('join.pending');

    const byMember = await c.users.Ana.call<ErrorBody>(
      'POST',
      `/api/collectives/${c.id}/join-requests/${asked.body.id}/decision`,
      { approve: true },
    );
    expect(byMember.status).toBe(403);
    const pending = await c.admin.call<{ items: JoinRequest[]; total: number }>(
      'GET',
      `/api/collectives/${c.id}/join-requests`,
    );
    expect(pending.body.items).toEqual([expect.objectContaining({ id: asked.body.id, email: zoe.email })]);

    const approved = await c.admin.call<{ status: string; memberId: string }>(
      'POST',
      `/api/collectives/${c.id}/join-requests/${asked.body.id}/decision`,
      { approve: true },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const mail = await smtp.waitFor(
      (m) => m.to === zoe.email && m.dedupeKey.startsWith('join-request:'),
      20_000,
    );
    expect(mail.subject).toBe('Bienvenue dans « Collectif de test »');
    expect(mail.html).toContain(`${PUBLIC_URL}/#/c/${c.id}`);

    const vote = await zoe.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId(),
    });
    expect(vote.status).toBe(200);
    const twice = await c.admin.call<ErrorBody>(
      'POST',
      `/api/collectives/${c.id}/join-requests/${asked.body.id}/decision`,
      { approve: false },
    );
    expect(twice.status).toBe(404);
    const mine = await zoe.call<{ request: JoinRequest }>(
      'GET',
      `/api/collectives/${c.id}/join-requests/mine`,
    );
    expect(mine.body.request.status).toBe('approved');
  });

  it('refuses a request: the requester is told in their language and stays outside', async () => {
    const c = await createCollective(sut.baseUrl, [], { public: true }, undefined, registerViaSmtp(smtp));
    const max = await registerViaSmtp(smtp)(sut.baseUrl, 'max');
    const asked = await max.call<JoinRequest>(
      'POST',
      `/api/collectives/${c.id}/join-requests`,
      {},
      { 'accept-language': 'en' },
    );
    const refused = await c.admin.call<{ status: string; memberId: null }>(
      'POST',
      `/api/collectives/${c.id}/join-requests/${asked.body.id}/decision`,
      { approve: false },
    );
    expect(refused.body).toEqual({ status: 'refused', memberId: null });
    const mail = await smtp.waitFor(
      (m) => m.to === max.email && m.dedupeKey.startsWith('join-request:'),
      20_000,
    );
    expect(mail.subject).toBe('Your request to join "Collectif de test"');
    expect(mail.text).toContain('did not approve');
    const view = await max.call<{ me: unknown }>('GET', `/api/collectives/${c.id}`);
    expect(view.body.me).toBeNull();
  });

  it('binds an approved request only once the requester proves their address', async () => {
    const c = await createCollective(
      sut.baseUrl,
      [],
      { public: true, visibility: 'live' },
      undefined,
      registerViaSmtp(smtp),
    );
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const yann = await registerUnverifiedUser(sut.baseUrl, 'yann');
    const asked = await yann.call<JoinRequest>('POST', `/api/collectives/${c.id}/join-requests`, {});
    expect(asked.status).toBe(201);
    const approved = await c.admin.call(
      'POST',
      `/api/collectives/${c.id}/join-requests/${asked.body.id}/decision`,
      {
        approve: true,
      },
    );
    expect(approved.status).toBe(200);
    const early = await yann.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId(),
    });
    expect(early.status).toBeGreaterThanOrEqual(400);
    expect(early.status).toBeLessThan(500);
    await verifyBySmtp(sut.baseUrl, smtp, yann.email);
    const vote = await yann.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId(),
    });
    expect(vote.status).toBe(200);
  });

  it('takes no request for a members-only collective, nor from a member', async () => {
    const closed = await createCollective(
      sut.baseUrl,
      [{ name: 'Ana', roles: 'member' }],
      { public: false },
      undefined,
      registerViaSmtp(smtp),
    );
    const outsider = await registerViaSmtp(smtp)(sut.baseUrl, 'outsider');
    const refused = await outsider.call<ErrorBody>(
      'POST',
      `/api/collectives/${closed.id}/join-requests`,
      {},
      { 'accept-language': 'en' },
    );
    expect(refused.status).toBe(403);
    const open = await createCollective(
      sut.baseUrl,
      [{ name: 'Ana', roles: 'member' }],
      { public: true },
      undefined,
      registerViaSmtp(smtp),
    );
    const member = await open.users.Ana.call<ErrorBody>(
      'POST',
      `/api/collectives/${open.id}/join-requests`,
      {},
    );
    expect(member.status).toBe(409);
    expect(member.body.code).toBe('join.already_member');
  });
});
