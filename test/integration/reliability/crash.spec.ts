import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runCrashTest, type CrashReport } from '../../../apps/cli/src/reliability/crash-run';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const ROOT = resolve(__dirname, '../../..');
/** The CI version; `liquide crash-test` runs the long one (2,000 members, 10 kills by default). */
const MEMBERS = 150;
const RATE = 50;
const KILLS = 3;

describe('Crash test: SIGKILL while members vote', () => {
  let db: TestDatabase;

  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it(`keeps every acknowledged vote exactly once through ${KILLS} kills (${MEMBERS} members)`, async () => {
    db = await createTestDatabase();
    const lines: string[] = [];
    const report: CrashReport = await runCrashTest({
      databaseUrl: db.url,
      members: MEMBERS,
      ratePerSecond: RATE,
      kills: KILLS,
      log: (line) => lines.push(line),
    });
    expect(report).toMatchObject({
      members: MEMBERS,
      kills: KILLS,
      acknowledged: MEMBERS,
      stored: { votes: MEMBERS, requests: MEMBERS, events: MEMBERS },
      wrongChoices: 0,
      ok: true,
    });
    expect(report.restartS).toHaveLength(KILLS);
  }, 180_000);
});
