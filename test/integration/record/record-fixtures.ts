import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Collective, DEFAULT_COLLECTIVE_SETTINGS, ormOptions } from '@liquide/engine';
import { type RecordService } from '@liquide/engine/record';
import { APP_ENTITIES } from '@liquide/server/persistence';

/** A MikroORM of the test's own on a test database (a second "instance" beside the app). */
export function openOrm(url: string): Promise<MikroORM> {
  return MikroORM.init(ormOptions({ url, entities: APP_ENTITIES, migrations: [] }));
}

/** Inserts a collective, public unless told otherwise, and returns its id. */
export async function insertCollective(orm: MikroORM, options: { public?: boolean } = {}): Promise<string> {
  const collective = new Collective('Collectif de test', `test-${randomBytes(4).toString('hex')}`, {
    ...DEFAULT_COLLECTIVE_SETTINGS,
    public: options.public ?? true,
  });
  await orm.em.fork().persist(collective).flush();
  return collective.id;
}

/** Appends one event in a transaction of its own, as a writer of the domain does. */
export async function appendCommitted(
  orm: MikroORM,
  record: RecordService,
  collectiveId: string,
  type: string,
  payload: unknown,
): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    await record.append(em, collectiveId, type, payload);
  });
}

/**
 * Seals until every event of the collective is sealed. The sealer only takes rows whose writer finished
 * before the oldest transaction still running on the server, so another test file's open transaction can
 * delay sealing by a moment; it never changes the outcome.
 */
export async function sealAll(orm: MikroORM, record: RecordService, collectiveId: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await record.sealNow(collectiveId);
    const [row] = await orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>(
        'select count(*)::int as n from record_event where collective_id = ? and hash is null',
        [collectiveId],
      );
    if (row.n === 0) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`${row.n} event(s) still unsealed after 15 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
