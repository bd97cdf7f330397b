import { ENGINE_ENTITIES, ENGINE_MIGRATIONS, type NamedMigration } from '@liquide/engine';

/** Every entity of the engine and the enabled plugins. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const APP_ENTITIES: readonly Function[] = [...ENGINE_ENTITIES];

/** Every migration of the engine and the plugins, applied by `npm run migrate` and at start. */
export const APP_MIGRATIONS: readonly NamedMigration[] = [...ENGINE_MIGRATIONS];
