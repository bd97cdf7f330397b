import type { DrawJobView } from '@liquide/engine/deputies/jobs/draw-job.contract';
import type { AnySortitionProof as SortitionProof } from '@liquide/engine/deputies/sortition/leximin-types';
import { startServer, type ServerProcess } from '../../../apps/cli/src/bench/votes-server';
import { registerUser, request, TEST_PASSWORD, type ApiUser } from '../../support/api-client';
import { buildServer } from '../../support/built-server';
import { waitForJob } from '../../support/sortition-draw';
import { startTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { addVolunteers, committedSortition, directProof, POOL, type SortitionSetup } from './draw-job-world';

/** A dead process's job is taken again once its lease runs out: short here, 30 s by default. */
const LEASE_MS = '1500';

/** Signs in on a (re)started server: its signing keys are its own. */
async function signIn(baseUrl: string, email: string): Promise<ApiUser> {
  const login = await request<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/login', {
    body: { email, password: TEST_PASSWORD },
  });
  if (login.status !== 200) {
    throw new Error(`login failed: ${login.status}`);
  }
  const token = login.body.accessToken;
  return {
    email,
    accountId: '',
    token,
    call: (method, path, body, headers) => request(baseUrl, method, path, { token, body, headers }),
  };
}

describe('Crash: the built server is killed (SIGKILL) while a draw job runs', () => {
  let setupApp: TestApp;
  let server: ServerProcess | undefined;
  let email: string;
  let setup: SortitionSetup;

  beforeAll(async () => {
    buildServer();
    // the world is made by an in-process app, closed before the built server starts on its database
    setupApp = await startTestApp();
    const organiser = await registerUser(setupApp.baseUrl, 'organiser');
    email = organiser.email;
    const created = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'Assemblée du crash',
      slug: `assemblee-crash-${Date.now()}`,
      settings: { visibility: 'live', deputies: POOL.seats, public: true },
    });
    const quotas = await addVolunteers(setupApp.db.url, created.body.id);
    setup = await committedSortition(organiser, created.body.id, quotas, 'crash');
    await setupApp.app.close();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await setupApp?.db.drop();
  });

  it('restarts the job from the beginning on the next start and publishes the same proof, once', async () => {
    const env = { SORTITION_JOB_LEASE_MS: LEASE_MS, LOG_LEVEL: 'error' };
    server = await startServer(setupApp.db.url, null, env);
    let organiser = await signIn(server.baseUrl, email);
    const started = await organiser.call<DrawJobView>('POST', `/api/sortitions/${setup.sortitionId}/draw`, {
      seed: setup.seed,
      publicValue: setup.publicValue,
    });
    expect(started.status).toBe(202);
    const jobId = started.body.id;

    // mid-way: the worker has reported a LEXIMIN level; the server still answers /health meanwhile
    await waitFor(async () => {
      const job = await organiser.call<DrawJobView>(
        'GET',
        `/api/sortitions/${setup.sortitionId}/draw-jobs/${jobId}`,
      );
      return job.body.status === 'running' && job.body.progress?.phase === 'level';
    });
    const health = await fetch(`${server.baseUrl}/health`);
    expect(health.status).toBe(200);
    process.kill(server.pid, 'SIGKILL');
    await server.stop();

    server = await startServer(setupApp.db.url, null, env);
    organiser = await signIn(server.baseUrl, email);
    const done = await waitForJob(organiser, setup.sortitionId, jobId);
    expect(done).toMatchObject({ status: 'done', attempts: 2 });

    const published = await organiser.call<SortitionProof>(
      'GET',
      `/api/sortitions/${setup.sortitionId}/proof`,
    );
    const direct = await directProof(organiser, setup, done);
    expect(published.body.proofHash).toBe(direct.proofHash);
    expect(done.proofHash).toBe(direct.proofHash);
    // published once: one record event
    const records = await organiser.call<{ events: { type: string; payload: { sortitionId?: string } }[] }>(
      'GET',
      `/api/collectives/${direct.collectiveId}/record`,
    );
    const drawnEvents = records.body.events.filter(
      (event) => event.type === 'sortition.drawn' && event.payload.sortitionId === setup.sortitionId,
    );
    expect(drawnEvents).toHaveLength(1);
  }, 600_000);
});
