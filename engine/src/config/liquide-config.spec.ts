import { ConfigError, loadConfig } from './liquide-config';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, '/srv/liquide');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  it('gives working defaults for an empty environment', () => {
    const sut = loadConfig({}, '/srv/liquide');
    expect(sut.http).toEqual({
      port: 3000,
      host: '0.0.0.0',
      workers: 1,
      keepAliveTimeoutMs: 65_000,
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 120_000,
      maxConnectionsPerAddress: 512,
    });
    expect(sut.database).toMatchObject({ url: undefined, dataDir: '/srv/liquide/.liquide' });
    expect(sut.oidc).toBeUndefined();
  });

  it('names PORT and its rule when PORT is not a number', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT="abc": must be a whole number from 1 to 65535']);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ PORT: '70000', DATABASE_URL: 'mysql://x', LOG_FORMAT: 'xml' });
    expect(problems.map((p) => p.split('=')[0])).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_URL', 'LOG_FORMAT']),
    );
    expect(problems.join('\n')).toContain('must be a postgres:// or postgresql:// URL');
  });

  it('refuses several workers without Redis to share their live rooms', () => {
    expect(problemsOf({ LIQUIDE_WORKERS: '2' })[0]).toMatch(/^LIQUIDE_WORKERS=2: .*REDIS_URL/);
    expect(loadConfig({ LIQUIDE_WORKERS: '2', REDIS_URL: 'redis://127.0.0.1:6379' }).http.workers).toBe(2);
  });

  it('wants the three OpenID Connect variables together', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://id.example' })[0]).toMatch(
      /OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL/,
    );
  });

  it('bounds every database wait by default, and checks the bounds it is given', () => {
    expect(loadConfig({}).database.timeouts).toEqual({
      connectMs: 5000,
      acquireMs: 10_000,
      statementMs: 60_000,
      queryMs: 65_000,
      idleInTransactionMs: 60_000,
      keepAliveMs: 10_000,
      pingIntervalMs: 250,
      pingTimeoutMs: 500,
    });
    expect(problemsOf({ DATABASE_PING_TIMEOUT_MS: '5000' })).toEqual([
      'DATABASE_PING_TIMEOUT_MS="5000": must be a whole number of milliseconds from 50 to 900',
    ]);
    expect(
      problemsOf({ DATABASE_STATEMENT_TIMEOUT_MS: '9000', DATABASE_QUERY_TIMEOUT_MS: '9000' })[0],
    ).toMatch(/^DATABASE_QUERY_TIMEOUT_MS=9000: must be greater than DATABASE_STATEMENT_TIMEOUT_MS/);
  });
});
