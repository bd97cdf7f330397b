import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DrawJobView } from '@liquide/engine/deputies/jobs/draw-job.contract';
import type { AnySortitionProof as SortitionProof } from '@liquide/engine/deputies/sortition/leximin-types';
import { verifySortitionProof } from '@liquide/engine/deputies/sortition/proof';
import { registerUser, type ApiUser } from '../../support/api-client';
import { connectLive, type LiveClient } from '../../support/live-client';
import { waitForJob } from '../../support/sortition-draw';
import { startTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { addVolunteers, committedSortition, directProof, POOL } from './draw-job-world';

describe('A draw runs as a job: started at once, followed live, cancellable, published as before', () => {
  let sut: TestApp;
  let organiser: ApiUser;
  let member: ApiUser;
  let socket: LiveClient;
  let collectiveId: string;
  let quotas: Awaited<ReturnType<typeof addVolunteers>>;
  const pushed: DrawJobView[] = [];

  beforeAll(async () => {
    sut = await startTestApp();
    organiser = await registerUser(sut.baseUrl, 'organiser');
    member = await registerUser(sut.baseUrl, 'member');
    const created = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'Assemblée citoyenne',
      slug: `assemblee-jobs-${Date.now()}`,
      settings: { visibility: 'live', deputies: POOL.seats, public: true },
    });
    collectiveId = created.body.id;
    const imported = await organiser.call<{ importId: string }>(
      'POST',
      `/api/collectives/${collectiveId}/members/import`,
      `email,display_name,roles\n${member.email},member,member`,
    );
    await waitFor(async () => {
      const progress = await organiser.call<{ status: string }>(
        'GET',
        `/api/collectives/${collectiveId}/members/imports/${imported.body.importId}`,
      );
      return progress.body.status === 'done';
    });
    quotas = await addVolunteers(sut.db.url, collectiveId);
    socket = await connectLive(sut.baseUrl, organiser.token);
    socket.on('sortition:job', (job) => pushed.push(job));
  }, 180_000);

  afterAll(async () => {
    socket?.disconnect();
    await sut?.close();
  });

  it('answers 202 at once, refuses a second start with 409, pushes the progress, and publishes the same proof as a direct run', async () => {
    const setup = await committedSortition(organiser, collectiveId, quotas, 'un');
    const started = await fetch(`${sut.baseUrl}/api/sortitions/${setup.sortitionId}/draw`, {
      method: 'POST',
      headers: { authorization: `Bearer ${organiser.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ seed: setup.seed, publicValue: setup.publicValue }),
    });
    expect(started.status).toBe(202);
    const job = (await started.json()) as DrawJobView;
    expect(started.headers.get('location')).toBe(`/api/sortitions/${setup.sortitionId}/draw-jobs/${job.id}`);
    expect(job).toMatchObject({ status: 'queued', sortitionId: setup.sortitionId, proofHash: null });
    expect(JSON.stringify(job)).not.toContain(setup.seed);

    // while it is queued or running: a second start is refused, /health answers
    const second = await organiser.call<{ code: string; message: string }>(
      'POST',
      `/api/sortitions/${setup.sortitionId}/draw`,
      { seed: setup.seed, publicValue: setup.publicValue },
      { 'accept-language': 'en' },
    );
    const health = await fetch(`${sut.baseUrl}/health`);
    expect(health.status).toBe(200);
    // the draw takes seconds (several LEXIMIN levels): the second start lands while it runs
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('sortition.draw_running');
    expect(second.body.message).toContain(job.id);

    // only organisers read or cancel it
    const byMember = await member.call('GET', `/api/sortitions/${setup.sortitionId}/draw-jobs/${job.id}`);
    expect(byMember.status).toBe(403);
    const cancelByMember = await member.call(
      'POST',
      `/api/sortitions/${setup.sortitionId}/draw-jobs/${job.id}/cancel`,
    );
    expect(cancelByMember.status).toBe(403);

    const done = await waitForJob(organiser, setup.sortitionId, job.id);
    expect(done).toMatchObject({ status: 'done', attempts: 1 });
    expect(done.progress).toMatchObject({ phase: 'distribution' });
    expect(done.progress!.level).toBeGreaterThanOrEqual(2);
    expect(done.progress!.bound).toBeGreaterThan(0);

    // pushed to the organiser's socket: running, then done with the proof's hash
    await waitFor(() => Promise.resolve(pushed.some((p) => p.id === job.id && p.status === 'done')));
    const mine = pushed.filter((p) => p.id === job.id);
    expect(mine.some((p) => p.status === 'running')).toBe(true);
    expect(mine.at(-1)).toMatchObject({ status: 'done', proofHash: done.proofHash });

    const published = await organiser.call<SortitionProof>(
      'GET',
      `/api/sortitions/${setup.sortitionId}/proof`,
    );
    expect(published.body.proofHash).toBe(done.proofHash);
    const direct = await directProof(organiser, setup, done);
    expect(direct.proofHash).toBe(done.proofHash);
    // as published (JSON: the core's -0 counts read back as 0)
    expect(published.body).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(await verifySortitionProof(published.body)).toMatchObject({ ok: true });
    const again = await organiser.call<{ code: string }>(
      'POST',
      `/api/sortitions/${setup.sortitionId}/draw`,
      {
        seed: setup.seed,
        publicValue: setup.publicValue,
      },
    );
    expect(again.body.code).toBe('sortition.wrong_status');
  }, 300_000);

  it('refuses bad input with a 4xx naming the field, and an unknown job with 404', async () => {
    const setup = await committedSortition(organiser, collectiveId, quotas, 'deux');
    const noValue = await organiser.call<{ errors: { field: string }[] }>(
      'POST',
      `/api/sortitions/${setup.sortitionId}/draw`,
      { seed: setup.seed },
    );
    expect(noValue.status).toBe(400);
    expect(noValue.body.errors[0].field).toBe('publicValue');
    const wrongSeed = await organiser.call<{ code: string; field: string }>(
      'POST',
      `/api/sortitions/${setup.sortitionId}/draw`,
      { seed: 'pas la bonne', publicValue: setup.publicValue },
    );
    expect(wrongSeed.status).toBe(400);
    expect(wrongSeed.body).toMatchObject({ code: 'sortition.seed_mismatch', field: 'seed' });
    const unknown = await organiser.call<{ code: string }>(
      'GET',
      `/api/sortitions/${setup.sortitionId}/draw-jobs/00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('sortition.draw_job_not_found');
    const notUuid = await organiser.call('GET', `/api/sortitions/${setup.sortitionId}/draw-jobs/nope`);
    expect(notUuid.status).toBe(400);
  });

  it('holds at most one active job per sortition in the database itself (partial unique index)', async () => {
    const { body: list } = await organiser.call<{ id: string; status: string }[]>(
      'GET',
      `/api/collectives/${collectiveId}/sortitions`,
    );
    const open = list.find((s) => s.status === 'committed')!;
    const client = new Client({ connectionString: sut.db.url });
    await client.connect();
    // running under a lease far ahead: no runner takes these rows
    const insert = (id: string) =>
      client.query(
        `insert into sortition_draw_job (id, sortition_id, collective_id, status, seed, public_value,
           requested_at, requested_by, owner, lease_until)
         values ($1, $2, $3, 'running', 's', 'v', now(), $3, 'elsewhere', now() + interval '1 hour')`,
        [id, open.id, collectiveId],
      );
    try {
      await insert(randomUUID());
      await expect(insert(randomUUID())).rejects.toMatchObject({
        code: '23505',
        constraint: 'sortition_draw_job_one_active',
      });
    } finally {
      await client.query('delete from sortition_draw_job where sortition_id = $1', [open.id]);
      await client.end();
    }
  });

  it('cancels a running draw: the sortition stays committed, and a new start then completes', async () => {
    const { body: list } = await organiser.call<{ id: string; status: string }[]>(
      'GET',
      `/api/collectives/${collectiveId}/sortitions`,
    );
    const open = list.find((s) => s.status === 'committed')!;
    const setup = { sortitionId: open.id, seed: 'graine deux', publicValue: '4 17 23 38 45 / deux' };
    const started = await organiser.call<DrawJobView>('POST', `/api/sortitions/${setup.sortitionId}/draw`, {
      seed: setup.seed,
      publicValue: setup.publicValue,
    });
    expect(started.status).toBe(202);
    const cancelled = await organiser.call<DrawJobView>(
      'POST',
      `/api/sortitions/${setup.sortitionId}/draw-jobs/${started.body.id}/cancel`,
    );
    // the draw takes seconds: the cancel lands before it ends
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', proofHash: null });
    const twice = await organiser.call<{ code: string; message: string }>(
      'POST',
      `/api/sortitions/${setup.sortitionId}/draw-jobs/${started.body.id}/cancel`,
      undefined,
      { 'accept-language': 'fr' },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('sortition.draw_job_finished');
    expect(twice.body.message).toContain('déjà terminée');
    await waitFor(() =>
      Promise.resolve(pushed.some((p) => p.id === started.body.id && p.status === 'cancelled')),
    );

    const restarted = await organiser.call<DrawJobView>('POST', `/api/sortitions/${setup.sortitionId}/draw`, {
      seed: setup.seed,
      publicValue: setup.publicValue,
    });
    expect(restarted.status).toBe(202);
    const done = await waitForJob(organiser, setup.sortitionId, restarted.body.id);
    expect(done.status).toBe('done');
    const old = await organiser.call<DrawJobView>(
      'GET',
      `/api/sortitions/${setup.sortitionId}/draw-jobs/${started.body.id}`,
    );
    expect(old.body.status).toBe('cancelled');
    const { body: sortition } = await organiser.call<{ status: string }>(
      'GET',
      `/api/sortitions/${setup.sortitionId}`,
    );
    expect(sortition.status).toBe('drawn');
  }, 300_000);

  it('never publishes a proof that fails its own verification: the job fails with sortition.proof_unverified', async () => {
    const setup = await committedSortition(organiser, collectiveId, quotas, 'trois');
    const client = new Client({ connectionString: sut.db.url });
    await client.connect();
    try {
      // a commitment dated after the draw: the proof the worker seals fails its verifier's date check
      await client.query(`update sortition set committed_at = now() + interval '1 day' where id = $1`, [
        setup.sortitionId,
      ]);
    } finally {
      await client.end();
    }
    const started = await organiser.call<DrawJobView>('POST', `/api/sortitions/${setup.sortitionId}/draw`, {
      seed: setup.seed,
      publicValue: setup.publicValue,
    });
    expect(started.status).toBe(202);
    const ended = await waitForJob(organiser, setup.sortitionId, started.body.id);
    expect(ended).toMatchObject({
      status: 'failed',
      proofHash: null,
      error: { code: 'sortition.proof_unverified' },
    });
    const { body: sortition } = await organiser.call<{ status: string }>(
      'GET',
      `/api/sortitions/${setup.sortitionId}`,
    );
    expect(sortition.status).toBe('committed');
    const proof = await organiser.call('GET', `/api/sortitions/${setup.sortitionId}/proof`);
    expect(proof.status).toBe(409);
  }, 300_000);
});
