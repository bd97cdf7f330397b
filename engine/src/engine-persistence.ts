import { Collective } from './collectives/collective.entity';
import { Migration20261128000100Collectives } from './collectives/migrations/Migration20261128000100Collectives';
import type { NamedMigration } from './database/mikro-orm.options';

/** The engine's entities, registered with MikroORM by the application. */
export const ENGINE_ENTITIES = [Collective];

/** The engine's migrations, kept per module and listed here explicitly. */
export const ENGINE_MIGRATIONS: readonly NamedMigration[] = [
  { name: 'Migration20261128000100Collectives', class: Migration20261128000100Collectives },
];
