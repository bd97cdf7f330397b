import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createRegionalCollective,
  enablePetitions,
  openPetition,
  smallSettings,
  type PetitionBody,
  type RegionalCollective,
} from './petitions-fixtures';

const SIGNERS = 24;

describe('petitions: signatures at the same time', () => {
  let sut: TestApp;
  let c: RegionalCollective;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createRegionalCollective(sut.baseUrl, [
      { name: 'author' },
      ...Array.from({ length: SIGNERS }, (_, i) => ({ name: `m${i}`, region: i % 2 === 0 ? 'E' : 'O' })),
    ]);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('counts each member once, per region, and reaches a threshold exactly once', async () => {
    await enablePetitions(c.admin, c.id, {
      settings: smallSettings([{ id: 'debate', signatures: 10, effect: 'debate' }]),
    });
    const id = await openPetition(c.users.author, c.admin, c.id);
    const attempts = Array.from({ length: SIGNERS }, (_, i) => [`m${i}`, `m${i}`]).flat();
    const statuses = await Promise.all(
      attempts.map(
        async (name) => (await c.users[name].call('PUT', `/api/petitions/${id}/signature`)).status,
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(SIGNERS);
    expect(statuses.filter((status) => status === 409)).toHaveLength(SIGNERS);
    const petition = (await c.admin.call<PetitionBody>('GET', `/api/petitions/${id}`)).body;
    expect(petition.signatures).toBe(SIGNERS);
    expect(petition.regions).toEqual({ E: SIGNERS / 2, O: SIGNERS / 2 });
    expect(petition.version).toBeGreaterThanOrEqual(SIGNERS);
    expect(petition.thresholds[0].reachedAt).not.toBeNull();
  });
});
