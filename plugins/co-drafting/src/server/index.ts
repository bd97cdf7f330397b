export { coDraftingPlugin } from './codrafting.plugin';
export { CO_DRAFTING_PLUGIN_ID } from './plugin-id';
export { CO_DRAFTING_ACTIONS, type CoDraftingAction } from './codrafting.actions';
export { CoDraftingErrorCode } from './codrafting.errors';
export * from './commands/codrafting.commands';
export * from './queries/codrafting.queries';
export { Migration20261128001000CoDrafting } from './migrations/Migration20261128001000CoDrafting';
