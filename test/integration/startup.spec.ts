import { spawnSync } from 'node:child_process';
import { buildServer, ROOT, SERVER_MAIN } from '../support/built-server';

/** Runs the built server with an environment and returns how it ended (it must end by itself). */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'text', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('Starting the server with a bad configuration', () => {
  beforeAll(() => {
    buildServer();
  }, 120_000);

  it('stops at once with PORT=abc, naming PORT and the rule', () => {
    const { status, output } = start({ PORT: 'abc' });
    expect(status).toBe(1);
    expect(output).toContain('PORT="abc": must be a whole number from 1 to 65535');
  });

  it('says clearly that an unreachable DATABASE_URL cannot be reached, without a stack trace', () => {
    const { status, output } = start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/liquide' });
    expect(status).toBe(1);
    expect(output).toContain('Cannot reach PostgreSQL at postgres://nobody@127.0.0.1:1/liquide');
    expect(output).toContain('Check DATABASE_URL');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
