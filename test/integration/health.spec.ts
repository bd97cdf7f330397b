import { loadConfig } from '../../engine/src/config/liquide-config';
import type { HealthReport } from '../../engine/src/health/health.controller';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /health', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('reports the app and its database as up', async () => {
    const response = await fetch(`${sut.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('keeps an idle connection a minute for the next request, and says so', async () => {
    // Node's default is 5 s; a loaded server accepts one new connection per event-loop turn
    const response = await fetch(`${sut.baseUrl}/health`);
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });

  it("answers from the watchdog's last check, at most an interval, a timeout and a second old", async () => {
    const { pingIntervalMs, pingTimeoutMs } = loadConfig(process.env).database.timeouts;
    for (let probe = 0; probe < 5; probe += 1) {
      const body = (await (await fetch(`${sut.baseUrl}/health`)).json()) as HealthReport;
      expect(body.database).toBe('up');
      expect(body.databaseCheckedMsAgo).toBeGreaterThanOrEqual(0);
      expect(body.databaseCheckedMsAgo).toBeLessThanOrEqual(pingIntervalMs + pingTimeoutMs + 1000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('answers an unknown route with a 404 in French by default, in English on request', async () => {
    const fr = await fetch(`${sut.baseUrl}/api/nowhere`);
    expect(fr.status).toBe(404);
    expect(await fr.json()).toMatchObject({
      code: 'common.route_not_found',
      message: 'Cette adresse n’existe pas',
    });
    const en = await fetch(`${sut.baseUrl}/api/nowhere`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(await en.json()).toMatchObject({ message: 'No such route' });
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`${sut.baseUrl}/api/docs-json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ info: { title: 'Liquide API' } });
  });
});
