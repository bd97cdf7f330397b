import { MikroORM } from '@mikro-orm/postgresql';
import { Collective, ENGINE_ENTITIES, ENGINE_MIGRATIONS, migrate, ormOptions } from '@liquide/engine';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('PostgreSQL through MikroORM', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(
      ormOptions({ url: db.url, entities: ENGINE_ENTITIES, migrations: ENGINE_MIGRATIONS }),
    );
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('stores a collective and reads it back from another unit of work', async () => {
    const em = orm.em.fork();
    const written = new Collective('MaVoix Paris', 'mavoix-paris');
    await em.persist(written).flush();

    const read = await orm.em.fork().findOneOrFail(Collective, { slug: 'mavoix-paris' });
    expect(read.id).toBe(written.id);
    expect(read.name).toBe('MaVoix Paris');
    expect(read.settings.mandateMethod).toBe('largest-remainder');
    expect(read.createdAt).toBeInstanceOf(Date);
  });

  it('refuses a second collective with the same slug', async () => {
    const em = orm.em.fork();
    await em.persist(new Collective('Un', 'same-slug')).flush();
    await expect(orm.em.fork().persist(new Collective('Deux', 'same-slug')).flush()).rejects.toThrow(
      /unique/i,
    );
  });

  it('applies migrations once: running them again on a migrated database changes nothing', async () => {
    const report = await migrate({ url: db.url, entities: ENGINE_ENTITIES, migrations: ENGINE_MIGRATIONS });
    expect(report.applied).toEqual([]);
  });

  it('lets two migrators start together on a fresh database and applies each migration once', async () => {
    const fresh = await createTestDatabase({ empty: true });
    try {
      const input = { url: fresh.url, entities: ENGINE_ENTITIES, migrations: ENGINE_MIGRATIONS };
      const [first, second] = await Promise.all([migrate(input), migrate(input)]);
      expect([...first.applied, ...second.applied]).toEqual(ENGINE_MIGRATIONS.map((m) => m.name).sort());
      const check = await MikroORM.init(ormOptions({ ...input, migrations: [] }));
      try {
        const rows = await check.em
          .getConnection()
          .execute('select count(*)::int as n from mikro_orm_migrations');
        expect(rows[0].n).toBe(ENGINE_MIGRATIONS.length);
      } finally {
        await check.close(true);
      }
    } finally {
      await fresh.drop();
    }
  });
});
