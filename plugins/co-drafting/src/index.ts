/**
 * `@liquide/plugin-co-drafting`: the plugin definition for `apps/server` and its contracts.
 * The web client should import `@liquide/plugin-co-drafting/contracts` alone (zod only, no server code).
 */
export * from './contracts';
export * from './server';
