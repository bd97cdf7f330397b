import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../support/test-database';
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

/** The lines of the output that report an error: a start fault must be exactly one. */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /\bERROR\b|Error:/.test(line));
}

describe('Every start fault is one line and exit code 1', () => {
  let scratch: string;

  beforeAll(() => {
    buildServer();
    scratch = mkdtempSync(join(tmpdir(), 'liquide-start-'));
    chmodSync(scratch, 0o755); // mkdtemp makes it 0700: the postgres user must get as far as the folder under test
  }, 120_000);

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('says so when LIQUIDE_DATA_DIR is a file', () => {
    const file = join(scratch, 'data-is-a-file');
    writeFileSync(file, 'not a folder\n');
    const { status, output } = start({ LIQUIDE_DATA_DIR: file });
    expect(status).toBe(1);
    expect(errorLines(output)).toEqual([
      expect.stringContaining(`LIQUIDE_DATA_DIR=${file} is a file, not a folder`),
    ]);
    expect(output).not.toMatch(/\n\s+at /);
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot('as root, refuses a data folder the postgres user cannot enter, saying what to do', () => {
    const closed = join(scratch, 'root-only');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    const { status, output } = start({ LIQUIDE_DATA_DIR: join(closed, 'data') });
    expect(status).toBe(1);
    const lines = errorLines(output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`cannot enter ${closed} (mode 700)`);
    expect(lines[0]).toContain('set DATABASE_URL');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('names the port and the fix when PORT is already taken', async () => {
    const db = await createTestDatabase();
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const { status, output } = start({ DATABASE_URL: db.url, PORT: String(port) });
      expect(status).toBe(1);
      expect(errorLines(output)).toEqual([expect.stringContaining(`Port ${port} is already in use`)]);
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
      await db.drop();
    }
  }, 60_000);
});
