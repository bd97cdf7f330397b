import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../support/test-app';

const WEB_DIST = join(__dirname, '..', '..', '..', 'apps', 'web', 'dist');

/**
 * The server serves the built web client next to its API: files by their path, index.html for any other
 * page, and never a page (or a file lookup) for its own paths.
 */
describe('Serving the web client next to the API', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  const get = (path: string): Promise<Response> => fetch(`${sut.baseUrl}${path}`);

  it('serves the client’s files, and its page for any page address a member may bookmark', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await (await get('/collectives/some-collective/ballots')).text();
    expect(page).toBe(await home.text());

    const asset = readdirSync(join(WEB_DIST, 'assets')).find((name) => name.endsWith('.js'))!;
    const script = await get(`/assets/${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers its own paths as the API, never with the client’s page', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const unknown = await get('/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await get('/health/index.html')).headers.get('content-type')).not.toMatch(/^text\/html/);
  });
});
