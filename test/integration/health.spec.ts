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
