/**
 * `@liquide/plugin-petitions`: the plugin definition for `apps/server` and its contracts.
 * The web client should import `@liquide/plugin-petitions/contracts` alone (zod only, no server code).
 */
export * from './contracts';
export * from './server';
