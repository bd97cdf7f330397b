import { CommandBus } from '@nestjs/cqrs';
import type { NoticeView } from '@liquide/engine';
import { BallotOpenedEvent } from '@liquide/engine/ballots/ballots.events';
import { RemindUnrepresentedCommand } from '@liquide/engine/notices/notices.commands';
import { NoticeProjector } from '@liquide/engine/notices/notice-projector';
import { seedCommitment } from '@liquide/engine/deputies/sortition/hash';
import { connectLive, eventually, type LiveClient } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { drawAndWait } from '../../support/sortition-draw';
import { freshEmail, registerUnverifiedUser, verifyEmail } from '../../support/api-client';
import {
  createCollective,
  importCsv,
  requestId,
  waitFor,
  type Collective,
  type ErrorBody,
} from '../domain/domain-fixtures';
import { enablePetitions, openPetition, smallSettings } from '../plugins/petitions-fixtures';
import { billAndBallot, inbox, noticesOf, waitForNotices, type NoticePageBody } from './notices-fixtures';

describe('Notices: each event stores the right notice once, in an inbox that lists, pages and marks read', () => {
  let sut: TestApp;
  let c: Collective;
  const topics: Record<string, string> = {};
  let anaSocket: LiveClient;
  const pushedToAna: NoticeView[] = [];

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'ana', roles: 'member' },
        { name: 'ben', roles: 'member' },
        { name: 'cleo', roles: 'member' },
        { name: 'dan', roles: 'member' },
      ],
      { visibility: 'live', deputies: 1 },
    );
    for (const slug of ['eau', 'rail']) {
      const topic = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/topics`, {
        slug,
        name: slug === 'eau' ? 'Eau' : 'Rail',
      });
      topics[slug] = topic.body.id;
    }
    anaSocket = await connectLive(sut.baseUrl, c.users.ana.token);
    anaSocket.on('notice:new', (notice) => pushedToAna.push(notice));
  });

  afterAll(async () => {
    anaSocket?.disconnect();
    await sut?.close();
  });

  const vote = (name: string, ballotId: string, choice: string) =>
    c.users[name].call('PUT', `/api/ballots/${ballotId}/vote`, { choice, requestId: requestId(name) });

  it('tells members a ballot opened on a topic they follow (every topic by default), naming the bill', async () => {
    const follow = await c.users.cleo.call('PUT', `/api/collectives/${c.id}/notices/topics`, {
      all: false,
      topicIds: [topics.rail],
    });
    expect(follow.body).toEqual({ all: false, topicIds: [topics.rail] });
    const water = await billAndBallot(c.admin, c.id, 'Loi sur l’eau potable', { topicId: topics.eau });
    const [opened] = await waitForNotices(c.users.ana, 'ballot.opened');
    expect(opened).toMatchObject({
      collectiveId: c.id,
      subject: { type: 'ballot', id: water.ballotId, billId: water.billId, title: 'Loi sur l’eau potable' },
      read: false,
    });
    await waitForNotices(c.users.ben, 'ballot.opened');
    const rail = await billAndBallot(c.admin, c.id, 'Loi ferroviaire', { topicId: topics.rail });
    const cleo = await waitForNotices(c.users.cleo, 'ballot.opened');
    // cleo follows the rail only: the water bill never reached her
    expect(cleo.map((notice) => notice.subject.id)).toEqual([rail.ballotId]);
    // pushed live to ana's socket as well
    await eventually(() => pushedToAna.some((notice) => notice.subject.id === water.ballotId), 10_000);

    // a retried event stores nothing twice
    const projector = sut.app.get(NoticeProjector);
    expect(await projector.project(new BallotOpenedEvent(c.id, water.ballotId))).toBe(0);
    expect((await noticesOf(c.users.ana, 'ballot.opened')).length).toBe(2);
  });

  it('refuses to follow a topic of another collective, naming the field, in the caller’s language', async () => {
    const other = await createCollective(sut.baseUrl, []);
    const foreign = await other.admin.call<{ id: string }>('POST', `/api/collectives/${other.id}/topics`, {
      slug: 'sante',
      name: 'Santé',
    });
    const body = { all: false, topicIds: [foreign.body.id] };
    const fr = await c.users.ana.call<ErrorBody>('PUT', `/api/collectives/${c.id}/notices/topics`, body);
    expect(fr.status).toBe(400);
    expect(fr.body).toMatchObject({ code: 'notice.topic_not_in_collective', field: 'topicIds' });
    expect(fr.body.message).toContain('n’appartient pas');
    const en = await c.users.ana.call<ErrorBody>('PUT', `/api/collectives/${c.id}/notices/topics`, body, {
      'accept-language': 'en',
    });
    expect(en.body.message).toContain('does not belong');
    const outsider = await other.admin.call<ErrorBody>('GET', `/api/collectives/${c.id}/notices/topics`);
    expect(outsider.status).toBe(403);
    expect((await c.users.ana.call('GET', `/api/collectives/${c.id}/notices/topics`)).body).toEqual({
      all: true,
      topicIds: [],
    });
  });

  it('tells a trustee someone delegated to them, once per delegation', async () => {
    const set = { scope: 'global', trustees: [c.ids.ben] };
    expect((await c.users.ana.call('PUT', `/api/collectives/${c.id}/delegations`, set)).status).toBe(200);
    const [received] = await waitForNotices(c.users.ben, 'delegation.received');
    expect(received).toMatchObject({
      subject: { type: 'collective', id: c.id },
      params: { name: 'ana', scope: 'global' },
    });
    await c.users.ana.call('PUT', `/api/collectives/${c.id}/delegations`, set);
    await c.users.ana.call('DELETE', `/api/collectives/${c.id}/delegations?scope=global`);
    await c.users.ana.call('PUT', `/api/collectives/${c.id}/delegations`, set);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await noticesOf(c.users.ben, 'delegation.received')).toHaveLength(1);
  });

  it('tells delegators their delegate voted, with the choice, only when the tally is public', async () => {
    const secret = await billAndBallot(c.admin, c.id, 'Scrutin secret', { visibility: 'after-close' });
    pushedToAna.length = 0;
    expect((await vote('ben', secret.ballotId, 'no')).status).toBe(200);

    const open = await billAndBallot(c.admin, c.id, 'Budget participatif', { visibility: 'live' });
    expect((await vote('ben', open.ballotId, 'yes')).status).toBe(200);
    const [told] = await waitForNotices(c.users.ana, 'delegate.voted');
    expect(told).toMatchObject({ subject: { id: open.ballotId }, params: { name: 'ben', choice: 'yes' } });
    await eventually(() => pushedToAna.some((notice) => notice.kind === 'delegate.voted'), 10_000);

    // the hidden ballot's vote came first: ballot secrecy (docs/security.md) tells the delegator neither
    // the choice nor that the delegate voted before the close, stored or pushed live
    const stored = await noticesOf(c.users.ana, 'delegate.voted');
    expect(stored.map((notice) => notice.subject.id)).toEqual([open.ballotId]);
    expect(pushedToAna.filter((notice) => notice.kind === 'delegate.voted').map((n) => n.subject.id)).toEqual(
      [open.ballotId],
    );
    expect(JSON.stringify(pushedToAna)).not.toMatch(/"no"/);
  });

  it('reminds, once, the members nobody represents when a ballot closes within 24 h', async () => {
    // far from its close: reminded only when the command runs (as the scheduler would)
    const far = await billAndBallot(c.admin, c.id, 'Plan vélo', { closesInMs: 3 * 86_400_000 });
    expect((await vote('ben', far.ballotId, 'yes')).status).toBe(200);
    const commands = sut.app.get(CommandBus);
    const reminded = await commands.execute(new RemindUnrepresentedCommand(far.ballotId));
    expect(reminded).toBeGreaterThan(0);
    const about = async (name: string) =>
      (await noticesOf(c.users[name], 'ballot.closing-unrepresented')).filter(
        (notice) => notice.subject.id === far.ballotId,
      );
    // cleo and dan neither vote nor delegate; ben voted; ana is carried by ben
    expect(await about('cleo')).toHaveLength(1);
    expect(await about('dan')).toHaveLength(1);
    expect(await about('ben')).toHaveLength(0);
    expect(await about('ana')).toHaveLength(0);
    await expect(commands.execute(new RemindUnrepresentedCommand(far.ballotId))).rejects.toMatchObject({
      code: 'notice.already_reminded',
    });
    expect(await about('cleo')).toHaveLength(1);

    // a ballot closing within 24 h is picked up by the scheduler on its own
    const soon = await billAndBallot(c.admin, c.id, 'Motion urgente', { closesInMs: 2 * 3_600_000 });
    await waitFor(async () =>
      (await noticesOf(c.users.cleo, 'ballot.closing-unrepresented')).some(
        (notice) => notice.subject.id === soon.ballotId,
      ),
    );
  });

  it('tells the signers of a petition it reached a threshold', async () => {
    await enablePetitions(c.admin, c.id, {
      settings: smallSettings([
        { id: 'reponse', signatures: 2, effect: 'response-required', responseDeadlineDays: 21 },
      ]),
    });
    const petitionId = await openPetition(c.users.cleo, c.admin, c.id);
    for (const name of ['ana', 'ben']) {
      expect((await c.users[name].call('PUT', `/api/petitions/${petitionId}/signature`)).status).toBe(200);
    }
    for (const name of ['ana', 'ben']) {
      const [reached] = await waitForNotices(c.users[name], 'petition.threshold');
      expect(reached).toMatchObject({
        subject: { type: 'petition', id: petitionId, title: 'Pour des pistes cyclables' },
        params: { signatures: 2 },
      });
    }
    expect(await noticesOf(c.users.dan, 'petition.threshold')).toHaveLength(0);
  });

  it('pages the inbox newest first, marks one or all read, and refuses another person’s notice', async () => {
    const before = await inbox(c.users.ben);
    expect(before.unread).toBe(before.all.length);
    expect(before.all.length).toBeGreaterThanOrEqual(3);
    const first = await c.users.ben.call<NoticePageBody>('GET', '/api/notices?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await c.users.ben.call<NoticePageBody>(
      'GET',
      `/api/notices?limit=2&before=${first.body.next}`,
    );
    expect(second.body.items[0].id).toBe(before.all[2].id);
    const times = before.all.map((notice) => Date.parse(notice.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const one = before.all[0];
    expect((await c.users.ben.call('POST', `/api/notices/${one.id}/read`)).status).toBe(204);
    const after = await inbox(c.users.ben);
    expect(after.unread).toBe(before.unread - 1);
    expect(after.all.find((notice) => notice.id === one.id)?.read).toBe(true);
    const stranger = await c.users.dan.call<ErrorBody>('POST', `/api/notices/${one.id}/read`);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('notice.not_found');
    const bad = await c.users.ben.call<ErrorBody>('GET', '/api/notices?limit=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toBe('limit');

    expect((await c.users.ben.call('POST', '/api/notices/read-all')).status).toBe(201);
    expect((await inbox(c.users.ben)).unread).toBe(0);
  });

  it('tells a seated deputy their signed instruction was issued', async () => {
    expect((await c.users.dan.call('POST', `/api/collectives/${c.id}/volunteers`, {})).status).toBe(201);
    const certified = await c.admin.call(
      'PUT',
      `/api/collectives/${c.id}/volunteers/${c.ids.dan}/certification`,
      { certifiedOn: '2026-11-21', training: 'Formation' },
    );
    expect(certified.status).toBe(204);
    const frozen = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/sortitions`, {
      seats: 1,
      substitutes: 0,
      quotas: [],
    });
    expect(frozen.status).toBe(201);
    const seed = 'graine secrète des avis';
    await c.admin.call('POST', `/api/sortitions/${frozen.body.id}/commitment`, {
      seedCommitment: seedCommitment(seed),
      publicValueSource: 'tirage public',
    });
    const drawn = await drawAndWait(c.admin, frozen.body.id, { seed, publicValue: '1 2 3' });
    expect(drawn.status).toBe(202);
    const { ballotId } = await billAndBallot(c.admin, c.id, 'Loi de finances');
    await vote('ben', ballotId, 'no');
    expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
    const [instruction] = await waitForNotices(c.users.dan, 'instruction.issued');
    expect(instruction).toMatchObject({
      subject: { type: 'ballot', id: ballotId, title: 'Loi de finances' },
      params: { choice: 'no' },
    });
  });

  it('shows an imported member’s notices only to the account that verified the address', async () => {
    const email = freshEmail('zoe');
    await importCsv(c.admin, c.id, `email,display_name,roles\n${email},zoe,member`);
    const { ballotId } = await billAndBallot(c.admin, c.id, 'Loi sur la forêt');
    // stored for every member in one statement: once ana holds it, so does zoe's membership
    await waitFor(async () =>
      (await noticesOf(c.users.ana, 'ballot.opened')).some((notice) => notice.subject.id === ballotId),
    );
    const zoe = await registerUnverifiedUser(sut.baseUrl, 'zoe', email);
    expect(await inbox(zoe)).toMatchObject({ items: [], unread: 0 });
    await verifyEmail(sut.baseUrl, email);
    const [opened] = await waitForNotices(zoe, 'ballot.opened');
    expect(opened.subject).toMatchObject({ id: ballotId, title: 'Loi sur la forêt' });
  });

  it('shows a deactivated member nothing', async () => {
    expect((await inbox(c.users.cleo)).all.length).toBeGreaterThan(0);
    const off = await c.admin.call('PATCH', `/api/collectives/${c.id}/members/${c.ids.cleo}`, {
      active: false,
    });
    expect(off.status).toBe(204);
    expect(await inbox(c.users.cleo)).toMatchObject({ items: [], unread: 0 });
  });
});
