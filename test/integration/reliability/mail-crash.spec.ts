import { MikroORM } from '@mikro-orm/postgresql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ENGINE_ENTITIES, loadConfig, messageIdFor, ormOptions, PgMailOutbox } from '@liquide/engine';
import { startServer, type ServerProcess } from '../../../apps/cli/src/bench/votes-server';
import { buildServer } from '../../support/built-server';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const MESSAGES = 1000;
const CONCURRENCY = 4;
const PUBLIC_URL = 'https://vote.crash.test';
/** Kill points, by messages received at the SMTP server. */
const KILL_AFTER = [150, 450, 750];

describe('Crash test: SIGKILL while the outbox sends 1,000 e-mails', () => {
  let db: TestDatabase;
  let smtp: SmtpTestServer;
  let server: ServerProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'liquide-mail-crash-'));

  beforeAll(() => {
    buildServer();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const waitUntil = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: not reached within ${timeoutMs} ms (${smtp.received.length} received)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it(`delivers each of ${MESSAGES} messages, none lost, none with a new identity, through ${KILL_AFTER.length} kills`, async () => {
    db = await createTestDatabase();
    // a slow SMTP server, so that kills land while messages are in flight
    smtp = await startSmtpTestServer({ replyDelayMs: 15 });

    // the batch, enqueued through the real outbox before the server starts
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, PUBLIC_URL });
    const orm = await MikroORM.init(ormOptions({ url: db.url, entities: ENGINE_ENTITIES, migrations: [] }));
    const expected = new Map<string, string>();
    try {
      const outbox = new PgMailOutbox(orm.em, config);
      for (let i = 0; i < MESSAGES; i += 1) {
        const dedupeKey = `notice:crash-${i}`;
        expected.set(messageIdFor(dedupeKey, PUBLIC_URL), dedupeKey);
        await outbox.enqueue({
          to: `member${i}@crash.test`,
          locale: i % 2 ? 'en' : 'fr',
          subject: `Avis ${i}`,
          text: `Avis numéro ${i}`,
          html: `<p>Avis numéro ${i}</p>`,
          dedupeKey,
        });
      }
    } finally {
      await orm.close(true);
    }

    const env = {
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      MAIL_CONCURRENCY: String(CONCURRENCY),
      LIQUIDE_DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
    };
    server = await startServer(db.url, null, env);
    for (const threshold of KILL_AFTER) {
      await waitUntil(() => smtp.received.length >= threshold, `${threshold} messages`);
      process.kill(server.pid, 'SIGKILL');
      await server.stop();
      server = await startServer(db.url, null, env);
    }
    const pending = async () => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ status: string; n: string }>(
          'select status, count(*) as n from mail_outbox group by status',
        );
        return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
      } finally {
        await client.end();
      }
    };
    await waitUntil(async () => (await pending()).sent === MESSAGES, 'every message marked sent', 180_000);

    // counted at the SMTP server, by Message-ID (derived from the dedupe key)
    const byId = new Map<string, number>();
    for (const mail of smtp.received) {
      byId.set(mail.messageId, (byId.get(mail.messageId) ?? 0) + 1);
      expect(expected.get(mail.messageId)).toBe(mail.dedupeKey);
    }
    expect(byId.size).toBe(MESSAGES);
    expect([...expected.keys()].every((id) => byId.has(id))).toBe(true);
    // Copies: only a message the server had accepted when the sender died, before it could mark it
    // sent, goes again — with the same Message-ID. At most one per sending slot and kill.
    const copies = smtp.received.length - MESSAGES;
    expect(copies).toBeLessThanOrEqual(CONCURRENCY * KILL_AFTER.length);
    expect(await pending()).toEqual({ sent: MESSAGES });
    process.stdout.write(
      `mail crash test: ${MESSAGES} messages, ${KILL_AFTER.length} kills, ${copies} resent copies\n`,
    );
  }, 600_000);
});
