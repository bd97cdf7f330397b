import { Collective } from './collectives/collective.entity';
import { Migration20261128000100Collectives } from './collectives/migrations/Migration20261128000100Collectives';
import type { NamedMigration } from './database/mikro-orm.options';
import { Account } from './auth/account.entity';
import { RefreshToken } from './auth/refresh-token.entity';
import { Migration20261128000200Auth } from './auth/migrations/Migration20261128000200Auth';

/** The engine's entities, registered with MikroORM by the application. */
export const ENGINE_ENTITIES = [Collective, Account, RefreshToken];

/** The engine's migrations, kept per module and listed here explicitly. */
export const ENGINE_MIGRATIONS: readonly NamedMigration[] = [
  { name: 'Migration20261128000100Collectives', class: Migration20261128000100Collectives },
  { name: 'Migration20261128000200Auth', class: Migration20261128000200Auth },
];
