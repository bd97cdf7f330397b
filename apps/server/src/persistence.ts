import {
  ENGINE_ENTITIES,
  ENGINE_MIGRATIONS,
  pluginEntities,
  pluginMigrations,
  type NamedMigration,
} from '@liquide/engine';
import { APP_PLUGINS } from './app.module';

/** Every entity of the engine and the enabled plugins. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const APP_ENTITIES: readonly Function[] = [...ENGINE_ENTITIES, ...pluginEntities(APP_PLUGINS)];

/** Every migration of the engine and the plugins, applied by `npm run migrate` and at start. */
export const APP_MIGRATIONS: readonly NamedMigration[] = [
  ...ENGINE_MIGRATIONS,
  ...pluginMigrations(APP_PLUGINS),
];
