import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { AgendaIssueChange } from '../../../plugins/agenda/src/contracts';
import type { RecordExportV1 } from '@liquide/engine/record/record-format';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createCollective, requestId, waitFor, type Collective } from '../domain/domain-fixtures';

interface ErrorBody {
  code: string;
  message: string;
  errors?: { field: string; rule: string; message: string }[];
}
interface IssueView {
  id: string;
  phase: string;
  ballotId: string | null;
  winner: string | null;
  cancelReason: string | null;
  eligible: number;
  timeline: { phase: string; at: string }[];
  initiatives: {
    id: string;
    title: string;
    revision: number;
    status: string;
    support: number;
    supporters: number;
    supportedByMe: boolean;
    suggestions: { id: string; ratings: number; average: number | null }[];
    versions: { revision: number; title: string; text: string }[];
  }[];
}

/** A policy with short phases (seconds) so the scheduler moves issues on within the test. */
function policy(p: { admission: number; quorum: number; discussion: number; verification: number }) {
  return {
    settings: {
      phases: {
        admission: { quorumPercent: p.quorum, timeLimitSeconds: p.admission },
        discussion: { durationSeconds: p.discussion },
        verification: { durationSeconds: p.verification, quorumPercent: p.quorum },
        voting: { durationSeconds: 3600 },
      },
    },
  };
}

