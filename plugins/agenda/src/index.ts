/**
 * `@liquide/plugin-agenda`: the plugin definition for `apps/server` and its contracts.
 * The web client imports `@liquide/plugin-agenda/contracts` alone (zod only, no server code).
 */
export * from './contracts';
export * from './server';
