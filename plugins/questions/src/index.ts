/**
 * `@liquide/plugin-questions`: the plugin definition for `apps/server` and its contracts.
 * The web client imports `@liquide/plugin-questions/contracts` alone (zod only, no server code).
 */
export * from './contracts';
export * from './server';