describe('Agenda (plugin): quorums, phases on schedule, frozen texts, the preference vote with delegations', () => {
  let sut: TestApp;
  let c: Collective;
  let areaId: string;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(
      sut.baseUrl,
      ['ann', 'bob', 'cem', 'dan', 'eve'].map((name) => ({ name, roles: 'member' })),
      { visibility: 'live' },
    );
    // dan → ann, eve → cem: their support and their vote follow their trustee's
    for (const [from, to] of [
      ['dan', 'ann'],
      ['eve', 'cem'],
    ]) {
      const set = await c.users[from].call('PUT', `/api/collectives/${c.id}/delegations`, {
        scope: 'global',
        trustees: [c.ids[to]],
      });
      expect(set.status).toBe(200);
    }
    const off = await c.admin.call<ErrorBody>('POST', `/api/collectives/${c.id}/agenda/areas`, {
      name: 'Climat',
    });
    expect(off.body.code).toBe('plugin.disabled');
    await configure(policy({ admission: 600, quorum: 30, discussion: 600, verification: 600 }));
    const area = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/agenda/areas`, {
      name: 'Climat',
    });
    expect(area.status).toBe(201);
    areaId = area.body.id;
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
  });

  async function configure(body: ReturnType<typeof policy>) {
    const response = await c.admin.call('PUT', `/api/collectives/${c.id}/plugins/agenda`, body);
    expect(response.status).toBe(200);
  }

  async function issue(id: string, who = 'ann'): Promise<IssueView> {
    return (await c.users[who].call<IssueView>('GET', `/api/agenda/issues/${id}`)).body;
  }

  async function phaseReached(id: string, phase: string, timeoutMs = 20_000): Promise<IssueView> {
    await waitFor(async () => (await issue(id)).phase === phase, timeoutMs);
    return issue(id);
  }

  async function raise(title: string) {
    const created = await c.users.ann.call<{ id: string; initiativeId: string }>(
      'POST',
      `/api/agenda/areas/${areaId}/issues`,
      { title, initiative: { title: 'Initiative A', text: 'Texte de l’initiative A.' } },
    );
    expect(created.status).toBe(201);
    return created.body;
  }

  it('refuses members the organisers’ areas, and bad policies with the field named', async () => {
    const bad = await c.admin.call<ErrorBody>(
      'PUT',
      `/api/collectives/${c.id}/plugins/agenda`,
      { settings: { phases: { admission: { quorumPercent: 140 } } } },
      { 'accept-language': 'en' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0].field).toBe('settings.phases.admission.quorumPercent');
    const byMember = await c.users.bob.call<ErrorBody>('POST', `/api/collectives/${c.id}/agenda/areas`, {
      name: 'Logement',
    });
    expect(byMember.status).toBe(403);
    const badTopic = await c.admin.call<ErrorBody>('POST', `/api/collectives/${c.id}/agenda/areas`, {
      name: 'Logement',
      topicId: '00000000-0000-4000-8000-000000000000',
    });
    expect(badTopic.status).toBe(404);
    expect(badTopic.body.code).toBe('agenda.topic_not_found');
  });

  it('cancels an issue whose initiatives miss the admission quorum within the time limit', async () => {
    await configure(policy({ admission: 2, quorum: 30, discussion: 600, verification: 600 }));
    const { id, initiativeId } = await raise('Quorum manqué');
    const supported = await c.users.bob.call<{ support: number; phase: string }>(
      'PUT',
      `/api/agenda/initiatives/${initiativeId}/support`,
    );
    expect(supported.body).toMatchObject({ support: 1, phase: 'admission' });
    const cancelled = await phaseReached(id, 'cancelled');
    expect(cancelled.cancelReason).toBe('admission_quorum_missed');
    expect(cancelled.timeline.map((step) => step.phase)).toEqual(['admission', 'cancelled']);
    const late = await c.users.cem.call<ErrorBody>('PUT', `/api/agenda/initiatives/${initiativeId}/support`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('agenda.wrong_phase');
  });

  it('moves an issue on from its stored due time alone (what a restarted server catches up on)', async () => {
    await configure(policy({ admission: 600, quorum: 30, discussion: 600, verification: 600 }));
    const { id, initiativeId } = await raise('Reprise après redémarrage');
    expect((await c.users.ann.call('PUT', `/api/agenda/initiatives/${initiativeId}/support`)).status).toBe(
      200,
    );
    expect((await issue(id)).phase).toBe('discussion');
    // no timer in memory: the due time is a column; moving it into the past is what a restart after it sees
    const db = new Client({ connectionString: sut.db.url });
    await db.connect();
    try {
      await db.query(`update agenda_issue set phase_ends_at = now() - interval '1 second' where id = $1`, [
        id,
      ]);
    } finally {
      await db.end();
    }
    const moved = await phaseReached(id, 'verification');
    expect(new Date(moved.timeline[2].at).getTime()).toBeLessThan(Date.now());
  });

  it('admits on a quorum reached through a delegation, freezes texts, votes by preference among initiatives', async () => {
    await configure(policy({ admission: 600, quorum: 30, discussion: 3, verification: 3 }));
    const { id, initiativeId: a } = await raise('Transport gratuit');
    const b = (
      await c.users.bob.call<{ id: string }>('POST', `/api/agenda/issues/${id}/initiatives`, {
        title: 'Initiative B',
        text: 'Texte de l’initiative B.',
      })
    ).body.id;

    // ann carries dan: 2 of 6 (five members and the organiser) = 33 %, over the 30 % quorum — the issue is admitted at once
    const admitted = await c.users.ann.call<{ support: number; supporters: number; phase: string }>(
      'PUT',
      `/api/agenda/initiatives/${a}/support`,
    );
    expect(admitted.body).toEqual({ support: 2, supporters: 1, phase: 'discussion' });
    // the quorum's base as the issue page shows it (support 2 against 30 % of 6)
    const read = await issue(id, 'bob');
    expect(read.eligible).toBe(6);
    expect(read.initiatives.find((i) => i.id === a)).toMatchObject({ support: 2, supportedByMe: false });
    const again = await c.users.ann.call<ErrorBody>('PUT', `/api/agenda/initiatives/${a}/support`);
    expect(again.body.code).toBe('agenda.already_supported');

    // discussion: revisions by the author only, suggestions rated, a third initiative nobody supports
    const c3 = (
      await c.users.bob.call<{ id: string }>('POST', `/api/agenda/issues/${id}/initiatives`, {
        title: 'Initiative C',
        text: 'Texte C.',
      })
    ).body.id;
    const revised = await c.users.ann.call('PUT', `/api/agenda/initiatives/${a}/text`, {
      text: 'Texte révisé de l’initiative A.',
    });
    expect(revised.body).toEqual({ revision: 2 });
    const notAuthor = await c.users.bob.call<ErrorBody>('PUT', `/api/agenda/initiatives/${a}/text`, {
      text: 'Détournement',
    });
    expect(notAuthor.status).toBe(403);
    const suggestion = await c.users.cem.call<{ id: string }>(
      'POST',
      `/api/agenda/initiatives/${a}/suggestions`,
      {
        text: 'Préciser le financement.',
      },
    );
    expect(
      (
        await c.users.bob.call('PUT', `/api/agenda/suggestions/${suggestion.body.id}/rating`, {
          degree: 2,
          fulfilled: false,
        })
      ).body,
    ).toEqual({ ratings: 1 });
    const badRating = await c.users.bob.call<ErrorBody>(
      'PUT',
      `/api/agenda/suggestions/${suggestion.body.id}/rating`,
      { degree: 5, fulfilled: false },
    );
    expect(badRating.status).toBe(400);
    expect(badRating.body.errors?.[0].field).toBe('degree');
    // cem carries eve: B reaches the second quorum too; C stays at 0
    expect((await c.users.cem.call('PUT', `/api/agenda/initiatives/${b}/support`)).status).toBe(200);

    // verification, on schedule: texts frozen (409), no new initiative
    await phaseReached(id, 'verification');
    const frozen = await c.users.ann.call<ErrorBody>('PUT', `/api/agenda/initiatives/${a}/text`, {
      text: 'Trop tard',
    });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('agenda.texts_frozen');
    expect(frozen.body.message).toMatch(/gelés depuis la vérification\s: plus de révision possible/);
    const frozenEn = await c.users.ann.call<ErrorBody>(
      'PUT',
      `/api/agenda/initiatives/${a}/text`,
      { text: 'Too late' },
      { 'accept-language': 'en' },
    );
    expect(frozenEn.body.message).toBe('Texts are frozen since verification: no more revisions');
    const newOne = await c.users.bob.call<ErrorBody>('POST', `/api/agenda/issues/${id}/initiatives`, {
      title: 'Initiative D',
      text: 'Texte D.',
    });
    expect(newOne.body.code).toBe('agenda.wrong_phase');

    // voting, on schedule: C dropped by the second quorum; the engine's preference ballot among A, B, status quo
    const voting = await phaseReached(id, 'voting');
    expect(voting.ballotId).toEqual(expect.any(String));
    expect(Object.fromEntries(voting.initiatives.map((i) => [i.id, i.status]))).toEqual({
      [a]: 'admitted',
      [b]: 'admitted',
      [c3]: 'dropped',
    });
    expect(voting.initiatives.find((i) => i.id === a)?.revision).toBe(2);
    // the earlier text stays readable as version 1
    expect(voting.initiatives.find((i) => i.id === a)?.versions).toEqual([
      expect.objectContaining({ revision: 1, title: 'Initiative A', text: 'Texte de l’initiative A.' }),
    ]);
    const ballot = await c.users.bob.call<{ method: { id: string; options: unknown } }>(
      'GET',
      `/api/ballots/${voting.ballotId}`,
    );
    expect(ballot.body.method).toEqual({
      id: 'preference',
      options: { options: ['status-quo', a, b], statusQuo: 'status-quo' },
    });
    const vote = (who: string, ranking: string[][]) =>
      c.users[who].call('PUT', `/api/ballots/${voting.ballotId}/vote`, {
        ballot: { ranking },
        requestId: requestId(who),
      });
    // ann (+dan) A > status quo > B; cem (+eve) B > A > status quo; bob A first: A beats B 3 to 2
    expect((await vote('ann', [[a], ['status-quo'], [b]])).status).toBe(200);
    expect((await vote('cem', [[b], [a], ['status-quo']])).status).toBe(200);
    expect((await vote('bob', [[a]])).status).toBe(200);
    expect((await c.admin.call('POST', `/api/ballots/${voting.ballotId}/close`)).status).toBeLessThan(300);

    const closed = await phaseReached(id, 'closed');
    expect(closed.winner).toBe(a);
    expect(closed.timeline.map((step) => step.phase)).toEqual([
      'admission',
      'discussion',
      'verification',
      'voting',
      'closed',
    ]);
    const result = await c.users.bob.call<{ result: { outcome: { pairwise: number[][] } } }>(
      'GET',
      `/api/ballots/${voting.ballotId}/result`,
    );
    // rows/columns: status quo, A, B — weights through the delegations (bob's unranked B and status quo tie)
    expect(result.body.result.outcome.pairwise).toEqual([
      [0, 0, 2],
      [5, 0, 3],
      [2, 2, 0],
    ]);

    const record = (await c.admin.call<RecordExportV1>('GET', `/api/collectives/${c.id}/record`)).body;
    const changes = record.events
      .filter((e) => e.type === 'agenda.phase_changed' && (e.payload as { issueId: string }).issueId === id)
      .map((e) => (e.payload as { to: string }).to);
    expect(changes).toEqual(['discussion', 'verification', 'voting', 'closed']);
    const payloads = JSON.stringify(record.events.filter((e) => e.type.startsWith('agenda.')));
    for (const name of ['ann', 'bob', 'cem', 'dan', 'eve']) {
      expect(payloads).not.toContain(c.ids[name]);
    }
  }, 90_000);
  it('pushes `agenda:issue` to the collective’s members on every change, to nobody else', async () => {
    await configure(policy({ admission: 600, quorum: 30, discussion: 600, verification: 600 }));
    const open = (token?: string) =>
      io(sut.baseUrl, {
        path: '/socket.io',
        transports: ['websocket'],
        auth: token ? { token } : {},
        forceNew: true,
      });
    const sockets: Socket[] = [open(c.users.bob.token), open()];
    const [bob, anonymous] = sockets;
    const toBob: AgendaIssueChange[] = [];
    const toAnonymous: unknown[] = [];
    bob.on('agenda:issue', (change: AgendaIssueChange) => toBob.push(change));
    anonymous.on('agenda:issue', (change: unknown) => toAnonymous.push(change));
    try {
      await Promise.all(
        sockets.map((s) => new Promise<void>((resolve) => s.once('connect', () => resolve()))),
      );
      const latest = (id: string): AgendaIssueChange | undefined =>
        toBob.filter((change) => change.issueId === id).reverse()[0];
      const { id, initiativeId: a } = await raise('Poussé en direct');
      await waitFor(() => Promise.resolve(latest(id)?.initiatives.length === 1), 10_000);
      expect(latest(id)).toMatchObject({ collectiveId: c.id, phase: 'admission' });

      const added = await c.users.bob.call<{ id: string }>('POST', `/api/agenda/issues/${id}/initiatives`, {
        title: 'Initiative B',
        text: 'Texte B.',
      });
      await waitFor(() => Promise.resolve(latest(id)?.initiatives.length === 2), 10_000);
      await c.users.bob.call('POST', `/api/agenda/initiatives/${added.body.id}/suggestions`, {
        text: 'Plus court',
      });
      await waitFor(() => Promise.resolve(latest(id)?.initiatives[1].suggestions === 1), 10_000);
      expect((await c.users.bob.call('PUT', `/api/agenda/initiatives/${added.body.id}/support`)).status).toBe(
        200,
      );
      await waitFor(() => Promise.resolve(latest(id)?.initiatives[1].supporters === 1), 10_000);
      // ann carries dan: 2 of 6, the quorum of 30 % is reached and the issue moves to discussion at once
      expect((await c.users.ann.call('PUT', `/api/agenda/initiatives/${a}/support`)).status).toBe(200);
      await waitFor(() => Promise.resolve(latest(id)?.phase === 'discussion'), 10_000);
      expect(latest(id)?.initiatives[0]).toMatchObject({ id: a, support: 2, supporters: 1 });

      expect(toAnonymous).toEqual([]);
      const pushed = JSON.stringify(toBob);
      for (const name of ['ann', 'bob']) {
        expect(pushed).not.toContain(c.ids[name]);
      }
    } finally {
      sockets.forEach((s) => s.disconnect());
    }
  }, 60_000);
});
